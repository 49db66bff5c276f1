// Mesos module SDK: process::subprocess().
//
// Everything the child needs (argv, envp, descriptors) is prepared before
// fork(); between fork and exec the child only makes async-signal-safe
// calls (plus the child hooks, which must be). The exit status comes from
// process::reap(). Nothing here changes how the hosting program handles
// its own children or signals.

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <glog/logging.h>
#include <glog/raw_logging.h>

#include <process/future.hpp>
#include <process/reap.hpp>
#include <process/subprocess.hpp>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include <stout/flags/flags.hpp>

extern char** environ;

namespace process {

namespace {

Try<Nothing> cloexec(int fd)
{
  const int flags = ::fcntl(fd, F_GETFD);
  if (flags == -1 || ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC) == -1) {
    return ErrnoError();
  }
  return Nothing();
}


void closeAll(std::initializer_list<int> fds)
{
  for (int fd : fds) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
}


void closeAll(
    const InputFileDescriptors& in,
    const OutputFileDescriptors& out,
    const OutputFileDescriptors& err)
{
  closeAll({in.read,
            in.write.getOrElse(-1),
            out.read.getOrElse(-1),
            out.write,
            err.read.getOrElse(-1),
            err.write});
}


void retryDup2(int from, int to)
{
  while (::dup2(from, to) == -1 && errno == EINTR) {}
}


// In the child: closes every descriptor that is not close-on-exec, except
// stdin/stdout/stderr and `whitelist`, then clears close-on-exec on the
// whitelisted ones. Only raw system calls (async-signal-safe).
void handleWhitelist(const int* whitelist, size_t count)
{
  struct LinuxDirent64
  {
    ino64_t d_ino;
    off64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
  };

  const int dir = ::open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    char buffer[4096];
    while (true) {
      const long bytes = ::syscall(SYS_getdents64, dir, buffer, sizeof(buffer));
      if (bytes <= 0) {
        break;
      }
      for (long offset = 0; offset < bytes;) {
        const LinuxDirent64* entry =
          reinterpret_cast<const LinuxDirent64*>(buffer + offset);
        offset += entry->d_reclen;

        int fd = 0;
        const char* c = entry->d_name;
        if (*c < '0' || *c > '9') {
          continue;
        }
        for (; *c >= '0' && *c <= '9'; ++c) {
          fd = fd * 10 + (*c - '0');
        }
        if (*c != '\0' || fd <= STDERR_FILENO || fd == dir) {
          continue;
        }

        bool listed = false;
        for (size_t i = 0; i < count; ++i) {
          listed = listed || whitelist[i] == fd;
        }
        if (listed) {
          continue;
        }

        const int flags = ::fcntl(fd, F_GETFD);
        if (flags != -1 && (flags & FD_CLOEXEC) == 0) {
          ::close(fd);
        }
      }
    }
    ::close(dir);
  }

  for (size_t i = 0; i < count; ++i) {
    const int flags = ::fcntl(whitelist[i], F_GETFD);
    if (flags == -1) {
      ABORT("Failed to get file descriptor flags");
    }
    if (::fcntl(whitelist[i], F_SETFD, flags & ~FD_CLOEXEC) == -1) {
      ABORT("Failed to unset cloexec");
    }
  }
}


