// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_STAT_HPP__
#define __STOUT_OS_STAT_HPP__

#include <sys/stat.h>
#include <sys/types.h>

#include <string>

#include <stout/bytes.hpp>
#include <stout/error.hpp>
#include <stout/try.hpp>

#include <stout/os/int_fd.hpp>

namespace os {
namespace stat {

// Whether functions taking a path follow a final symlink (the default).
enum class FollowSymlink
{
  DO_NOT_FOLLOW_SYMLINK,
  FOLLOW_SYMLINK
};

namespace internal {

// stat(2) / lstat(2): "Failed to stat '<path>': <errno text>" (or lstat).
inline Try<struct ::stat> stat(
    const std::string& path,
    const FollowSymlink follow)
{
  struct ::stat s;
  if (follow == FollowSymlink::DO_NOT_FOLLOW_SYMLINK) {
    if (::lstat(path.c_str(), &s) < 0) {
      return ErrnoError("Failed to lstat '" + path + "'");
    }
  } else if (::stat(path.c_str(), &s) < 0) {
    return ErrnoError("Failed to stat '" + path + "'");
  }
  return s;
}


inline Try<struct ::stat> stat(const int_fd fd)
{
  struct ::stat s;
  if (::fstat(fd, &s) < 0) {
    return ErrnoError();
  }
  return s;
}

} // namespace internal {


inline bool islink(const std::string& path)
{
  Try<struct ::stat> s =
    internal::stat(path, FollowSymlink::DO_NOT_FOLLOW_SYMLINK);
  return s.isSome() && S_ISLNK(s->st_mode);
}


inline bool isdir(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  return s.isSome() && S_ISDIR(s->st_mode);
}


inline bool isdir(const int_fd fd)
{
  Try<struct ::stat> s = internal::stat(fd);
  return s.isSome() && S_ISDIR(s->st_mode);
}


inline bool isfile(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  return s.isSome() && S_ISREG(s->st_mode);
}


inline bool issocket(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  return s.isSome() && S_ISSOCK(s->st_mode);
}


// The size of the entry (of the link itself when not following one).
inline Try<Bytes> size(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError()) {
    return Error(s.error());
  }
  return Bytes(static_cast<uint64_t>(s->st_size));
}


inline Try<Bytes> size(const int_fd fd)
{
  Try<struct ::stat> s = internal::stat(fd);
  if (s.isError()) {
    return Error(s.error());
  }
  return Bytes(static_cast<uint64_t>(s->st_size));
}


inline Try<long> mtime(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError()) {
    return Error(s.error());
  }
  return static_cast<long>(s->st_mtime);
}


inline Try<mode_t> mode(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError()) {
    return Error(s.error());
  }
  return s->st_mode;
}


inline Try<dev_t> dev(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError()) {
    return Error(s.error());
  }
  return s->st_dev;
}


// The device number of a character or block special file, else
// "Not a special file: <path>".
inline Try<dev_t> rdev(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError()) {
    return Error(s.error());
  }
  if (!S_ISCHR(s->st_mode) && !S_ISBLK(s->st_mode)) {
    return Error("Not a special file: " + path);
  }
  return s->st_rdev;
}


inline Try<ino_t> inode(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError()) {
    return Error(s.error());
  }
  return s->st_ino;
}


inline Try<uid_t> uid(
    const std::string& path,
    const FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK)
{
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError()) {
    return Error(s.error());
  }
  return s->st_uid;
}

} // namespace stat {
} // namespace os {

#endif // __STOUT_OS_STAT_HPP__
