// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_UTIME_HPP__
#define __STOUT_OS_UTIME_HPP__

#include <utime.h>

#include <string>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace os {

// Sets the access and modification times of `path` to now.
inline Try<Nothing> utime(const std::string& path)
{
  if (::utime(path.c_str(), nullptr) == -1) {
    return ErrnoError();
  }
  return Nothing();
}

} // namespace os {

#endif // __STOUT_OS_UTIME_HPP__
