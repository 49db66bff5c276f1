// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_SU_HPP__
#define __STOUT_OS_SU_HPP__

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

namespace os {

namespace internal {

// getpwnam_r / getpwuid_r with a growing buffer. None when there is no
// such user; an error only for the transient failures getpwnam_r can
// report (EIO, EINTR, EMFILE, ENFILE, ENOMEM).
template <typename Lookup>
Result<struct passwd> lookupUser(Lookup lookup, std::vector<char>* buffer)
{
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  buffer->resize(size > 0 ? static_cast<size_t>(size) : 1024);

  while (true) {
    struct passwd entry;
    struct passwd* result = nullptr;
    const int error = lookup(&entry, buffer->data(), buffer->size(), &result);
    if (error == 0) {
      if (result == nullptr) {
        return None();
      }
      return entry;
    }
    if (error == ERANGE) {
      buffer->resize(buffer->size() * 2);
      continue;
    }
    if (error == EIO || error == EINTR || error == EMFILE ||
        error == ENFILE || error == ENOMEM) {
      return ErrnoError(error, "Failed to get username information");
    }
    return None();
  }
}


// `field` of the entry `lookup` finds, taken while its strings are alive.
template <typename T, typename Lookup, typename Field>
Result<T> fromPasswd(Lookup lookup, Field field)
{
  std::vector<char> buffer;
  Result<struct passwd> entry = lookupUser(lookup, &buffer);
  if (entry.isError()) {
    return Error(entry.error());
  }
  if (entry.isNone()) {
    return None();
  }
  return field(entry.get());
}


// Looks `user` up by name.
inline auto named(const std::string& user)
{
  return [&user](struct passwd* pwd, char* buf, size_t size, struct passwd** out) {
    return ::getpwnam_r(user.c_str(), pwd, buf, size, out);
  };
}

} // namespace internal {


// The uid of `user` (default: the calling process's real uid).
inline Result<uid_t> getuid(const Option<std::string>& user = None())
{
  if (user.isNone()) {
    return ::getuid();
  }
  return internal::fromPasswd<uid_t>(
      internal::named(user.get()), [](const struct passwd& entry) { return entry.pw_uid; });
}


// The primary gid of `user` (default: the real gid).
inline Result<gid_t> getgid(const Option<std::string>& user = None())
{
  if (user.isNone()) {
    return ::getgid();
  }
  return internal::fromPasswd<gid_t>(
      internal::named(user.get()), [](const struct passwd& entry) { return entry.pw_gid; });
}


// The name of user `uid` (default: the real uid).
inline Result<std::string> user(Option<uid_t> uid = None())
{
  const uid_t id = uid.isSome() ? uid.get() : ::getuid();
  return internal::fromPasswd<std::string>(
      [id](struct passwd* pwd, char* buf, size_t size, struct passwd** out) {
        return ::getpwuid_r(id, pwd, buf, size, out);
      },
      [](const struct passwd& entry) { return std::string(entry.pw_name); });
}


inline Try<Nothing> setuid(uid_t uid)
{
  if (::setuid(uid) == -1) {
    return ErrnoError();
  }
  return Nothing();
}


inline Try<Nothing> setgid(gid_t gid)
{
  if (::setgid(gid) == -1) {
    return ErrnoError();
  }
  return Nothing();
}


// The groups `user` belongs to (getgrouplist(3)).
inline Try<std::vector<gid_t>> getgrouplist(const std::string& user)
{
  Result<gid_t> gid = os::getgid(user);
  if (!gid.isSome()) {
    return Error(
        "Failed to get the gid of the user: " +
        (gid.isError() ? gid.error() : std::string("group not found")));
  }

  int count = 64;
  std::vector<gid_t> groups(static_cast<size_t>(count));
  while (::getgrouplist(user.c_str(), gid.get(), groups.data(), &count) ==
         -1) {
    groups.resize(static_cast<size_t>(count) > groups.size()
                    ? static_cast<size_t>(count)
                    : groups.size() * 2);
    count = static_cast<int>(groups.size());
  }
  groups.resize(static_cast<size_t>(count));
  return groups;
}


// Switches the process to `user`: gid, supplementary groups, then uid.
inline Try<Nothing> su(const std::string& user)
{
  Result<gid_t> gid = os::getgid(user);
  if (!gid.isSome()) {
    return Error(
        "Failed to getgid: " +
        (gid.isError() ? gid.error() : std::string("unknown user")));
  }
  if (::setgid(gid.get()) != 0) {
    return ErrnoError("Failed to set gid");
  }

  if (::initgroups(user.c_str(), gid.get()) == -1 && errno != EPERM) {
    return ErrnoError("Failed to set supplementary groups");
  }

  Result<uid_t> uid = os::getuid(user);
  if (!uid.isSome()) {
    return Error(
        "Failed to getuid: " +
        (uid.isError() ? uid.error() : std::string("unknown user")));
  }
  if (::setuid(uid.get()) != 0) {
    return ErrnoError("Failed to setuid");
  }

  return Nothing();
}

} // namespace os {

#endif // __STOUT_OS_SU_HPP__
