// JS values <-> protobuf messages, by reflection, in Mesos's JSON form:
// proto field names (snake_case as declared), enums as names, bytes as
// base64, maps as objects. Errors name the field path of the bad value.

#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>
#include <napi.h>

namespace mesos_modules {

// A value that cannot become the message it is meant for. `path` is the
// field path from the argument name, e.g. taskInfo.container.docker.image.
struct ConvertError
{
  std::string path;
  std::string message;
  std::vector<std::string> missing; // Required fields left unset, as paths.
};

// Fills `message` from a JS object; throws ConvertError. Unknown fields and
// values of the wrong kind are errors; null/undefined fields stay unset.
// Required fields are checked too, all of them reported at once.
void toMessage(
    const Napi::Value& value,
    google::protobuf::Message* message,
    const std::string& path);

// A JS array of messages into a repeated field (Resources, Attributes).
template <typename T>
void toRepeated(
    const Napi::Value& value,
    google::protobuf::RepeatedPtrField<T>* field,
    const std::string& path)
{
  if (!value.IsArray()) {
    throw ConvertError{path, "expected an array of " + T::descriptor()->full_name(), {}};
  }
  Napi::Array array = value.As<Napi::Array>();
  for (uint32_t i = 0; i < array.Length(); i++) {
    toMessage(array.Get(i), field->Add(), path + "[" + std::to_string(i) + "]");
  }
}

// A message as a JS object holding the fields that are set (partial messages
// are fine: results may lack required fields on purpose).
Napi::Object fromMessage(Napi::Env env, const google::protobuf::Message& message);

template <typename T>
Napi::Array fromRepeated(Napi::Env env, const google::protobuf::RepeatedPtrField<T>& field)
{
  Napi::Array array = Napi::Array::New(env, field.size());
  for (int i = 0; i < field.size(); i++) {
    array.Set(static_cast<uint32_t>(i), fromMessage(env, field.Get(i)));
  }
  return array;
}

// Throws the JS error for a ConvertError (code BAD_MESSAGE, with `path` and
// `missing` properties).
Napi::Error convertErrorToJs(Napi::Env env, const ConvertError& error);

} // namespace mesos_modules
