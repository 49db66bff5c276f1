// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_FCNTL_HPP__
#define __STOUT_OS_FCNTL_HPP__

#include <fcntl.h>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace os {

namespace internal {

inline Try<Nothing> updateFlags(int fd, int get, int set, int on, int off)
{
  const int flags = ::fcntl(fd, get);
  if (flags == -1) {
    return ErrnoError();
  }
  if (::fcntl(fd, set, (flags | on) & ~off) == -1) {
    return ErrnoError();
  }
  return Nothing();
}


inline Try<bool> hasFlag(int fd, int get, int flag)
{
  const int flags = ::fcntl(fd, get);
  if (flags == -1) {
    return ErrnoError();
  }
  return (flags & flag) != 0;
}

} // namespace internal {


inline Try<Nothing> cloexec(int fd)
{
  return internal::updateFlags(fd, F_GETFD, F_SETFD, FD_CLOEXEC, 0);
}


inline Try<Nothing> unsetCloexec(int fd)
{
  return internal::updateFlags(fd, F_GETFD, F_SETFD, 0, FD_CLOEXEC);
}


inline Try<bool> isCloexec(int fd)
{
  return internal::hasFlag(fd, F_GETFD, FD_CLOEXEC);
}


inline Try<Nothing> nonblock(int fd)
{
  return internal::updateFlags(fd, F_GETFL, F_SETFL, O_NONBLOCK, 0);
}


inline Try<bool> isNonblock(int fd)
{
  return internal::hasFlag(fd, F_GETFL, O_NONBLOCK);
}

} // namespace os {

#endif // __STOUT_OS_FCNTL_HPP__
