// What every Module<T> specialisation has in common (SDK-internal; Mesos 1.11.0
// spells it out in each include/mesos/module/<kind>.hpp). A kind's record is
// ModuleBase, with the kind string taken from kind<T>(), followed by one
// function pointer, `create`, that makes an instance from the module's
// parameters (nullptr refuses the module). Each kind header declares
//
//   template <> struct Module<T> : KindModule<T> { using KindModule<T>::KindModule; };
//
// so a library's `Module<T> name(apiVersion, mesosVersion, author, email,
// description, compatible, create)` builds the same 64-byte record as Mesos's.

#ifndef __MESOS_SDK_MODULE_KIND_HPP__
#define __MESOS_SDK_MODULE_KIND_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

namespace mesos {
namespace modules {

template <typename T>
struct KindModule : ModuleBase
{
  // No kind argument: kind<T>() fills it in.
  KindModule(
      const char* _moduleApiVersion,
      const char* _mesosVersion,
      const char* _authorName,
      const char* _authorEmail,
      const char* _description,
      bool (*_compatible)(),
      T* (*_create)(const Parameters& parameters))
    : ModuleBase(
          _moduleApiVersion,
          _mesosVersion,
          mesos::modules::kind<T>(),
          _authorName,
          _authorEmail,
          _description,
          _compatible),
      create(_create) {}

  // Called once per instance with the manifest's (or the caller's) parameters.
  T* (*create)(const Parameters& parameters);
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_SDK_MODULE_KIND_HPP__
