// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_RENAME_HPP__
#define __STOUT_OS_RENAME_HPP__

#include <stdio.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>

#include <stout/os/fsync.hpp>

namespace os {

// rename(2); with `sync`, fsyncs the destination's and the source's
// directories afterwards.
inline Try<Nothing> rename(
    const std::string& from,
    const std::string& to,
    bool sync = false)
{
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return ErrnoError();
  }

  if (sync) {
    std::vector<std::string> directories = {Path(to).dirname()};
    if (Path(from).dirname() != directories[0]) {
      directories.push_back(Path(from).dirname());
    }
    for (const std::string& directory : directories) {
      Try<Nothing> result = os::fsync(directory);
      if (result.isError()) {
        return Error(
            "Failed to fsync directory '" + directory + "': " +
            result.error());
      }
    }
  }

  return Nothing();
}

} // namespace os {

#endif // __STOUT_OS_RENAME_HPP__
