// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_CONSTANTS_HPP__
#define __STOUT_OS_CONSTANTS_HPP__

namespace os {

constexpr char WINDOWS_PATH_SEPARATOR = '\\';
constexpr char POSIX_PATH_SEPARATOR = '/';

// This SDK is POSIX-only.
constexpr char PATH_SEPARATOR = POSIX_PATH_SEPARATOR;

constexpr char DEV_NULL[] = "/dev/null";

} // namespace os {

#endif // __STOUT_OS_CONSTANTS_HPP__
