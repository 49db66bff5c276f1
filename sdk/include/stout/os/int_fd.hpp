// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_INT_FD_HPP__
#define __STOUT_OS_INT_FD_HPP__

// File descriptors are plain ints on POSIX.
using int_fd = int;

#endif // __STOUT_OS_INT_FD_HPP__
