// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_BASE64_HPP__
#define __STOUT_BASE64_HPP__

#include <ctype.h>

#include <string>

#include <stout/error.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

// RFC 4648 base64 with the standard and the URL-safe alphabet.
namespace base64 {

namespace internal {

constexpr char STANDARD_CHARS[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr char URL_SAFE_CHARS[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";


inline std::string encode(
    const std::string& s,
    const char* alphabet,
    bool padding)
{
  std::string result;
  result.reserve((s.size() + 2) / 3 * 4);

  size_t i = 0;
  for (; i + 3 <= s.size(); i += 3) {
    const unsigned long group =
      (static_cast<unsigned long>(static_cast<unsigned char>(s[i])) << 16) |
      (static_cast<unsigned long>(static_cast<unsigned char>(s[i + 1])) << 8) |
      static_cast<unsigned long>(static_cast<unsigned char>(s[i + 2]));
    result += alphabet[(group >> 18) & 0x3f];
    result += alphabet[(group >> 12) & 0x3f];
    result += alphabet[(group >> 6) & 0x3f];
    result += alphabet[group & 0x3f];
  }

  const size_t rest = s.size() - i;
  if (rest > 0) {
    unsigned long group =
      static_cast<unsigned long>(static_cast<unsigned char>(s[i])) << 16;
    if (rest == 2) {
      group |=
        static_cast<unsigned long>(static_cast<unsigned char>(s[i + 1])) << 8;
    }
    result += alphabet[(group >> 18) & 0x3f];
    result += alphabet[(group >> 12) & 0x3f];
    if (rest == 2) {
      result += alphabet[(group >> 6) & 0x3f];
    }
    if (padding) {
      result.append(3 - rest, '=');
    }
  }

  return result;
}


// Decoding stops at the first '=' (the amount of padding is not
// checked) and skips whitespace; any other character outside the
// alphabet is "Invalid character '<c>'". Left-over bits of an
// incomplete final group are dropped.
inline Try<std::string> decode(const std::string& s, const char* alphabet)
{
  const std::string chars(alphabet);

  std::string result;
  unsigned long group = 0;
  int count = 0;

  for (unsigned char c : s) {
    if (c == '=') {
      break;
    }
    if (isspace(c)) {
      continue;
    }
    const size_t value = chars.find(static_cast<char>(c));
    if (!isalnum(c) && value == std::string::npos) {
      return Error("Invalid character '" + stringify(c) + "'");
    }

    group = (group << 6) | (value & 0x3f);
    if (++count == 4) {
      result += static_cast<char>((group >> 16) & 0xff);
      result += static_cast<char>((group >> 8) & 0xff);
      result += static_cast<char>(group & 0xff);
      group = 0;
      count = 0;
    }
  }

  if (count == 2) {
    result += static_cast<char>((group >> 4) & 0xff);
  } else if (count == 3) {
    result += static_cast<char>((group >> 10) & 0xff);
    result += static_cast<char>((group >> 2) & 0xff);
  }

  return result;
}

} // namespace internal {


inline std::string encode(const std::string& s)
{
  return internal::encode(s, internal::STANDARD_CHARS, true);
}


inline Try<std::string> decode(const std::string& s)
{
  return internal::decode(s, internal::STANDARD_CHARS);
}


inline std::string encode_url_safe(const std::string& s, bool padding = true)
{
  return internal::encode(s, internal::URL_SAFE_CHARS, padding);
}


inline Try<std::string> decode_url_safe(const std::string& s)
{
  return internal::decode(s, internal::URL_SAFE_CHARS);
}

} // namespace base64 {

#endif // __STOUT_BASE64_HPP__
