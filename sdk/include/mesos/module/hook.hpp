// Module<Hook>: how a library declares a Hook module (Mesos 1.11.0).
//
//   mesos::modules::Module<mesos::Hook> org_example_MyHook(
//       MESOS_MODULE_API_VERSION, MESOS_VERSION,
//       "Author", "author@example.com", "What it does.",
//       nullptr,      // compatible
//       createHook);  // mesos::Hook* (*)(const mesos::Parameters&)

#ifndef __MESOS_MODULE_HOOK_HPP__
#define __MESOS_MODULE_HOOK_HPP__

#include <mesos/hook.hpp>
#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::Hook>()
{
  return "Hook";
}


template <>
struct Module<mesos::Hook> : ModuleBase
{
  // No kind argument: kind<mesos::Hook>() fills it in.
  Module(
      const char* _moduleApiVersion,
      const char* _mesosVersion,
      const char* _authorName,
      const char* _authorEmail,
      const char* _description,
      bool (*_compatible)(),
      mesos::Hook* (*_create)(const Parameters& parameters))
    : ModuleBase(
          _moduleApiVersion,
          _mesosVersion,
          mesos::modules::kind<mesos::Hook>(),
          _authorName,
          _authorEmail,
          _description,
          _compatible),
      create(_create) {}

  // Called once per hook instance with the manifest's (or the caller's)
  // parameters; returning nullptr makes the agent refuse the module.
  mesos::Hook* (*create)(const Parameters& parameters);
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_HOOK_HPP__
