// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_FSYNC_HPP__
#define __STOUT_OS_FSYNC_HPP__

#include <fcntl.h>
#include <unistd.h>

#include <string>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

#include <stout/os/close.hpp>
#include <stout/os/int_fd.hpp>
#include <stout/os/open.hpp>

namespace os {

inline Try<Nothing> fsync(int fd)
{
  if (::fsync(fd) == -1) {
    return ErrnoError();
  }
  return Nothing();
}


// Opens `path` read-only (a file or a directory) and fsyncs it.
inline Try<Nothing> fsync(const std::string& path)
{
  Try<int_fd> fd = os::open(path, O_RDONLY | O_CLOEXEC);
  if (fd.isError()) {
    return Error(fd.error());
  }
  Try<Nothing> result = fsync(fd.get());
  os::close(fd.get());
  return result;
}

} // namespace os {

#endif // __STOUT_OS_FSYNC_HPP__
