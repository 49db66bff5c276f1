// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_PIPE_HPP__
#define __STOUT_OS_PIPE_HPP__

#include <fcntl.h>
#include <unistd.h>

#include <array>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace os {

// A close-on-exec pipe: {read end, write end}.
inline Try<std::array<int, 2>> pipe()
{
  std::array<int, 2> result;
  if (::pipe2(result.data(), O_CLOEXEC) < 0) {
    return ErrnoError();
  }
  return result;
}

} // namespace os {

#endif // __STOUT_OS_PIPE_HPP__
