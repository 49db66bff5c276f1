// Mesos module SDK: clean-room libprocess compatibility header.
//
// subprocess(): fork and exec a program with its stdin/stdout/stderr each
// redirected to a pipe (PIPE), a file (PATH) or a given descriptor (FD);
// the exit status arrives as a future.
#ifndef __PROCESS_SUBPROCESS_HPP__
#define __PROCESS_SUBPROCESS_HPP__

#include <sys/types.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <process/future.hpp>
#include <process/io.hpp>

#include <stout/lambda.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace flags {
class FlagsBase;
} // namespace flags {

namespace process {

// A forked and exec'ed child. Copies share the same state; the parent's
// ends of the pipes are closed once the child has terminated and the last
// copy is gone.
class Subprocess
{
public:
  struct ParentHook;
  class ChildHook;

  // How one of stdin/stdout/stderr is set up (see PIPE, PATH, FD).
  class IO
  {
  public:
    // For stdin: the child reads `read`; the parent may write `write`.
    struct InputFileDescriptors
    {
      int_fd read = -1;
      Option<int_fd> write = None();
    };

    // For stdout/stderr: the child writes `write`; the parent may read
    // `read`.
    struct OutputFileDescriptors
    {
      Option<int_fd> read = None();
      int_fd write = -1;
    };

    enum FDType
    {
      // The descriptor is duplicated for the child; the caller keeps it.
      DUPLICATED,

      // The descriptor itself is handed over: it is closed in the parent
      // once the child is started.
      OWNED
    };

  private:
    friend class Subprocess;

    friend Try<Subprocess> subprocess(
        const std::string& path,
        std::vector<std::string> argv,
        const Subprocess::IO& in,
        const Subprocess::IO& out,
        const Subprocess::IO& err,
        const flags::FlagsBase* flags,
        const Option<std::map<std::string, std::string>>& environment,
        const Option<lambda::function<
            pid_t(const lambda::function<int()>&)>>& clone,
        const std::vector<Subprocess::ParentHook>& parent_hooks,
        const std::vector<Subprocess::ChildHook>& child_hooks,
        const std::vector<int_fd>& whitelist_fds);

    IO(const lambda::function<Try<InputFileDescriptors>()>& _input,
       const lambda::function<Try<OutputFileDescriptors>()>& _output)
      : input(_input), output(_output) {}

    lambda::function<Try<InputFileDescriptors>()> input;
    lambda::function<Try<OutputFileDescriptors>()> output;
  };

  // Runs in the parent, with the child's pid, before the child execs
  // (the child waits for all parent hooks). An error kills the child and
  // fails subprocess().
  struct ParentHook
  {
    ParentHook(const lambda::function<Try<Nothing>(pid_t)>& _parent_setup);

    const lambda::function<Try<Nothing>(pid_t)> parent_setup;

    friend class Subprocess;
  };

  // Runs in the child between fork and exec (so it must be
  // async-signal-safe). An error aborts the child.
  class ChildHook
  {
  public:
    // chdir() to `working_directory`.
    static ChildHook CHDIR(const std::string& working_directory);

    // setsid().
    static ChildHook SETSID();

    // dup2(oldFd, newFd).
    static ChildHook DUP2(int oldFd, int newFd);

    // Makes the child go away with the parent: on Linux the child gets
    // SIGKILL when its parent dies, in a process group of its own.
    static ChildHook SUPERVISOR();

    Try<Nothing> operator()() const { return child_setup(); }

  private:
    ChildHook(const lambda::function<Try<Nothing>()>& _child_setup);

    const lambda::function<Try<Nothing>()> child_setup;
  };

  // A new pipe; the parent's end is in()/out()/err().
  static IO PIPE();

  // A file: opened read-only for stdin; created (mode 0644) or appended
  // to for stdout/stderr.
  static IO PATH(const std::string& path);

  // An open descriptor (see FDType).
  static IO FD(int_fd fd, IO::FDType type = IO::DUPLICATED);

  pid_t pid() const { return data->pid; }