// What the child runs after fork(); never returns.
int childMain(
    const char* path,
    char** argv,
    char** envp,
    const InputFileDescriptors& in,
    const OutputFileDescriptors& out,
    const OutputFileDescriptors& err,
    const std::vector<int>& whitelist,
    bool blocking,
    const int* sync,
    const std::vector<Subprocess::ChildHook>& hooks)
{
  // The parent's ends of the pipes.
  if (in.write.isSome()) {
    ::close(in.write.get());
  }
  if (out.read.isSome()) {
    ::close(out.read.get());
  }
  if (err.read.isSome()) {
    ::close(err.read.get());
  }

  if (blocking) {
    ::close(sync[1]);
  }

  retryDup2(in.read, STDIN_FILENO);
  retryDup2(out.write, STDOUT_FILENO);
  retryDup2(err.write, STDERR_FILENO);

  // Close the originals, unless one of them is itself 0, 1 or 2 or the
  // same descriptor as another.
  auto standard = [](int fd) { return fd >= 0 && fd <= STDERR_FILENO; };
  if (!standard(in.read)) {
    ::close(in.read);
  }
  if (!standard(out.write) && out.write != in.read) {
    ::close(out.write);
  }
  if (!standard(err.write) && err.write != in.read &&
      err.write != out.write) {
    ::close(err.write);
  }

  if (blocking) {
    // Wait until the parent hooks have run.
    char dummy;
    ssize_t length;
    while ((length = ::read(sync[0], &dummy, sizeof(dummy))) == -1 &&
           errno == EINTR) {}
    if (length != sizeof(dummy)) {
      ABORT("Failed to synchronize with parent");
    }
    ::close(sync[0]);
  }

  for (const Subprocess::ChildHook& hook : hooks) {
    Try<Nothing> result = hook();
    if (result.isError()) {
      ABORT("Failed to execute Subprocess::ChildHook: " + result.error());
    }
  }

  handleWhitelist(whitelist.data(), whitelist.size());

  // execvp() searches PATH of the environment it runs with: install the
  // child's environment first.
  environ = envp;
  ::execvp(path, argv);

  const int error = errno;
  RAW_LOG(ERROR, "EXIT with status %d: Failed to os::execvpe on path '%s': %d",
          error, path, error);
  ::_exit(error);
}


void supervisorSignalHandler(int)
{
  // The parent died: take the whole process group along.
  ::kill(0, SIGKILL);
  ::_exit(EXIT_FAILURE);
}

} // namespace {


Subprocess::ParentHook::ParentHook(
    const lambda::function<Try<Nothing>(pid_t)>& _parent_setup)
  : parent_setup(_parent_setup) {}


Subprocess::ChildHook::ChildHook(
    const lambda::function<Try<Nothing>()>& _child_setup)
  : child_setup(_child_setup) {}


Subprocess::ChildHook Subprocess::ChildHook::CHDIR(
    const std::string& working_directory)
{
  return ChildHook([working_directory]() -> Try<Nothing> {
    if (::chdir(working_directory.c_str()) != 0) {
      return ErrnoError();
    }
    return Nothing();
  });
}


Subprocess::ChildHook Subprocess::ChildHook::SETSID()
{
  return ChildHook([]() -> Try<Nothing> {
    if (::setsid() == -1) {
      return Error("Could not setsid");
    }
    return Nothing();
  });
}


Subprocess::ChildHook Subprocess::ChildHook::DUP2(int oldFd, int newFd)
{
  return ChildHook([oldFd, newFd]() -> Try<Nothing> {
    if (::dup2(oldFd, newFd) == -1) {
      return ErrnoError();
    }
    return Nothing();
  });
}


Subprocess::ChildHook Subprocess::ChildHook::SUPERVISOR()
{
  return ChildHook([]() -> Try<Nothing> {
    // A process group of its own, killed as a whole when the parent
    // (the hosting program) dies.
    if (::setpgid(0, 0) != 0) {
      return Error("Could not start supervisor process.");
    }

    struct sigaction action = {};
    action.sa_handler = &supervisorSignalHandler;
    sigemptyset(&action.sa_mask);
    if (::sigaction(SIGTERM, &action, nullptr) != 0) {
      return Error("Could not start supervisor process.");
    }

    const pid_t pid = ::fork();
    if (pid == -1) {
      return Error("Could not start supervisor process.");
    }

    if (pid == 0) {
      // The child that goes on to exec.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      return Nothing();
    }

    // The supervisor: waits for the child and passes its exit code on.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    ::close(STDIN_FILENO);
    ::close(STDOUT_FILENO);
    ::close(STDERR_FILENO);

    int status = 0;
    while (::waitpid(pid, &status, 0) == -1) {
      if (errno != EINTR) {
        ::_exit(EXIT_FAILURE);
      }
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE);
  });
}


