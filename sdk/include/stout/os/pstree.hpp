// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_PSTREE_HPP__
#define __STOUT_OS_PSTREE_HPP__

#include <unistd.h>

#include <list>
#include <set>
#include <string>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include <stout/os/process.hpp>

namespace os {

inline Try<std::list<Process>> processes();


// The tree rooted at `pid` built from `processes`, or
// "No process found at <pid>".
inline Try<ProcessTree> pstree(
    pid_t pid,
    const std::list<Process>& processes)
{
  std::list<ProcessTree> children;
  for (const Process& process : processes) {
    if (process.parent == pid) {
      Try<ProcessTree> child = pstree(process.pid, processes);
      if (child.isError()) {
        return Error(child.error());
      }
      children.push_back(child.get());
    }
  }

  for (const Process& process : processes) {
    if (process.pid == pid) {
      return ProcessTree(process, children);
    }
  }

  return Error("No process found at " + stringify(pid));
}


// The tree of `pid` from a fresh process listing; None means pid 1 and
// 0 the calling process.
inline Try<ProcessTree> pstree(Option<pid_t> pid = None())
{
  if (pid.isNone()) {
    pid = 1;
  } else if (pid.get() == 0) {
    pid = ::getpid();
  }

  const Try<std::list<Process>> all = os::processes();
  if (all.isError()) {
    return Error(all.error());
  }
  return pstree(pid.get(), all.get());
}


// The fewest disjoint trees that cover all `pids`.
inline Try<std::list<ProcessTree>> pstrees(
    const std::set<pid_t>& pids,
    const std::list<Process>& processes)
{
  std::list<ProcessTree> trees;
  for (pid_t pid : pids) {
    bool covered = false;
    for (const ProcessTree& tree : trees) {
      if (tree.contains(pid)) {
        covered = true;
        break;
      }
    }
    if (covered) {
      continue;
    }

    Try<ProcessTree> tree = pstree(pid, processes);
    if (tree.isError()) {
      return Error(tree.error());
    }

    // Drop the trees the new one swallows.
    std::list<ProcessTree> kept;
    for (const ProcessTree& other : trees) {
      if (!tree->contains(other.process.pid)) {
        kept.push_back(other);
      }
    }
    kept.push_back(tree.get());
    trees.clear();
    for (const ProcessTree& t : kept) {
      trees.push_back(t);
    }
  }
  return trees;
}

} // namespace os {

// os::processes() and friends.
#include <stout/os.hpp>

#endif // __STOUT_OS_PSTREE_HPP__
