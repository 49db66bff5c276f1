// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_FLAGS_FLAGS_HPP__
#define __STOUT_FLAGS_FLAGS_HPP__

#include <stdlib.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <typeinfo>
#include <vector>

#include <stout/abort.hpp>
#include <stout/check.hpp>
#include <stout/error.hpp>
#include <stout/exit.hpp>
#include <stout/foreach.hpp>
#include <stout/lambda.hpp>
#include <stout/multimap.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/some.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include <stout/flags/fetch.hpp>
#include <stout/flags/flag.hpp>

#include <stout/os/environment.hpp>

namespace flags {

// The base of every flags class. It owns the registry of flags (by
// name, in name order) and the loaders; a derived class registers its
// members with add() in its constructor. It always has "help" (a bool).
//
// Loading rules (all load() overloads): names are matched exactly (the
// command line lower-cases them); "--no-<name>" sets a boolean flag to
// false; a boolean given without a value (or with "") is true; a flag
// value "file://<path>" is read from that file. A flag declared without
// a default (and not as Option<>) is required. Errors:
//   "Failed to load unknown flag '<name>'"            (unless `unknowns`)
//   "Flag '<name>' is already loaded via name '<n>'"  (a flag seen twice)
//   "Failed to load non-boolean flag '<name>' via 'no-<name>'"
//   "Failed to load non-boolean flag '<name>': Missing value"
//   "Failed to load boolean flag '<name>' via 'no-<name>' with value '<v>'"
//   "Failed to load flag '<name>': Failed to load value '<v>': <why>"
//   "Flag '<name>' is required, but it was not provided"
// or the error returned by a flag's validate function.
class FlagsBase
{
public:
  FlagsBase()
  {
    add(&FlagsBase::help, "help", "Prints this help message", false);
  }

  virtual ~FlagsBase() = default;

  FlagsBase(const FlagsBase&) = default;
  FlagsBase(FlagsBase&&) = delete;
  FlagsBase& operator=(const FlagsBase&) = default;
  FlagsBase& operator=(FlagsBase&&) = delete;

  // From environment variables "<prefix><name>" (any case of <name>,
  // e.g. MESOS_WORK_DIR or MESOS_work_dir for "work_dir"); variables
  // that name no known flag are ignored.
  virtual Try<Warnings> load(const std::string& prefix);

  // From the environment (if `prefix` is given) and then from argv
  // ("--name=value", "--name", "--no-name"; anything else is skipped,
  // "--" ends the flags). The command line wins over the environment.
  // `unknowns`: ignore unknown flags; `duplicates`: allow a flag twice
  // (the later value wins).
  virtual Try<Warnings> load(
      const Option<std::string>& prefix,
      int argc,
      const char* const* argv,
      bool unknowns = false,
      bool duplicates = false);

  // As above, and on success removes the flags (and "--") from argv,
  // leaving argv[0] and the other arguments.
  virtual Try<Warnings> load(
      const Option<std::string>& prefix,
      int* argc,
      char*** argv,
      bool unknowns = false,
      bool duplicates = false);

  // From a map of name -> value (None for a bare "--name"), plus the
  // environment when `prefix` is given (the map wins).
  virtual Try<Warnings> load(
      const std::map<std::string, Option<std::string>>& values,
      bool unknowns = false,
      const Option<std::string>& prefix = None());

  virtual Try<Warnings> load(
      const std::map<std::string, std::string>& values,
      bool unknowns = false,
      const Option<std::string>& prefix = None());

  // "<message>\n\n" (if any), the usage message (default
  // "Usage: <program> [options]"), a blank line, then one line per flag:
  // "  --name=VALUE" or "  --[no-]name" padded to a common column, then
  // its help (which ends with " (default: <value>)" for flags with a
  // default).
  std::string usage(const Option<std::string>& message = None()) const;

  void setUsageMessage(const std::string& message)
  {
    usageMessage_ = Some(message);
  }

  typedef std::map<std::string, Flag>::const_iterator const_iterator;
  const_iterator begin() const { return flags_.begin(); }
  const_iterator end() const { return flags_.end(); }

  typedef std::map<std::string, Flag>::iterator iterator;
  iterator begin() { return flags_.begin(); }
  iterator end() { return flags_.end(); }

