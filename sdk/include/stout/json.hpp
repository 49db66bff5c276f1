// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_JSON__
#define __STOUT_JSON__

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmath>
#include <exception>
#include <initializer_list>
#include <iostream>
#include <limits>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <stout/check.hpp>
#include <stout/error.hpp>
#include <stout/foreach.hpp>
#include <stout/jsonify.hpp>
#include <stout/none.hpp>
#include <stout/numify.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>
#include <stout/unreachable.hpp>

// The JSON value model of stout: String, Number, Object, Array, Boolean
// (with the True / False shorthands) and Null, and Value holding any
// one of them. Objects keep their keys in a std::map, i.e. sorted.
namespace JSON {

struct String;
struct Number;
struct Object;
struct Array;
struct True;
struct False;
struct Boolean;
struct Null;
struct Value;


struct String
{
  String() {}
  String(const char* _value) : value(_value) {}
  String(const std::string& _value) : value(_value) {}

  std::string value;
};


// A number keeps the kind it was made from: FLOATING (double),
// SIGNED_INTEGER (int64_t) or UNSIGNED_INTEGER (uint64_t). Parsed
// numbers are SIGNED_INTEGER when they are integers that fit int64_t
// and FLOATING otherwise (so values above INT64_MAX become doubles).
struct Number
{
  Number() : type(FLOATING), value(0) {}

  template <typename T>
  Number(
      T _value,
      typename std::enable_if<std::is_floating_point<T>::value, int>::type = 0)
    : type(FLOATING), value(_value) {}

  template <typename T>
  Number(
      T _value,
      typename std::enable_if<
          std::is_integral<T>::value && std::is_signed<T>::value,
          int>::type = 0)
    : type(SIGNED_INTEGER), signed_integer(_value) {}

  template <typename T>
  Number(
      T _value,
      typename std::enable_if<
          std::is_integral<T>::value && std::is_unsigned<T>::value,
          int>::type = 0)
    : type(UNSIGNED_INTEGER), unsigned_integer(_value) {}

  // The value converted with static_cast (no range checks).
  template <typename T>
  T as() const
  {
    switch (type) {
      case FLOATING: return static_cast<T>(value);
      case SIGNED_INTEGER: return static_cast<T>(signed_integer);
      case UNSIGNED_INTEGER: return static_cast<T>(unsigned_integer);
    }
    UNREACHABLE();
  }

  enum Type
  {
    FLOATING,
    SIGNED_INTEGER,
    UNSIGNED_INTEGER,
  } type;

private:
  friend struct Value;
  friend struct Comparator;
  friend void json(NumberWriter* writer, const Number& number);
  friend bool equalNumbers(const Number& left, const Number& right);

  union {
    double value;
    int64_t signed_integer;
    uint64_t unsigned_integer;
  };
};


struct Object
{
  Object() = default;

  Object(std::initializer_list<std::pair<const std::string, Value>> values_);

  // The value at a dotted path with optional array subscripts, e.g.
  // find<JSON::String>("container.docker.image") or
  // find<JSON::Object>("volumes[0]"). Returns None when a component is
  // missing or null (or a subscript is past the end), and an Error when
  // the value found has another type ("Found JSON value of wrong type"),
  // an intermediate value is not an object / array ("Intermediate JSON
  // value not an object" / "... not an array"), or a subscript is bad.
  // find<JSON::Null> / find<JSON::Value> return Some for a null value.
  template <typename T>
  Result<T> find(const std::string& path) const;

  // The value of key `key` itself (no path syntax): None when absent,
  // an Error when of another type.
  template <typename T>
  Result<T> at(const std::string& key) const;

  std::map<std::string, Value> values;
};


struct Array
{
  Array() = default;
  Array(std::initializer_list<Value> values_);

  std::vector<Value> values;
};


struct Boolean
{
  Boolean() : value(false) {}
  Boolean(bool _value) : value(_value) {}

