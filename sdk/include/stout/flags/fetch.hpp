// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_FLAGS_FETCH_HPP__
#define __STOUT_FLAGS_FETCH_HPP__

#include <string>

#include <stout/error.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include <stout/flags/flag.hpp>
#include <stout/flags/parse.hpp>

#include <stout/os/read.hpp>

namespace flags {

// A flag value "file://<path>" is replaced by the contents of <path>
// ("Error reading file '<path>': <errno text>" on failure) before
// parse<T>; other values are parsed as they are.
template <typename T>
Try<T> fetch(const std::string& value)
{
  if (strings::startsWith(value, "file://")) {
    const std::string path = value.substr(7);
    Try<std::string> read = os::read(path);
    if (read.isError()) {
      return Error("Error reading file '" + path + "': " + read.error());
    }
    return parse<T>(read.get());
  }
  return parse<T>(value);
}


// A Path flag is the path itself, never the file's contents.
template <>
inline Try<Path> fetch(const std::string& value)
{
  return parse<Path>(value);
}


template <>
inline Try<SecurePathOrValue> fetch(const std::string& value)
{
  return parse<SecurePathOrValue>(value);
}

} // namespace flags {

#endif // __STOUT_FLAGS_FETCH_HPP__
