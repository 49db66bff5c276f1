// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_NONE_HPP__
#define __STOUT_NONE_HPP__

// Empty tag that converts into an empty Option<T> or a NONE Result<T>,
// e.g. `Option<int> o = None();` or `return None();`.
struct None {};

#endif // __STOUT_NONE_HPP__
