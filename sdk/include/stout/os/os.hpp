// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_OS_HPP__
#define __STOUT_OS_OS_HPP__

#include <string>

#include <stout/bytes.hpp>

namespace os {

// System load averages over 1, 5 and 15 minutes (os::loadavg()).
struct Load
{
  double one;
  double five;
  double fifteen;
};


// Main and swap memory (os::memory()).
struct Memory
{
  Bytes total;
  Bytes free;
  Bytes totalSwap;
  Bytes freeSwap;
};


// uname(2) fields (os::uname()).
struct UTSInfo
{
  std::string sysname;
  std::string nodename;
  std::string release;
  std::string version;
  std::string machine;
};

} // namespace os {

#endif // __STOUT_OS_OS_HPP__
