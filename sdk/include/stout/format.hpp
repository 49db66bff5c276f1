// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_FORMAT_HPP__
#define __STOUT_FORMAT_HPP__

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <type_traits>

#include <stout/error.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

namespace strings {

namespace internal {

// printf into a new string (vasprintf).
inline Try<std::string> vformat(const char* fmt, va_list args)
{
  char* text = nullptr;
  if (::vasprintf(&text, fmt, args) == -1) {
    return Error(
        "Failed to format '" + std::string(fmt) + "' (possibly out of memory)");
  }
  std::string result(text);
  ::free(text);
  return result;
}


inline Try<std::string> formatv(const char* fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  Try<std::string> result = vformat(fmt, args);
  va_end(args);
  return result;
}


// What is handed to printf for one argument: POD values as they are,
// anything else (std::string, Duration, protobuf IDs...) as the C
// string of its stringify() text, to be matched by a "%s".
template <typename T, bool Stringified = !std::is_pod<T>::value>
struct Argument
{
  explicit Argument(const T& _value) : value(_value) {}
  const T& get() const { return value; }
  const T& value;
};


template <typename T>
struct Argument<T, true>
{
  explicit Argument(const T& value) : text(::stringify(value)) {}
  const char* get() const { return text.c_str(); }
  const std::string text;
};

} // namespace internal {


// strings::format("%s has %d cpus", name, 4): printf formatting in which
// non-POD arguments are stringified (use "%s" for them).
template <typename... T>
Try<std::string> format(const std::string& fmt, const T&... args)
{
  return internal::formatv(
      fmt.c_str(), internal::Argument<T>(args).get()...);
}

} // namespace strings {

#endif // __STOUT_FORMAT_HPP__