  bool value;
};


struct True : Boolean
{
  True() : Boolean(true) {}
};


struct False : Boolean
{
  False() : Boolean(false) {}
};


struct Null {};


// What Value::as<T>() throws when the value holds another type.
struct bad_get : std::exception
{
  const char* what() const noexcept override
  {
    return "JSON::Value::as: value holds a different type";
  }
};


struct Value
{
  // Default: null.
  Value() : data(Null()) {}

  Value(bool value) : data(Boolean(value)) {}

  Value(char* value) : data(String(value)) {}
  Value(const char* value) : data(String(value)) {}

  Value(const std::string& value) : data(String(value)) {}

  // Any arithmetic type (except bool) becomes a Number.
  template <typename T>
  Value(
      const T& value,
      typename std::enable_if<
          std::is_arithmetic<T>::value && !std::is_same<T, bool>::value,
          int>::type = 0)
    : data(Number(value)) {}

  Value(const Null& value) : data(value) {}
  Value(const String& value) : data(value) {}
  Value(String&& value) : data(std::move(value)) {}
  Value(const Number& value) : data(value) {}
  Value(const Object& value) : data(value) {}
  Value(Object&& value) : data(std::move(value)) {}
  Value(const Array& value) : data(value) {}
  Value(Array&& value) : data(std::move(value)) {}
  Value(const Boolean& value) : data(Boolean(value.value)) {}

  Value(const Value&) = default;
  Value(Value&&) = default;
  Value& operator=(const Value&) = default;
  Value& operator=(Value&&) = default;

  // is<T>(): holds a T (is<Value>() is always true).
  template <typename T>
  bool is() const
  {
    return std::holds_alternative<T>(data);
  }

  // as<T>(): the held T; throws JSON::bad_get for another type.
  template <typename T>
  const T& as() const &
  {
    const T* t = std::get_if<T>(&data);
    if (t == nullptr) {
      throw bad_get();
    }
    return *t;
  }

  template <typename T>
  T& as() &
  {
    T* t = std::get_if<T>(&data);
    if (t == nullptr) {
      throw bad_get();
    }
    return *t;
  }

  template <typename T>
  T&& as() &&
  {
    return std::move(as<T>());
  }

  template <typename T>
  const T&& as() const &&
  {
    return std::move(as<T>());
  }

  // Index of the held type: Null 0, String 1, Number 2, Object 3,
  // Array 4, Boolean 5 (the order of stout's variant).
  int which() const { return static_cast<int>(data.index()); }

  // Whether `other` is "contained" in this value: objects contain the
  // other's keys with (recursively) containing values, arrays have the
  // same length and contain element-wise, other values are equal.
  bool contains(const Value& other) const;

