// Module<mesos::slave::QoSController>: how a library declares a QoSController module (Mesos 1.11.0
// include/mesos/module/qos_controller.hpp). The kind string is "QoSController"; create is called
// with the module's parameters and returns the instance (nullptr refuses).

#ifndef __MESOS_MODULE_QOS_CONTROLLER_HPP__
#define __MESOS_MODULE_QOS_CONTROLLER_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

#include <mesos/slave/qos_controller.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::slave::QoSController>()
{
  return "QoSController";
}


template <>
struct Module<mesos::slave::QoSController> : ModuleBase
{
  Module(
      const char* _moduleApiVersion,
      const char* _mesosVersion,
      const char* _authorName,
      const char* _authorEmail,
      const char* _description,
      bool (*_compatible)(),
      mesos::slave::QoSController* (*_create)(const Parameters& parameters))
    : ModuleBase(
          _moduleApiVersion,
          _mesosVersion,
          mesos::modules::kind<mesos::slave::QoSController>(),
          _authorName,
          _authorEmail,
          _description,
          _compatible),
      create(_create) {}

  mesos::slave::QoSController* (*create)(const Parameters& parameters);
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_QOS_CONTROLLER_HPP__