  // add(&Flags::member, name, [alias,] help, [default,] [validate]).
  // A member without a default is required. `validate` is called with
  // the member's value after loading and returns Option<Error>.
  template <typename Flags, typename T1, typename T2, typename F>
  void add(
      T1 Flags::*t1,
      const Name& name,
      const Option<Name>& alias,
      const std::string& help,
      const T2* t2,
      F validate);

  template <typename Flags, typename T1, typename T2, typename F>
  void add(
      T1 Flags::*t1,
      const Name& name,
      const Option<Name>& alias,
      const std::string& help,
      const T2& t2,
      F validate)
  {
    add(t1, name, alias, help, &t2, validate);
  }

  template <typename Flags, typename T1, typename T2, typename F>
  void add(
      T1 Flags::*t1,
      const Name& name,
      const std::string& help,
      const T2& t2,
      F validate)
  {
    add(t1, name, None(), help, &t2, validate);
  }

  template <typename Flags, typename T1, typename T2>
  void add(
      T1 Flags::*t1,
      const Name& name,
      const std::string& help,
      const T2& t2)
  {
    add(t1, name, None(), help, &t2, [](const T1&) { return None(); });
  }

  template <typename Flags, typename T>
  void add(T Flags::*t, const Name& name, const std::string& help)
  {
    add(t,
        name,
        None(),
        help,
        static_cast<const T*>(nullptr),
        [](const T&) { return None(); });
  }

  template <typename Flags, typename T1, typename T2>
  void add(
      T1 Flags::*t1,
      const Name& name,
      const Option<Name>& alias,
      const std::string& help,
      const T2& t2)
  {
    add(t1, name, alias, help, &t2, [](const T1&) { return None(); });
  }

  // Option<T> members are optional and stay None unless loaded.
  template <typename Flags, typename T, typename F>
  void add(
      Option<T> Flags::*option,
      const Name& name,
      const Option<Name>& alias,
      const std::string& help,
      F validate);

  template <typename Flags, typename T, typename F>
  void add(
      Option<T> Flags::*option,
      const Name& name,
      const std::string& help,
      F validate)
  {
    add(option, name, None(), help, validate);
  }

  template <typename Flags, typename T>
  void add(
      Option<T> Flags::*option,
      const Name& name,
      const std::string& help)
  {
    add(option, name, None(), help, [](const Option<T>&) { return None(); });
  }

  template <typename Flags, typename T>
  void add(
      Option<T> Flags::*option,
      const Name& name,
      const Option<Name>& alias,
      const std::string& help)
  {
    add(option, name, alias, help, [](const Option<T>&) { return None(); });
  }

  // Registers a ready-made Flag. A name or alias that is already taken,
  // that starts with "no-", or an alias equal to the name is fatal
  // (EXIT(EXIT_FAILURE)).
  void add(const Flag& flag);

  // Set by "--help".
  bool help;

  // The environment variables "<prefix><name>" that name a known flag
  // (or "<prefix>NO-<name>"), keyed by the lower-cased <name>.
  std::map<std::string, Option<std::string>> extract(
      const std::string& prefix) const;

  // Every flag with a value as "<prefix><NAME>" -> value (upper-cased
  // effective name), for passing flags to a child through its
  // environment.
  std::map<std::string, std::string> buildEnvironment(
      const Option<std::string>& prefix = None()) const;

protected:
  // basename(argv[0]) after a command-line load.
  std::string programName_;

  Option<std::string> usageMessage_;

private:
  Try<Warnings> load(
      Multimap<std::string, Option<std::string>>& values,
      bool unknowns = false,
      bool duplicates = false,
      const Option<std::string>& prefix = None());

  // Reads "--..." arguments into `values`; returns the positions of the
  // arguments that are not flags (after argv[0]).
  std::vector<int> parseArguments(
      int argc,
      const char* const* argv,
      Multimap<std::string, Option<std::string>>* values);

  std::map<std::string, Flag> flags_;

