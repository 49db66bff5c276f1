// JSON <-> protobuf by reflection. One walker each way.

#include "convert.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <google/protobuf/descriptor.h>

#include <mesos/mesos.hpp>
#include <mesos/module/hook.pb.h>

#include "base64.h"
#include "errors.h"

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::OneofDescriptor;
using google::protobuf::Reflection;

namespace mesos_modules {

namespace {

const double kMaxSafeInteger = 9007199254740991.0; // 2^53 - 1

std::string describe(const Json& value)
{
  switch (value.type) {
    case Json::NUL: return "null";
    case Json::BOOLEAN: return value.boolean ? "true" : "false";
    case Json::NUMBER: return "number " + value.text;
    case Json::STRING: return "string \"" + value.text + "\"";
    case Json::ARRAY: return "an array";
    case Json::OBJECT: return "an object";
  }
  return "a value";
}

// Field lookup by name, indexed per message type: protobuf's own lookup
// goes through its global symbol table and was the hot spot of reading a
// message. Most messages have a handful of fields, so a scan comparing
// lengths first beats hashing. Indexes are built once and never change; a
// lock-free table keyed by descriptor finds them.
struct FieldIndex
{
  struct Entry
  {
    std::string name;
    const FieldDescriptor* field;
  };
  std::vector<Entry> entries;

  const FieldDescriptor* find(const char* name, size_t length) const
  {
    for (const Entry& entry : entries) {
      if (entry.name.size() == length && std::memcmp(entry.name.data(), name, length) == 0) {
        return entry.field;
      }
    }
    return nullptr;
  }
};

FieldIndex* buildIndex(const Descriptor* type)
{
  auto* index = new FieldIndex();
  for (int i = 0; i < type->field_count(); i++) {
    index->entries.push_back({type->field(i)->name(), type->field(i)});
  }
  return index;
}

// Every message type reachable from the Hook API's files, indexed at first
// use; anything else (never expected) is indexed under a lock.
const FieldIndex& fieldIndex(const Descriptor* type)
{
  using Table = std::unordered_map<const Descriptor*, FieldIndex*>;
  static const Table* table = [] {
    auto* t = new Table();
    std::vector<const Descriptor*> pending;
    for (const Descriptor* root : {mesos::TaskInfo::descriptor(), mesos::DockerTaskExecutorPrepareInfo::descriptor(),
                                   mesos::Parameters::descriptor(), mesos::TaskStatus::descriptor(),
                                   mesos::ExecutorInfo::descriptor(), mesos::FrameworkInfo::descriptor(),
                                   mesos::SlaveInfo::descriptor(), mesos::Attribute::descriptor()}) {
      pending.push_back(root);
    }
    while (!pending.empty()) {
      const Descriptor* d = pending.back();
      pending.pop_back();
      if (t->count(d) > 0) continue;
      (*t)[d] = buildIndex(d);
      for (int i = 0; i < d->field_count(); i++) {
        if (d->field(i)->message_type() != nullptr) pending.push_back(d->field(i)->message_type());
      }
    }
    return t;
  }();
  auto it = table->find(type);
  if (it != table->end()) {
    return *it->second;
  }
  static std::mutex mutex;
  static auto* others = new Table();
  std::lock_guard<std::mutex> lock(mutex);
  FieldIndex*& index = (*others)[type];
  if (index == nullptr) index = buildIndex(type);
  return *index;
}

// Where a value sits, built only when an error needs it.
struct Path
{
  const Path* parent;
  const std::string* root;   // Set on the root only.
  const char* field;         // A field name (in the JSON text), or
  const std::string* key;    // a map key, or
  long index;                // an array index (>= 0).
  size_t fieldLength = 0;

  std::string str() const
  {
    if (root != nullptr) return *root;
    std::string base = parent->str();
    if (field != nullptr) {
      std::string name(field, fieldLength);
      return base.empty() ? name : base + "." + name;
    }
    if (key != nullptr) return base + "[\"" + *key + "\"]";
    return base + "[" + std::to_string(index) + "]";
  }
};

[[noreturn]] void fail(const Path& path, const std::string& message)
{
  throw ConvertError{path.str(), message, {}};
}

// A cursor over JSON text that converts values straight into messages.
class Reader
{
public:
  Reader(const char* begin, const char* end) : at(begin), stop(end) {}

