// The ContainerLogger interface (Mesos 1.11.0
// include/mesos/slave/container_logger.hpp): where a container's stdout and
// stderr go. initialize is called once, before anything else, and may refuse
// (e.g. a tool it needs is missing); prepare is called before each container
// is launched and returns its ContainerIO. A logger must survive an agent
// failover without losing output. create() is the agent's factory (the
// `--container_logger` flag) and is defined by the agent's libmesos.

#ifndef __MESOS_SLAVE_CONTAINER_LOGGER_HPP__
#define __MESOS_SLAVE_CONTAINER_LOGGER_HPP__

#include <map>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>

#include <mesos/slave/containerizer.hpp>

#include <process/future.hpp>
#include <process/shared.hpp>
#include <process/subprocess.hpp>

#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>
#include <stout/unreachable.hpp>

namespace mesos {
namespace slave {

class ContainerLogger
{
public:
  static Try<ContainerLogger*> create(const Option<std::string>& type);

  virtual ~ContainerLogger() {}

  virtual Try<Nothing> initialize() = 0;

  virtual process::Future<ContainerIO> prepare(
      const ContainerID& containerId,
      const ContainerConfig& containerConfig) = 0;
};

} // namespace slave {
} // namespace mesos {

#endif // __MESOS_SLAVE_CONTAINER_LOGGER_HPP__
