// Mesos module SDK: tests for stout os, proc and killtree.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <list>
#include <set>
#include <string>

#include <stout/os.hpp>
#include <stout/os/exists.hpp>
#include <stout/os/getenv.hpp>
#include <stout/os/killtree.hpp>
#include <stout/os/ls.hpp>
#include <stout/os/mkdir.hpp>
#include <stout/os/read.hpp>
#include <stout/os/rm.hpp>
#include <stout/os/touch.hpp>
#include <stout/os/write.hpp>
#include <stout/proc.hpp>

#include "test.hpp"

namespace {

// A fresh directory, removed when the test ends.
class TemporaryDirectory
{
public:
  TemporaryDirectory() : path(os::mkdtemp().get()) {}
  ~TemporaryDirectory() { os::rmdir(path); }

  const std::string path;
};


std::set<std::string> listed(const std::string& directory)
{
  Try<std::list<std::string>> entries = os::ls(directory);
  if (entries.isError()) {
    return {"<error: " + entries.error() + ">"};
  }
  return std::set<std::string>(entries->begin(), entries->end());
}


// Waits (up to ~5s) until `pid` has exited and been reaped, or is a
// zombie / gone for `os::process`.
bool reaped(pid_t pid)
{
  for (int i = 0; i < 500; ++i) {
    int status;
    const pid_t result = ::waitpid(pid, &status, WNOHANG);
    if (result == pid || (result < 0 && errno == ECHILD)) {
      return true;
    }
    ::usleep(10000);
  }
  return false;
}

} // namespace {


TEST(Os, TouchExistsReadWriteRm)
{
  TemporaryDirectory directory;
  const std::string file = path::join(directory.path, "file");

  EXPECT_FALSE(os::exists(file));
  ASSERT_TRUE(os::touch(file).isSome());
  EXPECT_TRUE(os::exists(file));
  EXPECT_EQ(std::string(""), os::read(file).get());
  ASSERT_TRUE(os::touch(file).isSome()); // Existing: times only.

  ASSERT_TRUE(os::write(file, "hello\nworld").isSome());
  EXPECT_EQ(std::string("hello\nworld"), os::read(file).get());
  ASSERT_TRUE(os::write(file, std::string("x\0y", 3)).isSome());
  EXPECT_EQ(std::string("x\0y", 3), os::read(file).get());

  // A large file (several read buffers).
  const std::string big(100000, 'z');
  ASSERT_TRUE(os::write(file, big, true).isSome());
  EXPECT_EQ(big, os::read(file).get());
  EXPECT_EQ(Bytes(100000), os::stat::size(file).get());

  ASSERT_TRUE(os::rm(file).isSome());
  EXPECT_FALSE(os::exists(file));

  EXPECT_EQ(std::string("No such file or directory"), os::read(file).error());
  EXPECT_EQ(std::string("No such file or directory"), os::rm(file).error());
  EXPECT_EQ(std::string("Failed to open file: No such file or directory"),
            os::touch(path::join(directory.path, "no/such")).error());
  EXPECT_EQ(std::string("No such file or directory"),
            os::write(path::join(directory.path, "no/such"), "x").error());
}