  void space()
  {
    while (at < stop && (*at == ' ' || *at == '\n' || *at == '\r' || *at == '\t')) at++;
  }

  char peek()
  {
    space();
    return at < stop ? *at : '\0';
  }

  void expect(char c, const Path& path)
  {
    if (peek() != c) fail(path, std::string("malformed JSON: expected '") + c + "'");
    at++;
  }

  // Skips one value, returning its extent.
  JsonSpan skip(const Path& path)
  {
    space();
    JsonSpan span;
    span.begin = at;
    int depth = 0;
    while (at < stop) {
      char c = *at;
      if (c == '"') {
        // To the closing quote: one not preceded by an odd run of backslashes.
        const char* from = at + 1;
        while (true) {
          const char* quote = static_cast<const char*>(std::memchr(from, '"', stop - from));
          if (quote == nullptr) {
            at = stop;
            break;
          }
          size_t backslashes = 0;
          for (const char* b = quote; b > from && b[-1] == '\\'; b--) backslashes++;
          from = quote + 1;
          if (backslashes % 2 == 0) {
            at = from;
            break;
          }
        }
        if (depth == 0) break;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;
        if (--depth == 0) {
          at++;
          break;
        }
      } else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
        break;
      }
      at++;
    }
    span.end = at;
    if (span.end == span.begin) fail(path, "malformed JSON: expected a value");
    return span;
  }

  // The value at the cursor as a DOM, for error messages and small values.
  Json value(const Path& path)
  {
    JsonSpan span = skip(path);
    Json json;
    std::string error;
    if (!parseJson(std::string(span.begin, span.end), &json, &error)) {
      fail(path, "malformed JSON: " + error);
    }
    return json;
  }

  bool isNull()
  {
    space();
    if (stop - at >= 4 && at[0] == 'n' && at[1] == 'u' && at[2] == 'l' && at[3] == 'l') {
      at += 4;
      return true;
    }
    return false;
  }

  // A string at the cursor; false (cursor unmoved) if the value is not one.
  bool string(std::string* out, const Path& path)
  {
    if (peek() != '"') return false;
    const char* start = at + 1;
    const char* p = start;
    while (p < stop && *p != '"' && *p != '\\') p++;
    if (p < stop && *p == '"') {
      out->assign(start, p);
      at = p + 1;
      return true;
    }
    // Escapes: let the DOM reader decode them.
    Json json = value(path);
    *out = std::move(json.text);
    return true;
  }

  // A number or a string holding one, as text; false if neither.
  bool numberText(std::string* out, bool* quoted, const Path& path)
  {
    char c = peek();
    if (c == '"') {
      *quoted = true;
      return string(out, path);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      *quoted = false;
      const char* start = at;
      while (at < stop && ((*at >= '0' && *at <= '9') || *at == '-' || *at == '+' || *at == '.' || *at == 'e' || *at == 'E')) at++;
      out->assign(start, at);
      return true;
    }
    return false;
  }

  void message(Message* message, const Path& path);

private:
  void one(Message* message, const Reflection* r, const FieldDescriptor* field, const Path& path);
  void map(Message* message, const FieldDescriptor* field, const Path& path);

  [[noreturn]] void wrongKind(const std::string& what, const Path& path)
  {
    Json json = value(path);
    fail(path, "expected " + what + ", got " + describe(json));
  }

  template <typename T>
  T integer(const Path& path);
  double real(const Path& path);
  int enumeration(const FieldDescriptor* field, const Path& path);

  const char* at;
  const char* stop;
};

template <typename T>
T Reader::integer(const Path& path)
{
  const char* what = std::numeric_limits<T>::is_signed
    ? (sizeof(T) == 4 ? "an int32" : "an int64")
    : (sizeof(T) == 4 ? "a uint32" : "a uint64");

  std::string text;
  bool quoted = false;
  const char* before = at;
  if (!numberText(&text, &quoted, path)) wrongKind(what, path);

  bool whole = !text.empty() && text.find_first_not_of("-0123456789") == std::string::npos;
  if (whole) {
    errno = 0;
    char* end = nullptr;
    if (std::numeric_limits<T>::is_signed) {
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (errno == 0 && *end == '\0' && v >= static_cast<long long>(std::numeric_limits<T>::lowest()) &&
          v <= static_cast<long long>(std::numeric_limits<T>::max())) {
        return static_cast<T>(v);
      }
    } else if (text[0] != '-') {
      unsigned long long v = std::strtoull(text.c_str(), &end, 10);
      if (errno == 0 && *end == '\0' && v <= static_cast<unsigned long long>(std::numeric_limits<T>::max())) {
        return static_cast<T>(v);
      }
    }
    fail(path, (quoted ? "string \"" + text + "\"" : "number " + text) + " is out of range for " + what);
  }
  if (!quoted) {
    // Written with a fraction or an exponent: whole values only.
    double d = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(d) && std::trunc(d) == d &&
        d >= static_cast<double>(std::numeric_limits<T>::lowest()) &&
        d <= static_cast<double>(std::numeric_limits<T>::max())) {
      return static_cast<T>(d);
    }
  }
  at = before;
  wrongKind(what, path);
}

