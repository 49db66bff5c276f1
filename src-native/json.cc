#include "json.h"

#include <cstdio>

namespace mesos_modules {

namespace {

class Reader
{
public:
  explicit Reader(const std::string& _text) : text(_text) {}

  bool document(Json* out, std::string* error)
  {
    if (!value(out, 0)) {
      *error = problem;
      return false;
    }
    space();
    if (at != text.size()) {
      *error = "unexpected text after the JSON value at offset " + std::to_string(at);
      return false;
    }
    return true;
  }

private:
  void space()
  {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) at++;
  }

  bool fail(const std::string& why)
  {
    if (problem.empty()) problem = why + " at offset " + std::to_string(at);
    return false;
  }

  bool literal(const char* word)
  {
    size_t n = std::char_traits<char>::length(word);
    if (text.compare(at, n, word) != 0) return fail("invalid JSON");
    at += n;
    return true;
  }

  static void utf8(std::string* out, unsigned cp)
  {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool hex4(unsigned* cp)
  {
    if (at + 4 > text.size()) return fail("bad \\u escape");
    *cp = 0;
    for (int i = 0; i < 4; i++) {
      char c = text[at++];
      *cp <<= 4;
      if (c >= '0' && c <= '9') *cp |= c - '0';
      else if (c >= 'a' && c <= 'f') *cp |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') *cp |= c - 'A' + 10;
      else return fail("bad \\u escape");
    }
    return true;
  }

  bool string(std::string* out)
  {
    at++; // "
    while (at < text.size()) {
      size_t start = at;
      while (at < text.size() && text[at] != '"' && text[at] != '\\') at++;
      out->append(text, start, at - start);
      if (at >= text.size()) break;
      if (text[at] == '"') {
        at++;
        return true;
      }
      at++; // backslash
      if (at >= text.size()) break;
      char c = text[at++];
      switch (c) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          unsigned cp;
          if (!hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && at + 6 <= text.size() && text[at] == '\\' && text[at + 1] == 'u') {
            at += 2;
            unsigned low;
            if (!hex4(&low)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          utf8(out, cp);
          break;
        }
        default:
          return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }

  bool value(Json* out, int depth)
  {
    if (depth > 200) return fail("JSON nested too deeply");
    space();
    if (at >= text.size()) return fail("unexpected end of JSON");
    char c = text[at];
    if (c == '{') {
      out->type = Json::OBJECT;
      at++;
      space();
      if (at < text.size() && text[at] == '}') {
        at++;
        return true;
      }
      while (true) {
        space();
        if (at >= text.size() || text[at] != '"') return fail("expected a key");
        std::string key;
        if (!string(&key)) return false;
        space();
        if (at >= text.size() || text[at] != ':') return fail("expected ':'");
        at++;
        out->members.emplace_back(std::move(key), Json());
        if (!value(&out->members.back().second, depth + 1)) return false;
        space();
        if (at < text.size() && text[at] == ',') {
          at++;
          continue;
        }
        if (at < text.size() && text[at] == '}') {
          at++;
          return true;
        }
        return fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      out->type = Json::ARRAY;
      at++;
      space();
      if (at < text.size() && text[at] == ']') {
        at++;
        return true;
      }
      while (true) {
        out->items.emplace_back();
        if (!value(&out->items.back(), depth + 1)) return false;
        space();
        if (at < text.size() && text[at] == ',') {
          at++;
          continue;
        }
        if (at < text.size() && text[at] == ']') {
          at++;
          return true;
        }
        return fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      out->type = Json::STRING;
      return string(&out->text);
    }
    if (c == 't') {
      out->type = Json::BOOLEAN;
      out->boolean = true;
      return literal("true");
    }
    if (c == 'f') {
      out->type = Json::BOOLEAN;
      return literal("false");
    }
    if (c == 'n') {
      out->type = Json::NUL;
      return literal("null");
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = at;
      at++;
      while (at < text.size()) {
        char d = text[at];
        if ((d >= '0' && d <= '9') || d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') at++;
        else break;
      }
      out->type = Json::NUMBER;
      out->text = text.substr(start, at - start);
      return true;
    }
    return fail("invalid JSON");
  }

  const std::string& text;
  size_t at = 0;
  std::string problem;
};

} // namespace


bool parseJson(const std::string& text, Json* out, std::string* error)
{
  return Reader(text).document(out, error);
}


void appendJsonString(std::string* out, const std::string& s)
{
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (c < 0x20) {
          char buffer[8];
          snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          out->append(buffer);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

} // namespace mesos_modules
