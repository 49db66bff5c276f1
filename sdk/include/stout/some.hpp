// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_SOME_HPP__
#define __STOUT_SOME_HPP__

#include <type_traits>
#include <utility>

// `Some(x)` wraps a value so that it can become an Option<T>, Try<T> or
// Result<T> holding that value without spelling out T at the call site.
// The holder keeps a decayed copy of the argument.
template <typename T>
struct _Some
{
  _Some(T value) : t(std::move(value)) {}

  T t;
};


template <typename T>
_Some<std::decay_t<T>> Some(T&& value)
{
  return _Some<std::decay_t<T>>(std::forward<T>(value));
}

#endif // __STOUT_SOME_HPP__
