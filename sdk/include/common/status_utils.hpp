// Compatibility header: Mesos's wait(2) status helpers
// (src/common/status_utils.hpp, not installed by Mesos), which hooks that
// run commands copy along with Mesos's sources. It holds exactly:
//
//   bool WSUCCEEDED(int status)          exited, with status 0
//   std::string WSTRINGIFY(int status)   "exited with status 1",
//                                        "terminated with signal Killed",
//                                        "terminated with signal
//                                         Segmentation fault (core dumped)",
//                                        "stopped on signal Stopped (signal)",
//                                        otherwise "wait status <n>"
//
// (signal names are strsignal(3)'s).

#ifndef __STATUS_UTILS_HPP__
#define __STATUS_UTILS_HPP__

#include <string.h>
#include <sys/wait.h>

#include <string>

#include <stout/option.hpp>
#include <stout/stringify.hpp>

inline bool WSUCCEEDED(int status)
{
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}


inline std::string WSTRINGIFY(int status)
{
  if (WIFEXITED(status)) {
    return "exited with status " + stringify(WEXITSTATUS(status));
  }

  if (WIFSIGNALED(status)) {
    std::string message =
      "terminated with signal " + std::string(strsignal(WTERMSIG(status)));
    if (WCOREDUMP(status)) {
      message += " (core dumped)";
    }
    return message;
  }

  if (WIFSTOPPED(status)) {
    return "stopped on signal " + std::string(strsignal(WSTOPSIG(status)));
  }

  return "wait status " + stringify(status);
}

#endif // __STATUS_UTILS_HPP__
