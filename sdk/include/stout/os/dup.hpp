// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_DUP_HPP__
#define __STOUT_OS_DUP_HPP__

#include <unistd.h>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace os {

inline Try<int> dup(int fd)
{
  const int result = ::dup(fd);
  if (result < 0) {
    return ErrnoError();
  }
  return result;
}

} // namespace os {

#endif // __STOUT_OS_DUP_HPP__