double Reader::real(const Path& path)
{
  std::string text;
  bool quoted = false;
  const char* before = at;
  if (numberText(&text, &quoted, path)) {
    if (!quoted) return std::strtod(text.c_str(), nullptr);
    if (text == "Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  }
  at = before;
  wrongKind("a number", path);
}

std::string enumChoices(const EnumDescriptor* type)
{
  std::string choices;
  for (int i = 0; i < type->value_count(); i++) {
    if (i > 0) choices += (i == type->value_count() - 1) ? " or " : ", ";
    choices += type->value(i)->name();
  }
  return choices;
}

int Reader::enumeration(const FieldDescriptor* field, const Path& path)
{
  const EnumDescriptor* type = field->enum_type();
  std::string text;
  bool quoted = false;
  if (!numberText(&text, &quoted, path)) wrongKind("an enum name of " + type->full_name(), path);
  const EnumValueDescriptor* found = nullptr;
  if (quoted) {
    found = type->FindValueByName(text);
  } else {
    char* end = nullptr;
    long v = std::strtol(text.c_str(), &end, 10);
    if (*end == '\0' && v >= INT32_MIN && v <= INT32_MAX) found = type->FindValueByNumber(static_cast<int>(v));
  }
  if (found == nullptr) {
    fail(path, "invalid enum value " + (quoted ? "\"" + text + "\"" : text) + " for " + type->full_name() +
         " (expected " + enumChoices(type) + ")");
  }
  return found->number();
}

// One value of `field` (a repeated field's element, or a singular field).
void Reader::one(Message* message, const Reflection* r, const FieldDescriptor* field, const Path& path)
{
  const bool repeated = field->is_repeated();

  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      this->message(repeated ? r->AddMessage(message, field) : r->MutableMessage(message, field), path);
      return;
    case FieldDescriptor::CPPTYPE_STRING: {
      const bool bytes = field->type() == FieldDescriptor::TYPE_BYTES;
      std::string s;
      if (!string(&s, path)) wrongKind(bytes ? "base64 text" : "a string", path);
      if (bytes) {
        std::string decoded;
        if (!base64Decode(s, &decoded)) fail(path, "invalid base64 for a bytes field");
        s.swap(decoded);
      }
      repeated ? r->AddString(message, field, std::move(s)) : r->SetString(message, field, std::move(s));
      return;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      space();
      bool b;
      if (stop - at >= 4 && std::memcmp(at, "true", 4) == 0) {
        b = true;
        at += 4;
      } else if (stop - at >= 5 && std::memcmp(at, "false", 5) == 0) {
        b = false;
        at += 5;
      } else {
        wrongKind("a boolean", path);
      }
      repeated ? r->AddBool(message, field, b) : r->SetBool(message, field, b);
      return;
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v = integer<int32_t>(path);
      repeated ? r->AddInt32(message, field, v) : r->SetInt32(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v = integer<int64_t>(path);
      repeated ? r->AddInt64(message, field, v) : r->SetInt64(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v = integer<uint32_t>(path);
      repeated ? r->AddUInt32(message, field, v) : r->SetUInt32(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v = integer<uint64_t>(path);
      repeated ? r->AddUInt64(message, field, v) : r->SetUInt64(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double v = real(path);
      repeated ? r->AddDouble(message, field, v) : r->SetDouble(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      float v = static_cast<float>(real(path));
      repeated ? r->AddFloat(message, field, v) : r->SetFloat(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      int v = enumeration(field, path);
      repeated ? r->AddEnumValue(message, field, v) : r->SetEnumValue(message, field, v);
      return;
    }
  }
  fail(path, "unsupported field type");
}

// A map field given as an object: one entry per key.
void Reader::map(Message* message, const FieldDescriptor* field, const Path& path)
{
  if (peek() != '{') wrongKind("an object (a map)", path);
  at++;
  const Descriptor* entryType = field->message_type();
  const FieldDescriptor* keyField = entryType->FindFieldByNumber(1);
  const FieldDescriptor* valueField = entryType->FindFieldByNumber(2);

  if (peek() == '}') {
    at++;
    return;
  }
  while (true) {
    std::string key;
    if (!string(&key, path)) fail(path, "malformed JSON: expected a key");
    expect(':', path);
    Path here{&path, nullptr, nullptr, &key, -1};
    Message* entry = message->GetReflection()->AddMessage(message, field);
    const Reflection* er = entry->GetReflection();
    switch (keyField->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: er->SetString(entry, keyField, key); break;
      case FieldDescriptor::CPPTYPE_BOOL: er->SetBool(entry, keyField, key == "true"); break;
      default: {
        Reader keyReader(key.data(), key.data() + key.size());
        keyReader.one(entry, er, keyField, here);
      }
    }
    if (isNull()) fail(here, "a map value cannot be null");
    one(entry, er, valueField, here);
    char c = peek();
    at++;
    if (c == ',') continue;
    if (c == '}') return;
    fail(path, "malformed JSON: expected ',' or '}'");
  }
}

std::string camelToSnake(const std::string& name)
{
  std::string snake;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      snake += '_';
      snake += static_cast<char>(c - 'A' + 'a');
    } else {
      snake += c;
    }
  }
  return snake;
}

void Reader::message(Message* message, const Path& path)
{
  const Descriptor* type = message->GetDescriptor();
  if (peek() != '{') wrongKind("an object (" + type->full_name() + ")", path);
  at++;
  if (peek() == '}') {
    at++;
    return;
  }

  const Reflection* r = message->GetReflection();
  const FieldIndex& fields = fieldIndex(type); // Once per message, not per key.
  std::string name;
  while (true) {
    // Keys are read in place when they have no escapes (they never do in
    // JSON.stringify output of field names); `name` is filled for errors.
    const char* keyStart = nullptr;
    size_t keyLength = 0;
    if (peek() == '"') {
      const char* p = at + 1;
      while (p < stop && *p != '"' && *p != '\\') p++;
      if (p < stop && *p == '"') {
        keyStart = at + 1;
        keyLength = static_cast<size_t>(p - keyStart);
        at = p + 1;
      }
    }
    if (keyStart == nullptr) {
      if (!string(&name, path)) fail(path, "malformed JSON: expected a key");
      keyStart = name.data();
      keyLength = name.size();
    }
    expect(':', path);
    Path here{&path, nullptr, keyStart, nullptr, -1, keyLength};

    const FieldDescriptor* field = fields.find(keyStart, keyLength);
    if (field == nullptr) {
      std::string hint;
      name.assign(keyStart, keyLength);
      const FieldDescriptor* guess = type->FindFieldByName(camelToSnake(name));
      if (guess != nullptr) {
        hint = " (did you mean '" + guess->name() + "'? fields use Mesos's proto names)";
      }
      fail(here, "unknown field: " + type->full_name() + " has no field '" + name + "'" + hint);
    }

    if (!isNull()) { // null: unset, as in Mesos's JSON.
      const OneofDescriptor* oneof = field->containing_oneof();
      if (oneof != nullptr && r->HasOneof(*message, oneof)) {
        const FieldDescriptor* other = r->GetOneofFieldDescriptor(*message, oneof);
        fail(here, "only one of the fields of '" + oneof->name() + "' may be set, got '" +
             other->name() + "' and '" + field->name() + "'");
      }
      if (field->is_map()) {
        map(message, field, here);
      } else if (field->is_repeated()) {
        if (peek() != '[') wrongKind("an array", here);
        at++;
        if (peek() == ']') {
          at++;
        } else {
          for (long i = 0;; i++) {
            Path element{&here, nullptr, nullptr, nullptr, i};
            if (isNull()) fail(element, "an array element cannot be null");
            one(message, r, field, element);
            char c = peek();
            at++;
            if (c == ',') continue;
            if (c == ']') break;
            fail(here, "malformed JSON: expected ',' or ']'");
          }
        }
      } else {
        one(message, r, field, here);
      }
    }

    char c = peek();
    at++;
    if (c == ',') continue;
    if (c == '}') return;
    fail(path, "malformed JSON: expected ',' or '}'");
  }
}

void checkInitialized(const Message& message, const std::string& path)
{
  if (message.IsInitialized()) return;
  std::vector<std::string> errors;
  message.FindInitializationErrors(&errors);
  ConvertError error;
  error.path = path;
  for (const std::string& field : errors) {
    error.missing.push_back(path.empty() ? field : path + "." + field);
  }
  error.message = "missing required fields: ";
  for (size_t i = 0; i < error.missing.size(); i++) {
    error.message += (i > 0 ? ", " : "") + error.missing[i];
  }
  throw error;
}

template <typename T>
void appendInteger(std::string* out, T v)
{
  // Beyond 2^53 a JS number would round: such values go as strings.
  bool safe = static_cast<long double>(v) >= -kMaxSafeInteger && static_cast<long double>(v) <= kMaxSafeInteger;
  std::string digits = std::to_string(v);
  if (safe) {
    out->append(digits);
  } else {
    appendJsonString(out, digits);
  }
}

void appendDouble(std::string* out, double d)
{
  if (std::isnan(d)) {
    out->append("\"NaN\"");
  } else if (std::isinf(d)) {
    out->append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  } else {
    char buffer[32];
    snprintf(buffer, sizeof(buffer), "%.17g", d);
    // Prefer the shortest text that reads back the same.
    for (int precision = 1; precision <= 17; precision++) {
      char shorter[32];
      snprintf(shorter, sizeof(shorter), "%.*g", precision, d);
      if (std::strtod(shorter, nullptr) == d) {
        out->append(shorter);
        return;
      }
    }
    out->append(buffer);
  }
}

void appendValue(std::string* out, const Message& message, const FieldDescriptor* field, int index)
{
  const Reflection* r = message.GetReflection();
  const bool repeated = index >= 0;

  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      appendMessage(out, repeated ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field));
      return;
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& s = repeated
        ? r->GetRepeatedStringReference(message, field, index, &scratch)
        : r->GetStringReference(message, field, &scratch);
      appendJsonString(out, field->type() == FieldDescriptor::TYPE_BYTES ? base64Encode(s) : s);
      return;
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      out->append((repeated ? r->GetRepeatedBool(message, field, index) : r->GetBool(message, field)) ? "true" : "false");
      return;
    case FieldDescriptor::CPPTYPE_INT32:
      out->append(std::to_string(repeated ? r->GetRepeatedInt32(message, field, index) : r->GetInt32(message, field)));
      return;
    case FieldDescriptor::CPPTYPE_UINT32:
      out->append(std::to_string(repeated ? r->GetRepeatedUInt32(message, field, index) : r->GetUInt32(message, field)));
      return;
    case FieldDescriptor::CPPTYPE_INT64:
      appendInteger(out, repeated ? r->GetRepeatedInt64(message, field, index) : r->GetInt64(message, field));
      return;
    case FieldDescriptor::CPPTYPE_UINT64:
      appendInteger(out, repeated ? r->GetRepeatedUInt64(message, field, index) : r->GetUInt64(message, field));
      return;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      appendDouble(out, repeated ? r->GetRepeatedDouble(message, field, index) : r->GetDouble(message, field));
      return;
    case FieldDescriptor::CPPTYPE_FLOAT: {
      float f = repeated ? r->GetRepeatedFloat(message, field, index) : r->GetFloat(message, field);
      char buffer[32];
      snprintf(buffer, sizeof(buffer), "%.9g", static_cast<double>(f));
      appendDouble(out, std::strtod(buffer, nullptr));
      return;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* v = repeated ? r->GetRepeatedEnum(message, field, index) : r->GetEnum(message, field);
      appendJsonString(out, v->name());
      return;
    }
  }
  out->append("null");
}

} // namespace


void toMessage(const JsonSpan& span, Message* message, const std::string& path)
{
  Path root{nullptr, &path, nullptr, nullptr, -1};
  Reader reader(span.begin, span.end);
  reader.message(message, root);
  checkInitialized(*message, path);
}


void toMessages(const JsonSpan& span, const std::function<Message*()>& add, const std::string& path)
{
  Path root{nullptr, &path, nullptr, nullptr, -1};
  Reader reader(span.begin, span.end);
  if (reader.peek() != '[') {
    Message* probe = add();
    Json json = reader.value(root);
    fail(root, "expected an array of " + probe->GetDescriptor()->full_name() + ", got " + describe(json));
  }
  reader.expect('[', root);
  if (reader.peek() == ']') return;
  for (long i = 0;; i++) {
    Path element{&root, nullptr, nullptr, nullptr, i};
    Message* message = add();
    reader.message(message, element);
    checkInitialized(*message, element.str());
    char c = reader.peek();
    reader.expect(c == ',' ? ',' : ']', root);
    if (c != ',') return;
  }
}


Arguments parseArguments(const Napi::Value& value, const std::string& path)
{
  if (!value.IsString()) {
    throw ConvertError{path, "internal: arguments must arrive as JSON text", {}};
  }
  Arguments args;
  args.text = value.As<Napi::String>().Utf8Value();
  const char* begin = args.text.data();
  Reader reader(begin, begin + args.text.size());
  Path root{nullptr, &path, nullptr, nullptr, -1};
  reader.expect('{', root);
  if (reader.peek() == '}') return args;
  while (true) {
    std::string name;
    if (!reader.string(&name, root)) fail(root, "malformed JSON: expected a key");
    reader.expect(':', root);
    Path here{&root, nullptr, name.data(), nullptr, -1, name.size()};
    JsonSpan span = reader.skip(here);
    args.members.emplace_back(std::move(name), span);
    char c = reader.peek();
    reader.expect(c == ',' ? ',' : '}', root);
    if (c != ',') return args;
  }
}


const JsonSpan* Arguments::find(const std::string& name) const
{
  for (const auto& member : members) {
    if (member.first == name) {
      return member.second.isNull() ? nullptr : &member.second;
    }
  }
  return nullptr;
}


Json toJson(const JsonSpan& span, const std::string& path)
{
  Json json;
  std::string error;
  if (!parseJson(std::string(span.begin, span.end), &json, &error)) {
    throw ConvertError{path, "malformed JSON: " + error, {}};
  }
  return json;
}


void appendMessage(std::string* out, const Message& message)
{
  const Reflection* r = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(message, &fields);

  out->push_back('{');
  bool first = true;
  for (const FieldDescriptor* field : fields) {
    if (!first) out->push_back(',');
    first = false;
    appendJsonString(out, field->name());
    out->push_back(':');
    if (field->is_map()) {
      const FieldDescriptor* keyField = field->message_type()->FindFieldByNumber(1);
      const FieldDescriptor* valueField = field->message_type()->FindFieldByNumber(2);
      out->push_back('{');
      for (int i = 0; i < r->FieldSize(message, field); i++) {
        if (i > 0) out->push_back(',');
        const Message& entry = r->GetRepeatedMessage(message, field, i);
        std::string key;
        appendValue(&key, entry, keyField, -1);
        if (key.empty() || key[0] != '"') {
          appendJsonString(out, key);
        } else {
          out->append(key);
        }
        out->push_back(':');
        appendValue(out, entry, valueField, -1);
      }
      out->push_back('}');
    } else if (field->is_repeated()) {
      out->push_back('[');
      int size = r->FieldSize(message, field);
      for (int i = 0; i < size; i++) {
        if (i > 0) out->push_back(',');
        appendValue(out, message, field, i);
      }
      out->push_back(']');
    } else {
      appendValue(out, message, field, -1);
    }
  }
  out->push_back('}');
}


Napi::Error convertErrorToJs(Napi::Env env, const ConvertError& error)
{
  std::string text = error.missing.empty()
    ? (error.path.empty() ? error.message : error.path + ": " + error.message)
    : error.message;
  Napi::Error js = makeError(env, "BAD_MESSAGE", text);
  js.Value().Set("path", Napi::String::New(env, error.path));
  Napi::Array missing = Napi::Array::New(env, error.missing.size());
  for (size_t i = 0; i < error.missing.size(); i++) {
    missing.Set(static_cast<uint32_t>(i), Napi::String::New(env, error.missing[i]));
  }
  js.Value().Set("missing", missing);
  return js;
}

} // namespace mesos_modules
