// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_UTILS_HPP__
#define __STOUT_UTILS_HPP__

#include <cstddef>

namespace utils {

// A copy of `t` (e.g. to pass a copy where a reference would alias).
template <typename T>
T copy(const T& t) { return t; }


// The number of elements of a C array.
template <typename T, size_t N>
static constexpr size_t arraySize(T (&)[N])
{
  return N;
}

} // namespace utils {

#endif // __STOUT_UTILS_HPP__
