// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_KILL_HPP__
#define __STOUT_OS_KILL_HPP__

#include <signal.h>
#include <sys/types.h>

namespace os {

inline int kill(pid_t pid, int sig)
{
  return ::kill(pid, sig);
}

} // namespace os {

#endif // __STOUT_OS_KILL_HPP__
