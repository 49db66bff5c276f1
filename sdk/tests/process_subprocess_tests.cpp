// Mesos module SDK: tests for process/subprocess.hpp, process/reap.hpp and
// process/io.hpp.

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <process/future.hpp>
#include <process/io.hpp>
#include <process/reap.hpp>
#include <process/subprocess.hpp>

#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

#include <stout/flags/flags.hpp>

#include "test.hpp"

using process::Future;
using process::Subprocess;

namespace {

// A fresh temporary directory (removed with its files at scope end).
struct TempDir
{
  TempDir()
  {
    char pattern[] = "/tmp/sdk-process-XXXXXX";
    char* made = ::mkdtemp(pattern);
    path = made != nullptr ? made : "";
  }

  ~TempDir()
  {
    if (!path.empty()) {
      const std::string command = "rm -rf '" + path + "'";
      if (::system(command.c_str()) != 0) {}
    }
  }

  std::string file(const std::string& name) const { return path + "/" + name; }

  std::string path;
};


std::string slurp(const std::string& path)
{
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}


// The exit status once the child is gone (-1 if it never was).
int statusOf(const Subprocess& child)
{
  Future<Option<int>> status = child.status();
  if (!status.await(Seconds(30)) || !status.isReady() ||
      status.get().isNone()) {
    return -1;
  }
  return status.get().get();
}

} // namespace {


TEST(ProcessSubprocess, PipesAndExitCode)
{
  Try<Subprocess> child = process::subprocess(
      "read line; echo \"out:$line\"; echo \"err:$line\" 1>&2; exit 3",
      Subprocess::PIPE(),
      Subprocess::PIPE(),
      Subprocess::PIPE());
  ASSERT_TRUE(child.isSome());
  ASSERT_TRUE(child->in().isSome());
  ASSERT_TRUE(child->out().isSome());
  ASSERT_TRUE(child->err().isSome());
  EXPECT_TRUE(child->pid() > 0);

  Future<std::string> out = process::io::read(child->out().get());
  Future<std::string> err = process::io::read(child->err().get());

  Future<Nothing> written =
    process::io::write(child->in().get(), std::string("hello\n"));
  ASSERT_TRUE(written.await(Seconds(10)));
  EXPECT_TRUE(written.isReady());

  const int status = statusOf(child.get());
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(3, WEXITSTATUS(status));

  EXPECT_EQ(std::string("out:hello\n"), out.get());
  EXPECT_EQ(std::string("err:hello\n"), err.get());
}


TEST(ProcessSubprocess, StatusOfASignal)
{
  Try<Subprocess> child = process::subprocess(
      "sleep 30",
      Subprocess::PATH("/dev/null"),
      Subprocess::PIPE(),
      Subprocess::PIPE());
  ASSERT_TRUE(child.isSome());
  EXPECT_TRUE(child->status().isPending());

  ASSERT_EQ(0, ::kill(child->pid(), SIGKILL));
  const int status = statusOf(child.get());
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(SIGKILL, WTERMSIG(status));

  // The pipes see EOF once the child is gone.
  EXPECT_EQ(std::string(""), process::io::read(child->out().get()).get());
}


