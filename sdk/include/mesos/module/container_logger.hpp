// Module<mesos::slave::ContainerLogger>: how a library declares a ContainerLogger module (Mesos 1.11.0
// include/mesos/module/container_logger.hpp). The kind string is "ContainerLogger"; create is called
// with the module's parameters and returns the instance (nullptr refuses).

#ifndef __MESOS_MODULE_CONTAINER_LOGGER_HPP__
#define __MESOS_MODULE_CONTAINER_LOGGER_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>
#include <mesos/sdk/module_kind.hpp>

#include <mesos/slave/container_logger.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::slave::ContainerLogger>()
{
  return "ContainerLogger";
}


template <>
struct Module<mesos::slave::ContainerLogger> : KindModule<mesos::slave::ContainerLogger>
{
  using KindModule<mesos::slave::ContainerLogger>::KindModule;
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_CONTAINER_LOGGER_HPP__
