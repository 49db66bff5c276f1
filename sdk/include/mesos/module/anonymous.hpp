// Module<Anonymous>: a module with no interface of its own (Mesos 1.11.0
// include/mesos/module/anonymous.hpp). The agent or master creates it once at
// start-up, with its parameters, and keeps it alive; its constructor is where
// it starts whatever it runs (a libprocess actor, a thread).

#ifndef __MESOS_MODULE_ANONYMOUS_HPP__
#define __MESOS_MODULE_ANONYMOUS_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>
#include <mesos/sdk/module_kind.hpp>

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
struct Module<Anonymous> : KindModule<Anonymous>
{
  using KindModule<Anonymous>::KindModule;
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_ANONYMOUS_HPP__
