// mesos::roles (mesos/roles.hpp).

#include <string>
#include <vector>

#include <mesos/roles.hpp>

#include "text.hpp"

using std::string;
using std::vector;

namespace mesos {
namespace roles {

bool isStrictSubroleOf(const string& left, const string& right)
{
  return left.size() > right.size() &&
         left.compare(0, right.size(), right) == 0 &&
         left[right.size()] == '/';
}


Try<vector<string>> parse(const string& text)
{
  const vector<string> roles = internal::text::tokenize(text, ",");
  Option<Error> error = validate(roles);
  if (error.isSome()) {
    return error.get();
  }
  return roles;
}


vector<string> ancestors(const string& role)
{
  vector<string> result;
  for (size_t i = role.size(); i > 0; --i) {
    if (role[i - 1] == '/') {
      result.push_back(role.substr(0, i - 1));
    }
  }
  return result;
}


Option<Error> validate(const string& role)
{
  if (role == "*") {
    return None();
  }

  if (!role.empty() && role.front() == '/') {
    return Error("Role '" + role + "' cannot start with a slash");
  }

  if (!role.empty() && role.back() == '/') {
    return Error("Role '" + role + "' cannot end with a slash");
  }

  if (role.find("//") != string::npos) {
    return Error("Role '" + role + "' cannot contain two adjacent slashes");
  }

  const vector<string> components = internal::text::tokenize(role, "/");
  if (components.empty()) {
    return Error("Role names cannot be the empty string");
  }

  // Tab, newline, vertical tab, form feed, carriage return, space, DEL.
  static const char forbidden[] = "\x09\x0a\x0b\x0c\x0d\x20\x7f";

  for (const string& component : components) {
    if (component == "." || component == ".." || component == "*") {
      return Error(
          "Role '" + role + "' cannot include '" + component +
          "' as a component");
    }

    if (component.front() == '-') {
      return Error(
          "Role component '" + component + "' is invalid because it starts"
          " with a dash");
    }

    if (component.find_first_of(forbidden) != string::npos) {
      return Error(
          "Role component '" + component + "' is invalid because it"
          " contains backspace or whitespace");
    }
  }

  return None();
}


Option<Error> validate(const vector<string>& roles)
{
  for (const string& role : roles) {
    Option<Error> error = validate(role);
    if (error.isSome()) {
      return error;
    }
  }
  return None();
}

} // namespace roles {
} // namespace mesos {
