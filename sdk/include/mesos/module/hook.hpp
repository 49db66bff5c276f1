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
#include <mesos/sdk/module_kind.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::Hook>()
{
  return "Hook";
}


template <>
struct Module<mesos::Hook> : KindModule<mesos::Hook>
{
  using KindModule<mesos::Hook>::KindModule;
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_HOOK_HPP__
