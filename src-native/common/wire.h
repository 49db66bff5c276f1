// Hook arguments and results as protobuf binary. lib/wire/encode.ts writes a
// call's arguments as one buffer, read here in place: field n (from 1) is the
// n-th parameter of the C++ method, always length-delimited (a message, a
// string, or one element of a repeated argument such as Resources or the
// environment map). Messages are parsed by libmesos's generated code; results
// are serialized the same way and decoded by lib/wire/decode.ts.
//
// Plain C++ and libmesos only (no Node-API), so native tests and fuzz targets
// link it without Node; wire_js.h turns its errors into JS errors.

#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>
#include <mesos/mesos.pb.h>

namespace mesos_modules {

// A value that cannot become the message it is meant for. `path` is the
// field path from the argument name, e.g. taskInfo.task_id.value.
struct ConvertError
{
  std::string path;
  std::string message;
  std::vector<std::string> missing; // Required fields left unset, as paths.
};

// The message of a ConvertError as the BAD_MESSAGE error says it (the
// addon's and the isolated child's): the missing fields' message as it is,
// else the message after its path.
std::string convertErrorText(const ConvertError& error);

struct Span
{
  const uint8_t* data = nullptr;
  size_t size = 0;

  std::string text() const { return std::string(reinterpret_cast<const char*>(data), size); }
};

// The length-delimited fields of one buffer, in order.
class Fields
{
public:
  // Reads `data` (not copied: it must outlive this); throws ConvertError when
  // it is not a sequence of length-delimited fields.
  Fields(const uint8_t* data, size_t size, const std::string& what);

  // The first value of field `number`, or nullptr when absent.
  const Span* find(int number) const;

  // Every value of field `number`, in order.
  std::vector<Span> all(int number) const;

private:
  struct Entry
  {
    int number;
    Span span;
  };
  std::vector<Entry> entries;
};

// Parses `span` into `message` and checks its required fields (all missing
// ones reported at once, as paths under `path`).
void parseMessage(const Span& span, google::protobuf::Message* message, const std::string& path);

// A module's parameters (a mesos.Parameters message, lib/wire/encode.ts),
// every parameter complete (key and value), else a ConvertError under
// `parameters`.
mesos::Parameters parseParameters(const uint8_t* data, size_t size);

// Throws ConvertError listing the required fields `message` lacks.
void checkInitialized(const google::protobuf::Message& message, const std::string& path);

// Appends `message` serialized (partial messages are fine: results may lack
// required fields on purpose).
void appendMessage(std::string* out, const google::protobuf::Message& message);

// Appends `message` as one element of field 1 (a list of results).
void appendElement(std::string* out, const google::protobuf::Message& message);

} // namespace mesos_modules
