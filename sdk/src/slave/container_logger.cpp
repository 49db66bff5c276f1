// mesos::slave::ContainerLogger::create (Mesos 1.11.0
// src/slave/container_logger.cpp) and the default logger it returns,
// internal::slave::SandboxContainerLogger
// (src/slave/container_loggers/sandbox.cpp).
//
// Rules, as in Mesos:
// - no type: the sandbox logger, which sends the container's stdout and
//   stderr to the files "stdout" and "stderr" of its sandbox directory
//   (ContainerConfig.directory); prepare() is answered by an actor;
// - a type names a module the ModuleManager loaded. This libmesos has no
//   agent ModuleManager (the addon's manager is its own), so every name is
//   unknown, which is also what a real libmesos answers in this process;
// - the logger is initialize()d before it is returned; a failure deletes it.

#include <string>

#include <mesos/slave/container_logger.hpp>
#include <mesos/slave/containerizer.hpp>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/id.hpp>
#include <process/owned.hpp>
#include <process/process.hpp>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>

#include "module_lookup.hpp"

using std::string;

using mesos::slave::ContainerConfig;
using mesos::slave::ContainerIO;
using mesos::slave::ContainerLogger;

using process::Future;

namespace mesos {
namespace internal {
namespace slave {

class SandboxContainerLoggerProcess
  : public process::Process<SandboxContainerLoggerProcess>
{
public:
  SandboxContainerLoggerProcess()
    : process::ProcessBase(process::ID::generate("sandbox-logger")) {}

  ContainerIO prepare(const ContainerID&, const ContainerConfig& containerConfig)
  {
    ContainerIO io;
    io.out = ContainerIO::IO::PATH(path::join(containerConfig.directory(), "stdout"));
    io.err = ContainerIO::IO::PATH(path::join(containerConfig.directory(), "stderr"));
    return io;
  }
};


class SandboxContainerLogger : public ContainerLogger
{
public:
  SandboxContainerLogger() : process(new SandboxContainerLoggerProcess())
  {
    process::spawn(process.get());
  }

  ~SandboxContainerLogger() override
  {
    process::terminate(process.get());
    process::wait(process.get());
  }

  Try<Nothing> initialize() override { return Nothing(); }

  Future<ContainerIO> prepare(
      const ContainerID& containerId,
      const ContainerConfig& containerConfig) override
  {
    return process::dispatch(
        process.get(),
        &SandboxContainerLoggerProcess::prepare,
        containerId,
        containerConfig);
  }

private:
  process::Owned<SandboxContainerLoggerProcess> process;
};

} // namespace slave {
} // namespace internal {

namespace slave {

Try<ContainerLogger*> ContainerLogger::create(const Option<string>& type)
{
  ContainerLogger* logger = nullptr;

  if (type.isNone()) {
    logger = new internal::slave::SandboxContainerLogger();
  } else {
    Try<ContainerLogger*> module = internal::slave::agentModule<ContainerLogger>(type.get());
    if (module.isError()) {
      return Error(
          "Failed to create container logger module '" + type.get() + "': " + module.error());
    }
    logger = module.get();
  }

  Try<Nothing> initialize = logger->initialize();
  if (initialize.isError()) {
    delete logger;
    return Error("Failed to initialize container logger module: " + initialize.error());
  }

  return logger;
}

} // namespace slave {
} // namespace mesos {
