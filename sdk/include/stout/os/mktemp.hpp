// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_MKTEMP_HPP__
#define __STOUT_OS_MKTEMP_HPP__

#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include <stout/os/close.hpp>
#include <stout/os/temp.hpp>

namespace os {

// Creates a unique empty file from a template ending in "XXXXXX"
// (default: $TMPDIR/XXXXXX) and returns its path.
inline Try<std::string> mktemp(
    const std::string& path = path::join(os::temp(), "XXXXXX"))
{
  std::vector<char> name(path.begin(), path.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    return ErrnoError();
  }

  Try<Nothing> close = os::close(fd);
  if (close.isError()) {
    return Error("Failed to close '" + stringify(fd) + "':" + close.error());
  }
  return std::string(name.data());
}

} // namespace os {

#endif // __STOUT_OS_MKTEMP_HPP__
