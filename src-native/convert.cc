// JS <-> protobuf by reflection. One walker each way; no JSON text in between.

#include "convert.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

#include <google/protobuf/descriptor.h>

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

std::string describe(const Napi::Value& value)
{
  switch (value.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return value.As<Napi::Boolean>().Value() ? "true" : "false";
    case napi_number: {
      double d = value.As<Napi::Number>().DoubleValue();
      std::string text = std::to_string(d);
      if (std::trunc(d) == d && std::fabs(d) < 1e15) {
        text = std::to_string(static_cast<long long>(d));
      }
      return "number " + text;
    }
    case napi_string: return "string \"" + value.As<Napi::String>().Utf8Value() + "\"";
    case napi_bigint: return "a bigint";
    case napi_function: return "a function";
    case napi_symbol: return "a symbol";
    default:
      return value.IsArray() ? "an array" : "an object";
  }
}

[[noreturn]] void fail(const std::string& path, const std::string& message)
{
  throw ConvertError{path, message, {}};
}

std::string expected(const char* what, const Napi::Value& value)
{
  return std::string("expected ") + what + ", got " + describe(value);
}

// Integers: JS numbers that are whole, decimal strings, or bigints.
template <typename T>
T toInteger(const Napi::Value& value, const std::string& path)
{
  const char* what = std::numeric_limits<T>::is_signed
    ? (sizeof(T) == 4 ? "an int32" : "an int64")
    : (sizeof(T) == 4 ? "a uint32" : "a uint64");

  const long double lowest = static_cast<long double>(std::numeric_limits<T>::lowest());
  const long double highest = static_cast<long double>(std::numeric_limits<T>::max());

  if (value.IsNumber()) {
    double d = value.As<Napi::Number>().DoubleValue();
    if (!std::isfinite(d) || std::trunc(d) != d) {
      fail(path, expected(what, value));
    }
    if (static_cast<long double>(d) < lowest || static_cast<long double>(d) > highest) {
      fail(path, describe(value) + " is out of range for " + what);
    }
    return static_cast<T>(d);
  }

  if (value.IsBigInt()) {
    bool lossless = false;
    if (std::numeric_limits<T>::is_signed) {
      int64_t v = value.As<Napi::BigInt>().Int64Value(&lossless);
      if (lossless && v >= static_cast<int64_t>(std::numeric_limits<T>::lowest()) &&
          v <= static_cast<int64_t>(std::numeric_limits<T>::max())) {
        return static_cast<T>(v);
      }
    } else {
      uint64_t v = value.As<Napi::BigInt>().Uint64Value(&lossless);
      if (lossless && v <= static_cast<uint64_t>(std::numeric_limits<T>::max())) {
        return static_cast<T>(v);
      }
    }
    fail(path, std::string("bigint is out of range for ") + what);
  }

  if (value.IsString()) {
    std::string text = value.As<Napi::String>().Utf8Value();
    if (!text.empty()) {
      char* end = nullptr;
      errno = 0;
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
    }
    fail(path, expected(what, value));
  }

  fail(path, expected(what, value));
}

