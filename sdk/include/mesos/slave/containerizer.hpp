// The containerizer's C++ side of mesos/slave/containerizer.proto (Mesos
// 1.11.0 include/mesos/slave/containerizer.hpp): the generated messages, and
// ContainerIO, which tells the containerizer where a container's stdin,
// stdout and stderr go. Each of the three is a file path or a descriptor; a
// descriptor may be owned (closed when the last copy of the IO goes away) or
// borrowed. A pipe to the agent is not offered: a container's output must not
// depend on the agent reading it.

#ifndef __MESOS_SLAVE_CONTAINERIZER_HPP__
#define __MESOS_SLAVE_CONTAINERIZER_HPP__

#include <unistd.h>

#include <string>

#include <process/shared.hpp>
#include <process/subprocess.hpp>

#include <stout/check.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/unreachable.hpp>

#include <stout/os/int_fd.hpp>

#include <mesos/slave/containerizer.pb.h>

namespace mesos {
namespace slave {

struct ContainerIO
{
  class IO
  {
  public:
    enum class Type
    {
      FD,
      PATH
    };

    static IO PATH(const std::string& path)
    {
      return IO(Type::PATH, path);
    }

    static IO FD(int_fd fd, bool closeOnDestruction = true)
    {
      return IO(Type::FD, fd, closeOnDestruction);
    }

    operator process::Subprocess::IO() const
    {
      switch (type_) {
        case Type::FD:
          return process::Subprocess::FD(*fd_);
        case Type::PATH:
          return process::Subprocess::PATH(path_.get());
      }
      UNREACHABLE();
    }

  private:
    // Shared by every copy of an IO; closes an owned descriptor once.
    class FDWrapper
    {
    public:
      FDWrapper(int_fd _fd, bool _closeOnDestruction)
        : fd(_fd), closeOnDestruction(_closeOnDestruction) {}

      FDWrapper(const FDWrapper&) = delete;
      FDWrapper& operator=(const FDWrapper&) = delete;

      ~FDWrapper()
      {
        CHECK(fd >= 0);
        if (closeOnDestruction) {
          ::close(fd);
        }
      }

      operator int_fd() const { return fd; }

    private:
      int_fd fd;
      bool closeOnDestruction;
    };

    IO(Type _type, int_fd _fd, bool closeOnDestruction)
      : type_(_type),
        fd_(new FDWrapper(_fd, closeOnDestruction)),
        path_(None()) {}

    IO(Type _type, const std::string& _path)
      : type_(_type), fd_(), path_(_path) {}

    Type type_;
    process::Shared<FDWrapper> fd_;
    Option<std::string> path_;
  };

  // By default the container shares the agent's own standard streams.
  IO in = IO::FD(STDIN_FILENO, false);
  IO out = IO::FD(STDOUT_FILENO, false);
  IO err = IO::FD(STDERR_FILENO, false);
};

} // namespace slave {
} // namespace mesos {

#endif // __MESOS_SLAVE_CONTAINERIZER_HPP__
