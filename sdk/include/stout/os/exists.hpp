// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_EXISTS_HPP__
#define __STOUT_OS_EXISTS_HPP__

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <string>

namespace os {

// Whether anything (file, directory, dangling symlink...) is at `path`;
// symlinks are not followed.
inline bool exists(const std::string& path)
{
  struct stat s;
  return ::lstat(path.c_str(), &s) == 0;
}


// Whether process `pid` exists (zombies included), even if we may not
// signal it.
inline bool exists(pid_t pid)
{
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

} // namespace os {

#endif // __STOUT_OS_EXISTS_HPP__
