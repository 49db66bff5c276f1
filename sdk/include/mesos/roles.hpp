// mesos::roles: role names and the role hierarchy (Mesos 1.11.0).
//
// Roles form a tree written like paths: "eng/frontend" is a strict subrole
// of "eng". "*" is the default role (unreserved resources).

#ifndef __ROLES_HPP__
#define __ROLES_HPP__

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace roles {

// Whether `left` lies strictly below `right` ("a/b" below "a", not "ab").
bool isStrictSubroleOf(const std::string& left, const std::string& right);

// A comma-separated list of roles, each validated.
Try<std::vector<std::string>> parse(const std::string& text);

// The roles above `role`, nearest first: "a/b/c" -> {"a/b", "a"}.
std::vector<std::string> ancestors(const std::string& role);

// None for a valid role name; otherwise an Error such as "Role 'a//b'
// cannot contain two adjacent slashes".
Option<Error> validate(const std::string& role);

Option<Error> validate(const std::vector<std::string>& roles);

} // namespace roles {
} // namespace mesos {

#endif // __ROLES_HPP__
