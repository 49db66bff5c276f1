// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_STRERROR_HPP__
#define __STOUT_OS_STRERROR_HPP__

#include <string.h>

#include <string>

namespace os {

namespace internal {

// Adapters for the two strerror_r flavours: the GNU one returns a
// message pointer, the POSIX one returns a status and fills the buffer.
inline const char* strerrorResult(const char* message, const char*)
{
  return message;
}

inline const char* strerrorResult(int status, const char* buffer)
{
  return status == 0 ? buffer : nullptr;
}

} // namespace internal {

// Thread-safe strerror(): the text for `code`, e.g. "No such file or
// directory", or "Unknown error <code>".
inline std::string strerror(int code)
{
  char buffer[1024] = {0};
  const char* message =
    internal::strerrorResult(::strerror_r(code, buffer, sizeof(buffer)), buffer);
  if (message == nullptr) {
    return "Unknown error " + std::to_string(code);
  }
  return message;
}

} // namespace os {

#endif // __STOUT_OS_STRERROR_HPP__
