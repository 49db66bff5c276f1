// The module ABI record every Mesos module library exports (Mesos 1.11.0).
//
// A module is a non-const global of type mesos::modules::Module<Kind>, declared
// at global namespace scope so that its unmangled name is the module name the
// agent passes to dlsym(). The agent reads the record through ModuleBase*, so
// the member order below is the ABI: six C strings, then `compatible`; each
// Module<Kind> specialisation appends its `create` function pointer.

#ifndef __MESOS_MODULE_HPP__
#define __MESOS_MODULE_HPP__

#include <mesos/version.hpp>

// Compared as a string by the agent: anything but "2" is refused.
#define MESOS_MODULE_API_VERSION "2"

namespace mesos {
namespace modules {

struct ModuleBase
{
  ModuleBase(
      const char* _moduleApiVersion,
      const char* _mesosVersion,
      const char* _kind,
      const char* _authorName,
      const char* _authorEmail,
      const char* _description,
      bool (*_compatible)())
    : moduleApiVersion(_moduleApiVersion),
      mesosVersion(_mesosVersion),
      kind(_kind),
      authorName(_authorName),
      authorEmail(_authorEmail),
      description(_description),
      compatible(_compatible) {}

  const char* moduleApiVersion;
  const char* mesosVersion;
  const char* kind;
  const char* authorName;
  const char* authorEmail;
  const char* description;

  // Optional. When null the module's Mesos version must equal the agent's;
  // when set it may only veto a module that passed the version checks.
  bool (*compatible)();
};


// Specialised once per module kind (see mesos/module/<kind>.hpp).
template <typename T>
struct Module;


// The kind string of T, e.g. "Hook"; specialised next to Module<T>.
template <typename T>
const char* kind();

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_HPP__
