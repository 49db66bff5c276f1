// JSON (Mesos's JSON form) <-> protobuf messages, by reflection: proto field
// names as declared, enums as names, bytes as base64, maps as objects,
// int64 as numbers or decimal strings. Errors name the field path of the bad
// value. Hook arguments arrive as one JSON text; results leave as JSON text.

#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>
#include <napi.h>

#include "json.h"

namespace mesos_modules {

// A value that cannot become the message it is meant for. `path` is the
// field path from the argument name, e.g. taskInfo.container.docker.image.
struct ConvertError
{
  std::string path;
  std::string message;
  std::vector<std::string> missing; // Required fields left unset, as paths.
};

// One JSON value inside an argument text (not copied).
struct JsonSpan
{
  const char* begin = nullptr;
  const char* end = nullptr;

  bool isNull() const { return end - begin == 4 && std::string(begin, end) == "null"; }
};

// The members of the arguments object of a hook call, as spans into `text`.
struct Arguments
{
  std::string text;
  std::vector<std::pair<std::string, JsonSpan>> members;

  // The span of `name`, or nullptr when it is absent or null.
  const JsonSpan* find(const std::string& name) const;
};

// Reads a JS string argument holding a JSON object; throws ConvertError.
Arguments parseArguments(const Napi::Value& value, const std::string& path);

// A small value as a DOM (strings, maps of strings).
Json toJson(const JsonSpan& span, const std::string& path);

// Fills `message` from JSON text, reading it once, field by field; throws
// ConvertError. Unknown fields and values of the wrong kind are errors; null
// fields stay unset. Required fields are checked too, all reported at once.
void toMessage(const JsonSpan& span, google::protobuf::Message* message, const std::string& path);

// A JSON array of messages into a repeated field (Resources, Attributes).
void toMessages(
    const JsonSpan& span,
    const std::function<google::protobuf::Message*()>& add,
    const std::string& path);

template <typename T>
void toRepeated(const JsonSpan& span, google::protobuf::RepeatedPtrField<T>* field, const std::string& path)
{
  toMessages(span, [field]() { return field->Add(); }, path);
}

// Appends a message as JSON holding the fields that are set (partial
// messages are fine: results may lack required fields on purpose).
void appendMessage(std::string* out, const google::protobuf::Message& message);

// The JS error for a ConvertError (code BAD_MESSAGE, with `path` and
// `missing` properties).
Napi::Error convertErrorToJs(Napi::Env env, const ConvertError& error);


} // namespace mesos_modules
