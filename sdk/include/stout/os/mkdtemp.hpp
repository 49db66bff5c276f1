// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_MKDTEMP_HPP__
#define __STOUT_OS_MKDTEMP_HPP__

#include <stdlib.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>

#include <stout/os/temp.hpp>

namespace os {

// Creates a unique directory from a template ending in "XXXXXX"
// (default: $TMPDIR/XXXXXX) and returns its path.
inline Try<std::string> mkdtemp(
    const std::string& path = path::join(os::temp(), "XXXXXX"))
{
  std::vector<char> name(path.begin(), path.end());
  name.push_back('\0');
  if (::mkdtemp(name.data()) == nullptr) {
    return ErrnoError();
  }
  return std::string(name.data());
}

} // namespace os {

#endif // __STOUT_OS_MKDTEMP_HPP__
