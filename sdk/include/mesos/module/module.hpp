// The `Modules` manifest message (agent-modules.json) and its printer.

#ifndef __MESOS_MODULE_MODULE_HPP__
#define __MESOS_MODULE_MODULE_HPP__

#include <ostream>

#include <mesos/module/module.pb.h> // Generated from module.proto.

namespace mesos {

inline std::ostream& operator<<(std::ostream& stream, const Modules& modules)
{
  return stream << modules.DebugString();
}

} // namespace mesos {

#endif // __MESOS_MODULE_MODULE_HPP__
