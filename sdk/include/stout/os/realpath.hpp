// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_REALPATH_HPP__
#define __STOUT_OS_REALPATH_HPP__

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include <string>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/result.hpp>

namespace os {

// The canonical absolute path, None if a component does not exist.
inline Result<std::string> realpath(const std::string& path)
{
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return None();
    }
    return ErrnoError();
  }
  return std::string(resolved);
}

} // namespace os {

#endif // __STOUT_OS_REALPATH_HPP__
