// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_LSEEK_HPP__
#define __STOUT_OS_LSEEK_HPP__

#include <sys/types.h>
#include <unistd.h>

#include <stout/error.hpp>
#include <stout/try.hpp>

#include <stout/os/int_fd.hpp>

namespace os {

inline Try<off_t> lseek(int_fd fd, off_t offset, int whence)
{
  const off_t result = ::lseek(fd, offset, whence);
  if (result < 0) {
    return ErrnoError();
  }
  return result;
}

} // namespace os {

#endif // __STOUT_OS_LSEEK_HPP__
