// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_RESULT_HPP__
#define __STOUT_RESULT_HPP__

#include <assert.h>

#include <string>
#include <type_traits>
#include <utility>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/some.hpp>
#include <stout/try.hpp>

// Result<T> is exactly one of: a value of T ("some"), no value ("none"),
// or an error message ("error"). get() on anything but some aborts with
// "Result::get() but state == ERROR: <message>" or
// "Result::get() but state == NONE".
template <typename T>
class Result
{
public:
  static Result<T> none() { return Result<T>(None()); }
  static Result<T> some(const T& value) { return Result<T>(value); }
  static Result<T> error(const std::string& message)
  {
    return Result<T>(Error(message));
  }

  Result(const T& value) : data(Option<T>(value)) {}

  Result(T&& value) : data(Option<T>(std::move(value))) {}

  template <
      typename U,
      typename = std::enable_if_t<std::is_constructible<T, const U&>::value>>
  Result(const U& u) : data(Option<T>(T(u))) {}

  // A none Option becomes a none Result.
  Result(const Option<T>& option) : data(option) {}

  // An errored Try becomes an errored Result with the same message.
  Result(const Try<T>& t)
    : data(t.isSome() ? Try<Option<T>>(Option<T>(t.get()))
                      : Try<Option<T>>(Error(t.error()))) {}

  Result(const None&) : data(Option<T>()) {}

  template <typename U>
  Result(const _Some<U>& holder) : data(Option<T>(holder)) {}

  template <typename U>
  Result(_Some<U>&& holder) : data(Option<T>(std::move(holder))) {}

  Result(const Error& e) : data(e) {}

  Result(const ErrnoError& e) : data(Error(e.message)) {}

  Result(const Result<T>&) = default;
  Result(Result<T>&&) = default;
  ~Result() = default;

  Result<T>& operator=(const Result<T>&) = default;
  Result<T>& operator=(Result<T>&&) = default;

  bool isSome() const { return data.isSome() && data.get().isSome(); }
  bool isNone() const { return data.isSome() && data.get().isNone(); }
  bool isError() const { return data.isError(); }

  T& get() & { checkSome(); return data.get().get(); }
  const T& get() const& { checkSome(); return data.get().get(); }
  T&& get() && { checkSome(); return std::move(data).get().get(); }
  const T&& get() const&& { checkSome(); return std::move(data).get().get(); }

  const T* operator->() const { return &get(); }
  T* operator->() { return &get(); }

  const T& operator*() const& { return get(); }
  T& operator*() & { return get(); }
  const T&& operator*() const&& { return std::move(*this).get(); }
  T&& operator*() && { return std::move(*this).get(); }

  const std::string& error() const
  {
    assert(isError());
    return data.error();
  }

private:
  void checkSome() const
  {
    if (isError()) {
      ABORT("Result::get() but state == ERROR: " + data.error());
    }
    if (isNone()) {
      ABORT("Result::get() but state == NONE");
    }
  }

  // Error, or (value or nothing).
  Try<Option<T>> data;
};

#endif // __STOUT_RESULT_HPP__