  // Alias -> flag name.
  std::map<std::string, std::string> aliases;
};


template <typename Flags, typename T1, typename T2, typename F>
void FlagsBase::add(
    T1 Flags::*t1,
    const Name& name,
    const Option<Name>& alias,
    const std::string& help,
    const T2* t2,
    F validate)
{
  if (t1 == nullptr) {
    return;
  }

  Flags* flags = dynamic_cast<Flags*>(this);
  if (flags == nullptr) {
    ABORT("Attempted to add flag '" + name.value +
          "' with incompatible type");
  }

  Flag flag;
  flag.name = name;
  flag.alias = alias;
  flag.help = help;
  flag.boolean = typeid(T1) == typeid(bool);

  if (t2 != nullptr) {
    flags->*t1 = *t2;
    flag.required = false;
  } else {
    flag.required = true;
  }

  flag.load = [t1](FlagsBase* base, const std::string& value) -> Try<Nothing> {
    Flags* target = dynamic_cast<Flags*>(base);
    if (target != nullptr) {
      Try<T1> t = fetch<T1>(value);
      if (t.isError()) {
        return Error("Failed to load value '" + value + "': " + t.error());
      }
      target->*t1 = t.get();
    }
    return Nothing();
  };

  flag.stringify = [t1](const FlagsBase& base) -> Option<std::string> {
    const Flags* source = dynamic_cast<const Flags*>(&base);
    if (source != nullptr) {
      return ::stringify(source->*t1);
    }
    return None();
  };

  flag.validate = [t1, validate](const FlagsBase& base) -> Option<Error> {
    const Flags* source = dynamic_cast<const Flags*>(&base);
    if (source != nullptr) {
      return validate(source->*t1);
    }
    return None();
  };

  // "... (default: <value>)"; on a new line if the help ends with one.
  const bool newline =
    !help.empty() && (help.back() == '\n' || help.back() == '\r');
  flag.help += !help.empty() && !newline ? " (default: " : "(default: ";
  if (t2 != nullptr) {
    flag.help += ::stringify(*t2);
  }
  flag.help += ")";

  add(flag);
}


template <typename Flags, typename T, typename F>
void FlagsBase::add(
    Option<T> Flags::*option,
    const Name& name,
    const Option<Name>& alias,
    const std::string& help,
    F validate)
{
  if (option == nullptr) {
    return;
  }

  Flags* flags = dynamic_cast<Flags*>(this);
  if (flags == nullptr) {
    ABORT("Attempted to add flag '" + name.value +
          "' with incompatible type");
  }

  Flag flag;
  flag.name = name;
  flag.alias = alias;
  flag.help = help;
  flag.boolean = typeid(T) == typeid(bool);
  flag.required = false;

  flag.load =
    [option](FlagsBase* base, const std::string& value) -> Try<Nothing> {
    Flags* target = dynamic_cast<Flags*>(base);
    if (target != nullptr) {
      Try<T> t = fetch<T>(value);
      if (t.isError()) {
        return Error("Failed to load value '" + value + "': " + t.error());
      }
      target->*option = Some(t.get());
    }
    return Nothing();
  };

  flag.stringify = [option](const FlagsBase& base) -> Option<std::string> {
    const Flags* source = dynamic_cast<const Flags*>(&base);
    if (source != nullptr && (source->*option).isSome()) {
      return ::stringify((source->*option).get());
    }
    return None();
  };

  flag.validate = [option, validate](const FlagsBase& base) -> Option<Error> {
    const Flags* source = dynamic_cast<const Flags*>(&base);
    if (source != nullptr) {
      return validate(source->*option);
    }
    return None();
  };

  add(flag);
}


inline void FlagsBase::add(const Flag& flag)
{
  std::vector<Name> names = {flag.name};
  if (flag.alias.isSome()) {
    if (flag.alias.get() == flag.name) {
      EXIT(EXIT_FAILURE)
        << "Attempted to add flag '" << flag.name.value << "' with an alias"
        << " that is same as the flag name";
    }
    names.push_back(flag.alias.get());
  }

  for (const Name& name : names) {
    if (flags_.count(name.value) > 0) {
      EXIT(EXIT_FAILURE)
        << "Attempted to add duplicate flag '" << name.value << "'";
    }
    if (strings::startsWith(name.value, "no-")) {
      EXIT(EXIT_FAILURE)
        << "Attempted to add flag '" << name.value
        << "' that starts with the reserved 'no-' prefix";
    }
  }

  flags_[flag.name.value] = flag;
  if (flag.alias.isSome()) {
    aliases[flag.alias->value] = flag.name.value;
  }
}


inline std::map<std::string, Option<std::string>> FlagsBase::extract(
    const std::string& prefix) const
{
  std::map<std::string, Option<std::string>> values;
  for (const auto& variable : os::environment()) {
    if (!strings::startsWith(variable.first, prefix)) {
      continue;
    }
    const std::string name = strings::lower(variable.first.substr(prefix.size()));
    const std::string flagName = strings::remove(name, "no-", strings::PREFIX);
    if (flags_.count(flagName) > 0 || aliases.count(flagName) > 0) {
      values[name] = Some(variable.second);
    }
  }
  return values;
}


inline std::map<std::string, std::string> FlagsBase::buildEnvironment(
    const Option<std::string>& prefix) const
{
  std::map<std::string, std::string> result;
  for (const auto& entry : flags_) {
    const Flag& flag = entry.second;
    const Option<std::string> value = flag.stringify(*this);
    if (value.isSome()) {
      result[prefix.getOrElse("") + strings::upper(flag.effective_name().value)] =
        value.get();
    }
  }
  return result;
}


inline Try<Warnings> FlagsBase::load(const std::string& prefix)
{
  return load(extract(prefix));
}


inline std::vector<int> FlagsBase::parseArguments(
    int argc,
    const char* const* argv,
    Multimap<std::string, Option<std::string>>* values)
{
  programName_ = argc > 0 ? Path(argv[0]).basename() : "";

  std::vector<int> others;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = strings::trim(argv[i]);

    if (arg == "--") {
      for (int j = i + 1; j < argc; ++j) {
        others.push_back(j);
      }
      break;
    }

    if (!strings::startsWith(arg, "--")) {
      others.push_back(i);
      continue;
    }

    std::string name;
    Option<std::string> value;
    const size_t equals = arg.find('=');
    if (equals == std::string::npos) {
      name = arg.substr(2);                   // --name, --no-name
    } else {
      name = arg.substr(2, equals - 2);       // --name=value
      value = arg.substr(equals + 1);
    }

    values->put(strings::lower(name), value);
  }
  return others;
}


