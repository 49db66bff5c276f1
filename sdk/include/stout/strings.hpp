// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_STRINGS_HPP__
#define __STOUT_STRINGS_HPP__

#include <ctype.h>
#include <string.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <stout/foreach.hpp>
#include <stout/format.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>

// String helpers with stout's names and semantics.
namespace strings {

// The characters trim() and JSON::parse treat as whitespace.
const std::string WHITESPACE = " \t\n\r";

// Where remove() / trim() act: at the start, at the end, or (remove)
// everywhere / (trim) at both ends.
enum Mode
{
  PREFIX,
  SUFFIX,
  ANY
};


// PREFIX / SUFFIX: drops `substring` once if `from` starts / ends with
// it. ANY: drops every occurrence (repeatedly, so removing "ab" from
// "aabb" leaves "").
inline std::string remove(
    const std::string& from,
    const std::string& substring,
    Mode mode = ANY)
{
  if (mode == PREFIX) {
    if (from.compare(0, substring.size(), substring) == 0) {
      return from.substr(substring.size());
    }
    return from;
  }

  if (mode == SUFFIX) {
    if (from.size() >= substring.size() &&
        from.compare(
            from.size() - substring.size(),
            substring.size(),
            substring) == 0) {
      return from.substr(0, from.size() - substring.size());
    }
    return from;
  }

  std::string result = from;
  if (substring.empty()) {
    return result;
  }
  for (size_t at = result.find(substring); at != std::string::npos;
       at = result.find(substring)) {
    result.erase(at, substring.size());
  }
  return result;
}


// Strips any of `chars` from the start (PREFIX), the end (SUFFIX) or
// both ends (ANY). With ANY or PREFIX a string made only of `chars`
// becomes ""; with SUFFIX such a string comes back unchanged (stout's
// behaviour).
inline std::string trim(
    const std::string& from,
    Mode mode = ANY,
    const std::string& chars = WHITESPACE)
{
  size_t first = 0;
  if (mode == ANY || mode == PREFIX) {
    first = from.find_first_not_of(chars);
    if (first == std::string::npos) {
      return "";
    }
  }

  if (mode == ANY || mode == SUFFIX) {
    const size_t last = from.find_last_not_of(chars);
    if (last != std::string::npos) {
      return from.substr(first, last + 1 - first);
    }
  }

  return from.substr(first);
}


// trim(from, chars): both ends.
inline std::string trim(const std::string& from, const std::string& chars)
{
  return trim(from, ANY, chars);
}


// Every occurrence of `from` replaced by `to`, scanning left to right
// (replacements are not rescanned). An empty `from` changes nothing.
inline std::string replace(
    const std::string& s,
    const std::string& from,
    const std::string& to)
{
  if (from.empty()) {
    return s;
  }

  std::string result;
  size_t start = 0;
  for (size_t at = s.find(from); at != std::string::npos;
       at = s.find(from, start)) {
    result.append(s, start, at - start);
    result += to;
    start = at + from.size();
  }
  result.append(s, start, std::string::npos);
  return result;
}


// Splits `s` at runs of any of the `delims` characters and drops empty
// tokens. With `maxTokens`, the last token holds the rest of the input
// (from its first non-delimiter character); 0 tokens gives {}.
inline std::vector<std::string> tokenize(
    const std::string& s,
    const std::string& delims,
    const Option<size_t>& maxTokens = None())
{
  std::vector<std::string> tokens;
  if (maxTokens.isSome() && maxTokens.get() == 0) {
    return tokens;
  }

  size_t position = 0;
  while (true) {
    const size_t begin = s.find_first_not_of(delims, position);
    if (begin == std::string::npos) {
      break;
    }

    const bool last =
      maxTokens.isSome() && tokens.size() + 1 == maxTokens.get();
    const size_t end = s.find_first_of(delims, begin);
    if (end == std::string::npos || last) {
      tokens.push_back(s.substr(begin));
      break;
    }

    tokens.push_back(s.substr(begin, end - begin));
    position = end;
  }

  return tokens;
}


// Splits `s` at every occurrence of any of the `delims` characters,
// keeping empty tokens ("a,,b" -> "a", "", "b"; "" -> one empty token).
// With `maxTokens`, the last token holds the unsplit rest.
inline std::vector<std::string> split(
    const std::string& s,
    const std::string& delims,
    const Option<size_t>& maxTokens = None())
{
  std::vector<std::string> tokens;
  if (maxTokens.isSome() && maxTokens.get() == 0) {
    return tokens;
  }

  size_t begin = 0;
  while (true) {
    const bool last =
      maxTokens.isSome() && tokens.size() + 1 == maxTokens.get();
    const size_t end = s.find_first_of(delims, begin);
    if (end == std::string::npos || last) {
      tokens.push_back(s.substr(begin));
      break;
    }

    tokens.push_back(s.substr(begin, end - begin));
    begin = end + 1;
  }

  return tokens;
}


// Tokenizes by `delims1`, then each token by `delims2`; tokens that
// give exactly two parts become key -> values entries, in input order.
// E.g. pairs("a=1;b=2;a=3;c", ";", "=") == {a: [1, 3], b: [2]}.
inline std::map<std::string, std::vector<std::string>> pairs(
    const std::string& s,
    const std::string& delims1,
    const std::string& delims2)
{
  std::map<std::string, std::vector<std::string>> result;
  for (const std::string& token : tokenize(s, delims1)) {
    const std::vector<std::string> pair = tokenize(token, delims2);
    if (pair.size() == 2) {
      result[pair[0]].push_back(pair[1]);
    }
  }
  return result;
}


namespace internal {

inline void appendTo(std::stringstream& stream, const std::string& value)
{
  stream << value;
}


inline void appendTo(std::stringstream& stream, const char* value)
{
  stream << value;
}


template <typename T>
void appendTo(std::stringstream& stream, const T& value)
{
  stream << ::stringify(value);
}


template <typename T>
void joinTo(std::stringstream& stream, const std::string&, const T& last)
{
  appendTo(stream, last);
}


template <typename T, typename... Rest>
void joinTo(
    std::stringstream& stream,
    const std::string& separator,
    const T& first,
    const Rest&... rest)
{
  appendTo(stream, first);
  stream << separator;
  joinTo(stream, separator, rest...);
}

} // namespace internal {


// Streams the stringified arguments, separated by `separator`.
template <typename... T>
std::stringstream& join(
    std::stringstream& stream,
    const std::string& separator,
    const T&... args)
{
  internal::joinTo(stream, separator, args...);
  return stream;
}


// join(", ", a, b, c...): two or more values of any stringifiable
// types, separated by `separator`.
template <typename T1, typename T2, typename... Rest>
std::string join(
    const std::string& separator,
    const T1& first,
    const T2& second,
    const Rest&... rest)
{
  std::stringstream stream;
  internal::joinTo(stream, separator, first, second, rest...);
  return stream.str();
}


// A single string joins to itself.
inline std::string join(const std::string&, const std::string& s)
{
  return s;
}


// join(", ", container): the stringified elements of any iterable.
template <typename Iterable>
std::string join(const std::string& separator, const Iterable& items)
{
  std::string result;
  bool first = true;
  for (const auto& item : items) {
    if (!first) {
      result += separator;
    }
    first = false;
    result += stringify(item);
  }
  return result;
}


// True when every `closeBracket` closes an earlier `openBracket` and
// none is left open.
inline bool checkBracketsMatching(
    const std::string& s,
    const char openBracket,
    const char closeBracket)
{
  long depth = 0;
  for (char c : s) {
    if (c == openBracket) {
      ++depth;
    } else if (c == closeBracket) {
      if (--depth < 0) {
        return false;
      }
    }
  }
  return depth == 0;
}


inline bool startsWith(const std::string& s, const std::string& prefix)
{
  return s.size() >= prefix.size() &&
         s.compare(0, prefix.size(), prefix) == 0;
}


inline bool startsWith(const std::string& s, const char* prefix)
{
  const size_t length = ::strlen(prefix);
  return s.size() >= length && s.compare(0, length, prefix) == 0;
}


inline bool startsWith(const std::string& s, char c)
{
  return !s.empty() && s.front() == c;
}


inline bool endsWith(const std::string& s, const std::string& suffix)
{
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}


// (Sic: stout spells this overload "endsWidth".)
inline bool endsWidth(const std::string& s, const char* suffix)
{
  return endsWith(s, std::string(suffix));
}


inline bool endsWith(const std::string& s, char c)
{
  return !s.empty() && s.back() == c;
}


inline bool contains(const std::string& s, const std::string& substr)
{
  return s.find(substr) != std::string::npos;
}


// ASCII case mapping (per `tolower` / `toupper` in the C locale).
inline std::string lower(const std::string& s)
{
  std::string result = s;
  for (char& c : result) {
    c = static_cast<char>(::tolower(static_cast<unsigned char>(c)));
  }
  return result;
}


inline std::string upper(const std::string& s)
{
  std::string result = s;
  for (char& c : result) {
    c = static_cast<char>(::toupper(static_cast<unsigned char>(c)));
  }
  return result;
}

} // namespace strings {

#endif // __STOUT_STRINGS_HPP__
