// Private helpers shared by the SDK runtime's value, resource and attribute
// code (not installed).

#ifndef __MESOS_SDK_SRC_VALUES_INTERNAL_HPP__
#define __MESOS_SDK_SRC_VALUES_INTERNAL_HPP__

#include <mesos/mesos.hpp>

#include <stout/error.hpp>
#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace values {

// Sorts the ranges and merges overlapping or adjacent ones.
void coalesce(Value::Ranges* ranges);

// Adds `more` to `ranges`, then coalesces.
void coalesce(Value::Ranges* ranges, const Value::Ranges& more);

// Rejects what Mesos refuses as a scalar input: infinities, NaN,
// subnormal and negative numbers.
Option<Error> validateInputScalarValue(double value);

} // namespace values {
} // namespace internal {
} // namespace mesos {

#endif // __MESOS_SDK_SRC_VALUES_INTERNAL_HPP__
