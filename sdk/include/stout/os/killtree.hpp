// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_KILLTREE_HPP__
#define __STOUT_OS_KILLTREE_HPP__

#include <signal.h>
#include <sys/types.h>

#include <list>
#include <queue>
#include <set>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

#include <stout/os/process.hpp>
#include <stout/os/pstree.hpp>

namespace os {

// Defined in <stout/os.hpp> / <stout/os/linux.hpp> (included below).
inline Try<std::list<Process>> processes();
inline Result<Process> process(pid_t pid);
inline Option<Process> process(pid_t pid, const std::list<Process>& processes);
inline std::set<pid_t> children(
    pid_t pid, const std::list<Process>& processes, bool recursive);


// Sends `signal` to the process tree rooted at `pid`; with `groups` /
// `sessions` also to every process in the process groups / sessions met
// on the way (but not those of the root's parent). Every process is
// SIGSTOPped while the tree is walked, so that none can fork unseen, and
// SIGCONTed after the signal. If `pid` is gone, the trees of the
// processes still in the group / session it led are signalled instead.
// Returns the trees that were signalled.
inline Try<std::list<ProcessTree>> killtree(
    pid_t pid,
    int signal,
    bool groups = false,
    bool sessions = false)
{
  Try<std::list<Process>> all = os::processes();
  if (all.isError()) {
    return Error(all.error());
  }

  std::queue<pid_t> queue;
  Option<Process> root = os::process(pid, all.get());

  if (root.isNone()) {
    for (const Process& process : all.get()) {
      if (groups && process.group == pid) {
        queue.push(process.pid);
      } else if (sessions && process.session.isSome() &&
                 process.session.get() == pid) {
        queue.push(process.pid);
      }
    }
    if (queue.empty()) {
      return std::list<ProcessTree>();
    }
  } else {
    queue.push(pid);
  }

  std::set<pid_t> visitedPids;
  std::set<pid_t> visitedGroups;
  std::set<pid_t> visitedSessions;
  std::list<Process> visitedProcesses;

  // Never climb into the group / session of the root's parent.
  if (root.isSome() && (groups || sessions)) {
    Option<Process> parent = os::process(root->parent, all.get());
    if (parent.isSome()) {
      if (groups) {
        visitedGroups.insert(parent->group);
      }
      if (sessions && parent->session.isSome()) {
        visitedSessions.insert(parent->session.get());
      }
    }
  }

  while (!queue.empty()) {
    const pid_t next = queue.front();
    queue.pop();

    if (visitedPids.count(next) != 0) {
      continue;
    }

    Result<Process> process = os::process(next);
    if (process.isError()) {
      return Error(process.error());
    }
    if (process.isNone()) {
      continue;
    }

    ::kill(next, SIGSTOP);
    visitedPids.insert(next);
    visitedProcesses.push_back(process.get());

    // The process cannot fork any more: list its children now.
    all = os::processes();
    if (all.isError()) {
      return Error(all.error());
    }

    for (pid_t child : os::children(next, all.get(), false)) {
      queue.push(child);
    }

    if (groups && visitedGroups.count(process->group) == 0) {
      for (const Process& other : all.get()) {
        if (other.group == process->group) {
          queue.push(other.pid);
        }
      }
      visitedGroups.insert(process->group);
    }

    if (sessions && process->session.isSome() &&
        visitedSessions.count(process->session.get()) == 0) {
      for (const Process& other : all.get()) {
        if (other.session.isSome() &&
            other.session.get() == process->session.get()) {
          queue.push(other.pid);
        }
      }
      visitedSessions.insert(process->session.get());
    }
  }

  for (pid_t visited : visitedPids) {
    ::kill(visited, signal);
  }

  // A stopped process may not act on a non-terminating signal.
  for (pid_t visited : visitedPids) {
    ::kill(visited, SIGCONT);
  }

  return pstrees(visitedPids, visitedProcesses);
}

} // namespace os {

#include <stout/os.hpp>

#endif // __STOUT_OS_KILLTREE_HPP__
