// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_WRITE_HPP__
#define __STOUT_OS_WRITE_HPP__

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include <stout/os/close.hpp>
#include <stout/os/fsync.hpp>
#include <stout/os/int_fd.hpp>
#include <stout/os/open.hpp>

namespace os {

using ::write;

namespace signal_safe {

// Writes all `count` bytes (retrying after EINTR); -1 on error.
inline ssize_t write_impl(int_fd fd, const char* buffer, size_t count)
{
  size_t offset = 0;
  while (offset < count) {
    const ssize_t length = ::write(fd, buffer + offset, count - offset);
    if (length < 0) {
      if (errno == EINTR) {
        continue;
      }
      return -1;
    }
    offset += static_cast<size_t>(length);
  }
  return static_cast<ssize_t>(offset);
}


inline ssize_t write(int_fd fd, const char* message)
{
  return write_impl(fd, message, ::strlen(message));
}


inline ssize_t write(int_fd fd, const std::string& message)
{
  return write_impl(fd, message.data(), message.size());
}


template <typename T, typename... Args>
ssize_t write(int_fd fd, const T& message, Args... args)
{
  const ssize_t result = write(fd, message);
  if (result < 0) {
    return result;
  }
  return write(fd, args...);
}

} // namespace signal_safe {


// Writes all of `message` at the current offset.
inline Try<Nothing> write(int_fd fd, const std::string& message)
{
  if (signal_safe::write(fd, message) < 0) {
    return ErrnoError();
  }
  return Nothing();
}


namespace internal {

// After writing a file opened for it: fsyncs (with `sync`, if the write
// worked), closes, and reports the first failure.
inline Try<Nothing> finishWrite(int_fd fd, Try<Nothing> result, bool sync)
{
  if (sync && result.isSome()) {
    result = os::fsync(fd);
  }

  Try<Nothing> close = os::close(fd);
  if (result.isSome() && close.isError()) {
    return Error("Failed to close '" + stringify(fd) + "':" + close.error());
  }
  return result;
}

} // namespace internal {


// Creates or truncates `path` (mode 0644 before umask) and writes
// `message`; with `sync`, fsyncs before closing.
inline Try<Nothing> write(
    const std::string& path,
    const std::string& message,
    bool sync = false)
{
  Try<int_fd> fd = os::open(
      path,
      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
      S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
  if (fd.isError()) {
    return Error(fd.error());
  }

  return internal::finishWrite(fd.get(), os::write(fd.get(), message), sync);
}


inline Try<Nothing> write(
    const char* path,
    const std::string& message,
    bool sync = false)
{
  return write(std::string(path), message, sync);
}

} // namespace os {

#endif // __STOUT_OS_WRITE_HPP__
