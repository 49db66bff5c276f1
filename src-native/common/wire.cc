#include "wire.h"

#include "records.h"

namespace mesos_modules {

namespace {

// A varint at `*at` (before `end`); false when truncated or longer than 64 bits.
bool varint(const uint8_t** at, const uint8_t* end, uint64_t* value)
{
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && *at < end; shift += 7) {
    uint8_t byte = *(*at)++;
    v |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *value = v;
      return true;
    }
  }
  return false;
}

} // namespace


Fields::Fields(const uint8_t* data, size_t size, const std::string& what)
{
  entries.reserve(8);
  const uint8_t* at = data;
  const uint8_t* end = data + size;
  while (at < end) {
    uint64_t tag = 0;
    uint64_t length = 0;
    if (!varint(&at, end, &tag) || (tag & 7) != 2 || (tag >> 3) == 0 || (tag >> 3) > 0x1FFFFFFF ||
        !varint(&at, end, &length) || length > static_cast<uint64_t>(end - at)) {
      throw ConvertError{what, "internal: malformed arguments buffer", {}};
    }
    entries.push_back({static_cast<int>(tag >> 3), Span{at, static_cast<size_t>(length)}});
    at += length;
  }
}


const Span* Fields::find(int number) const
{
  for (const Entry& entry : entries) {
    if (entry.number == number) return &entry.span;
  }
  return nullptr;
}


std::vector<Span> Fields::all(int number) const
{
  std::vector<Span> spans;
  for (const Entry& entry : entries) {
    if (entry.number == number) spans.push_back(entry.span);
  }
  return spans;
}


std::string convertErrorText(const ConvertError& error)
{
  if (!error.missing.empty() || error.path.empty()) return error.message;
  return error.path + ": " + error.message;
}


void parseMessage(const Span& span, google::protobuf::Message* message, const std::string& path)
{
  if (span.size > static_cast<size_t>(INT32_MAX) ||
      !message->ParsePartialFromArray(span.data, static_cast<int>(span.size))) {
    throw ConvertError{path, "not a valid " + message->GetDescriptor()->full_name() + " (protobuf could not parse it)", {}};
  }
  checkInitialized(*message, path);
}


mesos::Parameters parseParameters(const uint8_t* data, size_t size)
{
  mesos::Parameters parameters;
  if (size > static_cast<size_t>(INT32_MAX) || !parameters.ParsePartialFromArray(data, static_cast<int>(size))) {
    throw ConvertError{"parameters", "not a valid mesos.Parameters (protobuf could not parse it)", {}};
  }
  for (int i = 0; i < parameters.parameter_size(); i++) {
    checkInitialized(parameters.parameter(i), "parameters[" + std::to_string(i) + "]");
  }
  return parameters;
}


void checkInitialized(const google::protobuf::Message& message, const std::string& path)
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


void appendMessage(std::string* out, const google::protobuf::Message& message)
{
  message.AppendPartialToString(out);
}


void appendElement(std::string* out, const google::protobuf::Message& message)
{
  out->push_back(static_cast<char>((1 << 3) | 2));
  appendVarint(out, message.ByteSizeLong());
  message.AppendPartialToString(out);
}

} // namespace mesos_modules