TEST(Os, ReadFromDescriptor)
{
  TemporaryDirectory directory;
  const std::string file = path::join(directory.path, "f");
  ASSERT_TRUE(os::write(file, "abcdef").isSome());

  Try<int> fd = os::open(file, O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(fd.isSome());
  EXPECT_EQ(std::string("abcd"), os::read(fd.get(), 4).get());
  EXPECT_EQ(std::string("ef"), os::read(fd.get(), 4).get()); // Short read.
  EXPECT_TRUE(os::read(fd.get(), 4).isNone());               // At EOF.
  EXPECT_TRUE(os::close(fd.get()).isSome());
  EXPECT_TRUE(os::close(fd.get()).isError());
}


TEST(Os, MkdirLsRmdir)
{
  TemporaryDirectory directory;
  const std::string nested = path::join(directory.path, "a/b/c");

  EXPECT_TRUE(os::mkdir(path::join(directory.path, "x/y"), false).isError());
  ASSERT_TRUE(os::mkdir(nested).isSome());
  ASSERT_TRUE(os::mkdir(nested).isSome()); // Existing is fine.
  EXPECT_TRUE(os::stat::isdir(nested));
  EXPECT_EQ(std::string("File exists"), os::mkdir(nested, false).error());

  ASSERT_TRUE(os::touch(path::join(directory.path, "a/f1")).isSome());
  ASSERT_TRUE(os::touch(path::join(directory.path, "a/f2")).isSome());
  ASSERT_EQ(0, ::symlink("/nonexistent", path::join(directory.path, "a/l").c_str()));

  EXPECT_TRUE(listed(path::join(directory.path, "a")) ==
              std::set<std::string>({"b", "f1", "f2", "l"}));
  EXPECT_TRUE(os::stat::islink(path::join(directory.path, "a/l")));
  EXPECT_TRUE(os::exists(path::join(directory.path, "a/l"))); // Dangling.
  EXPECT_TRUE(os::stat::isfile(path::join(directory.path, "a/f1")));

  const std::string missing = path::join(directory.path, "missing");
  EXPECT_EQ("Failed to opendir '" + missing + "': No such file or directory",
            os::ls(missing).error());

  // Non-recursive rmdir refuses a non-empty directory.
  EXPECT_TRUE(os::rmdir(path::join(directory.path, "a"), false).isError());

  // Keep the root, drop the contents.
  ASSERT_TRUE(os::rmdir(path::join(directory.path, "a"), true, false).isSome());
  EXPECT_TRUE(os::exists(path::join(directory.path, "a")));
  EXPECT_TRUE(listed(path::join(directory.path, "a")).empty());

  ASSERT_TRUE(os::rmdir(path::join(directory.path, "a")).isSome());
  EXPECT_FALSE(os::exists(path::join(directory.path, "a")));
  EXPECT_EQ(std::string("No such file or directory"),
            os::rmdir(path::join(directory.path, "a")).error());
}


TEST(Os, EnvironmentAndMisc)
{
  EXPECT_TRUE(os::getenv("SDK_TEST_SURELY_UNSET").isNone());
  os::setenv("SDK_TEST_VAR", "value=1");
  EXPECT_EQ(std::string("value=1"), os::getenv("SDK_TEST_VAR").get());
  EXPECT_EQ(std::string("value=1"), os::environment()["SDK_TEST_VAR"]);
  os::setenv("SDK_TEST_VAR", "other", false); // No overwrite.
  EXPECT_EQ(std::string("value=1"), os::getenv("SDK_TEST_VAR").get());
  os::unsetenv("SDK_TEST_VAR");
  EXPECT_TRUE(os::getenv("SDK_TEST_VAR").isNone());

  EXPECT_FALSE(os::getcwd().empty());
  EXPECT_TRUE(os::exists(::getpid()));
  EXPECT_TRUE(os::which("sh").isSome());
  EXPECT_TRUE(os::which("surely-not-a-command-xyz").isNone());
  EXPECT_GT(os::pagesize(), 0u);
  EXPECT_GT(os::cpus().get(), 0L);
  EXPECT_EQ(std::string("Linux"), os::sysname().get());
  EXPECT_TRUE(os::release().isSome());
  EXPECT_EQ(std::string("libfoo.so"), os::libraries::expandName("foo"));

  Try<std::string> output = os::shell("echo %s-%d", "hi", 5);
  ASSERT_TRUE(output.isSome());
  EXPECT_EQ(std::string("hi-5\n"), output.get());
  EXPECT_EQ(
      std::string("Failed to execute 'exit 3'; the command was either not "
                  "found or exited with a non-zero exit status: 3"),
      os::shell("exit 3").error());

  Option<int> status = os::system("exit 2");
  ASSERT_TRUE(status.isSome());
  EXPECT_EQ(2, WEXITSTATUS(status.get()));

  Result<std::string> user = os::user();
  EXPECT_TRUE(user.isSome());
  if (user.isSome()) {
    EXPECT_EQ(::getuid(), os::getuid(user.get()).get());
    EXPECT_TRUE(os::getgid(user.get()).isSome());
  }
  EXPECT_TRUE(os::getuid(std::string("surely-no-such-user-xyz")).isNone());
  EXPECT_TRUE(os::getgid(std::string("surely-no-such-user-xyz")).isNone());

  TemporaryDirectory directory;
  Result<std::string> real = os::realpath(directory.path + "/.");
  ASSERT_TRUE(real.isSome());
  EXPECT_TRUE(os::realpath(directory.path + "/missing").isNone());

  const std::string from = path::join(directory.path, "from");
  const std::string to = path::join(directory.path, "to");
  ASSERT_TRUE(os::touch(from).isSome());
  ASSERT_TRUE(os::rename(from, to, true).isSome());
  EXPECT_TRUE(os::exists(to) && !os::exists(from));
  ASSERT_TRUE(os::chmod(to, 0700).isSome());
  EXPECT_TRUE(os::permissions(to)->owner.x);
  EXPECT_FALSE(os::permissions(to)->others.r);
  EXPECT_TRUE(os::access(to, R_OK).get());

  Try<std::list<std::string>> matches =
    os::glob(path::join(directory.path, "t*"));
  ASSERT_TRUE(matches.isSome());
  EXPECT_EQ(1u, matches->size());
}


TEST(Proc, StatusOfSelf)
{
  Result<proc::ProcessStatus> status = proc::status(::getpid());
  ASSERT_TRUE(status.isSome());
  EXPECT_EQ(::getpid(), status->pid);
  EXPECT_EQ(::getppid(), status->ppid);
  EXPECT_EQ(::getpgrp(), status->pgrp);
  EXPECT_EQ(::getsid(0), status->session);
  EXPECT_EQ('R', status->state);
  EXPECT_FALSE(status->comm.empty());
  EXPECT_GT(status->num_threads, 0L);
  EXPECT_GT(status->vsize, 0ul);

  // A pid that does not exist.
  EXPECT_TRUE(proc::status(0x3ffffff).isNone());

  Result<std::string> cmdline = proc::cmdline(::getpid());
  ASSERT_TRUE(cmdline.isSome());
  EXPECT_TRUE(strings::endsWith(cmdline.get(), " "));

  Try<std::set<pid_t>> pids = proc::pids();
  ASSERT_TRUE(pids.isSome());
  EXPECT_TRUE(pids->count(::getpid()) == 1);

  Try<std::set<pid_t>> threads = proc::threads(::getpid());
  ASSERT_TRUE(threads.isSome());
  EXPECT_TRUE(threads->count(::getpid()) == 1);

  EXPECT_GT(proc::status().get().btime, 0ull);
  EXPECT_FALSE(proc::cpus().get().empty());

  Result<os::Process> process = os::process(::getpid());
  ASSERT_TRUE(process.isSome());
  EXPECT_EQ(::getppid(), process->parent);
  EXPECT_FALSE(process->zombie);
  EXPECT_TRUE(process->rss.isSome() && process->rss.get() > Bytes(0));
}


TEST(Proc, CommWithSpacesAndParentheses)
{
  int ready[2];
  ASSERT_EQ(0, ::pipe(ready));

  // The child renames itself to a name with spaces and parentheses,
  // which /proc/<pid>/stat shows as "(a (b) c)".
  const pid_t child = ::fork();
  ASSERT_TRUE(child >= 0);
  if (child == 0) {
    ::prctl(PR_SET_NAME, "a (b) c", 0, 0, 0);
    ::write(ready[1], "r", 1);
    ::pause();
    ::_exit(0);
  }
  ::close(ready[1]);
  char byte;
  ASSERT_EQ(1, ::read(ready[0], &byte, 1));
  ::close(ready[0]);

  Result<proc::ProcessStatus> status = proc::status(child);
  ASSERT_TRUE(status.isSome());
  EXPECT_EQ(std::string("a (b) c"), status->comm);
  EXPECT_EQ(::getpid(), status->ppid);

  ::kill(child, SIGKILL);
  EXPECT_TRUE(reaped(child));
}


TEST(Os, KilltreeOnForkedTree)
{
  // child -> grandchild -> great-grandchild, each sleeping; the child
  // leads its own process group.
  int ready[2];
  ASSERT_EQ(0, ::pipe(ready));

  const pid_t child = ::fork();
  ASSERT_TRUE(child >= 0);
  if (child == 0) {
    ::setpgid(0, 0);
    ::close(ready[0]);
    const pid_t grandchild = ::fork();
    if (grandchild == 0) {
      const pid_t great = ::fork();
      if (great == 0) {
        ::write(ready[1], "g", 1);
        ::close(ready[1]);
        ::pause();
        ::_exit(0);
      }
      ::pause();
      ::_exit(0);
    }
    ::pause();
    ::_exit(0);
  }
  ::close(ready[1]);

  char byte;
  ASSERT_EQ(1, ::read(ready[0], &byte, 1));
  ::close(ready[0]);

  // All three exist, as one tree below `child`.
  Try<std::set<pid_t>> descendants = os::children(child);
  ASSERT_TRUE(descendants.isSome());
  EXPECT_EQ(2u, descendants->size());

  Try<os::ProcessTree> tree = os::pstree(child);
  ASSERT_TRUE(tree.isSome());
  EXPECT_EQ(child, tree->process.pid);
  ASSERT_EQ(1u, tree->children.size());
  EXPECT_EQ(1u, tree->children.front().children.size());
  EXPECT_CONTAINS(stringify(tree.get()), "-+- " + stringify(child));

  const std::set<pid_t> all = {
    child, *descendants->begin(), *descendants->rbegin()};

  // Groups, but not sessions: the child shares this process's session
  // (which killtree leaves alone anyway, as the parent's).
  Try<std::list<os::ProcessTree>> killed =
    os::killtree(child, SIGKILL, true);
  ASSERT_TRUE(killed.isSome());
  ASSERT_EQ(1u, killed->size());
  EXPECT_EQ(child, killed->front().process.pid);
  for (pid_t pid : all) {
    EXPECT_TRUE(killed->front().contains(pid));
  }
  EXPECT_CONTAINS(stringify(killed.get()), "[ \n");

  EXPECT_TRUE(reaped(child));

  // The orphaned descendants were killed too (they are reaped by init,
  // or by the subreaper, so wait until they are gone or zombies).
  for (pid_t pid : all) {
    bool gone = false;
    for (int i = 0; i < 500 && !gone; ++i) {
      Result<os::Process> process = os::process(pid);
      gone = process.isNone() || (process.isSome() && process->zombie);
      if (!gone) {
        ::usleep(10000);
      }
    }
    EXPECT_TRUE(gone);
  }

  // A root that is gone: nothing to do.
  Try<std::list<os::ProcessTree>> none = os::killtree(child, SIGKILL);
  ASSERT_TRUE(none.isSome());
  EXPECT_TRUE(none->empty());
}
