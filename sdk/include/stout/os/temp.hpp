// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_TEMP_HPP__
#define __STOUT_OS_TEMP_HPP__

#include <string>

#include <stout/os/getenv.hpp>

namespace os {

// $TMPDIR, else "/tmp".
inline std::string temp()
{
  return os::getenv("TMPDIR").getOrElse("/tmp");
}

} // namespace os {

#endif // __STOUT_OS_TEMP_HPP__
