// The mesos::Hook virtuals (include/mesos/hook.hpp, Mesos 1.8.0 to 1.11.0),
// in vtable order: the one C++ list from which hook_call.cc prepares calls (the
// child numbers methods in this order), hook_bridge.cc defines the
// Hook class's methods and the addon exports `hookSignatures`. The TS twin is
// SIGNATURES in lib/wire/calls.ts; test/hook-signatures.test.ts compares them.
//
// X(method, returns, result, arguments...): `returns` is the C++ wrapper
// (Result, Future or Try), `result` the value type ("" for Nothing, a
// trailing [] for a list), each argument "name: type" (a trailing ? for an
// Option, [] for a list).
#pragma once

#define MESOS_MODULES_HOOK_METHODS(X)                                                                   \
  X(masterLaunchTaskLabelDecorator, "Result", "mesos.Labels",                                           \
    "taskInfo: mesos.TaskInfo", "frameworkInfo: mesos.FrameworkInfo", "slaveInfo: mesos.SlaveInfo")     \
  X(masterLaunchTaskResourceDecorator, "Result", "mesos.Resource[]",                                    \
    "task: mesos.TaskInfo", "slaveResources: mesos.Resource[]")                                         \
  X(slaveRunTaskLabelDecorator, "Result", "mesos.Labels",                                               \
    "taskInfo: mesos.TaskInfo", "executorInfo: mesos.ExecutorInfo", "frameworkInfo: mesos.FrameworkInfo", \
    "slaveInfo: mesos.SlaveInfo")                                                                       \
  X(masterSlaveLostHook, "Try", "", "slaveInfo: mesos.SlaveInfo")                                       \
  X(slaveExecutorEnvironmentDecorator, "Result", "mesos.Environment", "executorInfo: mesos.ExecutorInfo") \
  X(slavePreLaunchDockerTaskExecutorDecorator, "Future", "mesos.DockerTaskExecutorPrepareInfo",         \
    "taskInfo: mesos.TaskInfo?", "executorInfo: mesos.ExecutorInfo", "containerName: string",           \
    "containerWorkDirectory: string", "mappedSandboxDirectory: string", "env: map<string, string>?")    \
  X(slavePostFetchHook, "Try", "", "containerId: mesos.ContainerID", "directory: string")               \
  X(slaveRemoveExecutorHook, "Try", "", "frameworkInfo: mesos.FrameworkInfo", "executorInfo: mesos.ExecutorInfo") \
  X(slaveTaskStatusDecorator, "Result", "mesos.TaskStatus",                                             \
    "frameworkId: mesos.FrameworkID", "status: mesos.TaskStatus")                                       \
  X(slaveResourcesDecorator, "Result", "mesos.Resource[]", "slaveInfo: mesos.SlaveInfo")                \
  X(slaveAttributesDecorator, "Result", "mesos.Attribute[]", "slaveInfo: mesos.SlaveInfo")
