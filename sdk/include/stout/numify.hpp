// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_NUMIFY_HPP__
#define __STOUT_NUMIFY_HPP__

#include <errno.h>
#include <stdlib.h>
#include <strings.h>

#include <cmath>
#include <cstdint>
#include <ios>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

// numify<T>(s): the whole of `s` read as a T, or
// Error("Failed to convert '<s>' to number"). The rules are those of
// boost::lexical_cast, which stout uses: no surrounding whitespace, an
// optional '+' or '-' sign, range-checked integers (a '-' on an unsigned
// type wraps modulo 2^n, so "-1" is the maximum), decimal or exponent
// floating point plus "inf"/"infinity"/"nan". Integers may also be
// hexadecimal with a "0x"/"0X" prefix (optionally negated, "-0x10");
// hexadecimal floating point ("0x1.8", "0x1p3") is refused.
namespace stout_internal {

inline Error numifyError(const std::string& s)
{
  return Error("Failed to convert '" + s + "' to number");
}


// Decimal integer with an optional sign; the magnitude must fit T's
// range (for a signed T the negative side reaches min()).
template <typename T>
bool numifyDecimal(const std::string& s, T* result)
{
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  if (i == s.size()) {
    return false;
  }

  using U = typename std::make_unsigned<T>::type;
  const U limit = std::is_signed<T>::value
    ? (negative
        ? static_cast<U>(static_cast<U>(std::numeric_limits<T>::max()) + 1)
        : static_cast<U>(std::numeric_limits<T>::max()))
    : std::numeric_limits<U>::max();

  U magnitude = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
    const U digit = static_cast<U>(s[i] - '0');
    if (magnitude > (limit - digit) / 10) {
      return false;
    }
    magnitude = static_cast<U>(magnitude * 10 + digit);
  }

  *result = static_cast<T>(negative ? static_cast<U>(0 - magnitude) : magnitude);
  return true;
}


// "0x1f" / "-0x1f" (the caller has checked the prefix); the digits are
// read as by `stream >> std::hex >> value`.
template <typename T>
bool numifyHex(const std::string& s, T* result)
{
  const bool negative = s[0] == '-';
  std::istringstream in(negative ? s.substr(1) : s);
  T value;
  in >> std::hex >> value;
  if (in.fail() || !in.eof()) {
    return false;
  }
  *result = negative ? static_cast<T>(0 - value) : value;
  return true;
}


inline bool numifyFloatingText(const std::string& s)
{
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }

  const std::string rest = s.substr(i);
  if (::strcasecmp(rest.c_str(), "inf") == 0 ||
      ::strcasecmp(rest.c_str(), "infinity") == 0 ||
      ::strcasecmp(rest.c_str(), "nan") == 0) {
    return true;
  }

  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
      ++digits;
    }
  }
  if (digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    size_t exponent = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
      ++exponent;
    }
    if (exponent == 0) {
      return false;
    }
  }
  return i == s.size();
}


template <typename T>
bool numifyFloating(const std::string& s, T* result)
{
  if (!numifyFloatingText(s)) {
    return false;
  }
  errno = 0;
  char* end = nullptr;
  const long double value = ::strtold(s.c_str(), &end);
  if (end != s.c_str() + s.size()) {
    return false;
  }
  if (std::isfinite(value) &&
      std::fabs(value) > static_cast<long double>(std::numeric_limits<T>::max())) {
    return false; // Out of T's range.
  }
  if (errno == ERANGE && std::isinf(value)) {
    return false;
  }
  *result = static_cast<T>(value);
  return true;
}


template <typename T, typename Enable = void>
struct Numify
{
  // Other types: stream extraction of the whole text.
  static Try<T> apply(const std::string& s)
  {
    std::istringstream in(s);
    in >> std::noskipws;
    T value;
    in >> value;
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
      return numifyError(s);
    }
    return value;
  }
};


template <>
struct Numify<bool>
{
  static Try<bool> apply(const std::string& s)
  {
    if (s == "1") {
      return true;
    }
    if (s == "0") {
      return false;
    }
    return numifyError(s);
  }
};


template <>
struct Numify<std::string>
{
  static Try<std::string> apply(const std::string& s) { return s; }
};


template <typename T>
struct Numify<
    T,
    typename std::enable_if<
        std::is_same<T, char>::value ||
        std::is_same<T, signed char>::value ||
        std::is_same<T, unsigned char>::value>::type>
{
  // Character types take exactly one character, as lexical_cast does.
  static Try<T> apply(const std::string& s)
  {
    if (s.size() != 1) {
      return numifyError(s);
    }
    return static_cast<T>(s[0]);
  }
};


template <typename T>
struct Numify<
    T,
    typename std::enable_if<
        std::is_integral<T>::value &&
        !std::is_same<T, bool>::value &&
        !std::is_same<T, char>::value &&
        !std::is_same<T, signed char>::value &&
        !std::is_same<T, unsigned char>::value>::type>
{
  static Try<T> apply(const std::string& s)
  {
    T value;
    if (numifyDecimal(s, &value)) {
      return value;
    }
    const bool hex =
      s.compare(0, 2, "0x") == 0 || s.compare(0, 2, "0X") == 0 ||
      s.compare(0, 3, "-0x") == 0 || s.compare(0, 3, "-0X") == 0;
    if (hex && s.find('.') == std::string::npos &&
        s.find('p') == std::string::npos && numifyHex(s, &value)) {
      return value;
    }
    return numifyError(s);
  }
};


template <typename T>
struct Numify<
    T,
    typename std::enable_if<std::is_floating_point<T>::value>::type>
{
  static Try<T> apply(const std::string& s)
  {
    T value;
    if (numifyFloating(s, &value)) {
      return value;
    }
    return numifyError(s);
  }
};

} // namespace stout_internal {


template <typename T>
Try<T> numify(const std::string& s)
{
  return stout_internal::Numify<T>::apply(s);
}


template <typename T>
Try<T> numify(const char* s)
{
  return numify<T>(std::string(s));
}


// None stays None; an unparsable value is an error.
template <typename T>
Result<T> numify(const Option<std::string>& s)
{
  if (s.isNone()) {
    return None();
  }
  Try<T> t = numify<T>(s.get());
  if (t.isError()) {
    return Error(t.error());
  }
  return t.get();
}

#endif // __STOUT_NUMIFY_HPP__