Subprocess::IO Subprocess::PIPE()
{
  return IO(
      []() -> Try<InputFileDescriptors> {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
          return ErrnoError();
        }
        InputFileDescriptors result;
        result.read = fds[0];
        result.write = fds[1];
        return result;
      },
      []() -> Try<OutputFileDescriptors> {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
          return ErrnoError();
        }
        OutputFileDescriptors result;
        result.read = fds[0];
        result.write = fds[1];
        return result;
      });
}


Subprocess::IO Subprocess::PATH(const std::string& path)
{
  return IO(
      [path]() -> Try<InputFileDescriptors> {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
          return Error(
              "Failed to open '" + path + "': " + ErrnoError().message);
        }
        InputFileDescriptors result;
        result.read = fd;
        return result;
      },
      [path]() -> Try<OutputFileDescriptors> {
        const int fd = ::open(
            path.c_str(),
            O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
            S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
        if (fd < 0) {
          return Error(
              "Failed to open '" + path + "': " + ErrnoError().message);
        }
        OutputFileDescriptors result;
        result.write = fd;
        return result;
      });
}


Subprocess::IO Subprocess::FD(int_fd fd, IO::FDType type)
{
  // The descriptor the child gets: a duplicate, or `fd` itself.
  auto prepare = [fd, type]() -> Try<int> {
    if (type == IO::OWNED) {
      return fd;
    }
    const int copy = ::dup(fd);
    if (copy < 0) {
      return ErrnoError();
    }
    return copy;
  };

  return IO(
      [prepare]() -> Try<InputFileDescriptors> {
        Try<int> prepared = prepare();
        if (prepared.isError()) {
          return Error(prepared.error());
        }
        InputFileDescriptors result;
        result.read = prepared.get();
        return result;
      },
      [prepare]() -> Try<OutputFileDescriptors> {
        Try<int> prepared = prepare();
        if (prepared.isError()) {
          return Error(prepared.error());
        }
        OutputFileDescriptors result;
        result.write = prepared.get();
        return result;
      });
}


