// The ResourceEstimator interface (Mesos 1.11.0
// include/mesos/slave/resource_estimator.hpp): for oversubscription, the agent
// asks it which resources may be offered as revocable. initialize receives a
// callback returning the agent's current ResourceUsage; oversubscribable
// completes with the estimate whenever it changes. create() is the agent's
// factory (the `--resource_estimator` flag), defined by the agent's libmesos.

#ifndef __MESOS_SLAVE_RESOURCE_ESTIMATOR_HPP__
#define __MESOS_SLAVE_RESOURCE_ESTIMATOR_HPP__

#include <string>

#include <mesos/resources.hpp>

#include <process/future.hpp>

#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace slave {

class ResourceEstimator
{
public:
  static Try<ResourceEstimator*> create(const Option<std::string>& type);

  virtual ~ResourceEstimator() {}

  virtual Try<Nothing> initialize(
      const lambda::function<process::Future<ResourceUsage>()>& usage) = 0;

  virtual process::Future<Resources> oversubscribable() = 0;
};

} // namespace slave {
} // namespace mesos {

#endif // __MESOS_SLAVE_RESOURCE_ESTIMATOR_HPP__
