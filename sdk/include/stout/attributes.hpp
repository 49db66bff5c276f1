// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_ATTRIBUTES_HPP__
#define __STOUT_ATTRIBUTES_HPP__

#define STOUT_NORETURN [[noreturn]]
#define NORETURN STOUT_NORETURN
#define STOUT_NODISCARD [[nodiscard]]
#define STOUT_DEPRECATED [[deprecated]]

#endif // __STOUT_ATTRIBUTES_HPP__
