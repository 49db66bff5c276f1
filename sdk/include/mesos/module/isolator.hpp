// Module<mesos::slave::Isolator>: how a library declares an Isolator module (Mesos 1.11.0
// include/mesos/module/isolator.hpp). The kind string is "Isolator"; create is called
// with the module's parameters and returns the instance (nullptr refuses).

#ifndef __MESOS_MODULE_ISOLATOR_HPP__
#define __MESOS_MODULE_ISOLATOR_HPP__

#include <mesos/mesos.hpp>
#include <mesos/module.hpp>
#include <mesos/sdk/module_kind.hpp>

#include <mesos/slave/isolator.hpp>

namespace mesos {
namespace modules {

template <>
inline const char* kind<mesos::slave::Isolator>()
{
  return "Isolator";
}


template <>
struct Module<mesos::slave::Isolator> : KindModule<mesos::slave::Isolator>
{
  using KindModule<mesos::slave::Isolator>::KindModule;
};

} // namespace modules {
} // namespace mesos {

#endif // __MESOS_MODULE_ISOLATOR_HPP__
