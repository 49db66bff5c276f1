// Mesos module SDK: clean-room stout compatibility header.
//
// Linux /proc readers.
#ifndef __STOUT_PROC_HPP__
#define __STOUT_PROC_HPP__

#ifndef __linux__
#error "stout/proc.hpp is only available on Linux systems."
#endif // __linux__

#include <sys/types.h>

#include <fstream>
#include <iterator>
#include <list>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/foreach.hpp>
#include <stout/none.hpp>
#include <stout/numify.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/result.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include <stout/os/exists.hpp>
#include <stout/os/ls.hpp>
#include <stout/os/read.hpp>

namespace proc {

// The fields of /proc/<pid>/stat, in file order (see proc(5)).
struct ProcessStatus
{
  ProcessStatus(
      pid_t _pid,
      const std::string& _comm,
      char _state,
      pid_t _ppid,
      pid_t _pgrp,
      pid_t _session,
      int _tty_nr,
      pid_t _tpgid,
      unsigned int _flags,
      unsigned long _minflt,
      unsigned long _cminflt,
      unsigned long _majflt,
      unsigned long _cmajflt,
      unsigned long _utime,
      unsigned long _stime,
      long _cutime,
      long _cstime,
      long _priority,
      long _nice,
      long _num_threads,
      long _itrealvalue,
      unsigned long long _starttime,
      unsigned long _vsize,
      long _rss,
      unsigned long _rsslim,
      unsigned long _startcode,
      unsigned long _endcode,
      unsigned long _startstack,
      unsigned long _kstkeip,
      unsigned long _signal,
      unsigned long _blocked,
      unsigned long _sigcatch,
      unsigned long _wchan,
      unsigned long _nswap,
      unsigned long _cnswap)
    : pid(_pid), comm(_comm), state(_state), ppid(_ppid), pgrp(_pgrp),
      session(_session), tty_nr(_tty_nr), tpgid(_tpgid), flags(_flags),
      minflt(_minflt), cminflt(_cminflt), majflt(_majflt), cmajflt(_cmajflt),
      utime(_utime), stime(_stime), cutime(_cutime), cstime(_cstime),
      priority(_priority), nice(_nice), num_threads(_num_threads),
      itrealvalue(_itrealvalue), starttime(_starttime), vsize(_vsize),
      rss(_rss), rsslim(_rsslim), startcode(_startcode), endcode(_endcode),
      startstack(_startstack), kstkeip(_kstkeip), signal(_signal),
      blocked(_blocked), sigcatch(_sigcatch), wchan(_wchan), nswap(_nswap),
      cnswap(_cnswap) {}

  const pid_t pid;
  const std::string comm;   // Executable name, without the parentheses.
  const char state;         // R, S, D, Z, T, ...
  const pid_t ppid;
  const pid_t pgrp;
  const pid_t session;
  const int tty_nr;
  const pid_t tpgid;
  const unsigned int flags;
  const unsigned long minflt;
  const unsigned long cminflt;
  const unsigned long majflt;
  const unsigned long cmajflt;
  const unsigned long utime;  // Clock ticks.
  const unsigned long stime;  // Clock ticks.
  const long cutime;
  const long cstime;
  const long priority;
  const long nice;
  const long num_threads;
  const long itrealvalue;
  const unsigned long long starttime;
  const unsigned long vsize;  // Bytes.
  const long rss;             // Pages.
  const unsigned long rsslim;
  const unsigned long startcode;
  const unsigned long endcode;
  const unsigned long startstack;
  const unsigned long kstkeip;
  const unsigned long signal;
  const unsigned long blocked;
  const unsigned long sigcatch;
  const unsigned long wchan;
  const unsigned long nswap;
  const unsigned long cnswap;
};


// /proc/<pid>/stat parsed; None if the process does not exist,
// "Failed to read/parse '<path>'" if the file is malformed.
inline Result<ProcessStatus> status(pid_t pid)
{
  const std::string path = "/proc/" + stringify(pid) + "/stat";

  Try<std::string> read = os::read(path);
  if (read.isError()) {
    // Checked after the attempt, so a process that just exited is None.
    if (!os::exists(path)) {
      return None();
    }
    return Error(read.error());
  }

  // "<pid> (<comm>) <state> ...": the name may hold spaces and
  // parentheses, so it spans from the first '(' to the last ')'.
  const std::string& text = read.get();
  const size_t open = text.find('(');
  const size_t close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos ||
      close < open) {
    return Error("Failed to read/parse '" + path + "'");
  }

