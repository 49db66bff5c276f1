// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_ERROR_HPP__
#define __STOUT_ERROR_HPP__

#include <stout/errorbase.hpp>

// On POSIX systems socket errors are plain errno errors.
using SocketError = ErrnoError;

#endif // __STOUT_ERROR_HPP__
