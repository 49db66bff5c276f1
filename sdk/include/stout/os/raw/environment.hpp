// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_RAW_ENVIRONMENT_HPP__
#define __STOUT_OS_RAW_ENVIRONMENT_HPP__

#include <unistd.h>

extern char** environ;

namespace os {
namespace raw {

// The process environment (`environ`).
inline char** environment()
{
  return environ;
}

} // namespace raw {
} // namespace os {

#endif // __STOUT_OS_RAW_ENVIRONMENT_HPP__
