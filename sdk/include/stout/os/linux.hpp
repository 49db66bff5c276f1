// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_LINUX_HPP__
#define __STOUT_OS_LINUX_HPP__

#ifndef __linux__
#error "stout/os/linux.hpp is only available on Linux systems."
#endif // __linux__

#include <sys/sysinfo.h>
#include <sys/types.h>
#include <unistd.h>

#include <set>
#include <string>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/proc.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

#include <stout/os/os.hpp>
#include <stout/os/pagesize.hpp>
#include <stout/os/process.hpp>

namespace os {

// A snapshot of process `pid` from /proc; None if it does not exist.
// `command` is the full command line when readable (see proc::cmdline),
// else the executable name.
inline Result<Process> process(pid_t pid)
{
  static const size_t pageSize = os::pagesize();
  static const long ticks = ::sysconf(_SC_CLK_TCK);
  if (ticks <= 0) {
    return Error("Failed to get sysconf(_SC_CLK_TCK)");
  }

  const Result<proc::ProcessStatus> status = proc::status(pid);
  if (status.isError()) {
    return Error(status.error());
  }
  if (status.isNone()) {
    return None();
  }

  Try<Duration> utime =
    Duration::create(status->utime / static_cast<double>(ticks));
  Try<Duration> stime =
    Duration::create(status->stime / static_cast<double>(ticks));

  Result<std::string> cmdline = proc::cmdline(pid);

  return Process(
      status->pid,
      status->ppid,
      status->pgrp,
      status->session,
      Bytes(static_cast<uint64_t>(status->rss) * pageSize),
      utime.isSome() ? Option<Duration>(utime.get()) : Option<Duration>(),
      stime.isSome() ? Option<Duration>(stime.get()) : Option<Duration>(),
      cmdline.isSome() ? cmdline.get() : status->comm,
      status->state == 'Z');
}


inline Try<std::set<pid_t>> pids()
{
  return proc::pids();
}


// Total and free main and swap memory (sysinfo(2)).
inline Try<Memory> memory()
{
  struct sysinfo info;
  if (::sysinfo(&info) != 0) {
    return ErrnoError();
  }

  Memory memory;
  memory.total = Bytes(static_cast<uint64_t>(info.totalram) * info.mem_unit);
  memory.free = Bytes(static_cast<uint64_t>(info.freeram) * info.mem_unit);
  memory.totalSwap =
    Bytes(static_cast<uint64_t>(info.totalswap) * info.mem_unit);
  memory.freeSwap =
    Bytes(static_cast<uint64_t>(info.freeswap) * info.mem_unit);
  return memory;
}

} // namespace os {

#endif // __STOUT_OS_LINUX_HPP__
