// Operators on mesos::Value parts (Mesos 1.11.0 names and results).
//
// Scalars are compared and combined in fixed point with three decimal
// digits: every operand is rounded to the nearest 0.001 (half away from
// zero) first, so 0.1 + 0.2 == 0.3 holds and 1.5011 prints as 1.501.
// Ranges are coalesced by + and compared as sets of numbers; - removes
// numbers. Sets: + is a union without duplicates, - removes items, <= is
// containment. As in Mesos, Set == compares item by item in order.
// Everything prints with operator<< the way Mesos logs it:
// "1.5", "[1-10, 20-30]", "{a, b}", or the text itself.

#ifndef __VALUES_HPP__
#define __VALUES_HPP__

#include <iosfwd>
#include <string>

#include <mesos/mesos.hpp>

#include <stout/try.hpp>

namespace mesos {

std::ostream& operator<<(std::ostream& stream, const Value::Scalar& scalar);
bool operator==(const Value::Scalar& left, const Value::Scalar& right);
bool operator!=(const Value::Scalar& left, const Value::Scalar& right);
bool operator<(const Value::Scalar& left, const Value::Scalar& right);
bool operator<=(const Value::Scalar& left, const Value::Scalar& right);
bool operator>(const Value::Scalar& left, const Value::Scalar& right);
bool operator>=(const Value::Scalar& left, const Value::Scalar& right);
Value::Scalar operator+(const Value::Scalar& left, const Value::Scalar& right);
Value::Scalar operator-(const Value::Scalar& left, const Value::Scalar& right);
Value::Scalar& operator+=(Value::Scalar& left, const Value::Scalar& right);
Value::Scalar& operator-=(Value::Scalar& left, const Value::Scalar& right);

std::ostream& operator<<(std::ostream& stream, const Value::Ranges& ranges);
bool operator==(const Value::Ranges& left, const Value::Ranges& right);
bool operator<=(const Value::Ranges& left, const Value::Ranges& right);
Value::Ranges operator+(const Value::Ranges& left, const Value::Ranges& right);
Value::Ranges operator-(const Value::Ranges& left, const Value::Ranges& right);
Value::Ranges& operator+=(Value::Ranges& left, const Value::Ranges& right);
Value::Ranges& operator-=(Value::Ranges& left, const Value::Ranges& right);

std::ostream& operator<<(std::ostream& stream, const Value::Set& set);
bool operator==(const Value::Set& left, const Value::Set& right);
bool operator<=(const Value::Set& left, const Value::Set& right);
Value::Set operator+(const Value::Set& left, const Value::Set& right);
Value::Set operator-(const Value::Set& left, const Value::Set& right);
Value::Set& operator+=(Value::Set& left, const Value::Set& right);
Value::Set& operator-=(Value::Set& left, const Value::Set& right);

std::ostream& operator<<(std::ostream& stream, const Value::Text& value);
bool operator==(const Value::Text& left, const Value::Text& right);

namespace internal {
namespace values {

// Parses Mesos's value text (spaces are ignored everywhere):
//   "[1-10, 20-30]" -> RANGES (coalesced), "{a,b}" -> SET,
//   a number        -> SCALAR (finite, non-negative, not subnormal),
//   anything else   -> TEXT.
// Errors: "Expecting non-empty string", "Mismatched brackets",
// "Expecting one or more \"ranges\"", "Expecting non-negative integers in
// '<token>'", "Invalid scalar value '<text>':<reason>", "Unexpected '{'
// found", "Unexpected '[' found".
Try<Value> parse(const std::string& text);

} // namespace values {
} // namespace internal {

} // namespace mesos {

#endif // __VALUES_HPP__
