// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_PERMISSIONS_HPP__
#define __STOUT_OS_PERMISSIONS_HPP__

#include <sys/stat.h>
#include <sys/types.h>

#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace os {

// The permission bits of a mode, spelled out.
struct Permissions
{
  explicit Permissions(mode_t mode)
  {
    owner = Bits{(mode & S_IRUSR) != 0, (mode & S_IWUSR) != 0,
                 (mode & S_IXUSR) != 0, (mode & S_IRWXU) != 0};
    group = Bits{(mode & S_IRGRP) != 0, (mode & S_IWGRP) != 0,
                 (mode & S_IXGRP) != 0, (mode & S_IRWXG) != 0};
    others = Bits{(mode & S_IROTH) != 0, (mode & S_IWOTH) != 0,
                  (mode & S_IXOTH) != 0, (mode & S_IRWXO) != 0};
    setuid = (mode & S_ISUID) != 0;
    setgid = (mode & S_ISGID) != 0;
    sticky = (mode & S_ISVTX) != 0;
  }

  // `rwx` is true when any of the three is set.
  struct Bits
  {
    bool r;
    bool w;
    bool x;
    bool rwx;
  } owner, group, others;

  bool setuid;
  bool setgid;
  bool sticky;
};


inline Try<Permissions> permissions(const std::string& path)
{
  struct stat status;
  if (::stat(path.c_str(), &status) < 0) {
    return ErrnoError();
  }
  return Permissions(status.st_mode);
}

} // namespace os {

#endif // __STOUT_OS_PERMISSIONS_HPP__
