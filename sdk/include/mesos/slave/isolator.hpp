// The Isolator interface (Mesos 1.11.0 include/mesos/slave/isolator.hpp): the
// Mesos containerizer calls each isolator through a container's life, in this
// order: prepare (may return what to run inside the container), isolate (with
// the container's pid), watch (completes when a limit is hit), update and
// usage while it runs, status on request, cleanup once it has terminated;
// recover after an agent restart. Every method has a default that does
// nothing and succeeds (watch never completes), so an isolator overrides only
// what it isolates.

#ifndef __MESOS_SLAVE_ISOLATOR_HPP__
#define __MESOS_SLAVE_ISOLATOR_HPP__

#include <sys/types.h>

#include <string>
#include <vector>

#include <google/protobuf/map.h>

#include <mesos/resources.hpp>

#include <mesos/slave/containerizer.hpp>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/owned.hpp>
#include <process/process.hpp>

#include <stout/hashset.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace slave {

class Isolator
{
public:
  virtual ~Isolator() {}

  // Whether the isolator handles nested containers (opt-in).
  virtual bool supportsNesting()
  {
    return false;
  }

  // Whether the isolator handles standalone containers (opt-in).
  virtual bool supportsStandalone()
  {
    return false;
  }

  // After an agent restart: the containers the agent checkpointed, and the
  // orphans only the launcher knows.
  virtual process::Future<Nothing> recover(
      const std::vector<ContainerState>& states,
      const hashset<ContainerID>& orphans)
  {
    return Nothing();
  }

  virtual process::Future<Option<ContainerLaunchInfo>> prepare(
      const ContainerID& containerId,
      const ContainerConfig& containerConfig)
  {
    return None();
  }

  virtual process::Future<Nothing> isolate(
      const ContainerID& containerId,
      pid_t pid)
  {
    return Nothing();
  }

  virtual process::Future<ContainerLimitation> watch(
      const ContainerID& containerId)
  {
    return process::Future<ContainerLimitation>();
  }

  virtual process::Future<Nothing> update(
      const ContainerID& containerId,
      const Resources& resourceRequests,
      const google::protobuf::Map<std::string, Value::Scalar>& resourceLimits = {})
  {
    return Nothing();
  }

  virtual process::Future<ResourceStatistics> usage(
      const ContainerID& containerId)
  {
    return ResourceStatistics();
  }

  virtual process::Future<ContainerStatus> status(
      const ContainerID& containerId)
  {
    return ContainerStatus();
  }

  // Called once per container, after prepare (if it was called) has
  // finished, possibly for a container the isolator does not know.
  virtual process::Future<Nothing> cleanup(
      const ContainerID& containerId)
  {
    return Nothing();
  }
};

} // namespace slave {
} // namespace mesos {

#endif // __MESOS_SLAVE_ISOLATOR_HPP__
