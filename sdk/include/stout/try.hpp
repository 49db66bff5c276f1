// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_TRY_HPP__
#define __STOUT_TRY_HPP__

#include <assert.h>

#include <string>
#include <type_traits>
#include <utility>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/option.hpp>
#include <stout/some.hpp>

// Try<T, E> is either a value of T ("some") or an error of type E, where E
// is Error or a subclass of it. Calling get() on an error aborts the
// process with "Try::get() but state == ERROR: <message>".
template <typename T, typename E = Error>
class Try
{
  static_assert(
      std::is_base_of<Error, E>::value,
      "An error type must be, or be inherited from 'Error'.");

  // What error() hands back: the message for plain Error, else the E.
  using ErrorView =
    std::conditional_t<std::is_same<E, Error>::value, std::string, E>;

public:
  static Try some(const T& value) { return Try(value); }
  static Try error(const E& e) { return Try(e); }

  Try(const T& value) : value_(value) {}

  Try(T&& value) : value_(std::move(value)) {}

  template <
      typename U,
      typename = std::enable_if_t<std::is_constructible<T, const U&>::value>>
  Try(const U& u) : value_(T(u)) {}

  Try(const E& e) : error_(e) {}

  template <typename U>
  Try(const _Some<U>& holder) : value_(holder) {}

  template <typename U>
  Try(_Some<U>&& holder) : value_(std::move(holder)) {}

  Try(const Try&) = default;
  Try(Try&&) = default;
  ~Try() = default;

  Try& operator=(const Try&) = default;
  Try& operator=(Try&&) = default;

  bool isSome() const { return value_.isSome(); }
  bool isError() const { return value_.isNone(); }

  T& get() & { checkSome(); return value_.get(); }
  const T& get() const& { checkSome(); return value_.get(); }
  T&& get() && { checkSome(); return std::move(value_).get(); }
  const T&& get() const&& { checkSome(); return std::move(value_).get(); }

  const T* operator->() const { return &get(); }
  T* operator->() { return &get(); }

  const T& operator*() const& { return get(); }
  T& operator*() & { return get(); }
  const T&& operator*() const&& { return std::move(*this).get(); }
  T&& operator*() && { return std::move(*this).get(); }

  // For E == Error this is the message string (stout's historic
  // behaviour); for other error types it is the E itself.
  const ErrorView& error() const
  {
    assert(isError());
    assert(error_.isSome());
    return view(error_.get());
  }

private:
  void checkSome() const
  {
    if (value_.isNone()) {
      assert(error_.isSome());
      ABORT("Try::get() but state == ERROR: " + error_->message);
    }
  }

  static const std::string& view(const Error& e) { return e.message; }

  template <typename Other>
  static const Other& view(const Other& e) { return e; }

  Option<T> value_;
  Option<E> error_;
};

#endif // __STOUT_TRY_HPP__
