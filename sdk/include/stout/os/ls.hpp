// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_LS_HPP__
#define __STOUT_OS_LS_HPP__

#include <dirent.h>
#include <errno.h>
#include <string.h>

#include <list>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace os {

// The names in `directory` except "." and "..", in readdir order.
// "Failed to opendir '<directory>': <errno text>" if it cannot be opened.
inline Try<std::list<std::string>> ls(const std::string& directory)
{
  DIR* dir = ::opendir(directory.c_str());
  if (dir == nullptr) {
    return ErrnoError("Failed to opendir '" + directory + "'");
  }

  std::list<std::string> result;
  errno = 0;
  struct dirent* entry;
  while ((entry = ::readdir(dir)) != nullptr) {
    if (::strcmp(entry->d_name, ".") != 0 &&
        ::strcmp(entry->d_name, "..") != 0) {
      result.push_back(entry->d_name);
    }
  }

  if (errno != 0) {
    Error error = ErrnoError("Failed to read directory");
    ::closedir(dir);
    return error;
  }

  if (::closedir(dir) == -1) {
    return ErrnoError("Failed to close directory");
  }

  return result;
}

} // namespace os {

#endif // __STOUT_OS_LS_HPP__
