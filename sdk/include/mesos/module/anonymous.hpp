// Module<Anonymous>: a module with no interface of its own (Mesos 1.11.0
// include/mesos/module/anonymous.hpp). The agent or master creates it once at
// start-up, with its parameters, and keeps it alive; its constructor is where
// it starts whatever it runs (a libprocess actor, a thread).

#ifndef __MESOS_MODULE_ANONYMOUS_HPP__
#define __MESOS_MODULE_ANONYMOUS_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

namespace mesos {
namespace modules {

class Anonymous
{
public:
  Anonymous() {}

  virtual ~Anonymous() {}
};


template <>
inline const char* kind<Anonymous>()
{
  return "Anonymous";
}


template <>
struct Module<Anonymous> : ModuleBase
{
  Module(
      const char* _moduleApiVersion,
      const char* _mesosVersion,
      const char* _authorName,
      const char* _authorEmail,
      const char* _description,
      bool (*_compatible)(),
      Anonymous* (*_create)(const Parameters& parameters))
    : ModuleBase(
          _moduleApiVersion,
          _mesosVersion,
          mesos::modules::kind<Anonymous>(),
          _authorName,
          _authorEmail,
          _description,
          _compatible),
      create(_create) {}

  Anonymous* (*create)(const Parameters& parameters);
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_ANONYMOUS_HPP__
