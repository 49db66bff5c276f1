// The QoSController interface (Mesos 1.11.0
// include/mesos/slave/qos_controller.hpp): for oversubscription, it watches
// the agent's ResourceUsage (through the callback given to initialize) and
// returns corrections, e.g. killing a revocable executor that interferes with
// others. create() is the agent's factory (the `--qos_controller` flag),
// defined by the agent's libmesos.

#ifndef __MESOS_SLAVE_QOS_CONTROLLER_HPP__
#define __MESOS_SLAVE_QOS_CONTROLLER_HPP__

#include <list>
#include <string>

#include <mesos/resources.hpp>

#include <mesos/slave/oversubscription.hpp>

#include <process/future.hpp>
#include <process/queue.hpp>

#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace slave {

class QoSController
{
public:
  static Try<QoSController*> create(const Option<std::string>& type);

  virtual ~QoSController() {}

  virtual Try<Nothing> initialize(
      const lambda::function<process::Future<ResourceUsage>()>& usage) = 0;

  virtual process::Future<std::list<QoSCorrection>> corrections() = 0;
};

} // namespace slave {
} // namespace mesos {

#endif // __MESOS_SLAVE_QOS_CONTROLLER_HPP__
