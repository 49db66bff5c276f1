// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_OPEN_HPP__
#define __STOUT_OS_OPEN_HPP__

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

#include <stout/os/int_fd.hpp>

namespace os {

// open(2); the errno text on failure.
inline Try<int_fd> open(const std::string& path, int oflag, mode_t mode = 0)
{
  const int_fd fd = ::open(path.c_str(), oflag, mode);
  if (fd < 0) {
    return ErrnoError();
  }
  return fd;
}

} // namespace os {

#endif // __STOUT_OS_OPEN_HPP__
