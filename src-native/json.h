// A small JSON reader (into a DOM whose numbers keep their text) and writer
// helpers: hook arguments cross from JS as one JSON text (JSON.stringify is
// fast in V8; property-by-property Node-API access is not) and results go
// back the same way (JSON.parse).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mesos_modules {

struct Json
{
  enum Type { NUL, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT };

  Type type = NUL;
  bool boolean = false;
  std::string text; // STRING: the decoded string; NUMBER: the number as written.
  std::vector<Json> items; // ARRAY
  std::vector<std::pair<std::string, Json>> members; // OBJECT, in order

  const Json* find(const std::string& key) const
  {
    for (const auto& member : members) {
      if (member.first == key) return &member.second;
    }
    return nullptr;
  }
};

// Parses `text`; on failure returns false and says why in `error`.
bool parseJson(const std::string& text, Json* out, std::string* error);

// Appends `s` as a JSON string literal.
void appendJsonString(std::string* out, const std::string& s);

} // namespace mesos_modules
