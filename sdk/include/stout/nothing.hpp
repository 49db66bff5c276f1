// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_NOTHING_HPP__
#define __STOUT_NOTHING_HPP__

// Value-less "success" type, used as Try<Nothing> / Future<Nothing>.
struct Nothing {};

#endif // __STOUT_NOTHING_HPP__
