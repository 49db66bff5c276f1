// Module<mesos::slave::QoSController>: how a library declares a QoSController module (Mesos 1.11.0
// include/mesos/module/qos_controller.hpp). The kind string is "QoSController"; create is called
// with the module's parameters and returns the instance (nullptr refuses).

#ifndef __MESOS_MODULE_QOS_CONTROLLER_HPP__
#define __MESOS_MODULE_QOS_CONTROLLER_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>
#include <mesos/sdk/module_kind.hpp>

#include <mesos/slave/qos_controller.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::slave::QoSController>()
{
  return "QoSController";
}


template <>
struct Module<mesos::slave::QoSController> : KindModule<mesos::slave::QoSController>
{
  using KindModule<mesos::slave::QoSController>::KindModule;
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_QOS_CONTROLLER_HPP__