  // The parent's end of the stdin/stdout/stderr pipe, if PIPE was used.
  Option<int_fd> in() const { return data->in; }
  Option<int_fd> out() const { return data->out; }
  Option<int_fd> err() const { return data->err; }

  // The exit status (from waitpid(); use WIFEXITED, WEXITSTATUS,
  // WIFSIGNALED, WTERMSIG), once the child has terminated. Discarding it
  // has no effect on the child.
  Future<Option<int>> status() const { return data->status; }

private:
  friend Try<Subprocess> subprocess(
      const std::string& path,
      std::vector<std::string> argv,
      const Subprocess::IO& in,
      const Subprocess::IO& out,
      const Subprocess::IO& err,
      const flags::FlagsBase* flags,
      const Option<std::map<std::string, std::string>>& environment,
      const Option<lambda::function<
          pid_t(const lambda::function<int()>&)>>& clone,
      const std::vector<Subprocess::ParentHook>& parent_hooks,
      const std::vector<Subprocess::ChildHook>& child_hooks,
      const std::vector<int_fd>& whitelist_fds);

  struct Data
  {
    ~Data()
    {
      if (in.isSome()) { ::close(in.get()); }
      if (out.isSome()) { ::close(out.get()); }
      if (err.isSome()) { ::close(err.get()); }
    }

    pid_t pid = -1;

    Option<int_fd> in;
    Option<int_fd> out;
    Option<int_fd> err;

    Future<Option<int>> status;
  };

  Subprocess() : data(new Data()) {}

  std::shared_ptr<Data> data;
};

using InputFileDescriptors = Subprocess::IO::InputFileDescriptors;
using OutputFileDescriptors = Subprocess::IO::OutputFileDescriptors;


// Forks and execs `path` (looked up in PATH -- of `environment` when one
// is given -- if it has no slash) with `argv`, redirecting stdin, stdout
// and stderr as given. `environment` replaces the inherited environment.
// `clone` replaces fork() (it gets the function to run in the child).
// Descriptors not marked close-on-exec are closed in the child, except
// stdin/stdout/stderr and `whitelist_fds`. If exec fails, the child exits
// with the errno as status. `flags`, if given, are appended to argv as
// "--<name>=<value>".
Try<Subprocess> subprocess(
    const std::string& path,
    std::vector<std::string> argv,
    const Subprocess::IO& in = Subprocess::FD(STDIN_FILENO),
    const Subprocess::IO& out = Subprocess::FD(STDOUT_FILENO),
    const Subprocess::IO& err = Subprocess::FD(STDERR_FILENO),
    const flags::FlagsBase* flags = nullptr,
    const Option<std::map<std::string, std::string>>& environment = None(),
    const Option<lambda::function<
        pid_t(const lambda::function<int()>&)>>& clone = None(),
    const std::vector<Subprocess::ParentHook>& parent_hooks = {},
    const std::vector<Subprocess::ChildHook>& child_hooks = {},
    const std::vector<int_fd>& whitelist_fds = {});


// Runs `command` with the shell: "sh -c <command>".
inline Try<Subprocess> subprocess(
    const std::string& command,
    const Subprocess::IO& in = Subprocess::FD(STDIN_FILENO),
    const Subprocess::IO& out = Subprocess::FD(STDOUT_FILENO),
    const Subprocess::IO& err = Subprocess::FD(STDERR_FILENO),
    const Option<std::map<std::string, std::string>>& environment = None(),
    const Option<lambda::function<
        pid_t(const lambda::function<int()>&)>>& clone = None(),
    const std::vector<Subprocess::ParentHook>& parent_hooks = {},
    const std::vector<Subprocess::ChildHook>& child_hooks = {},
    const std::vector<int_fd>& whitelist_fds = {})
{
  std::vector<std::string> argv = {"sh", "-c", command};
  return subprocess(
      "sh",
      argv,
      in,
      out,
      err,
      nullptr,
      environment,
      clone,
      parent_hooks,
      child_hooks,
      whitelist_fds);
}

} // namespace process {

#endif // __PROCESS_SUBPROCESS_HPP__
