// mesos::slave::ResourceEstimator::create (Mesos 1.11.0
// src/slave/resource_estimator.cpp) and the default estimator it returns,
// internal::slave::NoopResourceEstimator
// (src/slave/resource_estimators/noop.cpp).
//
// Rules, as in Mesos:
// - no type: the noop estimator. initialize() spawns its actor and fails if
//   called twice; oversubscribable() fails before initialize() and otherwise
//   returns a future that is never satisfied (nothing is oversubscribable);
// - a type names a module the ModuleManager loaded; none is known here (see
//   module_lookup.hpp).

#include <string>

#include <mesos/resources.hpp>

#include <mesos/slave/resource_estimator.hpp>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/id.hpp>
#include <process/owned.hpp>
#include <process/process.hpp>

#include <stout/error.hpp>
#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

#include "module_lookup.hpp"

using std::string;

using mesos::slave::ResourceEstimator;

using process::Future;

namespace mesos {
namespace internal {
namespace slave {

class NoopResourceEstimatorProcess
  : public process::Process<NoopResourceEstimatorProcess>
{
public:
  NoopResourceEstimatorProcess()
    : process::ProcessBase(process::ID::generate("noop-resource-estimator")) {}

  Future<Resources> oversubscribable() { return Future<Resources>(); }
};


class NoopResourceEstimator : public ResourceEstimator
{
public:
  ~NoopResourceEstimator() override
  {
    if (process.get() != nullptr) {
      process::terminate(process.get());
      process::wait(process.get());
    }
  }

  Try<Nothing> initialize(
      const lambda::function<Future<ResourceUsage>()>&) override
  {
    if (process.get() != nullptr) {
      return Error("Noop resource estimator has already been initialized");
    }
    process.reset(new NoopResourceEstimatorProcess());
    process::spawn(process.get());
    return Nothing();
  }

  Future<Resources> oversubscribable() override
  {
    if (process.get() == nullptr) {
      return process::Failure("Noop resource estimator is not initialized");
    }
    return process::dispatch(
        process.get(), &NoopResourceEstimatorProcess::oversubscribable);
  }

private:
  process::Owned<NoopResourceEstimatorProcess> process;
};

} // namespace slave {
} // namespace internal {

namespace slave {

Try<ResourceEstimator*> ResourceEstimator::create(const Option<string>& type)
{
  if (type.isNone()) {
    return new internal::slave::NoopResourceEstimator();
  }

  Try<ResourceEstimator*> module = internal::slave::agentModule<ResourceEstimator>(type.get());
  if (module.isError()) {
    return Error(
        "Failed to create resource estimator module '" + type.get() + "': " + module.error());
  }
  return module.get();
}

} // namespace slave {
} // namespace mesos {