double toDouble(const Napi::Value& value, const std::string& path)
{
  if (value.IsNumber()) {
    return value.As<Napi::Number>().DoubleValue();
  }
  if (value.IsString()) {
    std::string text = value.As<Napi::String>().Utf8Value();
    if (text == "Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  }
  fail(path, expected("a number", value));
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

int toEnum(const Napi::Value& value, const FieldDescriptor* field, const std::string& path)
{
  const EnumDescriptor* type = field->enum_type();
  if (value.IsString()) {
    std::string name = value.As<Napi::String>().Utf8Value();
    const EnumValueDescriptor* found = type->FindValueByName(name);
    if (found == nullptr) {
      fail(path, "invalid enum value \"" + name + "\" for " + type->full_name() +
           " (expected " + enumChoices(type) + ")");
    }
    return found->number();
  }
  if (value.IsNumber()) {
    double d = value.As<Napi::Number>().DoubleValue();
    if (std::trunc(d) == d && std::fabs(d) < 2147483648.0) {
      const EnumValueDescriptor* found = type->FindValueByNumber(static_cast<int>(d));
      if (found != nullptr) {
        return found->number();
      }
    }
    fail(path, "invalid enum value " + describe(value).substr(7) + " for " + type->full_name() +
         " (expected " + enumChoices(type) + ")");
  }
  fail(path, expected(("an enum name of " + type->full_name()).c_str(), value));
}

std::string toBytes(const Napi::Value& value, const std::string& path)
{
  if (value.IsString()) {
    std::string decoded;
    if (!base64Decode(value.As<Napi::String>().Utf8Value(), &decoded)) {
      fail(path, "invalid base64 for a bytes field");
    }
    return decoded;
  }
  if (value.IsTypedArray()) {
    Napi::TypedArray array = value.As<Napi::TypedArray>();
    if (array.TypedArrayType() == napi_uint8_array) {
      Napi::Uint8Array bytes = value.As<Napi::Uint8Array>();
      return std::string(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
    }
  }
  fail(path, expected("base64 text or a Uint8Array", value));
}

std::string toString(const Napi::Value& value, const std::string& path)
{
  if (!value.IsString()) {
    fail(path, expected("a string", value));
  }
  return value.As<Napi::String>().Utf8Value();
}

bool toBool(const Napi::Value& value, const std::string& path)
{
  if (!value.IsBoolean()) {
    fail(path, expected("a boolean", value));
  }
  return value.As<Napi::Boolean>().Value();
}

void walk(const Napi::Value& value, Message* message, const std::string& path);

// One value of `field` (a repeated field's element, or a singular field).
void setOne(
    const Napi::Value& value,
    Message* message,
    const FieldDescriptor* field,
    const std::string& path)
{
  const Reflection* r = message->GetReflection();
  const bool repeated = field->is_repeated();

  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      walk(value, repeated ? r->AddMessage(message, field) : r->MutableMessage(message, field), path);
      return;
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string s = field->type() == FieldDescriptor::TYPE_BYTES
        ? toBytes(value, path)
        : toString(value, path);
      repeated ? r->AddString(message, field, std::move(s)) : r->SetString(message, field, std::move(s));
      return;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool b = toBool(value, path);
      repeated ? r->AddBool(message, field, b) : r->SetBool(message, field, b);
      return;
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v = toInteger<int32_t>(value, path);
      repeated ? r->AddInt32(message, field, v) : r->SetInt32(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v = toInteger<int64_t>(value, path);
      repeated ? r->AddInt64(message, field, v) : r->SetInt64(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v = toInteger<uint32_t>(value, path);
      repeated ? r->AddUInt32(message, field, v) : r->SetUInt32(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v = toInteger<uint64_t>(value, path);
      repeated ? r->AddUInt64(message, field, v) : r->SetUInt64(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double v = toDouble(value, path);
      repeated ? r->AddDouble(message, field, v) : r->SetDouble(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      float v = static_cast<float>(toDouble(value, path));
      repeated ? r->AddFloat(message, field, v) : r->SetFloat(message, field, v);
      return;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      int v = toEnum(value, field, path);
      repeated ? r->AddEnumValue(message, field, v) : r->SetEnumValue(message, field, v);
      return;
    }
  }
  fail(path, "unsupported field type");
}

// A map field given as a JS object: one entry per own key.
void setMap(const Napi::Value& value, Message* message, const FieldDescriptor* field, const std::string& path)
{
  if (!value.IsObject() || value.IsArray() || value.IsTypedArray()) {
    fail(path, expected("an object (a map)", value));
  }
  Napi::Object object = value.As<Napi::Object>();
  Napi::Array keys = object.GetPropertyNames();
  const Descriptor* entryType = field->message_type();
  const FieldDescriptor* keyField = entryType->FindFieldByNumber(1);
  const FieldDescriptor* valueField = entryType->FindFieldByNumber(2);

  for (uint32_t i = 0; i < keys.Length(); i++) {
    Napi::Value key = keys.Get(i);
    std::string keyText = key.ToString().Utf8Value();
    std::string entryPath = path + "[\"" + keyText + "\"]";
    Message* entry = message->GetReflection()->AddMessage(message, field);
    if (keyField->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      entry->GetReflection()->SetString(entry, keyField, keyText);
    } else {
      setOne(Napi::String::New(value.Env(), keyText), entry, keyField, entryPath);
    }
    Napi::Value item = object.Get(key);
    if (item.IsUndefined() || item.IsNull()) {
      fail(entryPath, "a map value cannot be null");
    }
    setOne(item, entry, valueField, entryPath);
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

void walk(const Napi::Value& value, Message* message, const std::string& path)
{
  const Descriptor* type = message->GetDescriptor();
  if (!value.IsObject() || value.IsArray() || value.IsTypedArray() || value.IsFunction()) {
    fail(path, expected(("an object (" + type->full_name() + ")").c_str(), value));
  }

  const Reflection* r = message->GetReflection();
  Napi::Object object = value.As<Napi::Object>();
  Napi::Array keys = object.GetPropertyNames();

  for (uint32_t i = 0; i < keys.Length(); i++) {
    Napi::Value key = keys.Get(i);
    std::string name = key.ToString().Utf8Value();
    std::string fieldPath = path.empty() ? name : path + "." + name;

    const FieldDescriptor* field = type->FindFieldByName(name);
    if (field == nullptr) {
      std::string hint;
      const FieldDescriptor* guess = type->FindFieldByName(camelToSnake(name));
      if (guess != nullptr) {
        hint = " (did you mean '" + guess->name() + "'? fields use Mesos's proto names)";
      }
      fail(fieldPath, "unknown field: " + type->full_name() + " has no field '" + name + "'" + hint);
    }

    Napi::Value item = object.Get(key);
    if (item.IsUndefined() || item.IsNull()) {
      continue; // Unset, as in Mesos's JSON.
    }

    const OneofDescriptor* oneof = field->containing_oneof();
    if (oneof != nullptr && r->HasOneof(*message, oneof)) {
      const FieldDescriptor* other = r->GetOneofFieldDescriptor(*message, oneof);
      fail(fieldPath, "only one of the fields of '" + oneof->name() + "' may be set, got '" +
           other->name() + "' and '" + field->name() + "'");
    }

    if (field->is_map()) {
      setMap(item, message, field, fieldPath);
    } else if (field->is_repeated()) {
      if (!item.IsArray()) {
        fail(fieldPath, expected("an array", item));
      }
      Napi::Array array = item.As<Napi::Array>();
      for (uint32_t j = 0; j < array.Length(); j++) {
        std::string elementPath = fieldPath + "[" + std::to_string(j) + "]";
        Napi::Value element = array.Get(j);
        if (element.IsUndefined() || element.IsNull()) {
          fail(elementPath, "an array element cannot be null");
        }
        setOne(element, message, field, elementPath);
      }
    } else {
      setOne(item, message, field, fieldPath);
    }
  }
}

Napi::Value integerToJs(Napi::Env env, long double v)
{
  if (v >= -kMaxSafeInteger && v <= kMaxSafeInteger) {
    return Napi::Number::New(env, static_cast<double>(v));
  }
  // Beyond 2^53 a JS number would round: such values come back as strings.
  char buffer[32];
  if (v < 0) {
    snprintf(buffer, sizeof(buffer), "%lld", static_cast<long long>(v));
  } else {
    snprintf(buffer, sizeof(buffer), "%llu", static_cast<unsigned long long>(v));
  }
  return Napi::String::New(env, buffer);
}

Napi::Value fieldValue(Napi::Env env, const Message& message, const FieldDescriptor* field, int index)
{
  const Reflection* r = message.GetReflection();
  const bool repeated = index >= 0;

  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return fromMessage(env, repeated ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field));
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string s = repeated ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        return Napi::String::New(env, base64Encode(s));
      }
      return Napi::String::New(env, s);
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      return Napi::Boolean::New(env, repeated ? r->GetRepeatedBool(message, field, index) : r->GetBool(message, field));
    case FieldDescriptor::CPPTYPE_INT32:
      return Napi::Number::New(env, repeated ? r->GetRepeatedInt32(message, field, index) : r->GetInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return Napi::Number::New(env, repeated ? r->GetRepeatedUInt32(message, field, index) : r->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return integerToJs(env, repeated ? r->GetRepeatedInt64(message, field, index) : r->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return integerToJs(env, repeated ? r->GetRepeatedUInt64(message, field, index) : r->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return Napi::Number::New(env, repeated ? r->GetRepeatedDouble(message, field, index) : r->GetDouble(message, field));
    case FieldDescriptor::CPPTYPE_FLOAT: {
      float f = repeated ? r->GetRepeatedFloat(message, field, index) : r->GetFloat(message, field);
      char buffer[32];
      snprintf(buffer, sizeof(buffer), "%.9g", static_cast<double>(f));
      return Napi::Number::New(env, std::strtod(buffer, nullptr));
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* v = repeated ? r->GetRepeatedEnum(message, field, index) : r->GetEnum(message, field);
      return Napi::String::New(env, v->name());
    }
  }
  return env.Undefined();
}

} // namespace


void toMessage(const Napi::Value& value, Message* message, const std::string& path)
{
  walk(value, message, path);

  std::vector<std::string> errors;
  message->FindInitializationErrors(&errors);
  if (!errors.empty()) {
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
}


Napi::Object fromMessage(Napi::Env env, const Message& message)
{
  Napi::Object object = Napi::Object::New(env);
  const Reflection* r = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(message, &fields);

  for (const FieldDescriptor* field : fields) {
    if (field->is_map()) {
      Napi::Object map = Napi::Object::New(env);
      const FieldDescriptor* keyField = field->message_type()->FindFieldByNumber(1);
      const FieldDescriptor* valueField = field->message_type()->FindFieldByNumber(2);
      for (int i = 0; i < r->FieldSize(message, field); i++) {
        const Message& entry = r->GetRepeatedMessage(message, field, i);
        Napi::Value key = fieldValue(env, entry, keyField, -1);
        map.Set(key.ToString(), fieldValue(env, entry, valueField, -1));
      }
      object.Set(field->name(), map);
    } else if (field->is_repeated()) {
      int size = r->FieldSize(message, field);
      Napi::Array array = Napi::Array::New(env, size);
      for (int i = 0; i < size; i++) {
        array.Set(static_cast<uint32_t>(i), fieldValue(env, message, field, i));
      }
      object.Set(field->name(), array);
    } else {
      object.Set(field->name(), fieldValue(env, message, field, -1));
    }
  }
  return object;
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
