// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OPTION_HPP__
#define __STOUT_OPTION_HPP__

#include <assert.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

#include <stout/none.hpp>
#include <stout/some.hpp>

// Option<T> holds either one value of type T ("some") or nothing
// ("none"). The value lives inside the Option itself (no allocation).
// Accessing the value of a none Option is a programming error; like stout
// this is only guarded by assert().
template <typename T>
class Option
{
  // Storage type: Option<const X> must still be able to (re)build its
  // value in place, so the union member drops the const.
  using Stored = std::remove_const_t<T>;

public:
  static Option<T> none() { return Option<T>(); }
  static Option<T> some(const T& value) { return Option<T>(value); }

  Option() : state(NONE) {}

  Option(const None&) : state(NONE) {}

  Option(const T& value) : state(NONE) { construct(value); }

  Option(T&& value) : state(NONE) { construct(std::move(value)); }

  // Any U from which a T can be built, e.g. Option<std::string> from a
  // string literal.
  template <
      typename U,
      typename = std::enable_if_t<std::is_constructible<T, const U&>::value>>
  Option(const U& u) : state(NONE) { construct(u); }

  template <typename U>
  Option(const _Some<U>& holder) : state(NONE) { construct(holder.t); }

  template <typename U>
  Option(_Some<U>&& holder) : state(NONE) { construct(std::move(holder.t)); }

  Option(const Option<T>& that) : state(NONE)
  {
    if (that.isSome()) {
      construct(that.t);
    }
  }

  Option(Option<T>&& that)
    noexcept(std::is_nothrow_move_constructible<Stored>::value)
    : state(NONE)
  {
    if (that.isSome()) {
      construct(std::move(that.t));
    }
  }

  ~Option() { reset(); }

  // Assignment destroys and rebuilds the value, so T does not need to be
  // assignable (stout's Error, for example, has a const member).
  Option<T>& operator=(const Option<T>& that)
  {
    if (this != &that) {
      reset();
      if (that.isSome()) {
        construct(that.t);
      }
    }
    return *this;
  }

  Option<T>& operator=(Option<T>&& that)
    noexcept(std::is_nothrow_move_constructible<Stored>::value)
  {
    if (this != &that) {
      reset();
      if (that.isSome()) {
        construct(std::move(that.t));
      }
    }
    return *this;
  }

  bool isSome() const { return state == SOME; }
  bool isNone() const { return state == NONE; }

  const T& get() const& { assert(isSome()); return t; }
  T& get() & { assert(isSome()); return t; }
  T&& get() && { assert(isSome()); return std::move(t); }
  const T&& get() const&& { assert(isSome()); return std::move(t); }

  const T* operator->() const { return &get(); }
  T* operator->() { return &get(); }

  const T& operator*() const& { return get(); }
  T& operator*() & { return get(); }
  const T&& operator*() const&& { return std::move(*this).get(); }
  T&& operator*() && { return std::move(*this).get(); }

  // The stored value, or `fallback` converted to T when none.
  template <typename U>
  T getOrElse(U&& fallback) const&
  {
    if (isNone()) {
      return static_cast<T>(std::forward<U>(fallback));
    }
    return get();
  }

  template <typename U>
  T getOrElse(U&& fallback) &&
  {
    if (isNone()) {
      return static_cast<T>(std::forward<U>(fallback));
    }
    return std::move(*this).get();
  }

  // Two nones are equal; two somes are equal when their values are.
  bool operator==(const Option<T>& that) const
  {
    if (isSome() != that.isSome()) {
      return false;
    }
    return isNone() || t == that.t;
  }

  bool operator!=(const Option<T>& that) const { return !(*this == that); }

  // A none Option never equals a value.
  bool operator==(const T& value) const { return isSome() && t == value; }
  bool operator!=(const T& value) const { return !(*this == value); }

private:
  template <typename... Args>
  void construct(Args&&... args)
  {
    ::new (static_cast<void*>(std::addressof(t)))
      Stored(std::forward<Args>(args)...);
    state = SOME;
  }

  void reset()
  {
    if (state == SOME) {
      state = NONE;
      t.~Stored();
    }
  }

  enum State
  {
    SOME,
    NONE,
  };

  State state;

  union {
    Stored t;
  };
};


// min/max treat a none Option as "absent": the result is the other side,
// or none when both are none.
template <typename T>
Option<T> min(const Option<T>& left, const Option<T>& right)
{
  if (left.isNone()) {
    return right;
  }
  if (right.isNone()) {
    return left;
  }
  return std::min(left.get(), right.get());
}


template <typename T>
Option<T> min(const Option<T>& left, const T& right)
{
  return min(left, Option<T>(right));
}


template <typename T>
Option<T> min(const T& left, const Option<T>& right)
{
  return min(Option<T>(left), right);
}


template <typename T>
Option<T> max(const Option<T>& left, const Option<T>& right)
{
  if (left.isNone()) {
    return right;
  }
  if (right.isNone()) {
    return left;
  }
  return std::max(left.get(), right.get());
}


template <typename T>
Option<T> max(const Option<T>& left, const T& right)
{
  return max(left, Option<T>(right));
}


template <typename T>
Option<T> max(const T& left, const Option<T>& right)
{
  return max(Option<T>(left), right);
}


namespace std {

// A none Option hashes to 0; a some Option mixes the value's hash into a
// zero seed (the usual golden-ratio hash-combine step).
template <typename T>
struct hash<Option<T>>
{
  typedef size_t result_type;
  typedef Option<T> argument_type;

  result_type operator()(const argument_type& option) const
  {
    size_t seed = 0;
    if (option.isSome()) {
      const size_t h = hash<std::remove_const_t<T>>()(option.get());
      seed ^= h + static_cast<size_t>(0x9e3779b9u) + (seed << 6) + (seed >> 2);
    }
    return seed;
  }
};

} // namespace std {

#endif // __STOUT_OPTION_HPP__
