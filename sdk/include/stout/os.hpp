// Mesos module SDK: clean-room stout compatibility header.
//
// The umbrella for stout's operating-system helpers. As in Mesos it also
// brings in Bytes, Duration, Error, foreach, None, Nothing, Option,
// path, Result, strings, Try and Version.
#ifndef __STOUT_OS_HPP__
#define __STOUT_OS_HPP__

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

#include <list>
#include <queue>
#include <set>
#include <string>

#include <glog/logging.h>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/exit.hpp>
#include <stout/foreach.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/result.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>
#include <stout/version.hpp>

#include <stout/os/access.hpp>
#include <stout/os/chdir.hpp>
#include <stout/os/close.hpp>
#include <stout/os/constants.hpp>
#include <stout/os/dup.hpp>
#include <stout/os/environment.hpp>
#include <stout/os/exists.hpp>
#include <stout/os/fcntl.hpp>
#include <stout/os/fsync.hpp>
#include <stout/os/getcwd.hpp>
#include <stout/os/getenv.hpp>
#include <stout/os/int_fd.hpp>
#include <stout/os/kill.hpp>
#include <stout/os/ls.hpp>
#include <stout/os/lseek.hpp>
#include <stout/os/mkdir.hpp>
#include <stout/os/mkdtemp.hpp>
#include <stout/os/mktemp.hpp>
#include <stout/os/open.hpp>
#include <stout/os/os.hpp>
#include <stout/os/pagesize.hpp>
#include <stout/os/permissions.hpp>
#include <stout/os/pipe.hpp>
#include <stout/os/process.hpp>
#include <stout/os/pstree.hpp>
#include <stout/os/read.hpp>
#include <stout/os/realpath.hpp>
#include <stout/os/rename.hpp>
#include <stout/os/rm.hpp>
#include <stout/os/rmdir.hpp>
#include <stout/os/shell.hpp>
#include <stout/os/stat.hpp>
#include <stout/os/strerror.hpp>
#include <stout/os/su.hpp>
#include <stout/os/temp.hpp>
#include <stout/os/touch.hpp>
#include <stout/os/utime.hpp>
#include <stout/os/wait.hpp>
#include <stout/os/which.hpp>
#include <stout/os/write.hpp>

#include <stout/os/raw/environment.hpp>

#include <stout/posix/os.hpp>

// Reachable through <stout/os.hpp> in Mesos (by way of headers this SDK does
// not carry, such as os/exec.hpp and os/xattr.hpp); published hooks rely on it.
#include <stout/json.hpp>
#include <stout/jsonify.hpp>
#include <stout/lambda.hpp>
#include <stout/unreachable.hpp>

namespace os {

namespace libraries {

namespace Library {

// "lib" + name + ".so" on Linux.
constexpr const char* prefix = "lib";
constexpr const char* extension = ".so";
constexpr const char* ldPathEnvironmentVariable = "LD_LIBRARY_PATH";

} // namespace Library {


inline std::string expandName(const std::string& libraryName)
{
  return Library::prefix + libraryName + Library::extension;
}


// $LD_LIBRARY_PATH, or "".
inline std::string paths()
{
  return os::getenv(Library::ldPathEnvironmentVariable).getOrElse("");
}


// Takes effect for processes started afterwards.
inline void setPaths(const std::string& newPaths)
{
  os::setenv(Library::ldPathEnvironmentVariable, newPaths);
}


inline void appendPaths(const std::string& newPaths)
{
  const std::string current = paths();
  setPaths(current.empty() ? newPaths : current + ":" + newPaths);
}

} // namespace libraries {


// "Linux" etc.
inline Try<std::string> sysname()
{
  Try<UTSInfo> info = uname();
  if (info.isError()) {
    return Error(info.error());
  }
  return info->sysname;
}


// A snapshot of all processes (those that vanish meanwhile are skipped).
inline Try<std::list<Process>> processes()
{
  const Try<std::set<pid_t>> all = os::pids();
  if (all.isError()) {
    return Error(all.error());
  }

  std::list<Process> result;
  for (pid_t pid : all.get()) {
    const Result<Process> process = os::process(pid);
    if (process.isSome()) {
      result.push_back(process.get());
    }
  }
  return result;
}


inline Option<Process> process(pid_t pid, const std::list<Process>& processes)
{
  for (const Process& process : processes) {
    if (process.pid == pid) {
      return process;
    }
  }
  return None();
}


// The children of `pid` in `processes`, all descendants if `recursive`.
inline std::set<pid_t> children(
    pid_t pid,
    const std::list<Process>& processes,
    bool recursive = true)
{
  std::set<pid_t> descendants;
  std::queue<pid_t> parents;
  parents.push(pid);

  do {
    const pid_t parent = parents.front();
    parents.pop();
    for (const Process& process : processes) {
      if (process.parent == parent &&
          descendants.insert(process.pid).second) {
        parents.push(process.pid);
      }
    }
  } while (recursive && !parents.empty());

  return descendants;
}


inline Try<std::set<pid_t>> children(pid_t pid, bool recursive = true)
{
  const Try<std::list<Process>> all = os::processes();
  if (all.isError()) {
    return Error(all.error());
  }
  return children(pid, all.get(), recursive);
}

} // namespace os {

#include <stout/os/killtree.hpp>

#endif // __STOUT_OS_HPP__