  const std::string comm = text.substr(open + 1, close - open - 1);
  std::istringstream data(text.substr(close + 1));

  char state;
  pid_t ppid, pgrp, session, tpgid;
  int tty_nr;
  unsigned int flags;
  unsigned long minflt, cminflt, majflt, cmajflt, utime, stime;
  long cutime, cstime, priority, nice, num_threads, itrealvalue;
  unsigned long long starttime;
  unsigned long vsize;
  long rss;
  unsigned long rsslim, startcode, endcode, startstack, kstkeip, signal;
  unsigned long blocked, sigcatch, wchan, nswap, cnswap;

  data >> state >> ppid >> pgrp >> session >> tty_nr >> tpgid >> flags
       >> minflt >> cminflt >> majflt >> cmajflt >> utime >> stime
       >> cutime >> cstime >> priority >> nice >> num_threads
       >> itrealvalue >> starttime >> vsize >> rss >> rsslim >> startcode
       >> endcode >> startstack >> kstkeip >> signal >> blocked
       >> sigcatch >> wchan >> nswap >> cnswap;

  if (data.fail()) {
    return Error("Failed to read/parse '" + path + "'");
  }

  return ProcessStatus(
      pid, comm, state, ppid, pgrp, session, tty_nr, tpgid, flags, minflt,
      cminflt, majflt, cmajflt, utime, stime, cutime, cstime, priority,
      nice, num_threads, itrealvalue, starttime, vsize, rss, rsslim,
      startcode, endcode, startstack, kstkeip, signal, blocked, sigcatch,
      wchan, nswap, cnswap);
}


// The command line of `pid` (default: the kernel's, /proc/cmdline) with
// each argument followed by a space, as stout reports it ("sleep 10 ");
// None if the process does not exist.
inline Result<std::string> cmdline(const Option<pid_t>& pid = None())
{
  const std::string path = pid.isSome()
    ? "/proc/" + stringify(pid.get()) + "/cmdline"
    : "/proc/cmdline";

  std::ifstream file(path.c_str(), std::ios::binary);
  if (!file.is_open()) {
    if (!os::exists(path)) {
      return None();
    }
    return Error("Failed to open '" + path + "'");
  }

  std::string contents(
      (std::istreambuf_iterator<char>(file)),
      std::istreambuf_iterator<char>());
  if (file.bad()) {
    return Error("Failed to read '" + path + "'");
  }

  for (char& c : contents) {
    if (c == '\0') {
      c = ' ';
    }
  }
  return contents;
}


// All pids listed in /proc.
inline Try<std::set<pid_t>> pids()
{
  Try<std::list<std::string>> entries = os::ls("/proc");
  if (entries.isError()) {
    return Error("Failed to list files in /proc: " + entries.error());
  }

  std::set<pid_t> result;
  for (const std::string& entry : entries.get()) {
    Try<pid_t> pid = numify<pid_t>(entry);
    if (pid.isSome()) {
      result.insert(pid.get());
    }
  }

  if (result.empty()) {
    return Error("Failed to determine pids from /proc");
  }
  return result;
}


// The thread ids of `pid` (/proc/<pid>/task).
inline Try<std::set<pid_t>> threads(pid_t pid)
{
  const std::string path = path::join("/proc", stringify(pid), "task");

  Try<std::list<std::string>> entries = os::ls(path);
  if (entries.isError()) {
    return Error("Failed to list files in " + path + ": " + entries.error());
  }

  std::set<pid_t> result;
  for (const std::string& entry : entries.get()) {
    Try<pid_t> thread = numify<pid_t>(entry);
    if (thread.isSome()) {
      result.insert(thread.get());
    }
  }

  if (result.empty()) {
    return Error("Failed to determine thread ids from /proc");
  }
  return result;
}


