// mesos::ResourceQuantities and mesos::ResourceLimits: amounts of
// resources by name only, without roles or other metadata (Mesos 1.11.0).
//
// Both keep (name, Value::Scalar) pairs sorted by name and iterate as
// `std::pair<std::string, Value::Scalar>`. Quantities never hold zero or
// negative amounts (subtraction drops them); limits may hold zero, and a
// name without a limit means "no limit".

#ifndef __COMMON_RESOURCE_QUANTITIES_HPP__
#define __COMMON_RESOURCE_QUANTITIES_HPP__

// Protobuf headers below: libc names are not macros in here.
#include <mesos/sdk/libc_names_begin.hpp>

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/map.h>

#include <mesos/mesos.hpp>

#include <stout/foreach.hpp>
#include <stout/hashmap.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {

class Resources;
class ResourceLimits;


class ResourceQuantities
{
public:
  // "name:quantity;..." with scalar quantities; zero is dropped.
  // Errors: "Failed to parse '<token>': missing or extra ':'",
  // "Failed to parse '<value>' to quantity: ...".
  static Try<ResourceQuantities> fromString(const std::string& text);

  // Every resource must be a scalar (CHECK).
  static ResourceQuantities fromScalarResources(const Resources& resources);
  static ResourceQuantities fromScalarResource(const Resource& resource);

  // Scalars by value, sets by item count, ranges by the numbers they span.
  static ResourceQuantities fromResources(const Resources& resources);

  template <typename Key>
  static ResourceQuantities sum(const hashmap<Key, ResourceQuantities>& map)
  {
    ResourceQuantities result;
    foreachvalue (const ResourceQuantities& quantities, map) {
      result += quantities;
    }
    return result;
  }

  ResourceQuantities();

  explicit ResourceQuantities(
      const google::protobuf::Map<std::string, Value::Scalar>& map);

  ResourceQuantities(const ResourceQuantities& that) = default;
  ResourceQuantities(ResourceQuantities&& that) = default;

  ResourceQuantities& operator=(const ResourceQuantities& that) = default;
  ResourceQuantities& operator=(ResourceQuantities&& that) = default;

  typedef std::vector<std::pair<std::string, Value::Scalar>>::const_iterator
    iterator;
  typedef std::vector<std::pair<std::string, Value::Scalar>>::const_iterator
    const_iterator;

  const_iterator begin() const { return quantities.begin(); }
  const_iterator end() const { return quantities.end(); }

  size_t size() const { return quantities.size(); }

  bool empty() const { return quantities.empty(); }

  // Zero for an absent name.
  Value::Scalar get(const std::string& name) const;

  // Whether every quantity of `quantities` is present and large enough.
  bool contains(const ResourceQuantities& quantities) const;

  bool operator==(const ResourceQuantities& quantities) const;
  bool operator!=(const ResourceQuantities& quantities) const;

  ResourceQuantities& operator+=(const ResourceQuantities& quantities);
  ResourceQuantities& operator-=(const ResourceQuantities& quantities);

  ResourceQuantities operator+(const ResourceQuantities& quantities) const;
  ResourceQuantities operator-(const ResourceQuantities& quantities) const;

private:
  friend class ResourceLimits;

  void add(const std::string& name, const Value::Scalar& scalar);
  void add(const std::string& name, double value);

  std::vector<std::pair<std::string, Value::Scalar>> quantities;
};


// "name:value; ..." in name order, or "{}".
std::ostream& operator<<(std::ostream& stream, const ResourceQuantities& q);


class ResourceLimits
{
public:
  // "name:limit;..." with scalar limits; zero is kept, a name twice is an
  // error.
  static Try<ResourceLimits> fromString(const std::string& text);

  ResourceLimits();

  explicit ResourceLimits(
      const google::protobuf::Map<std::string, Value::Scalar>& map);

  ResourceLimits(const ResourceLimits& that) = default;
  ResourceLimits(ResourceLimits&& that) = default;

  ResourceLimits& operator=(const ResourceLimits& that) = default;
  ResourceLimits& operator=(ResourceLimits&& that) = default;

  typedef std::vector<std::pair<std::string, Value::Scalar>>::const_iterator
    iterator;
  typedef std::vector<std::pair<std::string, Value::Scalar>>::const_iterator
    const_iterator;

  const_iterator begin() const { return limits.begin(); }
  const_iterator end() const { return limits.end(); }

  size_t size() const { return limits.size(); }

  bool empty() const { return limits.empty(); }

  // None for "no limit".
  Option<Value::Scalar> get(const std::string& name) const;

  // Whether these limits are at least as permissive as `right`.
  bool contains(const ResourceLimits& right) const;

  bool operator==(const ResourceLimits& limits) const;
  bool operator!=(const ResourceLimits& limits) const;

  // Whether every quantity fits under its limit.
  bool contains(const ResourceQuantities& quantities) const;

  // Lowers each finite limit by the quantity (not below zero).
  ResourceLimits& operator-=(const ResourceQuantities& quantities);
  ResourceLimits operator-(const ResourceQuantities& quantities) const;

private:
  void set(const std::string& name, const Value::Scalar& scalar);

  std::vector<std::pair<std::string, Value::Scalar>> limits;
};


std::ostream& operator<<(std::ostream& stream, const ResourceLimits& limits);

} // namespace mesos {

#include <mesos/sdk/libc_names_end.hpp>

#endif // __COMMON_RESOURCE_QUANTITIES_HPP__
