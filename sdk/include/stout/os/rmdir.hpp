// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_RMDIR_HPP__
#define __STOUT_OS_RMDIR_HPP__

#include <errno.h>
#include <fts.h>
#include <unistd.h>

#include <string>

#include <glog/logging.h>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include <stout/os/exists.hpp>
#include <stout/os/strerror.hpp>

namespace os {

// Removes a directory: recursively like `rm -r` (the default; symlinks
// are removed, not followed), or like rmdir(2) when `recursive` is
// false. With `removeRoot` false only the contents go. With
// `continueOnError` failures are logged and counted
// ("Failed to delete <n> paths") instead of stopping at the first.
inline Try<Nothing> rmdir(
    const std::string& directory,
    bool recursive = true,
    bool removeRoot = true,
    bool continueOnError = false)
{
  if (!recursive) {
    if (::rmdir(directory.c_str()) < 0) {
      return ErrnoError();
    }
    return Nothing();
  }

  if (!os::exists(directory)) {
    return ErrnoError(ENOENT);
  }

  char* roots[] = {const_cast<char*>(directory.c_str()), nullptr};
  FTS* tree = ::fts_open(roots, FTS_NOCHDIR | FTS_PHYSICAL, nullptr);
  if (tree == nullptr) {
    return ErrnoError();
  }

  unsigned int failures = 0;
  errno = 0;
  FTSENT* node;
  while ((node = ::fts_read(tree)) != nullptr) {
    int result = 0;
    const char* what = nullptr;
    switch (node->fts_info) {
      case FTS_DP: // A directory, after its contents.
        if (!removeRoot && node->fts_level == FTS_ROOTLEVEL) {
          continue;
        }
        result = ::rmdir(node->fts_path);
        what = "directory";
        break;
      case FTS_DEFAULT:
      case FTS_F:
      case FTS_SL:
      case FTS_SLNONE:
        result = ::unlink(node->fts_path);
        what = "path";
        break;
      default:
        continue;
    }

    if (result < 0 && errno != ENOENT) {
      if (!continueOnError) {
        Error error = ErrnoError();
        ::fts_close(tree);
        return error;
      }
      LOG(ERROR) << "Failed to delete " << what << " '" << node->fts_path
                 << "': " << os::strerror(errno);
      ++failures;
    }
    errno = 0;
  }

  if (errno != 0) {
    Error error = ErrnoError("fts_read failed");
    ::fts_close(tree);
    return error;
  }

  if (::fts_close(tree) < 0) {
    return ErrnoError();
  }

  if (failures > 0) {
    return Error("Failed to delete " + stringify(failures) + " paths");
  }

  return Nothing();
}

} // namespace os {

#endif // __STOUT_OS_RMDIR_HPP__