// System-wide figures from /proc/stat.
struct SystemStatus
{
  SystemStatus(unsigned long long _btime) : btime(_btime) {}

  const unsigned long long btime; // Boot time, seconds since the epoch.
};


inline Try<SystemStatus> status()
{
  std::ifstream file("/proc/stat");
  if (!file.is_open()) {
    return Error("Failed to open /proc/stat");
  }

  unsigned long long btime = 0;
  std::string line;
  while (std::getline(file, line)) {
    if (strings::startsWith(line, "btime ")) {
      Try<unsigned long long> number =
        numify<unsigned long long>(line.substr(6));
      if (number.isError()) {
        return Error("Failed to parse /proc/stat: " + number.error());
      }
      btime = number.get();
      break;
    }
  }

  if (file.fail() && !file.eof()) {
    return Error("Failed to read /proc/stat");
  }
  return SystemStatus(btime);
}


// One logical processor from /proc/cpuinfo.
struct CPU
{
  CPU(unsigned int _id, unsigned int _core, unsigned int _socket)
    : id(_id), core(_core), socket(_socket) {}

  unsigned int id;     // "processor"
  unsigned int core;   // "core id"
  unsigned int socket; // "physical id"
};


inline bool operator==(const CPU& lhs, const CPU& rhs)
{
  return lhs.id == rhs.id && lhs.core == rhs.core && lhs.socket == rhs.socket;
}


// Ordered by socket, then core, then id.
inline bool operator<(const CPU& lhs, const CPU& rhs)
{
  if (lhs.socket != rhs.socket) {
    return lhs.socket < rhs.socket;
  }
  if (lhs.core != rhs.core) {
    return lhs.core < rhs.core;
  }
  return lhs.id < rhs.id;
}


inline std::ostream& operator<<(std::ostream& stream, const CPU& cpu)
{
  return stream << "CPU (id:" << cpu.id << ", core:" << cpu.core
                << ", socket:" << cpu.socket << ")";
}


// The processors of /proc/cpuinfo (core and socket 0 where the file
// does not give them).
inline Try<std::list<CPU>> cpus()
{
  std::ifstream file("/proc/cpuinfo");
  if (!file.is_open()) {
    return Error("Failed to open /proc/cpuinfo");
  }

  std::list<CPU> results;
  Option<unsigned int> id;
  Option<unsigned int> core;
  Option<unsigned int> socket;

  std::string line;
  while (std::getline(file, line)) {
    const bool isProcessor = strings::startsWith(line, "processor");
    const bool isSocket = strings::startsWith(line, "physical id");
    const bool isCore = strings::startsWith(line, "core id");
    if (!isProcessor && !isSocket && !isCore) {
      continue;
    }

    const std::vector<std::string> tokens = strings::tokenize(line, ": ");
    if (tokens.size() < 2) {
      return Error("Unexpected format in /proc/cpuinfo: " + stringify(tokens));
    }

    Try<unsigned int> value = numify<unsigned int>(tokens.back());
    if (value.isError()) {
      return Error(value.error());
    }

    if (isProcessor) {
      if (id.isSome()) {
        results.push_back(CPU(id.get(), 0, 0));
      }
      id = value.get();
    } else if (isSocket) {
      if (socket.isSome()) {
        return Error("Unexpected format in /proc/cpuinfo");
      }
      socket = value.get();
    } else {
      if (core.isSome()) {
        return Error("Unexpected format in /proc/cpuinfo");
      }
      core = value.get();
    }

    if (id.isSome() && core.isSome() && socket.isSome()) {
      results.push_back(CPU(id.get(), core.get(), socket.get()));
      id = None();
      core = None();
      socket = None();
    }
  }

  if (id.isSome()) {
    results.push_back(CPU(id.get(), 0, 0));
  }

  if (file.fail() && !file.eof()) {
    return Error("Failed to read /proc/cpuinfo");
  }
  return results;
}

} // namespace proc {

#endif // __STOUT_PROC_HPP__