  // Calls `visitor` with the held value.
  template <typename Visitor>
  decltype(auto) visit(Visitor&& visitor) const
  {
    return std::visit(std::forward<Visitor>(visitor), data);
  }

private:
  std::variant<Null, String, Number, Object, Array, Boolean> data;
};


template <>
inline bool Value::is<Value>() const
{
  return true;
}


template <>
inline const Value& Value::as<Value>() const &
{
  return *this;
}


template <>
inline Value& Value::as<Value>() &
{
  return *this;
}


inline Object::Object(
    std::initializer_list<std::pair<const std::string, Value>> values_)
  : values(values_) {}


inline Array::Array(std::initializer_list<Value> values_)
  : values(values_) {}


template <typename T>
Result<T> Object::find(const std::string& path) const
{
  const std::vector<std::string> names = strings::split(path, ".", 2);
  if (names.empty()) {
    return None();
  }

  std::string name = names[0];

  Option<size_t> subscript;
  const size_t open = name.find('[');
  if (open != std::string::npos) {
    if (name.back() != ']') {
      return Error("Malformed array subscript, expecting ']'");
    }

    const std::string text = name.substr(open + 1, name.size() - open - 2);
    Try<int> index = numify<int>(text);
    if (index.isError()) {
      return Error("Failed to numify array subscript '" + text + "'");
    }
    if (index.get() < 0) {
      return Error("Array subscript '" + text + "' must be >= 0");
    }
    subscript = static_cast<size_t>(index.get());
    name = name.substr(0, open);
  }

  auto entry = values.find(name);
  if (entry == values.end()) {
    return None();
  }

  const Value* value = &entry->second;

  if (subscript.isSome()) {
    if (value->is<Array>()) {
      const Array& array = value->as<Array>();
      if (subscript.get() >= array.values.size()) {
        return None();
      }
      value = &array.values[subscript.get()];
    } else if (value->is<Null>()) {
      return None();
    } else {
      return Error("Intermediate JSON value not an array");
    }
  }

  if (names.size() == 1) {
    if (value->is<T>()) {
      return value->as<T>();
    }
    if (value->is<Null>()) {
      return None();
    }
    return Error("Found JSON value of wrong type");
  }

  if (!value->is<Object>()) {
    return Error("Intermediate JSON value not an object");
  }

  return value->as<Object>().find<T>(names[1]);
}


template <typename T>
Result<T> Object::at(const std::string& key) const
{
  if (key.empty()) {
    return None();
  }

  auto entry = values.find(key);
  if (entry == values.end()) {
    return None();
  }

  if (!entry->second.is<T>()) {
    return Error("Found JSON value of wrong type");
  }

  return entry->second.as<T>();
}


// Numbers compare by value across kinds; a negative signed integer never
// equals an unsigned one.
inline bool equalNumbers(const Number& left, const Number& right)
{
  switch (left.type) {
    case Number::FLOATING:
      switch (right.type) {
        case Number::FLOATING:
          return left.value == right.value;
        case Number::SIGNED_INTEGER:
          return left.value == static_cast<double>(right.signed_integer);
        case Number::UNSIGNED_INTEGER:
          return left.value == static_cast<double>(right.unsigned_integer);
      }
      break;
    case Number::SIGNED_INTEGER:
      switch (right.type) {
        case Number::FLOATING:
          return static_cast<double>(left.signed_integer) == right.value;
        case Number::SIGNED_INTEGER:
          return left.signed_integer == right.signed_integer;
        case Number::UNSIGNED_INTEGER:
          return left.signed_integer >= 0 &&
                 static_cast<uint64_t>(left.signed_integer) ==
                   right.unsigned_integer;
      }
      break;
    case Number::UNSIGNED_INTEGER:
      switch (right.type) {
        case Number::FLOATING:
          return static_cast<double>(left.unsigned_integer) == right.value;
        case Number::SIGNED_INTEGER:
          return right.signed_integer >= 0 &&
                 left.unsigned_integer ==
                   static_cast<uint64_t>(right.signed_integer);
        case Number::UNSIGNED_INTEGER:
          return left.unsigned_integer == right.unsigned_integer;
      }
      break;
  }
  UNREACHABLE();
}


inline bool operator==(const Value& lhs, const Value& rhs);


inline bool Value::contains(const Value& other) const
{
  if (other.is<Object>()) {
    if (!is<Object>()) {
      return false;
    }
    const Object& self = as<Object>();
    for (const auto& entry : other.as<Object>().values) {
      auto it = self.values.find(entry.first);
      if (it == self.values.end() || !it->second.contains(entry.second)) {
        return false;
      }
    }
    return true;
  }

  if (other.is<Array>()) {
    if (!is<Array>()) {
      return false;
    }
    const std::vector<Value>& mine = as<Array>().values;
    const std::vector<Value>& theirs = other.as<Array>().values;
    if (mine.size() != theirs.size()) {
      return false;
    }
    for (size_t i = 0; i < mine.size(); ++i) {
      if (!mine[i].contains(theirs[i])) {
        return false;
      }
    }
    return true;
  }

  return *this == other;
}


inline bool operator==(const Value& lhs, const Value& rhs)
{
  if (lhs.is<Number>() && rhs.is<Number>()) {
    return equalNumbers(lhs.as<Number>(), rhs.as<Number>());
  }
  if (lhs.which() != rhs.which()) {
    return false;
  }
  if (lhs.is<String>()) {
    return lhs.as<String>().value == rhs.as<String>().value;
  }
  if (lhs.is<Object>()) {
    return lhs.as<Object>().values == rhs.as<Object>().values;
  }
  if (lhs.is<Array>()) {
    return lhs.as<Array>().values == rhs.as<Array>().values;
  }
  if (lhs.is<Boolean>()) {
    return lhs.as<Boolean>().value == rhs.as<Boolean>().value;
  }
  return true; // Both null.
}


inline bool operator!=(const Value& lhs, const Value& rhs)
{
  return !(lhs == rhs);
}


// jsonify customization points for the JSON types.

inline void json(BooleanWriter* writer, const Boolean& boolean)
{
  writer->set(boolean.value);
}


inline void json(StringWriter* writer, const String& string)
{
  writer->set(string.value);
}


inline void json(NumberWriter* writer, const Number& number)
{
  switch (number.type) {
    case Number::FLOATING:
      writer->set(number.value);
      break;
    case Number::SIGNED_INTEGER:
      writer->set(static_cast<long long int>(number.signed_integer));
      break;
    case Number::UNSIGNED_INTEGER:
      writer->set(static_cast<unsigned long long int>(number.unsigned_integer));
      break;
  }
}


inline void json(ObjectWriter* writer, const Object& object)
{
  for (const auto& entry : object.values) {
    writer->field(entry.first, entry.second);
  }
}


inline void json(ArrayWriter* writer, const Array& array)
{
  for (const Value& value : array.values) {
    writer->element(value);
  }
}


inline void json(NullWriter*, const Null&) {}


// A Value writes as the type it holds. (A template, so that the typed
// overloads above win for JSON::String, JSON::Number, ...)
template <
    typename T,
    typename std::enable_if<std::is_same<T, Value>::value, int>::type = 0>
void json(WriterProxy&& writer, const T& value)
{
  value.visit([&writer](const auto& held) {
    json(std::move(writer), held);
  });
}


inline std::ostream& operator<<(std::ostream& stream, const Boolean& boolean)
{
  return stream << jsonify(boolean);
}


inline std::ostream& operator<<(std::ostream& stream, const String& string)
{
  return stream << jsonify(string);
}


inline std::ostream& operator<<(std::ostream& stream, const Number& number)
{
  return stream << jsonify(number);
}


inline std::ostream& operator<<(std::ostream& stream, const Object& object)
{
  return stream << jsonify(object);
}


inline std::ostream& operator<<(std::ostream& stream, const Array& array)
{
  return stream << jsonify(array);
}


inline std::ostream& operator<<(std::ostream& stream, const Null& null)
{
  return stream << jsonify(null);
}


inline std::ostream& operator<<(std::ostream& stream, const Value& value)
{
  return stream << jsonify(value);
}


namespace internal {

// The nesting limit of stout's parser: 200 arrays/objects.
constexpr size_t STOUT_JSON_MAX_DEPTH = 200;

// A reader over the input with one character of push-back and line
// counting. Its observable behaviour (which characters a failed parse
// has consumed, where a successful parse ends, the line number) is that
// of the picojson 1.3.0 reader stout uses, because error messages and
// the trailing-garbage check depend on it:
//  * ungetc() after reading end of input is a no-op;
//  * position() does not step back over a pushed-back character.
class Reader
{
public:
  Reader(const char* begin, const char* end)
    : current(begin), last(end) {}

