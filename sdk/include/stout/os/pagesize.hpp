// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_PAGESIZE_HPP__
#define __STOUT_OS_PAGESIZE_HPP__

#include <stddef.h>
#include <unistd.h>

#include <glog/logging.h>

namespace os {

inline size_t pagesize()
{
  const long result = ::sysconf(_SC_PAGESIZE);
  CHECK(result >= 0);
  return static_cast<size_t>(result);
}

} // namespace os {

#endif // __STOUT_OS_PAGESIZE_HPP__
