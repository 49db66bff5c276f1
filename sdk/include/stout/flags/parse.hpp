// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_FLAGS_PARSE_HPP__
#define __STOUT_FLAGS_PARSE_HPP__

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/json.hpp>
#include <stout/numify.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include <stout/flags/flag.hpp>

#include <stout/os/read.hpp>

namespace flags {

// Converts a flag's text to its type. The default reads the whole text
// with operator>> ("Failed to convert into required type" otherwise);
// the specializations below cover stout's own types.
template <typename T>
Try<T> parse(const std::string& value)
{
  T t;
  std::istringstream in(value);
  in >> t;
  if (in && in.eof()) {
    return t;
  }
  return Error("Failed to convert into required type");
}


template <>
inline Try<std::string> parse(const std::string& value)
{
  return value;
}


// "true"/"1" and "false"/"0" only.
template <>
inline Try<bool> parse(const std::string& value)
{
  if (value == "true" || value == "1") {
    return true;
  }
  if (value == "false" || value == "0") {
    return false;
  }
  return Error("Expecting a boolean (e.g., true or false)");
}


template <>
inline Try<Duration> parse(const std::string& value)
{
  return Duration::parse(value);
}


template <>
inline Try<Bytes> parse(const std::string& value)
{
  return Bytes::parse(value);
}


namespace internal {

// A value starting with '/' names a file holding the JSON (deprecated
// in favour of "file://", which fetch() handles).
template <typename T>
Try<T> parseJSON(const std::string& value)
{
  if (strings::startsWith(value, "/")) {
    LOG(WARNING) << "Specifying an absolute filename to read a command line "
                    "option out of without using 'file:// is deprecated and "
                    "will be removed in a future release. Simply adding "
                    "'file://' to the beginning of the path should eliminate "
                    "this warning.";
    Try<std::string> read = os::read(value);
    if (read.isError()) {
      return Error("Error reading file '" + value + "': " + read.error());
    }
    return JSON::parse<T>(read.get());
  }
  return JSON::parse<T>(value);
}

} // namespace internal {


template <>
inline Try<JSON::Object> parse(const std::string& value)
{
  return internal::parseJSON<JSON::Object>(value);
}


template <>
inline Try<JSON::Array> parse(const std::string& value)
{
  return internal::parseJSON<JSON::Array>(value);
}


template <>
inline Try<Path> parse(const std::string& value)
{
  return Path(value);
}


// "file://<path>" reads the file; anything else is the value itself.
template <>
inline Try<SecurePathOrValue> parse(const std::string& value)
{
  SecurePathOrValue result;
  result.value = value;
  if (strings::startsWith(value, "file://")) {
    const std::string path = value.substr(7);
    Try<std::string> read = os::read(path);
    if (read.isError()) {
      return Error("Error reading file '" + path + "': " + read.error());
    }
    result.value = read.get();
    result.path = Path(path);
  }
  return result;
}


// A comma-separated list of unsigned numbers.
template <>
inline Try<std::vector<unsigned int>> parse(const std::string& value)
{
  std::vector<unsigned int> result;
  for (const std::string& token : strings::tokenize(value, ",")) {
    Try<unsigned int> number = numify<unsigned int>(token);
    if (number.isError()) {
      return Error("Failed to numify '" + token + "': " + number.error());
    }
    result.push_back(number.get());
  }
  return result;
}


// A comma-separated set of strings; repeats are an error.
template <>
inline Try<std::set<std::string>> parse(const std::string& value)
{
  std::set<std::string> result;
  for (const std::string& token : strings::tokenize(value, ",")) {
    if (!result.insert(token).second) {
      return Error("Duplicate token '" + token + "'");
    }
  }
  return result;
}

} // namespace flags {

#endif // __STOUT_FLAGS_PARSE_HPP__
