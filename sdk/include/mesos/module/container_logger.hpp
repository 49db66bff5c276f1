// Module<mesos::slave::ContainerLogger>: how a library declares a ContainerLogger module (Mesos 1.11.0
// include/mesos/module/container_logger.hpp). The kind string is "ContainerLogger"; create is called
// with the module's parameters and returns the instance (nullptr refuses).

#ifndef __MESOS_MODULE_CONTAINER_LOGGER_HPP__
#define __MESOS_MODULE_CONTAINER_LOGGER_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

#include <mesos/slave/container_logger.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::slave::ContainerLogger>()
{
  return "ContainerLogger";
}


template <>
struct Module<mesos::slave::ContainerLogger> : ModuleBase
{
  Module(
      const char* _moduleApiVersion,
      const char* _mesosVersion,
      const char* _authorName,
      const char* _authorEmail,
      const char* _description,
      bool (*_compatible)(),
      mesos::slave::ContainerLogger* (*_create)(const Parameters& parameters))
    : ModuleBase(
          _moduleApiVersion,
          _mesosVersion,
          mesos::modules::kind<mesos::slave::ContainerLogger>(),
          _authorName,
          _authorEmail,
          _description,
          _compatible),
      create(_create) {}

  mesos::slave::ContainerLogger* (*create)(const Parameters& parameters);
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_CONTAINER_LOGGER_HPP__
