// Mesos module SDK: clean-room stout compatibility header.
//
// The POSIX part of <stout/os.hpp>; include that instead.
#ifndef __STOUT_POSIX_OS_HPP__
#define __STOUT_POSIX_OS_HPP__

#include <errno.h>
#include <glob.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <list>
#include <set>
#include <string>

#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/foreach.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/synchronized.hpp>
#include <stout/try.hpp>
#include <stout/version.hpp>

#include <stout/os/close.hpp>
#include <stout/os/environment.hpp>
#include <stout/os/fcntl.hpp>
#include <stout/os/getcwd.hpp>
#include <stout/os/open.hpp>
#include <stout/os/os.hpp>
#include <stout/os/permissions.hpp>
#include <stout/os/process.hpp>
#include <stout/os/raw/environment.hpp>
#include <stout/os/read.hpp>
#include <stout/os/rename.hpp>
#include <stout/os/shell.hpp>
#include <stout/os/strerror.hpp>
#include <stout/os/su.hpp>
#include <stout/os/write.hpp>

#ifdef __linux__
#include <stout/os/linux.hpp>
#endif // __linux__

namespace os {

using ::gmtime_r;
using ::hstrerror;
using ::random;

inline Try<std::list<Process>> processes();


// waitpid(2) with None for "nothing to report yet" (WNOHANG) and an
// Error ("os::waitpid: Call to `waitpid` failed: <errno text>") for -1.
inline Result<pid_t> waitpid(pid_t pid, int* status, int options)
{
  const pid_t child = ::waitpid(pid, status, options);
  if (child == 0) {
    return None();
  }
  if (child < 0) {
    return ErrnoError("os::waitpid: Call to `waitpid` failed");
  }
  return child;
}


inline void setenv(
    const std::string& key,
    const std::string& value,
    bool overwrite = true)
{
  ::setenv(key.c_str(), value.c_str(), overwrite ? 1 : 0);
}


inline void unsetenv(const std::string& key)
{
  ::unsetenv(key.c_str());
}


// Unsets `key` after overwriting its value in place, so that it does
// not linger in this process's memory (e.g. /proc/<pid>/environ).
inline void eraseenv(const std::string& key)
{
  char* value = ::getenv(key.c_str());
  if (value != nullptr) {
    ::memset(value, '\0', ::strlen(value));
  }
  ::unsetenv(key.c_str());
}


inline Try<Nothing> chmod(const std::string& path, int mode)
{
  if (::chmod(path.c_str(), static_cast<mode_t>(mode)) < 0) {
    return ErrnoError();
  }
  return Nothing();
}


inline Try<Nothing> mknod(const std::string& path, mode_t mode, dev_t dev)
{
  if (::mknod(path.c_str(), mode, dev) < 0) {
    return ErrnoError();
  }
  return Nothing();
}


// Sleeps for `duration` (resuming after signals).
inline Try<Nothing> sleep(const Duration& duration)
{
  timespec remaining;
  remaining.tv_sec = static_cast<time_t>(duration.ns() / 1000000000);
  remaining.tv_nsec = static_cast<long>(duration.ns() % 1000000000);

  while (::nanosleep(&remaining, &remaining) == -1) {
    if (errno != EINTR) {
      return ErrnoError();
    }
  }
  return Nothing();
}


// The paths matching the shell pattern (unsorted); none is not an error.
inline Try<std::list<std::string>> glob(const std::string& pattern)
{
  glob_t matches;
  const int status = ::glob(pattern.c_str(), GLOB_NOSORT, nullptr, &matches);

  std::list<std::string> result;
  if (status == GLOB_NOMATCH) {
    return result;
  }
  if (status != 0) {
    return ErrnoError();
  }

  for (size_t i = 0; i < matches.gl_pathc; ++i) {
    result.push_back(matches.gl_pathv[i]);
  }
  ::globfree(&matches);
  return result;
}


// The number of online processors.
inline Try<long> cpus()
{
  const long count = ::sysconf(_SC_NPROCESSORS_ONLN);
  if (count < 0) {
    return ErrnoError();
  }
  return count;
}


inline Try<Load> loadavg()
{
  double loads[3];
  if (::getloadavg(loads, 3) == -1) {
    return ErrnoError("Failed to determine system load averages");
  }
  Load load;
  load.one = loads[0];
  load.five = loads[1];
  load.fifteen = loads[2];
  return load;
}


inline Try<UTSInfo> uname()
{
  struct utsname name;
  if (::uname(&name) < 0) {
    return ErrnoError();
  }
  UTSInfo info;
  info.sysname = name.sysname;
  info.nodename = name.nodename;
  info.release = name.release;
  info.version = name.version;
  info.machine = name.machine;
  return info;
}


// The pids in process group `group` and/or session `session` (0 means
// the caller's); both none means all pids.
inline Try<std::set<pid_t>> pids(Option<pid_t> group, Option<pid_t> session)
{
  if (group.isNone() && session.isNone()) {
    return os::pids();
  }
  if (group.isSome() && group.get() < 0) {
    return Error("Invalid group");
  }
  if (session.isSome() && session.get() < 0) {
    return Error("Invalid session");
  }

  const Try<std::list<Process>> all = os::processes();
  if (all.isError()) {
    return Error(all.error());
  }

  if (group.isSome() && group.get() == 0) {
    group = ::getpgid(0);
  }
  if (session.isSome() && session.get() == 0) {
    session = ::getsid(0);
  }

  std::set<pid_t> result;
  for (const Process& process : all.get()) {
    const bool inGroup = group.isSome() && group.get() == process.group;
    const bool inSession = session.isSome() && process.session.isSome() &&
                           session.get() == process.session.get();
    if (group.isSome() && session.isSome()) {
      if (inGroup && inSession) {
        result.insert(process.pid);
      }
    } else if (inGroup || inSession) {
      result.insert(process.pid);
    }
  }
  return result;
}


// Runs `tar -czf <archive> <path>`.
inline Try<Nothing> tar(const std::string& path, const std::string& archive)
{
  Try<std::string> output =
    os::shell("tar %s %s %s", "-czf", archive.c_str(), path.c_str());
  if (output.isError()) {
    return Error("Failed to archive " + path + ": " + output.error());
  }
  return Nothing();
}


// The kernel release as a Version (its first three numbers).
inline Try<Version> release()
{
  Try<UTSInfo> info = uname();
  if (info.isError()) {
    return Error(info.error());
  }

  int major = 0;
  int minor = 0;
  int patch = 0;
  if (::sscanf(info->release.c_str(), "%d.%d.%d", &major, &minor, &patch) !=
      3) {
    return Error("Failed to parse: " + info->release);
  }
  return Version(
      static_cast<uint32_t>(major),
      static_cast<uint32_t>(minor),
      static_cast<uint32_t>(patch));
}


inline Try<std::string> var()
{
  return std::string("/var");
}


inline Try<Nothing> dup2(int oldFd, int newFd)
{
  while (::dup2(oldFd, newFd) == -1) {
    if (errno != EINTR) {
      return ErrnoError();
    }
  }
  return Nothing();
}


// The default PATH for processes this host launches.
inline std::string host_default_path()
{
  return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

} // namespace os {

// os::processes() and friends.
#include <stout/os.hpp>

#endif // __STOUT_POSIX_OS_HPP__
