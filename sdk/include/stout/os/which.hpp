// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_WHICH_HPP__
#define __STOUT_OS_WHICH_HPP__

#include <string>
#include <vector>

#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

#include <stout/os/exists.hpp>
#include <stout/os/getenv.hpp>
#include <stout/os/permissions.hpp>

namespace os {

// The first "<dir>/<command>" along `path` (default $PATH) that exists
// and has any execute bit set.
inline Option<std::string> which(
    const std::string& command,
    const Option<std::string>& _path = None())
{
  Option<std::string> path = _path;
  if (path.isNone()) {
    path = os::getenv("PATH");
    if (path.isNone()) {
      return None();
    }
  }

  for (const std::string& directory : strings::tokenize(path.get(), ":")) {
    const std::string candidate = path::join(directory, command);
    if (!os::exists(candidate)) {
      continue;
    }
    Try<os::Permissions> permissions = os::permissions(candidate);
    if (permissions.isError()) {
      continue;
    }
    if (permissions->owner.x || permissions->group.x ||
        permissions->others.x) {
      return candidate;
    }
  }

  return None();
}

} // namespace os {

#endif // __STOUT_OS_WHICH_HPP__
