// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_PROTOBUF_HPP__
#define __STOUT_PROTOBUF_HPP__

// Protobuf headers below: libc names are not macros in here.
#include <mesos/sdk/libc_names_begin.hpp>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/repeated_field.h>

#include <glog/logging.h>

#include <stout/abort.hpp>
#include <stout/base64.hpp>
#include <stout/check.hpp>
#include <stout/error.hpp>
#include <stout/json.hpp>
#include <stout/jsonify.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/representation.hpp>
#include <stout/result.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>
#include <stout/unreachable.hpp>

#include <stout/os/close.hpp>
#include <stout/os/fsync.hpp>
#include <stout/os/int_fd.hpp>
#include <stout/os/lseek.hpp>
#include <stout/os/open.hpp>
#include <stout/os/read.hpp>
#include <stout/os/write.hpp>

namespace protobuf {

// Record files: each message is written as its 4-byte (host order)
// size followed by its serialization. The message must be initialized
// ("<missing fields> is required but not initialized" otherwise).
inline Try<Nothing> write(int_fd fd, const google::protobuf::Message& message)
{
  if (!message.IsInitialized()) {
    return Error(
        message.InitializationErrorString() +
        " is required but not initialized");
  }

  const uint32_t size = static_cast<uint32_t>(message.ByteSizeLong());
  const std::string header(reinterpret_cast<const char*>(&size), sizeof(size));

  Try<Nothing> result = os::write(fd, header);
  if (result.isError()) {
    return Error("Failed to write size: " + result.error());
  }

  if (!message.SerializeToFileDescriptor(fd)) {
    return Error("Failed to write/serialize message");
  }

  return Nothing();
}


template <typename T>
Try<Nothing> write(
    int_fd fd,
    const google::protobuf::RepeatedPtrField<T>& messages)
{
  for (const T& message : messages) {
    Try<Nothing> result = write(fd, message);
    if (result.isError()) {
      return Error(result.error());
    }
  }
  return Nothing();
}


namespace internal {

// Opens `path` with `flags`, writes `t`, optionally fsyncs, closes.
template <typename T>
Try<Nothing> writeFile(
    const std::string& path,
    int flags,
    const T& t,
    bool sync)
{
  Try<int_fd> fd = os::open(
      path, flags | O_WRONLY | O_CREAT | O_CLOEXEC,
      S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
  if (fd.isError()) {
    return Error("Failed to open file '" + path + "': " + fd.error());
  }

  return os::internal::finishWrite(fd.get(), ::protobuf::write(fd.get(), t), sync);
}

} // namespace internal {


// Replaces the file at `path` with `t` (a message or RepeatedPtrField).
template <typename T>
Try<Nothing> write(const std::string& path, const T& t, bool sync = false)
{
  return internal::writeFile(path, O_TRUNC, t, sync);
}


// Appends one message to the file at `path`.
inline Try<Nothing> append(
    const std::string& path,
    const google::protobuf::Message& message,
    bool sync = false)
{
  return internal::writeFile(path, O_APPEND, message, sync);
}


// Binary parse; "Failed to deserialize <full message name>".
template <typename T>
Try<T> deserialize(const std::string& value)
{
  T t;
  (void) static_cast<google::protobuf::Message*>(&t);

  CHECK_LE(value.size(), static_cast<size_t>(std::numeric_limits<int>::max()));
  if (!t.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return Error("Failed to deserialize " + t.GetDescriptor()->full_name());
  }
  return t;
}


// Binary serialization; "Failed to serialize <full message name>".
template <typename T>
Try<std::string> serialize(const T& t)
{
  (void) static_cast<const google::protobuf::Message*>(&t);

  std::string value;
  if (!t.SerializeToString(&value)) {
    return Error("Failed to serialize " + t.GetDescriptor()->full_name());
  }
  return value;
}


namespace internal {

template <typename T>
struct Read
{
  Result<T> operator()(int_fd fd, bool ignorePartial, bool undoFailed)
  {
    off_t offset = 0;
    if (undoFailed) {
      Try<off_t> position = os::lseek(fd, 0, SEEK_CUR);
      if (position.isError()) {
        return Error(position.error());
      }
      offset = position.get();
    }

    auto undo = [&]() {
      if (undoFailed) {
        os::lseek(fd, offset, SEEK_SET);
      }
    };

    uint32_t size;
    Result<std::string> header = os::read(fd, sizeof(size));
    if (header.isError()) {
      undo();
      return Error("Failed to read size: " + header.error());
    }
    if (header.isNone()) {
      return None(); // No more messages.
    }
    if (header->size() < sizeof(size)) {
      undo();
      if (ignorePartial) {
        return None();
      }
      return Error(
          "Failed to read size: hit EOF unexpectedly, possible corruption");
    }
    memcpy(&size, header->data(), sizeof(size));

    Result<std::string> body = os::read(fd, size);
    if (body.isError()) {
      undo();
      return Error("Failed to read message: " + body.error());
    }
    if (body.isNone() || body->size() < size) {
      undo();
      if (ignorePartial) {
        return None();
      }
      return Error(
          "Failed to read message of size " + stringify(size) +
          " bytes: hit EOF unexpectedly, possible corruption");
    }

    T message;
    if (!message.ParseFromArray(body->data(), static_cast<int>(body->size()))) {
      undo();
      return Error("Failed to deserialize message");
    }
    return message;
  }
};


template <typename T>
struct Read<google::protobuf::RepeatedPtrField<T>>
{
  Result<google::protobuf::RepeatedPtrField<T>> operator()(
      int_fd fd, bool ignorePartial, bool undoFailed)
  {
    google::protobuf::RepeatedPtrField<T> result;
    while (true) {
      Result<T> message = Read<T>()(fd, ignorePartial, undoFailed);
      if (message.isError()) {
        return Error(message.error());
      }
      if (message.isNone()) {
        break;
      }
      result.Add()->CopyFrom(message.get());
    }
    return result;
  }
};

} // namespace internal {


// The next message of a record file; None at the end. With
// `ignorePartial` a truncated last record is None instead of an error;
// with `undoFailed` the offset is restored after a failure.
template <typename T>
Result<T> read(int_fd fd, bool ignorePartial = false, bool undoFailed = false)
{
  return internal::Read<T>()(fd, ignorePartial, undoFailed);
}


template <typename T>
Result<T> read(const std::string& path)
{
  Try<int_fd> fd = os::open(
      path, O_RDONLY | O_CLOEXEC, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
  if (fd.isError()) {
    return Error("Failed to open file '" + path + "': " + fd.error());
  }

  Result<T> result = read<T>(fd.get());
  os::close(fd.get());
  return result;
}


namespace internal {

Try<Nothing> parse(
    google::protobuf::Message* message,
    const JSON::Object& object);


// Applies one JSON value to one field of `message` by the rules of
// stout's JSON -> protobuf conversion:
//  * null leaves the field alone (missing required fields are reported
//    once, at the end, by parse<T>());
//  * an object fills a message field; for a repeated message field it
//    appends one element, so an object stands for a one-element array;
//    for a map field every key/value becomes an entry;
//  * an array is allowed only for repeated fields and each element is
//    applied to the same field, so nested arrays flatten;
//  * strings set string fields, base64-decode into bytes fields, name
//    enum values (an unknown name fails only for a required field and is
//    otherwise dropped), and are re-parsed as JSON for number and bool
//    fields ("5", "true"; "Infinity" / "-Infinity" for floating fields);
//  * numbers set any numeric field (converted without range checks);
//  * booleans set bool fields.
// Anything else is "Not expecting a JSON <kind> for field '<name>'".
// Errors name only the field, not its path.
struct Parser
{
  Parser(google::protobuf::Message* _message,
         const google::protobuf::FieldDescriptor* _field)
    : message(_message),
      reflection(message->GetReflection()),
      field(_field) {}

  Try<Nothing> operator()(const JSON::Value& value) const
  {
    return value.visit([this](const auto& held) { return (*this)(held); });
  }

  Try<Nothing> operator()(const JSON::Object& object) const
  {
    if (field->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      return Error(
          "Not expecting a JSON object for field '" + field->name() + "'");
    }

    if (field->is_map()) {
      for (const auto& entry : object.values) {
        google::protobuf::Message* pair =
          reflection->AddMessage(message, field);
        const google::protobuf::Descriptor* descriptor =
          pair->GetDescriptor();

        Try<Nothing> key =
          Parser(pair, descriptor->FindFieldByNumber(1))(
              JSON::Value(JSON::String(entry.first)));
        if (key.isError()) {
          return Error(key.error());
        }

        Try<Nothing> value =
          Parser(pair, descriptor->FindFieldByNumber(2))(entry.second);
        if (value.isError()) {
          return Error(value.error());
        }
      }
      return Nothing();
    }

    if (field->is_repeated()) {
      return parse(reflection->AddMessage(message, field), object);
    }

    return parse(reflection->MutableMessage(message, field), object);
  }

  Try<Nothing> operator()(const JSON::String& string) const
  {
    using google::protobuf::FieldDescriptor;

    switch (field->type()) {
      case FieldDescriptor::TYPE_STRING:
        setString(string.value);
        return Nothing();

      case FieldDescriptor::TYPE_BYTES: {
        Try<std::string> decoded = base64::decode(string.value);
        if (decoded.isError()) {
          return Error(
              "Failed to base64 decode bytes field '" + field->name() +
              "': " + decoded.error());
        }
        setString(decoded.get());
        return Nothing();
      }

      case FieldDescriptor::TYPE_ENUM: {
        const google::protobuf::EnumValueDescriptor* descriptor =
          field->enum_type()->FindValueByName(string.value);
        if (descriptor == nullptr) {
          if (field->is_required()) {
            return Error("Failed to find enum for '" + string.value + "'");
          }
          // Dropped, as proto2 drops unknown enum values.
          return Nothing();
        }
        if (field->is_repeated()) {
          reflection->AddEnum(message, field, descriptor);
        } else {
          reflection->SetEnum(message, field, descriptor);
        }
        return Nothing();
      }

      case FieldDescriptor::TYPE_DOUBLE:
      case FieldDescriptor::TYPE_FLOAT:
        if (string.value == "Infinity") {
          return (*this)(JSON::Number(std::numeric_limits<double>::infinity()));
        }
        if (string.value == "-Infinity") {
          return (*this)(
              JSON::Number(-std::numeric_limits<double>::infinity()));
        }
        return numberFromString(string.value);

      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32:
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        return numberFromString(string.value);

      case FieldDescriptor::TYPE_BOOL: {
        Try<JSON::Boolean> boolean = JSON::parse<JSON::Boolean>(string.value);
        if (boolean.isError()) {
          return Error(
              "Failed to parse '" + string.value + "' as a JSON boolean "
              "for field '" + field->name() + "': " + boolean.error());
        }
        return (*this)(boolean.get());
      }

      default:
        return Error(
            "Not expecting a JSON string for field '" + field->name() + "'");
    }
  }

  Try<Nothing> operator()(const JSON::Number& number) const
  {
    using google::protobuf::FieldDescriptor;

    const bool repeated = field->is_repeated();
    switch (field->type()) {
      case FieldDescriptor::TYPE_DOUBLE:
        repeated
          ? reflection->AddDouble(message, field, number.as<double>())
          : reflection->SetDouble(message, field, number.as<double>());
        return Nothing();

      case FieldDescriptor::TYPE_FLOAT:
        repeated
          ? reflection->AddFloat(message, field, number.as<float>())
          : reflection->SetFloat(message, field, number.as<float>());
        return Nothing();

      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
        repeated
          ? reflection->AddInt64(message, field, number.as<int64_t>())
          : reflection->SetInt64(message, field, number.as<int64_t>());
        return Nothing();

      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        repeated
          ? reflection->AddUInt64(message, field, number.as<uint64_t>())
          : reflection->SetUInt64(message, field, number.as<uint64_t>());
        return Nothing();

      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32:
        repeated
          ? reflection->AddInt32(message, field, number.as<int32_t>())
          : reflection->SetInt32(message, field, number.as<int32_t>());
        return Nothing();

      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        repeated
          ? reflection->AddUInt32(message, field, number.as<uint32_t>())
          : reflection->SetUInt32(message, field, number.as<uint32_t>());
        return Nothing();

      default:
        return Error(
            "Not expecting a JSON number for field '" + field->name() + "'");
    }
  }

  Try<Nothing> operator()(const JSON::Array& array) const
  {
    if (!field->is_repeated()) {
      return Error(
          "Not expecting a JSON array for field '" + field->name() + "'");
    }

    for (const JSON::Value& value : array.values) {
      Try<Nothing> result = (*this)(value);
      if (result.isError()) {
        return Error(result.error());
      }
    }
    return Nothing();
  }

  Try<Nothing> operator()(const JSON::Boolean& boolean) const
  {
    if (field->type() != google::protobuf::FieldDescriptor::TYPE_BOOL) {
      return Error(
          "Not expecting a JSON boolean for field '" + field->name() + "'");
    }
    if (field->is_repeated()) {
      reflection->AddBool(message, field, boolean.value);
    } else {
      reflection->SetBool(message, field, boolean.value);
    }
    return Nothing();
  }

  Try<Nothing> operator()(const JSON::Null&) const
  {
    return Nothing();
  }

private:
  void setString(const std::string& value) const
  {
    if (field->is_repeated()) {
      reflection->AddString(message, field, value);
    } else {
      reflection->SetString(message, field, value);
    }
  }

  Try<Nothing> numberFromString(const std::string& text) const
  {
    Try<JSON::Number> number = JSON::parse<JSON::Number>(text);
    if (number.isError()) {
      return Error(
          "Failed to parse '" + text + "' as a JSON number for field '" +
          field->name() + "': " + number.error());
    }
    return (*this)(number.get());
  }

  google::protobuf::Message* message;
  const google::protobuf::Reflection* reflection;
  const google::protobuf::FieldDescriptor* field;
};


// Applies every key of `object` that names a field of `message` (by its
// exact .proto name); other keys are ignored. Keys are visited in
// sorted order and the first error stops the walk.
inline Try<Nothing> parse(
    google::protobuf::Message* message,
    const JSON::Object& object)
{
  for (const auto& entry : object.values) {
    const google::protobuf::FieldDescriptor* field =
      message->GetDescriptor()->FindFieldByName(entry.first);
    if (field == nullptr) {
      continue;
    }
    Try<Nothing> result = Parser(message, field)(entry.second);
    if (result.isError()) {
      return Error(result.error());
    }
  }
  return Nothing();
}


template <typename T>
struct Parse
{
  Try<T> operator()(const JSON::Value& value)
  {
    static_assert(
        std::is_convertible<T*, google::protobuf::Message*>::value,
        "T must be a protobuf message");

    if (!value.is<JSON::Object>()) {
      return Error("Expecting a JSON object");
    }

    T message;
    Try<Nothing> result = internal::parse(&message, value.as<JSON::Object>());
    if (result.isError()) {
      return Error(result.error());
    }

    if (!message.IsInitialized()) {
      return Error(
          "Missing required fields: " + message.InitializationErrorString());
    }

    return message;
  }
};


template <typename T>
struct Parse<google::protobuf::RepeatedPtrField<T>>
{
  Try<google::protobuf::RepeatedPtrField<T>> operator()(
      const JSON::Value& value)
  {
    static_assert(
        std::is_convertible<T*, google::protobuf::Message*>::value,
        "T must be a protobuf message");

    if (!value.is<JSON::Array>()) {
      return Error("Expecting a JSON array");
    }

    const std::vector<JSON::Value>& elements = value.as<JSON::Array>().values;

    google::protobuf::RepeatedPtrField<T> collection;
    collection.Reserve(static_cast<int>(elements.size()));
    for (const JSON::Value& element : elements) {
      Try<T> message = Parse<T>()(element);
      if (message.isError()) {
        return Error(message.error());
      }
      collection.Add()->CopyFrom(message.get());
    }
    return collection;
  }
};

} // namespace internal {


// A message (or RepeatedPtrField of messages) from JSON, by the rules
// above. The top level must be an object ("Expecting a JSON object"),
// resp. an array ("Expecting a JSON array"). Required fields left unset
// give "Missing required fields: <path>, <path>..." with paths such as
// "libraries[0].modules[0].parameters[0].value".
template <typename T>
Try<T> parse(const JSON::Value& value)
{
  return internal::Parse<T>()(value);
}

} // namespace protobuf {


namespace JSON {

// Selects the protobuf rendering of a message for jsonify():
// jsonify(JSON::Protobuf(message)) writes the fields in declaration
// order.
struct Protobuf : Representation<google::protobuf::Message>
{
  using Representation<google::protobuf::Message>::Representation;
};


namespace internal {

// The fields JSON::protobuf() / JSON::Protobuf show, in declaration
// order: repeated and map fields with elements, and singular fields
// that are set or have an explicit (non-deprecated) default.
inline std::vector<const google::protobuf::FieldDescriptor*> shownFields(
    const google::protobuf::Message& message)
{
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();

  std::vector<const google::protobuf::FieldDescriptor*> fields;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (field->is_repeated()) {
      if (reflection->FieldSize(message, field) > 0) {
        fields.push_back(field);
      }
    } else if (reflection->HasField(message, field) ||
               (field->has_default_value() &&
                !field->options().deprecated())) {
      fields.push_back(field);
    }
  }
  return fields;
}

} // namespace internal {


inline Object protobuf(const google::protobuf::Message& message);


namespace internal {

// The JSON value of a singular field (`index` < 0) or of element
// `index` of a repeated field: numbers keep their kind (float widened to
// double), bytes are base64, enums are their value names, messages are
// objects.
inline Value protobufField(
    const google::protobuf::Message& message,
    const google::protobuf::FieldDescriptor* field,
    int index)
{
  using google::protobuf::FieldDescriptor;

  const google::protobuf::Reflection* reflection = message.GetReflection();
  const bool element = index >= 0;

  switch (field->type()) {
    case FieldDescriptor::TYPE_DOUBLE:
      return Number(element ? reflection->GetRepeatedDouble(message, field, index)
                            : reflection->GetDouble(message, field));
    case FieldDescriptor::TYPE_FLOAT:
      return Number(element ? reflection->GetRepeatedFloat(message, field, index)
                            : reflection->GetFloat(message, field));
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64:
      return Number(element ? reflection->GetRepeatedInt64(message, field, index)
                            : reflection->GetInt64(message, field));
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      return Number(element
                      ? reflection->GetRepeatedUInt64(message, field, index)
                      : reflection->GetUInt64(message, field));
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32:
      return Number(element ? reflection->GetRepeatedInt32(message, field, index)
                            : reflection->GetInt32(message, field));
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      return Number(element
                      ? reflection->GetRepeatedUInt32(message, field, index)
                      : reflection->GetUInt32(message, field));
    case FieldDescriptor::TYPE_BOOL:
      return Boolean(element ? reflection->GetRepeatedBool(message, field, index)
                             : reflection->GetBool(message, field));
    case FieldDescriptor::TYPE_STRING:
      return String(element ? reflection->GetRepeatedString(message, field, index)
                            : reflection->GetString(message, field));
    case FieldDescriptor::TYPE_BYTES:
      return String(base64::encode(
          element ? reflection->GetRepeatedString(message, field, index)
                  : reflection->GetString(message, field)));
    case FieldDescriptor::TYPE_MESSAGE:
      return JSON::protobuf(
          element ? reflection->GetRepeatedMessage(message, field, index)
                  : reflection->GetMessage(message, field));
    case FieldDescriptor::TYPE_ENUM:
      return String(
          (element ? reflection->GetRepeatedEnum(message, field, index)
                   : reflection->GetEnum(message, field))->name());
    case FieldDescriptor::TYPE_GROUP:
      ABORT("Unhandled protobuf field type: " + stringify(field->type()));
  }
  UNREACHABLE();
}

} // namespace internal {


// A message as a JSON object, the way Mesos renders messages (e.g. in
// its HTTP endpoints): see internal::shownFields() for which fields
// appear, internal::protobufField() for their values. Map fields become
// objects keyed by the entry key (non-string keys as their JSON text).
inline Object protobuf(const google::protobuf::Message& message)
{
  const google::protobuf::Reflection* reflection = message.GetReflection();

  Object object;
  for (const google::protobuf::FieldDescriptor* field :
         internal::shownFields(message)) {
    if (field->is_map()) {
      Object map;
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        const google::protobuf::Message& entry =
          reflection->GetRepeatedMessage(message, field, i);
        const google::protobuf::Descriptor* descriptor = entry.GetDescriptor();

        const Value key = internal::protobufField(
            entry, descriptor->FindFieldByNumber(1), -1);
        const std::string name = key.is<String>()
          ? key.as<String>().value
          : std::string(jsonify(key));

        map.values[name] = internal::protobufField(
            entry, descriptor->FindFieldByNumber(2), -1);
      }
      object.values[field->name()] = std::move(map);
    } else if (field->is_repeated()) {
      Array array;
      const int size = reflection->FieldSize(message, field);
      array.values.reserve(static_cast<size_t>(size));
      for (int i = 0; i < size; ++i) {
        array.values.push_back(internal::protobufField(message, field, i));
      }
      object.values[field->name()] = std::move(array);
    } else {
      object.values[field->name()] =
        internal::protobufField(message, field, -1);
    }
  }
  return object;
}


template <typename T>
Array protobuf(const google::protobuf::RepeatedPtrField<T>& repeated)
{
  static_assert(
      std::is_convertible<T*, google::protobuf::Message*>::value,
      "T must be a protobuf message");

  Array array;
  array.values.reserve(static_cast<size_t>(repeated.size()));
  for (const T& element : repeated) {
    array.values.emplace_back(JSON::protobuf(element));
  }
  return array;
}


// jsonify(JSON::Protobuf(message)): the same content as
// JSON::protobuf(message), written directly, in declaration order.
inline void json(ObjectWriter* writer, const Protobuf& protobuf)
{
  const google::protobuf::Message& message = protobuf;
  const google::protobuf::Reflection* reflection = message.GetReflection();

  // Writes one field value (a singular field or one element).
  auto write = [](auto&& sink,
                  const google::protobuf::Message& owner,
                  const google::protobuf::FieldDescriptor* field,
                  int index) {
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      const google::protobuf::Reflection* r = owner.GetReflection();
      sink(Protobuf(index >= 0 ? r->GetRepeatedMessage(owner, field, index)
                               : r->GetMessage(owner, field)));
    } else {
      sink(internal::protobufField(owner, field, index));
    }
  };

