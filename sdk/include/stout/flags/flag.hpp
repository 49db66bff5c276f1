// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_FLAGS_FLAG_HPP__
#define __STOUT_FLAGS_FLAG_HPP__

#include <ostream>
#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>

namespace flags {

class FlagsBase;


// A flag name; a deprecated name still loads but produces a Warning.
struct Name
{
  Name() : deprecated(false) {}
  Name(const std::string& _value) : value(_value), deprecated(false) {}
  Name(const char* _value) : value(_value), deprecated(false) {}

  bool operator==(const Name& other) const { return value == other.value; }

  std::string value;
  bool deprecated;
};


inline Name DeprecatedName(const std::string& name)
{
  Name result(name);
  result.deprecated = true;
  return result;
}


struct Warning
{
  explicit Warning(const std::string& _message) : message(_message) {}

  const std::string message;
};


// What FlagsBase::load() returns on success.
struct Warnings
{
  std::vector<Warning> warnings;
};


// One registered flag. `load`, `stringify` and `validate` receive the
// FlagsBase they act on (flags are often composed through virtual
// inheritance, so they cannot capture `this`).
struct Flag
{
  Name name;
  Option<Name> alias;

  // The name (or alias) it was loaded through, if it was loaded.
  Option<Name> loaded_name;

  std::string help;
  bool boolean;
  lambda::function<Try<Nothing>(FlagsBase*, const std::string&)> load;
  lambda::function<Option<std::string>(const FlagsBase&)> stringify;
  lambda::function<Option<Error>(const FlagsBase&)> validate;
  bool required;

  const Name& effective_name() const
  {
    return loaded_name.isSome() ? loaded_name.get() : name;
  }
};


// A flag value that may come from a file ("file://<path>"): the path is
// what gets printed, so secrets read from files are not echoed.
struct SecurePathOrValue
{
  Option<Path> path;
  std::string value;
};


inline std::ostream& operator<<(
    std::ostream& stream,
    const SecurePathOrValue& flag)
{
  if (flag.path.isSome()) {
    return stream << flag.path.get();
  }
  return stream << flag.value;
}

} // namespace flags {

#endif // __STOUT_FLAGS_FLAG_HPP__
