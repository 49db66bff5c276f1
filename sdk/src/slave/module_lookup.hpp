// What Mesos 1.11.0's modules::ModuleManager::create<T>(name)
// (src/module/manager.hpp) answers for a module it has not loaded, which the
// agent-side factories (ContainerLogger, ResourceEstimator, QoSController
// ::create) fall back to when given a module name.
//
// Rule: this libmesos keeps no agent ModuleManager — modules are loaded by the
// mesos-modules manager, which is separate, as it is over a real libmesos —
// so no name is known and the answer is ModuleManager's "unknown" error.

#ifndef __MESOS_SDK_SLAVE_MODULE_LOOKUP_HPP__
#define __MESOS_SDK_SLAVE_MODULE_LOOKUP_HPP__

#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace slave {

template <typename T>
Try<T*> agentModule(const std::string& moduleName)
{
  return Error("Module '" + moduleName + "' unknown");
}

} // namespace slave {
} // namespace internal {
} // namespace mesos {

#endif // __MESOS_SDK_SLAVE_MODULE_LOOKUP_HPP__
