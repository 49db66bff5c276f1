// Module<mesos::slave::ResourceEstimator>: how a library declares a ResourceEstimator module (Mesos 1.11.0
// include/mesos/module/resource_estimator.hpp). The kind string is "ResourceEstimator"; create is called
// with the module's parameters and returns the instance (nullptr refuses).

#ifndef __MESOS_MODULE_RESOURCE_ESTIMATOR_HPP__
#define __MESOS_MODULE_RESOURCE_ESTIMATOR_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

#include <mesos/slave/resource_estimator.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::slave::ResourceEstimator>()
{
  return "ResourceEstimator";
}


template <>
struct Module<mesos::slave::ResourceEstimator> : ModuleBase
{
  Module(
      const char* _moduleApiVersion,
      const char* _mesosVersion,
      const char* _authorName,
      const char* _authorEmail,
      const char* _description,
      bool (*_compatible)(),
      mesos::slave::ResourceEstimator* (*_create)(const Parameters& parameters))
    : ModuleBase(
          _moduleApiVersion,
          _mesosVersion,
          mesos::modules::kind<mesos::slave::ResourceEstimator>(),
          _authorName,
          _authorEmail,
          _description,
          _compatible),
      create(_create) {}

  mesos::slave::ResourceEstimator* (*create)(const Parameters& parameters);
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_RESOURCE_ESTIMATOR_HPP__
