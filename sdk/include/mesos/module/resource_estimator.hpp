// Module<mesos::slave::ResourceEstimator>: how a library declares a ResourceEstimator module (Mesos 1.11.0
// include/mesos/module/resource_estimator.hpp). The kind string is "ResourceEstimator"; create is called
// with the module's parameters and returns the instance (nullptr refuses).

#ifndef __MESOS_MODULE_RESOURCE_ESTIMATOR_HPP__
#define __MESOS_MODULE_RESOURCE_ESTIMATOR_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>
#include <mesos/sdk/module_kind.hpp>

#include <mesos/slave/resource_estimator.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::slave::ResourceEstimator>()
{
  return "ResourceEstimator";
}


template <>
struct Module<mesos::slave::ResourceEstimator> : KindModule<mesos::slave::ResourceEstimator>
{
  using KindModule<mesos::slave::ResourceEstimator>::KindModule;
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_RESOURCE_ESTIMATOR_HPP__
