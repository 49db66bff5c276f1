// mesos::slave::QoSController::create (Mesos 1.11.0
// src/slave/qos_controller.cpp) and the default controller it returns,
// internal::slave::NoopQoSController (src/slave/qos_controllers/noop.cpp).
//
// Rules, as in Mesos:
// - no type: the noop controller. initialize() spawns its (empty) actor and
//   fails if called twice; corrections() returns a future that is never
//   satisfied, so no correction is ever made;
// - a type names a module the ModuleManager loaded; none is known here (see
//   module_lookup.hpp).

#include <list>
#include <string>

#include <mesos/slave/qos_controller.hpp>

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

using std::list;
using std::string;

using mesos::slave::QoSController;
using mesos::slave::QoSCorrection;

using process::Future;

namespace mesos {
namespace internal {
namespace slave {

class NoopQoSControllerProcess
  : public process::Process<NoopQoSControllerProcess>
{
public:
  NoopQoSControllerProcess()
    : process::ProcessBase(process::ID::generate("qos-noop-controller")) {}
};


class NoopQoSController : public QoSController
{
public:
  ~NoopQoSController() override
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
      return Error("Noop QoS Controller has already been initialized");
    }
    process.reset(new NoopQoSControllerProcess());
    process::spawn(process.get());
    return Nothing();
  }

  Future<list<QoSCorrection>> corrections() override
  {
    return Future<list<QoSCorrection>>();
  }

private:
  process::Owned<NoopQoSControllerProcess> process;
};

} // namespace slave {
} // namespace internal {

namespace slave {

Try<QoSController*> QoSController::create(const Option<string>& type)
{
  if (type.isNone()) {
    return new internal::slave::NoopQoSController();
  }

  Try<QoSController*> module = internal::slave::agentModule<QoSController>(type.get());
  if (module.isError()) {
    return Error(
        "Failed to create QoS Controller module '" + type.get() + "': " + module.error());
  }
  return module.get();
}

} // namespace slave {
} // namespace mesos {
