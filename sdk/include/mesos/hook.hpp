// mesos::Hook, the interface of Hook modules (Mesos 1.8.0 to 1.11.0).
//
// The declaration order below is the vtable order a module binary is compiled
// against; every method has an inline default that changes nothing, so a hook
// overrides only what it needs. Result<T>: Some replaces the decorated value,
// None leaves it, Error is logged by the agent and leaves it.

#ifndef __MESOS_HOOK_HPP__
#define __MESOS_HOOK_HPP__

#include <map>
#include <string>

#include <mesos/attributes.hpp>
#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <mesos/module/hook.pb.h>

#include <process/future.hpp>

#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

// Also reachable from this header in Mesos (through process/future.hpp and
// process/pid.hpp -> stout/net.hpp), so hooks use them without including
// them.
#include <process/owned.hpp>

#include <stout/synchronized.hpp>

#include <stout/os/close.hpp>
#include <stout/os/fcntl.hpp>
#include <stout/os/int_fd.hpp>
#include <stout/os/open.hpp>

namespace mesos {

class Hook
{
public:
  virtual ~Hook() {}

  // Master, before a task is sent to an agent: new labels for the task.
  virtual Result<Labels> masterLaunchTaskLabelDecorator(
      const TaskInfo& taskInfo,
      const FrameworkInfo& frameworkInfo,
      const SlaveInfo& slaveInfo)
  {
    return None();
  }

  // Master, before a launch is validated: new resources for the task.
  virtual Result<Resources> masterLaunchTaskResourceDecorator(
      const TaskInfo& task,
      const Resources& slaveResources)
  {
    return None();
  }

  // Agent, before a task is given to its executor: new labels for the task.
  virtual Result<Labels> slaveRunTaskLabelDecorator(
      const TaskInfo& taskInfo,
      const ExecutorInfo& executorInfo,
      const FrameworkInfo& frameworkInfo,
      const SlaveInfo& slaveInfo)
  {
    return None();
  }

  // Master, after an agent was declared lost.
  virtual Try<Nothing> masterSlaveLostHook(const SlaveInfo& slaveInfo)
  {
    return Nothing();
  }

  // Agent, before an executor starts: the environment it gets.
  virtual Result<Environment> slaveExecutorEnvironmentDecorator(
      const ExecutorInfo& executorInfo)
  {
    return None();
  }

  // Agent (Docker containerizer), before a Docker executor or task container
  // is launched. A failed future fails the launch (TASK_FAILED).
  virtual process::Future<Option<DockerTaskExecutorPrepareInfo>>
    slavePreLaunchDockerTaskExecutorDecorator(
        const Option<TaskInfo>& taskInfo,
        const ExecutorInfo& executorInfo,
        const std::string& containerName,
        const std::string& containerWorkDirectory,
        const std::string& mappedSandboxDirectory,
        const Option<std::map<std::string, std::string>>& env)
  {
    return None();
  }

  // Agent, after the fetcher has filled the sandbox.
  virtual Try<Nothing> slavePostFetchHook(
      const ContainerID& containerId,
      const std::string& directory)
  {
    return Nothing();
  }

  // Agent, when an executor is removed.
  virtual Try<Nothing> slaveRemoveExecutorHook(
      const FrameworkInfo& frameworkInfo,
      const ExecutorInfo& executorInfo)
  {
    return Nothing();
  }

  // Agent, for every status update: only `labels` and `container_status` of
  // the result are used.
  virtual Result<TaskStatus> slaveTaskStatusDecorator(
      const FrameworkID& frameworkId,
      const TaskStatus& status)
  {
    return None();
  }

  // Agent start-up: the resources the agent advertises.
  virtual Result<Resources> slaveResourcesDecorator(
      const SlaveInfo& slaveInfo)
  {
    return None();
  }

  // Agent start-up: the attributes the agent advertises.
  virtual Result<Attributes> slaveAttributesDecorator(
      const SlaveInfo& slaveInfo)
  {
    return None();
  }
};

} // namespace mesos {

#endif // __MESOS_HOOK_HPP__
