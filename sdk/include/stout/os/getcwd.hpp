// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_GETCWD_HPP__
#define __STOUT_OS_GETCWD_HPP__

#include <errno.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace os {

// The current working directory, or "" if it cannot be determined.
inline std::string getcwd()
{
  std::vector<char> buffer(256);
  while (true) {
    if (::getcwd(buffer.data(), buffer.size()) != nullptr) {
      return std::string(buffer.data());
    }
    if (errno != ERANGE) {
      return std::string();
    }
    buffer.resize(buffer.size() * 2);
  }
}

} // namespace os {

#endif // __STOUT_OS_GETCWD_HPP__
