// JSON string literals for the answers the room's children write as JSON
// text (the inspector's, the isolated child's), so both escape alike.
// Header-only, no Mesos header: the inspector hosts any runtime.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

namespace mesos_modules {

// Appends `s` as a JSON string literal. Bytes that are not UTF-8 become
// U+FFFD, so the text always parses.
inline void appendJsonString(std::string* out, const std::string& s)
{
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
      i++;
    } else if (c < 0x20) {
      char buffer[8];
      snprintf(buffer, sizeof(buffer), "\\u%04x", c);
      out->append(buffer);
      i++;
    } else if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      i++;
    } else {
      size_t length = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
      bool valid = length > 0 && i + length <= s.size();
      for (size_t k = 1; valid && k < length; k++) {
        valid = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
      }
      if (valid) {
        out->append(s, i, length);
        i += length;
      } else {
        out->append("\xef\xbf\xbd");
        i++;
      }
    }
  }
  out->push_back('"');
}

// `s` as a JSON string literal.
inline std::string jsonString(const std::string& s)
{
  std::string out;
  appendJsonString(&out, s);
  return out;
}

} // namespace mesos_modules
