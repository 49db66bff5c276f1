// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_CLOSE_HPP__
#define __STOUT_OS_CLOSE_HPP__

#include <unistd.h>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace os {

inline Try<Nothing> close(int fd)
{
  if (::close(fd) != 0) {
    return ErrnoError();
  }
  return Nothing();
}

} // namespace os {

#endif // __STOUT_OS_CLOSE_HPP__
