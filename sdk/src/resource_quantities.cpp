// mesos::ResourceQuantities and mesos::ResourceLimits
// (mesos/resource_quantities.hpp).

#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <mesos/resource_quantities.hpp>
#include <mesos/resources.hpp>
#include <mesos/values.hpp>

#include "text.hpp"

using std::pair;
using std::string;
using std::vector;

namespace mesos {

namespace {

typedef vector<pair<string, Value::Scalar>> Amounts;


// The position of `name` in the name-sorted `amounts`, or where it would
// be inserted.
Amounts::iterator locate(Amounts& amounts, const string& name)
{
  return std::lower_bound(
      amounts.begin(),
      amounts.end(),
      name,
      [](const pair<string, Value::Scalar>& entry, const string& key) {
        return entry.first < key;
      });
}


Amounts::const_iterator locate(const Amounts& amounts, const string& name)
{
  return locate(const_cast<Amounts&>(amounts), name);
}


struct Parsed
{
  string name;
  Value::Scalar scalar;
  string text; // The value as written, for error messages.
};


// "name:scalar;..." for fromString(); `what` is "quantity" or "limit".
Try<vector<Parsed>> parseAmounts(const string& text, const string& what)
{
  vector<Parsed> result;

  for (const string& token : internal::text::tokenize(text, ";")) {
    const vector<string> pair = internal::text::tokenize(token, ":");
    if (pair.size() != 2) {
      return Error("Failed to parse '" + token + "': missing or extra ':'");
    }

    Try<Value> value = internal::values::parse(pair[1]);
    if (value.isError()) {
      return Error(
          "Failed to parse '" + pair[1] + "' to " + what + ": " +
          value.error());
    }

    if (value->type() != Value::SCALAR) {
      return Error(
          "Failed to parse '" + pair[1] + "' to " + what + ":"
          " only scalar values are allowed");
    }

    if (value->scalar().value() < 0) {
      return Error(
          "Failed to parse '" + pair[1] + "' to " + what + ":"
          " negative values are not allowed");
    }

    result.push_back({internal::text::trim(pair[0]), value->scalar(), pair[1]});
  }

  return result;
}


std::ostream& printAmounts(std::ostream& stream, const Amounts& amounts)
{
  if (amounts.empty()) {
    return stream << "{}";
  }
  for (size_t i = 0; i < amounts.size(); ++i) {
    stream << (i > 0 ? "; " : "") << amounts[i].first << ':'
           << amounts[i].second;
  }
  return stream;
}

} // namespace {


// --- ResourceQuantities ----------------------------------------------------

Try<ResourceQuantities> ResourceQuantities::fromString(const string& text)
{
  Try<vector<Parsed>> amounts = parseAmounts(text, "quantity");
  if (amounts.isError()) {
    return Error(amounts.error());
  }

  ResourceQuantities result;
  for (const Parsed& amount : amounts.get()) {
    // Zero is dropped by add().
    result.add(amount.name, amount.scalar);
  }
  return result;
}


ResourceQuantities ResourceQuantities::fromScalarResources(
    const Resources& resources)
{
  ResourceQuantities result;
  for (const Resource& resource : resources) {
    CHECK_EQ(Value::SCALAR, resource.type()) << " Resources: " << resources;
    result.add(resource.name(), resource.scalar());
  }
  return result;
}


ResourceQuantities ResourceQuantities::fromScalarResource(
    const Resource& resource)
{
  ResourceQuantities result;
  CHECK_EQ(Value::SCALAR, resource.type()) << " Resource: " << resource;
  result.add(resource.name(), resource.scalar());
  return result;
}


ResourceQuantities ResourceQuantities::fromResources(
    const Resources& resources)
{
  ResourceQuantities result;
  for (const Resource& resource : resources) {
    switch (resource.type()) {
      case Value::SCALAR:
        result.add(resource.name(), resource.scalar());
        break;
      case Value::SET:
        result.add(resource.name(), resource.set().item_size());
        break;
      case Value::RANGES:
        for (const Value::Range& range : resource.ranges().range()) {
          result.add(
              resource.name(),
              static_cast<double>(range.end() - range.begin() + 1));
        }
        break;
      case Value::TEXT:
        LOG(FATAL) << "TEXT type resources are not valid";
    }
  }
  return result;
}


ResourceQuantities::ResourceQuantities() {}


ResourceQuantities::ResourceQuantities(
    const google::protobuf::Map<string, Value::Scalar>& map)
{
  for (const auto& entry : map) {
    add(entry.first, entry.second);
  }
}


Value::Scalar ResourceQuantities::get(const string& name) const
{
  auto it = locate(quantities, name);
  if (it != quantities.end() && it->first == name) {
    return it->second;
  }
  return Value::Scalar();
}


bool ResourceQuantities::contains(const ResourceQuantities& right) const
{
  for (const auto& needed : right.quantities) {
    auto it = locate(quantities, needed.first);
    if (it == quantities.end() || it->first != needed.first ||
        it->second < needed.second) {
      return false;
    }
  }
  return true;
}


bool ResourceQuantities::operator==(const ResourceQuantities& that) const
{
  return quantities == that.quantities;
}


bool ResourceQuantities::operator!=(const ResourceQuantities& that) const
{
  return !(*this == that);
}


ResourceQuantities& ResourceQuantities::operator+=(
    const ResourceQuantities& right)
{
  for (const auto& amount : right.quantities) {
    auto it = locate(quantities, amount.first);
    if (it != quantities.end() && it->first == amount.first) {
      it->second += amount.second;
    } else {
      quantities.insert(it, amount);
    }
  }
  return *this;
}


ResourceQuantities& ResourceQuantities::operator-=(
    const ResourceQuantities& right)
{
  for (const auto& amount : right.quantities) {
    auto it = locate(quantities, amount.first);
    if (it == quantities.end() || it->first != amount.first) {
      continue; // Nothing to take from.
    }
    if (it->second <= amount.second) {
      quantities.erase(it); // Never zero or negative.
    } else {
      it->second -= amount.second;
    }
  }
  return *this;
}


ResourceQuantities ResourceQuantities::operator+(
    const ResourceQuantities& right) const
{
  ResourceQuantities result = *this;
  result += right;
  return result;
}


ResourceQuantities ResourceQuantities::operator-(
    const ResourceQuantities& right) const
{
  ResourceQuantities result = *this;
  result -= right;
  return result;
}


void ResourceQuantities::add(const string& name, const Value::Scalar& scalar)
{
  CHECK(scalar >= Value::Scalar()) << name << ":" << scalar;

  if (scalar == Value::Scalar()) {
    return;
  }

  auto it = locate(quantities, name);
  if (it != quantities.end() && it->first == name) {
    it->second += scalar;
  } else {
    quantities.insert(it, std::make_pair(name, scalar));
  }
}


void ResourceQuantities::add(const string& name, double value)
{
  Value::Scalar scalar;
  scalar.set_value(value);
  add(name, scalar);
}


std::ostream& operator<<(
    std::ostream& stream,
    const ResourceQuantities& quantities)
{
  return printAmounts(
      stream, Amounts(quantities.begin(), quantities.end()));
}


// --- ResourceLimits --------------------------------------------------------

Try<ResourceLimits> ResourceLimits::fromString(const string& text)
{
  Try<vector<Parsed>> amounts = parseAmounts(text, "limit");
  if (amounts.isError()) {
    return Error(amounts.error());
  }

  ResourceLimits result;
  for (const Parsed& amount : amounts.get()) {
    // Zero is a limit too.
    if (result.get(amount.name).isSome()) {
      return Error(
          "Failed to parse '" + amount.text + "' to limit:"
          " duplicate names are not allowed");
    }
    result.set(amount.name, amount.scalar);
  }
  return result;
}


ResourceLimits::ResourceLimits() {}


ResourceLimits::ResourceLimits(
    const google::protobuf::Map<string, Value::Scalar>& map)
{
  for (const auto& entry : map) {
    set(entry.first, entry.second);
  }
}


Option<Value::Scalar> ResourceLimits::get(const string& name) const
{
  auto it = locate(limits, name);
  if (it != limits.end() && it->first == name) {
    return it->second;
  }
  return None();
}


bool ResourceLimits::contains(const ResourceLimits& right) const
{
  // Every finite limit here must be matched by a limit there that is not
  // larger.
  for (const auto& limit : limits) {
    Option<Value::Scalar> other = right.get(limit.first);
    if (other.isNone() || limit.second < other.get()) {
      return false;
    }
  }
  return true;
}


bool ResourceLimits::operator==(const ResourceLimits& that) const
{
  return limits == that.limits;
}


bool ResourceLimits::operator!=(const ResourceLimits& that) const
{
  return !(*this == that);
}


bool ResourceLimits::contains(const ResourceQuantities& quantities) const
{
  for (const auto& quantity : quantities) {
    Option<Value::Scalar> limit = get(quantity.first);
    if (limit.isSome() && limit.get() < quantity.second) {
      return false;
    }
  }
  return true;
}


ResourceLimits& ResourceLimits::operator-=(
    const ResourceQuantities& quantities)
{
  // Names without a limit stay unlimited; limits without a quantity stay.
  for (const auto& quantity : quantities) {
    auto it = locate(limits, quantity.first);
    if (it != limits.end() && it->first == quantity.first) {
      it->second = std::max(it->second - quantity.second, Value::Scalar());
    }
  }
  return *this;
}


ResourceLimits ResourceLimits::operator-(
    const ResourceQuantities& quantities) const
{
  ResourceLimits result = *this;
  result -= quantities;
  return result;
}


void ResourceLimits::set(const string& name, const Value::Scalar& scalar)
{
  auto it = locate(limits, name);
  if (it != limits.end() && it->first == name) {
    it->second = scalar;
  } else {
    limits.insert(it, std::make_pair(name, scalar));
  }
}


std::ostream& operator<<(std::ostream& stream, const ResourceLimits& limits)
{
  return printAmounts(stream, Amounts(limits.begin(), limits.end()));
}

} // namespace mesos {
