// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_CHDIR_HPP__
#define __STOUT_OS_CHDIR_HPP__

#include <unistd.h>

#include <string>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace os {

inline Try<Nothing> chdir(const std::string& directory)
{
  if (::chdir(directory.c_str()) < 0) {
    return ErrnoError();
  }
  return Nothing();
}

} // namespace os {

#endif // __STOUT_OS_CHDIR_HPP__