  int getc()
  {
    if (pushedBack) {
      pushedBack = false;
      return previous;
    }
    if (current == last) {
      previous = -1;
      return -1;
    }
    if (previous == '\n') {
      ++line_;
    }
    previous = static_cast<unsigned char>(*current++);
    return previous;
  }

  void ungetc()
  {
    if (previous != -1) {
      pushedBack = true;
    }
  }

  void skipWhitespace()
  {
    while (true) {
      const int c = getc();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        ungetc();
        return;
      }
    }
  }

  bool expect(int expected)
  {
    skipWhitespace();
    if (getc() != expected) {
      ungetc();
      return false;
    }
    return true;
  }

  bool match(const char* rest)
  {
    for (; *rest != '\0'; ++rest) {
      if (getc() != static_cast<unsigned char>(*rest)) {
        ungetc();
        return false;
      }
    }
    return true;
  }

  const char* position() const { return current; }
  int line() const { return line_; }

private:
  const char* current;
  const char* last;
  int previous = -1;
  bool pushedBack = false;
  int line_ = 1;
};


class Parser
{
public:
  explicit Parser(Reader* _reader) : reader(_reader) {}

  // Parses one value into `out`; false on a syntax error (or after a
  // number out of double range, see `outOfRange`).
  bool value(Value* out, size_t depth)
  {
    reader->skipWhitespace();
    const int c = reader->getc();
    switch (c) {
      case 'n':
        if (!reader->match("ull")) return false;
        *out = Null();
        return true;
      case 'f':
        if (!reader->match("alse")) return false;
        *out = Boolean(false);
        return true;
      case 't':
        if (!reader->match("rue")) return false;
        *out = Boolean(true);
        return true;
      case '"': {
        std::string text;
        if (!string(&text)) {
          return false;
        }
        *out = String(std::move(text));
        return true;
      }
      case '[':
        return array(out, depth);
      case '{':
        return object(out, depth);
      default:
        if ((c >= '0' && c <= '9') || c == '-') {
          reader->ungetc();
          return number(out);
        }
        reader->ungetc();
        return false;
    }
  }

