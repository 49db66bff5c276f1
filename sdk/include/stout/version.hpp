// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_VERSION_HPP__
#define __STOUT_VERSION_HPP__

#include <stdint.h>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>
#include <vector>

#include <stout/check.hpp>
#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/numify.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

// A SemVer 2.0.0 version, "<major>[.<minor>[.<patch>]][-prerelease][+build]",
// with stout's two relaxations: missing minor/patch components count as
// 0 and numeric components may have leading zeros. Equality and ordering
// ignore the build label; prerelease versions sort before the release.
struct Version
{
  // Errors (stout's texts):
  //   "Version has <n> components; maximum 3 components allowed"
  //   "Invalid version component '<c>': <numify error>"
  //   "Invalid prerelease label: <why>", "Invalid build label: <why>"
  // where <why> is "Empty label", "Empty identifier" or
  // "Identifier contains illegal character: '<c>'".
  static Try<Version> parse(const std::string& input)
  {
    // Right to left: "+build", then "-prerelease" (the first '-' starts
    // it; the label itself may hold more hyphens), then the numbers.
    std::vector<std::string> build;
    const std::vector<std::string> plus = strings::split(input, "+", 2);
    if (plus.size() == 2) {
      Try<std::vector<std::string>> label = parseLabel(plus[1]);
      if (label.isError()) {
        return Error("Invalid build label: " + label.error());
      }
      build = label.get();
    }

    std::vector<std::string> prerelease;
    const std::vector<std::string> minus = strings::split(plus[0], "-", 2);
    if (minus.size() == 2) {
      Try<std::vector<std::string>> label = parseLabel(minus[1]);
      if (label.isError()) {
        return Error("Invalid prerelease label: " + label.error());
      }
      prerelease = label.get();
    }

    const size_t maximum = 3;
    const std::vector<std::string> components = strings::split(minus[0], ".");
    if (components.size() > maximum) {
      return Error(
          "Version has " + stringify(components.size()) +
          " components; maximum " + stringify(maximum) +
          " components allowed");
    }

    uint32_t numbers[3] = {0, 0, 0};
    for (size_t i = 0; i < components.size(); ++i) {
      Try<uint32_t> number = parseNumericIdentifier(components[i]);
      if (number.isError()) {
        return Error(
            "Invalid version component '" + components[i] + "': " +
            number.error());
      }
      numbers[i] = number.get();
    }

    return Version(numbers[0], numbers[1], numbers[2], prerelease, build);
  }

  // Prerelease and build identifiers must be valid (non-empty, ASCII
  // alphanumerics and '-'); an invalid one is a fatal CHECK failure.
  Version(uint32_t _majorVersion,
          uint32_t _minorVersion,
          uint32_t _patchVersion,
          const std::vector<std::string>& _prerelease = {},
          const std::vector<std::string>& _build = {})
    : majorVersion(_majorVersion),
      minorVersion(_minorVersion),
      patchVersion(_patchVersion),
      prerelease(_prerelease),
      build(_build)
  {
    for (const std::string& identifier : prerelease) {
      CHECK_NONE(validateIdentifier(identifier));
    }
    for (const std::string& identifier : build) {
      CHECK_NONE(validateIdentifier(identifier));
    }
  }

  bool operator==(const Version& other) const
  {
    return majorVersion == other.majorVersion &&
           minorVersion == other.minorVersion &&
           patchVersion == other.patchVersion &&
           prerelease == other.prerelease;
  }

  bool operator!=(const Version& other) const { return !(*this == other); }

  // SemVer precedence: numbers numerically; a prerelease sorts before
  // the release; prerelease identifiers compare left to right, numeric
  // ones numerically and before alphanumeric ones (which compare in
  // ASCII order); a longer identifier list wins a common prefix.
  bool operator<(const Version& other) const
  {
    if (majorVersion != other.majorVersion) {
      return majorVersion < other.majorVersion;
    }
    if (minorVersion != other.minorVersion) {
      return minorVersion < other.minorVersion;
    }
    if (patchVersion != other.patchVersion) {
      return patchVersion < other.patchVersion;
    }

    if (prerelease.empty() != other.prerelease.empty()) {
      return !prerelease.empty();
    }

    const size_t common = std::min(prerelease.size(), other.prerelease.size());
    for (size_t i = 0; i < common; ++i) {
      const Try<uint32_t> mine = parseNumericIdentifier(prerelease[i]);
      const Try<uint32_t> theirs = parseNumericIdentifier(other.prerelease[i]);

      if (mine.isSome() && theirs.isSome()) {
        if (mine.get() != theirs.get()) {
          return mine.get() < theirs.get();
        }
      } else if (mine.isSome() != theirs.isSome()) {
        return mine.isSome();
      } else if (prerelease[i] != other.prerelease[i]) {
        return prerelease[i] < other.prerelease[i];
      }
    }

    return prerelease.size() < other.prerelease.size();
  }

  bool operator>(const Version& other) const { return other < *this; }

  bool operator<=(const Version& other) const
  {
    return *this < other || *this == other;
  }

  bool operator>=(const Version& other) const
  {
    return *this > other || *this == other;
  }

  friend inline std::ostream& operator<<(
      std::ostream& stream,
      const Version& version);

  const uint32_t majorVersion;
  const uint32_t minorVersion;
  const uint32_t patchVersion;
  const std::vector<std::string> prerelease;
  const std::vector<std::string> build;

private:
  static Option<Error> validateIdentifier(const std::string& identifier)
  {
    if (identifier.empty()) {
      return Error("Empty identifier");
    }
    for (char c : identifier) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return Error(
            "Identifier contains illegal character: '" + stringify(c) + "'");
      }
    }
    return None();
  }

  static Try<std::vector<std::string>> parseLabel(const std::string& label)
  {
    if (label.empty()) {
      return Error("Empty label");
    }
    const std::vector<std::string> identifiers = strings::split(label, ".");
    for (const std::string& identifier : identifiers) {
      const Option<Error> error = validateIdentifier(identifier);
      if (error.isSome()) {
        return error.get();
      }
    }
    return identifiers;
  }

  // A numeric identifier is what numify<uint32_t> accepts, except that
  // a leading '-' makes it non-numeric (SemVer).
  static Try<uint32_t> parseNumericIdentifier(const std::string& identifier)
  {
    if (strings::startsWith(identifier, '-')) {
      return Error("Contains leading hyphen");
    }
    return numify<uint32_t>(identifier);
  }
};


// "<major>.<minor>.<patch>[-<prerelease>][+<build>]", so "1.11" prints
// as "1.11.0".
inline std::ostream& operator<<(std::ostream& stream, const Version& version)
{
  stream << version.majorVersion << "." << version.minorVersion << "."
         << version.patchVersion;
  if (!version.prerelease.empty()) {
    stream << "-" << strings::join(".", version.prerelease);
  }
  if (!version.build.empty()) {
    stream << "+" << strings::join(".", version.build);
  }
  return stream;
}

#endif // __STOUT_VERSION_HPP__
