// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_MKDIR_HPP__
#define __STOUT_OS_MKDIR_HPP__

#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include <stout/os/constants.hpp>
#include <stout/os/fsync.hpp>

namespace os {

// Creates `directory` (mode 0755 before umask). `recursive` (the
// default) creates missing parents too and accepts directories that
// already exist; otherwise this is mkdir(2). With `sync`, the parent of
// every directory created is fsynced.
inline Try<Nothing> mkdir(
    const std::string& directory,
    bool recursive = true,
    bool sync = false)
{
  auto syncParent = [](const std::string& created) -> Try<Nothing> {
    const std::string parent = Path(created).dirname();
    Try<Nothing> result = os::fsync(parent);
    if (result.isError()) {
      return Error(
          "Failed to fsync directory '" + parent + "': " + result.error());
    }
    return Nothing();
  };

  if (!recursive) {
    if (::mkdir(directory.c_str(), 0755) < 0) {
      return ErrnoError();
    }
    if (sync) {
      return syncParent(directory);
    }
    return Nothing();
  }

  const std::string separator(1, os::PATH_SEPARATOR);
  std::string path = strings::startsWith(directory, separator)
    ? separator
    : std::string();

  for (const std::string& component :
         strings::tokenize(directory, separator)) {
    path += component;
    if (::mkdir(path.c_str(), 0755) < 0) {
      if (errno != EEXIST) {
        return ErrnoError();
      }
    } else if (sync) {
      Try<Nothing> result = syncParent(path);
      if (result.isError()) {
        return result;
      }
    }
    path += separator;
  }

  return Nothing();
}

} // namespace os {

#endif // __STOUT_OS_MKDIR_HPP__
