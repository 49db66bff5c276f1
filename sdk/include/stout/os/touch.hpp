// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_TOUCH_HPP__
#define __STOUT_OS_TOUCH_HPP__

#include <fcntl.h>
#include <sys/stat.h>

#include <string>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

#include <stout/os/close.hpp>
#include <stout/os/exists.hpp>
#include <stout/os/int_fd.hpp>
#include <stout/os/open.hpp>
#include <stout/os/utime.hpp>

namespace os {

// Creates an empty file (mode 0644 before umask), or updates the times
// of an existing one. "Failed to open file: <errno text>" on failure.
inline Try<Nothing> touch(const std::string& path)
{
  if (!os::exists(path)) {
    Try<int_fd> fd = os::open(
        path, O_RDWR | O_CREAT, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
    if (fd.isError()) {
      return Error("Failed to open file: " + fd.error());
    }
    return os::close(fd.get());
  }
  return os::utime(path);
}

} // namespace os {

#endif // __STOUT_OS_TOUCH_HPP__