Try<Subprocess> subprocess(
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
    const std::vector<int_fd>& whitelist_fds)
{
  // Flags are appended to argv as "--<name>=<value>" (those that have a
  // value), in name order.
  if (flags != nullptr) {
    for (const auto& entry : *flags) {
      const flags::Flag& flag = entry.second;
      Option<std::string> value = flag.stringify(*flags);
      if (value.isSome()) {
        argv.push_back(
            "--" + flag.effective_name().value + "=" + value.get());
      }
    }
  }

  InputFileDescriptors stdinfds;
  OutputFileDescriptors stdoutfds;
  OutputFileDescriptors stderrfds;

  Try<InputFileDescriptors> input = in.input();
  if (input.isError()) {
    return Error(input.error());
  }
  stdinfds = input.get();

  Try<OutputFileDescriptors> output = out.output();
  if (output.isError()) {
    closeAll(stdinfds, stdoutfds, stderrfds);
    return Error(output.error());
  }
  stdoutfds = output.get();

  output = err.output();
  if (output.isError()) {
    closeAll(stdinfds, stdoutfds, stderrfds);
    return Error(output.error());
  }
  stderrfds = output.get();

  for (int fd : {stdinfds.read,
                 stdinfds.write.getOrElse(-1),
                 stdoutfds.read.getOrElse(-1),
                 stdoutfds.write,
                 stderrfds.read.getOrElse(-1),
                 stderrfds.write}) {
    if (fd >= 0) {
      Try<Nothing> result = cloexec(fd);
      if (result.isError()) {
        closeAll(stdinfds, stdoutfds, stderrfds);
        return Error("Failed to cloexec: " + result.error());
      }
    }
  }

  // argv and envp as exec wants them, built before fork().
  std::vector<char*> args;
  for (std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);

  std::vector<std::string> entries;
  std::vector<char*> envs;
  char** envp = environ;
  if (environment.isSome()) {
    for (const auto& variable : environment.get()) {
      entries.push_back(variable.first + "=" + variable.second);
    }
    for (std::string& entry : entries) {
      envs.push_back(const_cast<char*>(entry.c_str()));
    }
    envs.push_back(nullptr);
    envp = envs.data();
  }

  // The child waits on this pipe until the parent hooks have run.
  const bool blocking = !parent_hooks.empty();
  std::array<int, 2> sync = {-1, -1};
  if (blocking && ::pipe2(sync.data(), O_CLOEXEC) != 0) {
    const ErrnoError error("Failed to create a pipe");
    closeAll(stdinfds, stdoutfds, stderrfds);
    return Error(error.message);
  }

  const std::string program = path;
  char** childArgv = args.data();
  const std::vector<int> whitelist(whitelist_fds.begin(), whitelist_fds.end());

  lambda::function<int()> child = [&]() {
    return childMain(
        program.c_str(),
        childArgv,
        envp,
        stdinfds,
        stdoutfds,
        stderrfds,
        whitelist,
        blocking,
        sync.data(),
        child_hooks);
  };

  pid_t pid;
  if (clone.isSome()) {
    pid = clone.get()(child);
  } else {
    pid = ::fork();
    if (pid == 0) {
      ::_exit(child());
    }
  }

  if (pid == -1) {
    const ErrnoError error("Failed to clone");
    closeAll(stdinfds, stdoutfds, stderrfds);
    if (blocking) {
      closeAll({sync[0], sync[1]});
    }
    return Error(error.message);
  }

  // The child's ends belong to the child now.
  closeAll({stdinfds.read, stdoutfds.write, stderrfds.write});

  if (blocking) {
    ::close(sync[0]);

    for (const Subprocess::ParentHook& hook : parent_hooks) {
      Try<Nothing> result = hook.parent_setup(pid);
      if (result.isError()) {
        LOG(WARNING)
          << "Failed to execute Subprocess::ParentHook in parent for child '"
          << pid << "': " << result.error();
        ::kill(pid, SIGKILL);
        ::close(sync[1]);
        closeAll({stdinfds.write.getOrElse(-1),
                  stdoutfds.read.getOrElse(-1),
                  stderrfds.read.getOrElse(-1)});
        return Error(
            "Failed to execute Subprocess::ParentHook in parent for child '" +
            stringify(pid) + "': " + result.error());
      }
    }

    const char dummy = 0;
    ssize_t length;
    while ((length = ::write(sync[1], &dummy, sizeof(dummy))) == -1 &&
           errno == EINTR) {}
    ::close(sync[1]);

    if (length != sizeof(dummy)) {
      ::kill(pid, SIGKILL);
      closeAll({stdinfds.write.getOrElse(-1),
                stdoutfds.read.getOrElse(-1),
                stderrfds.read.getOrElse(-1)});
      return Error("Failed to synchronize child process");
    }
  }

  Subprocess process;
  process.data->pid = pid;
  process.data->in = stdinfds.write;
  process.data->out = stdoutfds.read;
  process.data->err = stderrfds.read;

  // Our own promise (not reap()'s future) so that a discard by the caller
  // cannot cut the link; the callback keeps a copy of the Subprocess so
  // the pipes stay open until the child is gone.
  std::shared_ptr<Promise<Option<int>>> promise =
    std::make_shared<Promise<Option<int>>>();
  process.data->status = promise->future();

  reap(pid).onAny([promise, process](const Future<Option<int>>& result) {
    if (result.isReady()) {
      promise->set(result.get());
    } else if (result.isFailed()) {
      promise->fail(result.failure());
    } else {
      promise->discard();
    }
  });

  return process;
}

} // namespace process {
