// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_ACCESS_HPP__
#define __STOUT_OS_ACCESS_HPP__

#include <errno.h>
#include <unistd.h>

#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace os {

// access(2): true if allowed, false on EACCES, an error otherwise.
inline Try<bool> access(const std::string& path, int how)
{
  if (::access(path.c_str(), how) < 0) {
    if (errno == EACCES) {
      return false;
    }
    return ErrnoError();
  }
  return true;
}

} // namespace os {

#endif // __STOUT_OS_ACCESS_HPP__