  for (const google::protobuf::FieldDescriptor* field :
         internal::shownFields(message)) {
    if (field->is_map()) {
      writer->field(field->name(), [&](ObjectWriter* entries) {
        const int size = reflection->FieldSize(message, field);
        for (int i = 0; i < size; ++i) {
          const google::protobuf::Message& entry =
            reflection->GetRepeatedMessage(message, field, i);
          const google::protobuf::Descriptor* descriptor =
            entry.GetDescriptor();

          const google::protobuf::FieldDescriptor* keyField =
            descriptor->FindFieldByNumber(1);
          const Value key = internal::protobufField(entry, keyField, -1);
          const std::string name = key.is<String>()
            ? key.as<String>().value
            : std::string(jsonify(key));

          write([&](const auto& value) { entries->field(name, value); },
                entry, descriptor->FindFieldByNumber(2), -1);
        }
      });
    } else if (field->is_repeated()) {
      writer->field(field->name(), [&](ArrayWriter* elements) {
        const int size = reflection->FieldSize(message, field);
        for (int i = 0; i < size; ++i) {
          write([&](const auto& value) { elements->element(value); },
                message, field, i);
        }
      });
    } else {
      write([&](const auto& value) { writer->field(field->name(), value); },
            message, field, -1);
    }
  }
}

} // namespace JSON {

#include <mesos/sdk/libc_names_end.hpp>

#endif // __STOUT_PROTOBUF_HPP__