inline Try<Warnings> FlagsBase::load(
    const Option<std::string>& prefix,
    int argc,
    const char* const* argv,
    bool unknowns,
    bool duplicates)
{
  Multimap<std::string, Option<std::string>> values;
  parseArguments(argc, argv, &values);
  return load(values, unknowns, duplicates, prefix);
}


inline Try<Warnings> FlagsBase::load(
    const Option<std::string>& prefix,
    int* argc,
    char*** argv,
    bool unknowns,
    bool duplicates)
{
  Multimap<std::string, Option<std::string>> values;
  const std::vector<int> others = parseArguments(*argc, *argv, &values);

  Try<Warnings> result = load(values, unknowns, duplicates, prefix);
  if (result.isError()) {
    return result;
  }

  // Keep argv[0] and the non-flag arguments, in order.
  std::vector<char*> kept;
  for (int index : others) {
    kept.push_back((*argv)[index]);
  }
  int i = 1;
  for (char* arg : kept) {
    (*argv)[i++] = arg;
  }
  *argc = i;
  (*argv)[i] = nullptr;

  return result;
}


inline Try<Warnings> FlagsBase::load(
    const std::map<std::string, Option<std::string>>& values,
    bool unknowns,
    const Option<std::string>& prefix)
{
  Multimap<std::string, Option<std::string>> all;
  for (const auto& entry : values) {
    all.put(entry.first, entry.second);
  }
  return load(all, unknowns, false, prefix);
}


inline Try<Warnings> FlagsBase::load(
    const std::map<std::string, std::string>& values,
    bool unknowns,
    const Option<std::string>& prefix)
{
  Multimap<std::string, Option<std::string>> all;
  for (const auto& entry : values) {
    all.put(entry.first, Some(entry.second));
  }
  return load(all, unknowns, false, prefix);
}


