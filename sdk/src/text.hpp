// Private text helpers of the SDK runtime (not installed): the string
// splitting and number parsing rules Mesos's text formats rely on
// (stout's strings::tokenize / split / trim and numify), kept here so the
// runtime does not depend on which stout headers a build ships.

#ifndef __MESOS_SDK_SRC_TEXT_HPP__
#define __MESOS_SDK_SRC_TEXT_HPP__

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace text {

// Splits on any character of `delims`, dropping empty tokens.
inline std::vector<std::string> tokenize(
    const std::string& s,
    const std::string& delims)
{
  std::vector<std::string> tokens;
  std::string current;
  for (char c : s) {
    if (delims.find(c) != std::string::npos) {
      if (!current.empty()) {
        tokens.push_back(current);
        current.clear();
      }
    } else {
      current += c;
    }
  }
  if (!current.empty()) {
    tokens.push_back(current);
  }
  return tokens;
}


// Splits on any character of `delims`, keeping empty tokens. With
// `maxTokens` > 0 the last token holds the unsplit rest of the string.
inline std::vector<std::string> split(
    const std::string& s,
    const std::string& delims,
    size_t maxTokens = 0)
{
  std::vector<std::string> tokens;
  size_t start = 0;
  while (true) {
    if (maxTokens > 0 && tokens.size() + 1 == maxTokens) {
      tokens.push_back(s.substr(start));
      return tokens;
    }
    const size_t end = s.find_first_of(delims, start);
    if (end == std::string::npos) {
      tokens.push_back(s.substr(start));
      return tokens;
    }
    tokens.push_back(s.substr(start, end - start));
    start = end + 1;
  }
}


// stout's default whitespace set.
inline std::string trim(const std::string& s, const std::string& chars = " \t\n\r")
{
  const size_t begin = s.find_first_not_of(chars);
  if (begin == std::string::npos) {
    return "";
  }
  const size_t end = s.find_last_not_of(chars);
  return s.substr(begin, end - begin + 1);
}


inline std::string removeAll(const std::string& s, char c)
{
  std::string result;
  result.reserve(s.size());
  for (char x : s) {
    if (x != c) {
      result += x;
    }
  }
  return result;
}


inline bool startsWith(const std::string& s, const std::string& prefix)
{
  return s.compare(0, prefix.size(), prefix) == 0;
}


// True when every `close` has an earlier unmatched `open` and all are
// closed at the end.
inline bool bracketsBalance(const std::string& s, char open, char close)
{
  long depth = 0;
  for (char c : s) {
    if (c == open) {
      ++depth;
    } else if (c == close) {
      if (--depth < 0) {
        return false;
      }
    }
  }
  return depth == 0;
}


inline Error notANumber(const std::string& s)
{
  return Error("Failed to convert '" + s + "' to number");
}


inline bool allDigits(const std::string& s, size_t from, bool hex)
{
  if (from >= s.size()) {
    return false;
  }
  for (size_t i = from; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!(hex ? std::isxdigit(c) : std::isdigit(c))) {
      return false;
    }
  }
  return true;
}


// numify<uint64_t>: decimal or 0x-hexadecimal digits with an optional sign;
// a minus sign wraps modulo 2^64 (as boost::lexical_cast and stout do).
inline Try<uint64_t> parseUnsigned(const std::string& s)
{
  size_t position = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    position = 1;
  }

  bool hex = false;
  if (s.compare(position, 2, "0x") == 0 || s.compare(position, 2, "0X") == 0) {
    // A '+' before a hexadecimal number is not accepted.
    if (position == 1 && !negative) {
      return notANumber(s);
    }
    hex = true;
    position += 2;
  }

  if (!allDigits(s, position, hex)) {
    return notANumber(s);
  }

  errno = 0;
  const unsigned long long value =
    std::strtoull(s.c_str() + position, nullptr, hex ? 16 : 10);
  if (errno == ERANGE) {
    return notANumber(s);
  }

  const uint64_t result = static_cast<uint64_t>(value);
  return negative ? static_cast<uint64_t>(0) - result : result;
}


// numify<double>: a decimal floating point literal (sign, digits, point,
// exponent) or inf / infinity / nan in any case; hexadecimal is refused.
inline Try<double> parseDouble(const std::string& s)
{
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }

  std::string word;
  for (size_t j = i; j < s.size(); ++j) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(s[j])));
  }
  if (word == "inf" || word == "infinity" || word == "nan") {
    return std::strtod(s.c_str(), nullptr);
  }

  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    ++i;
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++digits;
    }
  }
  if (digits == 0) {
    return notANumber(s);
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    size_t exponentDigits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++exponentDigits;
    }
    if (exponentDigits == 0) {
      return notANumber(s);
    }
  }
  if (i != s.size()) {
    return notANumber(s);
  }

  errno = 0;
  const double value = std::strtod(s.c_str(), nullptr);
  if (errno == ERANGE && value != 0) {
    // Overflow to infinity is an error for lexical_cast.
    return notANumber(s);
  }
  return value;
}

} // namespace text {
} // namespace internal {
} // namespace mesos {

#endif // __MESOS_SDK_SRC_TEXT_HPP__