TEST(ProcessSubprocess, PathAndFd)
{
  TempDir dir;
  ASSERT_FALSE(dir.path.empty());

  {
    std::ofstream input(dir.file("input"));
    input << "from a file\n";
  }

  // PATH: stdin from a file, stdout appended to a file.
  {
    std::ofstream existing(dir.file("output"));
    existing << "before\n";
  }
  Try<Subprocess> cat = process::subprocess(
      "cat",
      Subprocess::PATH(dir.file("input")),
      Subprocess::PATH(dir.file("output")),
      Subprocess::FD(STDERR_FILENO));
  ASSERT_TRUE(cat.isSome());
  EXPECT_EQ(0, statusOf(cat.get()));
  EXPECT_EQ(std::string("before\nfrom a file\n"), slurp(dir.file("output")));
  EXPECT_TRUE(cat->out().isNone());

  // A new output file is created (mode 0644 before the umask).
  Try<Subprocess> created = process::subprocess(
      "echo new",
      Subprocess::PATH("/dev/null"),
      Subprocess::PATH(dir.file("created")),
      Subprocess::FD(STDERR_FILENO));
  ASSERT_TRUE(created.isSome());
  EXPECT_EQ(0, statusOf(created.get()));
  EXPECT_EQ(std::string("new\n"), slurp(dir.file("created")));

  // An unreadable input path fails subprocess() itself.
  Try<Subprocess> missing = process::subprocess(
      "cat",
      Subprocess::PATH(dir.file("no-such-file")),
      Subprocess::PIPE(),
      Subprocess::PIPE());
  ASSERT_TRUE(missing.isError());
  EXPECT_EQ("Failed to open '" + dir.file("no-such-file") +
              "': No such file or directory",
            missing.error());

  // FD, duplicated: the caller's descriptor stays open and usable.
  int fd = ::open(dir.file("fd-out").c_str(),
                  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_TRUE(fd >= 0);
  Try<Subprocess> dup = process::subprocess(
      "echo duplicated",
      Subprocess::PATH("/dev/null"),
      Subprocess::FD(fd),
      Subprocess::FD(STDERR_FILENO));
  ASSERT_TRUE(dup.isSome());
  EXPECT_EQ(0, statusOf(dup.get()));
  EXPECT_TRUE(::fcntl(fd, F_GETFD) != -1);
  EXPECT_EQ(3, static_cast<int>(::write(fd, "me\n", 3)));

  // FD, owned: handed over and closed in the parent.
  Try<Subprocess> owned = process::subprocess(
      "echo owned",
      Subprocess::PATH("/dev/null"),
      Subprocess::FD(fd, Subprocess::IO::OWNED),
      Subprocess::FD(STDERR_FILENO));
  ASSERT_TRUE(owned.isSome());
  EXPECT_EQ(0, statusOf(owned.get()));
  EXPECT_TRUE(::fcntl(fd, F_GETFD) == -1);
  EXPECT_EQ(std::string("duplicated\nme\nowned\n"), slurp(dir.file("fd-out")));
}


TEST(ProcessSubprocess, ArgvEnvironmentAndHooks)
{
  TempDir dir;

  // argv form (PATH lookup) with a replaced environment.
  std::map<std::string, std::string> environment = {
    {"PATH", "/usr/bin:/bin"},
    {"ONLY", "this"},
  };
  Try<Subprocess> env = process::subprocess(
      "sh",
      {"sh", "-c", "echo \"$ONLY:${HOME:-unset}:$0:$1\"", "zero", "one"},
      Subprocess::PATH("/dev/null"),
      Subprocess::PIPE(),
      Subprocess::FD(STDERR_FILENO),
      nullptr,
      environment);
  ASSERT_TRUE(env.isSome());
  EXPECT_EQ(std::string("this:unset:zero:one\n"),
            process::io::read(env->out().get()).get());
  EXPECT_EQ(0, statusOf(env.get()));

  // A program that does not exist: the child exits with the errno.
  Try<Subprocess> missing = process::subprocess(
      "/nonexistent/program",
      {"program"},
      Subprocess::PATH("/dev/null"),
      Subprocess::PIPE(),
      Subprocess::PIPE());
  ASSERT_TRUE(missing.isSome());
  const int status = statusOf(missing.get());
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(ENOENT, WEXITSTATUS(status));
  EXPECT_CONTAINS(
      process::io::read(missing->err().get()).get(),
      "Failed to os::execvpe on path '/nonexistent/program': 2");

  // Child hook CHDIR; a parent hook sees the child's pid before exec.
  std::atomic<pid_t> seen{0};
  Try<Subprocess> hooked = process::subprocess(
      "pwd",
      Subprocess::PATH("/dev/null"),
      Subprocess::PIPE(),
      Subprocess::FD(STDERR_FILENO),
      None(),
      None(),
      {Subprocess::ParentHook([&seen](pid_t pid) -> Try<Nothing> {
        seen = pid;
        return Nothing();
      })},
      {Subprocess::ChildHook::CHDIR(dir.path),
       Subprocess::ChildHook::SETSID()});
  ASSERT_TRUE(hooked.isSome());
  EXPECT_EQ(hooked->pid(), seen.load());
  EXPECT_EQ(dir.path + "\n", process::io::read(hooked->out().get()).get());
  EXPECT_EQ(0, statusOf(hooked.get()));

  // A failing parent hook kills the child and fails subprocess().
  Try<Subprocess> refused = process::subprocess(
      "sleep 30",
      Subprocess::PATH("/dev/null"),
      Subprocess::FD(STDOUT_FILENO),
      Subprocess::FD(STDERR_FILENO),
      None(),
      None(),
      {Subprocess::ParentHook([](pid_t) -> Try<Nothing> {
        return Error("not today");
      })});
  ASSERT_TRUE(refused.isError());
  EXPECT_CONTAINS(refused.error(),
                  "Failed to execute Subprocess::ParentHook in parent for "
                  "child '");
  EXPECT_CONTAINS(refused.error(), "': not today");

  // Descriptors without close-on-exec do not leak into the child, unless
  // whitelisted.
  int leaky = ::open("/dev/null", O_RDONLY); // No O_CLOEXEC.
  ASSERT_TRUE(leaky >= 0);
  const std::string probe = "test -e /proc/self/fd/" + std::to_string(leaky) +
    " && echo open || echo closed";
  Try<Subprocess> closed = process::subprocess(
      probe, Subprocess::PATH("/dev/null"), Subprocess::PIPE(),
      Subprocess::FD(STDERR_FILENO));
  ASSERT_TRUE(closed.isSome());
  EXPECT_EQ(std::string("closed\n"),
            process::io::read(closed->out().get()).get());
  Try<Subprocess> kept = process::subprocess(
      probe, Subprocess::PATH("/dev/null"), Subprocess::PIPE(),
      Subprocess::FD(STDERR_FILENO), None(), None(), {}, {}, {leaky});
  ASSERT_TRUE(kept.isSome());
  EXPECT_EQ(std::string("open\n"), process::io::read(kept->out().get()).get());
  EXPECT_EQ(0, statusOf(closed.get()));
  EXPECT_EQ(0, statusOf(kept.get()));
  ::close(leaky);
}


TEST(ProcessReap, ChildrenAndStrangers)
{
  // A child: its status.
  pid_t pid = ::fork();
  if (pid == 0) {
    ::_exit(7);
  }
  ASSERT_TRUE(pid > 0);
  Future<Option<int>> status = process::reap(pid);
  ASSERT_TRUE(status.await(Seconds(30)));
  ASSERT_TRUE(status.get().isSome());
  EXPECT_TRUE(WIFEXITED(status.get().get()));
  EXPECT_EQ(7, WEXITSTATUS(status.get().get()));

  // A pid that no longer exists: None at once.
  Future<Option<int>> gone = process::reap(pid);
  ASSERT_TRUE(gone.isReady());
  EXPECT_TRUE(gone.get().isNone());

  EXPECT_TRUE(process::MAX_REAP_INTERVAL() == Seconds(1));
}


TEST(ProcessIO, ReadWritePollAndRedirect)
{
  int fds[2];
  ASSERT_EQ(0, ::pipe2(fds, O_CLOEXEC));

  // Single-operation reads need a non-blocking descriptor.
  char buffer[16] = {};
  Future<size_t> refused = process::io::read(fds[0], buffer, sizeof(buffer));
  ASSERT_TRUE(refused.isFailed());
  EXPECT_EQ(std::string("Expected an asynchronous file descriptor."),
            refused.failure());

  ASSERT_TRUE(process::io::prepare_async(fds[0]).isSome());
  ASSERT_TRUE(process::io::prepare_async(fds[1]).isSome());
  EXPECT_TRUE(process::io::is_async(fds[0]).get());

  // A read waits for data (and a zero-size read returns at once).
  EXPECT_EQ(static_cast<size_t>(0),
            process::io::read(fds[0], buffer, 0).get());
  Future<size_t> pending = process::io::read(fds[0], buffer, sizeof(buffer));
  EXPECT_FALSE(pending.await(Milliseconds(30)));
  EXPECT_EQ(static_cast<size_t>(3),
            process::io::write(fds[1], "abc", 3).get());
  EXPECT_EQ(static_cast<size_t>(3), pending.get());
  EXPECT_EQ(std::string("abc"), std::string(buffer, 3));

  // poll() and its discard.
  Future<short> readable = process::io::poll(fds[0], process::io::READ);
  EXPECT_FALSE(readable.await(Milliseconds(20)));
  readable.discard();
  EXPECT_TRUE(readable.isDiscarded());
  EXPECT_EQ(process::io::WRITE,
            process::io::poll(fds[1], process::io::WRITE).get());

  // read(fd) to EOF; discarding a pending one discards it.
  Future<std::string> all = process::io::read(fds[0]);
  std::string big(300 * 1000, 'x');
  Future<Nothing> written = process::io::write(fds[1], big);
  ASSERT_TRUE(written.await(Seconds(10)));
  ::close(fds[1]);
  ASSERT_TRUE(all.await(Seconds(10)));
  EXPECT_EQ(big.size(), all.get().size());

  int more[2];
  ASSERT_EQ(0, ::pipe2(more, O_CLOEXEC));
  Future<std::string> abandoned = process::io::read(more[0]);
  EXPECT_FALSE(abandoned.await(Milliseconds(20)));
  abandoned.discard();
  EXPECT_TRUE(abandoned.await(Seconds(10)));
  EXPECT_TRUE(abandoned.isDiscarded());

  // Bad descriptors.
  Future<std::string> bad = process::io::read(-1);
  ASSERT_TRUE(bad.isFailed());
  EXPECT_EQ(std::string("Bad file descriptor"), bad.failure());

  // redirect() copies to EOF, showing each chunk to the hooks.
  int out[2];
  ASSERT_EQ(0, ::pipe2(out, O_CLOEXEC));
  std::string hooked;
  Future<Nothing> redirected = process::io::redirect(
      more[0], out[1], 4,
      {[&hooked](const std::string& chunk) { hooked += "[" + chunk + "]"; }});
  Future<std::string> copied = process::io::read(out[0]);
  ::close(out[1]); // redirect() holds its own duplicate.
  ASSERT_EQ(10, static_cast<int>(::write(more[1], "0123456789", 10)));
  ::close(more[1]);
  ASSERT_TRUE(redirected.await(Seconds(10)));
  EXPECT_TRUE(redirected.isReady());
  EXPECT_EQ(std::string("0123456789"), copied.get());
  EXPECT_EQ(std::string("[0123][4567][89]"), hooked);

  ::close(fds[0]);
  ::close(more[0]);
  ::close(out[0]);
}


namespace {

struct ChildFlags : public virtual flags::FlagsBase
{
  ChildFlags()
  {
    add(&ChildFlags::name, "name", "A name", std::string("default"));
    add(&ChildFlags::count, "count", "How many", 3);
  }

  std::string name;
  int count;
};

} // namespace {


TEST(ProcessSubprocess, FlagsAppendedToArgv)
{
  ChildFlags flags;
  flags.name = "given";

  Try<Subprocess> child = process::subprocess(
      "sh",
      {"sh", "-c", "for a in \"$@\"; do echo \"$a\"; done", "sh", "first"},
      Subprocess::PATH("/dev/null"),
      Subprocess::PIPE(),
      Subprocess::FD(STDERR_FILENO),
      &flags);
  ASSERT_TRUE(child.isSome());
  const std::string output = process::io::read(child->out().get()).get();
  EXPECT_EQ(0, statusOf(child.get()));

  // The given arguments first, then "--<name>=<value>" in name order.
  EXPECT_EQ(0u, output.find("first\n--count=3\n"));
  EXPECT_CONTAINS(output, "--name=given\n");
}
