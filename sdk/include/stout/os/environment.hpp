// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_ENVIRONMENT_HPP__
#define __STOUT_OS_ENVIRONMENT_HPP__

#include <map>
#include <string>

#include <stout/os/raw/environment.hpp>

namespace os {

// The environment as a map (entries without '=' are skipped).
inline std::map<std::string, std::string> environment()
{
  std::map<std::string, std::string> result;
  char** env = os::raw::environment();
  for (size_t i = 0; env != nullptr && env[i] != nullptr; ++i) {
    const std::string entry(env[i]);
    const size_t equals = entry.find('=');
    if (equals != std::string::npos) {
      result[entry.substr(0, equals)] = entry.substr(equals + 1);
    }
  }
  return result;
}

} // namespace os {

#endif // __STOUT_OS_ENVIRONMENT_HPP__