  // The body of a string after its opening quote.
  bool string(std::string* out)
  {
    while (true) {
      int c = reader->getc();
      if (c < ' ') { // Control characters and end of input.
        reader->ungetc();
        return false;
      }
      if (c == '"') {
        return true;
      }
      if (c != '\\') {
        out->push_back(static_cast<char>(c));
        continue;
      }

      c = reader->getc();
      switch (c) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u':
          if (!codepoint(out)) {
            return false;
          }
          break;
        default:
          return false;
      }
    }
  }

  bool outOfRange = false;

private:
  // Four hex digits, or -1.
  int hex4()
  {
    int result = 0;
    for (int i = 0; i < 4; ++i) {
      const int c = reader->getc();
      int digit;
      if (c == -1) {
        return -1;
      } else if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        reader->ungetc();
        return -1;
      }
      result = result * 16 + digit;
    }
    return result;
  }

  // "\uXXXX" (after the 'u'), with surrogate pairs, appended as UTF-8.
  bool codepoint(std::string* out)
  {
    long code = hex4();
    if (code == -1) {
      return false;
    }

    if (code >= 0xd800 && code <= 0xdfff) {
      if (code >= 0xdc00) {
        return false; // A lone low surrogate.
      }
      if (reader->getc() != '\\' || reader->getc() != 'u') {
        reader->ungetc();
        return false;
      }
      const long low = hex4();
      if (low < 0xdc00 || low > 0xdfff) {
        return false;
      }
      code = 0x10000 + (((code - 0xd800) << 10) | ((low - 0xdc00) & 0x3ff));
    }

    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xc0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xe0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
    } else {
      out->push_back(static_cast<char>(0xf0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
    }
    return true;
  }

  // The longest run of [0-9+-eE.] read as an int64 if it is exactly one,
  // else as a double (which must be finite).
  bool number(Value* out)
  {
    std::string text;
    while (true) {
      const int c = reader->getc();
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == 'e' ||
          c == 'E' || c == '.') {
        text.push_back(static_cast<char>(c));
      } else {
        reader->ungetc();
        break;
      }
    }
    if (text.empty()) {
      return false;
    }

    char* end = nullptr;
    errno = 0;
    const intmax_t integer = ::strtoimax(text.c_str(), &end, 10);
    if (errno == 0 && end == text.c_str() + text.size()) {
      *out = Number(static_cast<int64_t>(integer));
      return true;
    }

    const double floating = ::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
      return false;
    }
    if (std::isnan(floating) || std::isinf(floating)) {
      outOfRange = true;
      return false;
    }
    *out = Number(floating);
    return true;
  }

  bool array(Value* out, size_t depth)
  {
    if (depth == 0) {
      return false;
    }
    *out = Array();
    std::vector<Value>& values = out->as<Array>().values;

    if (reader->expect(']')) {
      return true;
    }
    do {
      values.push_back(Value());
      if (!value(&values.back(), depth - 1)) {
        return false;
      }
    } while (reader->expect(','));
    return reader->expect(']');
  }

  bool object(Value* out, size_t depth)
  {
    if (depth == 0) {
      return false;
    }
    *out = Object();
    std::map<std::string, Value>& values = out->as<Object>().values;

    if (reader->expect('}')) {
      return true;
    }
    do {
      std::string key;
      if (!reader->expect('"') || !string(&key) || !reader->expect(':')) {
        return false;
      }
      // A repeated key is parsed again into the same slot: last wins.
      if (!value(&values[key], depth - 1)) {
        return false;
      }
    } while (reader->expect(','));
    return reader->expect('}');
  }

  Reader* reader;
};

} // namespace internal {


