// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_PROCESS_HPP__
#define __STOUT_OS_PROCESS_HPP__

#include <sys/types.h>

#include <list>
#include <ostream>
#include <sstream>
#include <string>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

namespace os {

// A snapshot of one process (see os::process(pid)).
struct Process
{
  Process(pid_t _pid,
          pid_t _parent,
          pid_t _group,
          const Option<pid_t>& _session,
          const Option<Bytes>& _rss,
          const Option<Duration>& _utime,
          const Option<Duration>& _stime,
          const std::string& _command,
          bool _zombie)
    : pid(_pid),
      parent(_parent),
      group(_group),
      session(_session),
      rss(_rss),
      utime(_utime),
      stime(_stime),
      command(_command),
      zombie(_zombie) {}

  const pid_t pid;
  const pid_t parent;
  const pid_t group;
  const Option<pid_t> session;
  const Option<Bytes> rss;
  const Option<Duration> utime;
  const Option<Duration> stime;
  const std::string command;
  const bool zombie;

  // Processes compare by pid.
  bool operator<(const Process& p) const { return pid < p.pid; }
  bool operator<=(const Process& p) const { return pid <= p.pid; }
  bool operator>(const Process& p) const { return pid > p.pid; }
  bool operator>=(const Process& p) const { return pid >= p.pid; }
  bool operator==(const Process& p) const { return pid == p.pid; }
  bool operator!=(const Process& p) const { return pid != p.pid; }
};


class ProcessTree;

inline Try<ProcessTree> pstree(pid_t pid, const std::list<Process>& processes);


// A process with its descendants (see os::pstree()).
class ProcessTree
{
public:
  // The subtree rooted at `pid`, if `pid` is in this tree.
  Option<ProcessTree> find(pid_t pid) const
  {
    if (process.pid == pid) {
      return *this;
    }
    for (const ProcessTree& tree : children) {
      Option<ProcessTree> found = tree.find(pid);
      if (found.isSome()) {
        return found;
      }
    }
    return None();
  }

  bool contains(pid_t pid) const { return find(pid).isSome(); }

  operator Process() const { return process; }
  operator pid_t() const { return process.pid; }

  const Process process;
  const std::list<ProcessTree> children;

private:
  friend struct Fork;
  friend Try<ProcessTree> pstree(pid_t, const std::list<Process>&);

  ProcessTree(const Process& _process, const std::list<ProcessTree>& _children)
    : process(_process), children(_children) {}
};


// Drawn like pstree(1):
//   -+- 1 init
//    |--- 10 a
//    \--- 11 (zombie)
inline std::ostream& operator<<(std::ostream& stream, const ProcessTree& tree)
{
  stream << (tree.children.empty() ? "--- " : "-+- ") << tree.process.pid
         << " ";
  if (tree.process.zombie) {
    stream << "(" << tree.process.command << ")";
  } else {
    stream << tree.process.command;
  }

  size_t remaining = tree.children.size();
  for (const ProcessTree& child : tree.children) {
    std::ostringstream out;
    out << child;
    stream << "\n";
    if (--remaining != 0) {
      stream << " |" << strings::replace(out.str(), "\n", "\n |");
    } else {
      stream << " \\" << strings::replace(out.str(), "\n", "\n  ");
    }
  }
  return stream;
}

} // namespace os {


// A list of process trees prints one tree per paragraph inside "[ ]".
inline std::string stringify(const std::list<os::ProcessTree>& list)
{
  std::ostringstream out;
  out << "[ " << std::endl;
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (it != list.begin()) {
      out << std::endl << std::endl;
    }
    out << stringify(*it);
  }
  out << std::endl << "]";
  return out.str();
}

#endif // __STOUT_OS_PROCESS_HPP__