inline Try<Warnings> FlagsBase::load(
    Multimap<std::string, Option<std::string>>& values,
    bool unknowns,
    bool duplicates,
    const Option<std::string>& prefix)
{
  Warnings warnings;

  if (prefix.isSome()) {
    for (const auto& entry : extract(prefix.get())) {
      if (!values.contains(entry.first)) {
        values.put(entry.first, entry.second);
      }
    }
  }

  // In name order (the multimap's); repeats of a name in insertion order.
  for (const auto& entry : values) {
    const std::string& name = entry.first;
    const Option<std::string>& value = entry.second;

    const bool negated = strings::startsWith(name, "no-");
    const std::string flagName = negated ? name.substr(3) : name;

    auto alias = aliases.find(flagName);
    auto found = flags_.find(alias != aliases.end() ? alias->second : flagName);
    if (found == flags_.end()) {
      if (unknowns) {
        continue;
      }
      return Error(
          "Failed to load unknown flag '" + flagName + "'" +
          (negated ? " via '" + name + "'" : std::string()));
    }

    Flag& flag = found->second;

    if (!duplicates && flag.loaded_name.isSome()) {
      return Error(
          "Flag '" + flagName + "' is already loaded via name '" +
          flag.loaded_name->value + "'");
    }

    std::string text;
    if (!flag.boolean) {
      if (negated) {
        return Error(
            "Failed to load non-boolean flag '" + flagName + "' via '" +
            name + "'");
      }
      if (value.isNone()) {
        return Error(
            "Failed to load non-boolean flag '" + flagName +
            "': Missing value");
      }
      text = value.get();
    } else if (value.isNone() || value.get().empty()) {
      text = negated ? "false" : "true";
    } else if (!negated) {
      text = value.get();
    } else {
      return Error(
          "Failed to load boolean flag '" + flagName + "' via '" + name +
          "' with value '" + value.get() + "'");
    }

    Try<Nothing> loaded = flag.load(this, text);
    if (loaded.isError()) {
      return Error(
          "Failed to load flag '" + flagName + "': " + loaded.error());
    }

    if (alias != aliases.end()) {
      CHECK_SOME(flag.alias);
      flag.loaded_name = flag.alias.get();
    } else {
      flag.loaded_name = flag.name;
    }

    if (flag.loaded_name->deprecated) {
      warnings.warnings.push_back(
          Warning("Loaded deprecated flag '" + flagName + "'"));
    }
  }

  for (const auto& entry : flags_) {
    const Flag& flag = entry.second;
    if (flag.required && flag.loaded_name.isNone()) {
      return Error(
          "Flag '" + flag.name.value +
          "' is required, but it was not provided");
    }
    Option<Error> error = flag.validate(*this);
    if (error.isSome()) {
      return error.get();
    }
  }

  return warnings;
}


inline std::string FlagsBase::usage(const Option<std::string>& message) const
{
  const size_t PAD = 5;

  std::string usage;
  if (message.isSome()) {
    usage = message.get() + "\n\n";
  }
  if (usageMessage_.isNone()) {
    usage += "Usage: " + programName_ + " [options]\n\n";
  } else {
    usage += usageMessage_.get() + "\n\n";
  }

  std::map<std::string, std::string> column;
  size_t width = 0;
  for (const auto& entry : flags_) {
    const Flag& flag = entry.second;
    std::string text;
    if (flag.boolean) {
      text = "  --[no-]" + flag.name.value;
      if (flag.alias.isSome()) {
        text += ", --[no-]" + flag.alias->value;
      }
    } else {
      text = "  --" + flag.name.value + "=VALUE";
      if (flag.alias.isSome()) {
        text += ", --" + flag.alias->value + "=VALUE";
      }
    }
    width = std::max(width, text.size());
    column[flag.name.value] = text;
  }

  for (const auto& entry : flags_) {
    const Flag& flag = entry.second;
    const std::string& first = column[flag.name.value];

    // Each help line; continuation lines are indented to the column.
    size_t start = 0;
    size_t end = flag.help.find_first_of("\n\r");
    usage += first + std::string(PAD + width - first.size(), ' ') +
             flag.help.substr(start, end - start) + "\n";
    while (end != std::string::npos) {
      start = end + 1;
      end = flag.help.find_first_of("\n\r", start);
      usage += std::string(PAD + width, ' ') +
               flag.help.substr(start, end - start) + "\n";
    }
  }

  return usage;
}


// --name="value" for every flag that has a value, in name order.
inline std::ostream& operator<<(std::ostream& stream, const FlagsBase& flags)
{
  std::vector<std::string> printed;
  for (const auto& entry : flags) {
    const Flag& flag = entry.second;
    const Option<std::string> value = flag.stringify(flags);
    if (value.isSome()) {
      printed.push_back(
          "--" + flag.effective_name().value + "=\"" + value.get() + "\"");
    }
  }
  return stream << strings::join(" ", printed);
}

} // namespace flags {

#endif // __STOUT_FLAGS_FLAGS_HPP__