// Parses JSON text. Errors (stout's texts):
//   "syntax error at line <n> near: <rest of that line>"
//   "Value out of range" (a number that is infinite as a double)
//   "Parsed JSON included non-whitespace trailing characters: <text>"
// Integers that fit int64_t become SIGNED_INTEGER numbers, other numbers
// doubles; nesting is limited to 200 levels; duplicate object keys keep
// the last value. As in stout, a number at the very end of the parsed
// value also consumes the character after it, so "1x" parses as 1 but
// "1 " fails with the trailing-characters error.
inline Try<Value> parse(const std::string& s)
{
  const char* begin = s.data();
  const size_t lastVisible = s.find_last_not_of(strings::WHITESPACE);
  const size_t visibleEnd =
    lastVisible == std::string::npos ? 0 : lastVisible + 1;

  internal::Reader reader(begin, begin + s.size());
  internal::Parser parser(&reader);

  Value value;
  if (!parser.value(&value, internal::STOUT_JSON_MAX_DEPTH)) {
    if (parser.outOfRange) {
      return Error("Value out of range");
    }
    std::string message =
      "syntax error at line " + std::to_string(reader.line()) + " near: ";
    while (true) {
      const int c = reader.getc();
      if (c == -1 || c == '\n') {
        break;
      }
      if (c >= ' ') {
        message.push_back(static_cast<char>(c));
      }
    }
    return Error(message);
  }

  const size_t end = static_cast<size_t>(reader.position() - begin);
  if (end != visibleEnd) {
    const std::string trailing =
      end < visibleEnd ? s.substr(end, visibleEnd - end) : s.substr(end);
    return Error(
        "Parsed JSON included non-whitespace trailing characters: " +
        trailing);
  }

  return value;
}


// Parses and requires the top-level value to be a T, else
// "Unexpected JSON type parsed".
template <typename T>
Try<T> parse(const std::string& s)
{
  Try<Value> value = parse(s);
  if (value.isError()) {
    return Error(value.error());
  }
  if (!value->is<T>()) {
    return Error("Unexpected JSON type parsed");
  }
  return std::move(value->as<T>());
}


template <>
inline Try<Value> parse(const std::string& s)
{
  return parse(s);
}

} // namespace JSON {

#endif // __STOUT_JSON__
