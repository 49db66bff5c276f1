// mesos::Resources: a collection of Resource messages with Mesos's
// arithmetic (Mesos 1.11.0 names, signatures and results).
//
//   Resources total = Resources::parse("cpus:4;mem:1024;ports:[31000-32000]").get();
//   Resources task = Resources::parse("cpus:1;mem:128").get();
//   total.contains(task);             // true
//   total - task;                     // cpus:3; mem:896; ports:[31000-32000]
//   total.cpus();                     // Some(4.0)
//   total.mem();                      // Some(Megabytes(1024))
//   task.allocate("web");             // every resource allocated to "web"
//   task.allocations();               // {"web": task}
//
// What a Resources object holds is always valid, in the
// "post-reservation-refinement" format (reservations in `reservations`,
// never in the deprecated `role` / `reservation` fields), and merged:
// resources that differ only in amount are kept as one (scalars summed,
// ranges and sets united). Adding or subtracting an invalid or empty
// resource changes nothing, so converting a repeated field to Resources
// and back is not an identity. Subtraction drops a resource that becomes
// empty or negative.
//
// As in Mesos, several functions end the process (glog CHECK) when called
// on resources they do not accept: allocations() on a resource without
// `allocation_info.role`; the static predicates and any addition of a
// resource that still uses the `role` or `reservation` fields;
// popReservation() on an unreserved resource; pushReservation() with a
// reservation that leaves a resource invalid.

#ifndef __RESOURCES_HPP__
#define __RESOURCES_HPP__

// Protobuf headers below: libc names are not macros in here.
#include <mesos/sdk/libc_names_begin.hpp>

#include <cstddef>
#include <iosfwd>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>
#include <mesos/resource_quantities.hpp>
#include <mesos/type_utils.hpp>
#include <mesos/values.hpp>

#include <stout/bytes.hpp>
#include <stout/check.hpp>
#include <stout/error.hpp>
#include <stout/foreach.hpp>
#include <stout/hashmap.hpp>
#include <stout/json.hpp>
#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {

class ResourceConversion;


// Type, role, principal and labels (labels compared as sets).
bool operator==(
    const Resource::ReservationInfo& left,
    const Resource::ReservationInfo& right);

bool operator!=(
    const Resource::ReservationInfo& left,
    const Resource::ReservationInfo& right);


class Resources
{
private:
  // One stored resource. Identical shared resources (persistent volumes
  // with `shared` set) are kept once, with a count of copies.
  class Resource_
  {
  public:
    /*implicit*/ Resource_(const Resource& _resource)
      : resource(_resource)
    {
      if (resource.has_shared()) {
        sharedCount = 1;
      }
    }

    /*implicit*/ Resource_(Resource&& _resource)
      : resource(std::move(_resource))
    {
      if (resource.has_shared()) {
        sharedCount = 1;
      }
    }

    Resource_(const Resource_& resource_) = default;
    Resource_(Resource_&& resource_) = default;
    Resource_& operator=(const Resource_&) = default;
    Resource_& operator=(Resource_&&) = default;

    operator const Resource&() const { return resource; }

    bool isShared() const { return sharedCount.isSome(); }

    // Resources::validate(), plus a non-negative shared count.
    Option<Error> validate() const;

    // Zero amount (or no shared copies left).
    bool isEmpty() const;

    bool contains(const Resource_& that) const;

    // These assume `that` can be combined with this resource.
    Resource_& operator+=(const Resource_& that);
    Resource_& operator-=(const Resource_& that);

    bool operator==(const Resource_& that) const;
    bool operator!=(const Resource_& that) const;

    friend class Resources;
    friend std::ostream& operator<<(
        std::ostream& stream, const Resource_& resource_);

  private:
    Resource resource;
    Option<int> sharedCount;
  };

public:
  // Mesos hands out shared pointers to stored resources internally; kept
  // for source compatibility.
  using Resource_Unsafe = std::shared_ptr<Resource_>;

  // Walks the stored resources as `const Resource&`.
  class const_iterator
  {
  public:
    typedef std::forward_iterator_tag iterator_category;
    typedef Resource value_type;
    typedef std::ptrdiff_t difference_type;
    typedef const Resource* pointer;
    typedef const Resource& reference;

    const_iterator() {}

    reference operator*() const { return (*position)->resource; }
    pointer operator->() const { return &(*position)->resource; }

    const_iterator& operator++()
    {
      ++position;
      return *this;
    }

    const_iterator operator++(int)
    {
      const_iterator before = *this;
      ++position;
      return before;
    }

    bool operator==(const const_iterator& that) const
    {
      return position == that.position;
    }

    bool operator!=(const const_iterator& that) const
    {
      return position != that.position;
    }

  private:
    friend class Resources;

    explicit const_iterator(
        std::vector<Resource_Unsafe>::const_iterator _position)
      : position(_position) {}

    std::vector<Resource_Unsafe>::const_iterator position;
  };

  typedef const_iterator iterator;

  // --- Parsing -------------------------------------------------------------

  // One resource from a name, a value text (see internal::values::parse;
  // SCALAR, RANGES or SET) and a role; a role other than "*" becomes a
  // STATIC reservation. Not validated.
  static Try<Resource> parse(
      const std::string& name,
      const std::string& value,
      const std::string& role);

  // A JSON array of Resource objects, or "name(role):value;..." text, each
  // resource validated; also refuses persistent volumes, revocable and
  // dynamically reserved resources, and one name with two types.
  static Try<Resources> parse(
      const std::string& text,
      const std::string& defaultRole = "*");

  // Resource objects from JSON; those without a role get `defaultRole`.
  // The result is upgraded to the reservation-refinement format but not
  // validated.
  static Try<std::vector<Resource>> fromJSON(
      const JSON::Array& resourcesJSON,
      const std::string& defaultRole = "*");

  // "name(role):value;name:value;...": tokens split on ';', each on ':'.
  // Not validated.
  static Try<std::vector<Resource>> fromSimpleString(
      const std::string& text,
      const std::string& defaultRole = "*");

  // fromJSON() if `text` is a JSON array, fromSimpleString() otherwise.
  static Try<std::vector<Resource>> fromString(
      const std::string& text,
      const std::string& defaultRole = "*");

  // --- Validation and predicates ------------------------------------------

  // None when the resource has a name, a SCALAR / RANGES / SET type with
  // only the matching value (scalar > 0 or exactly 0, ranges not inverted
  // or overlapping, set without duplicates), valid roles and reservations,
  // DiskInfo only on "disk", and `shared` only on persistent volumes.
  static Option<Error> validate(const Resource& resource);

  // The first invalid resource, as "Resource '<r>' is invalid: <why>".
  static Option<Error> validate(
      const google::protobuf::RepeatedPtrField<Resource>& resources);

  // These require the refinement format (CHECK: no `role`/`reservation`).
  static bool isEmpty(const Resource& resource);
  static bool isPersistentVolume(const Resource& resource);
  static bool isDisk(
      const Resource& resource,
      const Resource::DiskInfo::Source::Type& type);
  // Reserved at all, or (with `role`) reserved to exactly that role.
  static bool isReserved(
      const Resource& resource,
      const Option<std::string>& role = None());
  // Unreserved, or reserved to `role` or to one of its ancestors.
  static bool isAllocatableTo(
      const Resource& resource,
      const std::string& role);
  static bool isUnreserved(const Resource& resource);
  static bool isDynamicallyReserved(const Resource& resource);
  static bool isRevocable(const Resource& resource);
  static bool isShared(const Resource& resource);
  static bool isAllocatedToRoleSubtree(
      const Resource& resource, const std::string& role);
  static bool isReservedToRoleSubtree(
      const Resource& resource, const std::string& role);
  static bool hasRefinedReservations(const Resource& resource);
  static bool hasResourceProvider(const Resource& resource);

  // The role of the innermost reservation (CHECK: reserved).
  static const std::string& reservationRole(const Resource& resource);

  // Lowers a scalar resource to `target` if it can be divided; false for
  // an indivisible disk (e.g. MOUNT) that is larger than `target`.
  static bool shrink(Resource* resource, const Value::Scalar& target);

  // `a` with the longest common prefix of both reservation stacks.
  static Resource getReservationAncestor(const Resource& a, const Resource& b);
  static Resources getReservationAncestor(
      const Resources& a, const Resources& b);

  template <typename Key>
  static Resources sum(const hashmap<Key, Resources>& _resources)
  {
    Resources result;
    foreachvalue (const Resources& resources, _resources) {
      result += resources;
    }
    return result;
  }

  // --- Construction --------------------------------------------------------

  Resources() {}

  // Invalid and empty resources are dropped; the rest are merged.
  /*implicit*/ Resources(const Resource& resource);
  /*implicit*/ Resources(Resource&& resource);

  /*implicit*/
  Resources(const std::vector<Resource>& _resources);
  Resources(std::vector<Resource>&& _resources);

  /*implicit*/
  Resources(const google::protobuf::RepeatedPtrField<Resource>& _resources);
  Resources(google::protobuf::RepeatedPtrField<Resource>&& _resources);

  Resources(const Resources& that) = default;
  Resources(Resources&& that) = default;
  Resources& operator=(const Resources& that) = default;
  Resources& operator=(Resources&& that) = default;

  bool empty() const { return resources.empty(); }
  size_t size() const { return resources.size(); }

  // --- Queries -------------------------------------------------------------

  // Whether `that` can be subtracted without anything becoming negative.
  bool contains(const Resources& that) const;
  bool contains(const Resource& that) const;

  // Whether the amounts by name (scalar value, number of set items or of
  // range values) reach `quantities`, whatever the roles.
  bool contains(const ResourceQuantities& quantities) const;

  // Copies of `that` held: the shared count for a shared resource, else 0
  // or 1.
  size_t count(const Resource& that) const;

  // Sets `allocation_info.role` on every resource / clears it.
  void allocate(const std::string& role);
  void unallocate();

  Resources filter(
      const lambda::function<bool(const Resource&)>& predicate) const;

  // Reserved resources by reservation role.
  hashmap<std::string, Resources> reservations() const;

  Resources reserved(const Option<std::string>& role = None()) const;
  Resources allocatableTo(const std::string& role) const;
  Resources allocatedToRoleSubtree(const std::string& role) const;
  Resources reservedToRoleSubtree(const std::string& role) const;
  Resources unreserved() const;
  Resources persistentVolumes() const;
  Resources revocable() const;
  Resources nonRevocable() const;
  Resources shared() const;
  Resources nonShared() const;

  // Resources by allocation role (CHECK: every resource is allocated).
  hashmap<std::string, Resources> allocations() const;

  // Every resource with one more (refined) reservation / one fewer.
  Resources pushReservation(
      const Resource::ReservationInfo& reservation) const;
  Resources popReservation() const;

  // Every reservation removed.
  Resources toUnreserved() const;

  // Scalar resources with only name, type and value kept.
  Resources createStrippedScalarQuantity() const;

  // Resources matching `targets` by amount, searched first in the target's
  // role, then unreserved, then anywhere; None if not all are found.
  Option<Resources> find(const Resources& targets) const;

  Try<Resources> apply(const ResourceConversion& conversion) const;

  // The stored resource with the same metadata as `resource` (name, type,
  // reservations, allocation, disk, revocable, provider, shared), if any.
  Option<Resource> match(const Resource& resource) const;

  template <typename Iterable>
  Try<Resources> apply(const Iterable& iterable) const
  {
    Resources result = *this;
    foreach (const auto& t, iterable) {
      Try<Resources> converted = result.apply(t);
      if (converted.isError()) {
        return Error(converted.error());
      }
      result = converted.get();
    }
    return result;
  }

  // The total of all resources called `name` of type T (Value::Scalar,
  // Value::Ranges or Value::Set), whatever their roles; None if absent.
  template <typename T>
  Option<T> get(const std::string& name) const;

  // The resources called `name`.
  Resources get(const std::string& name) const;

  Resources scalars() const;

  std::set<std::string> names() const;
  std::map<std::string, Value_Type> types() const;

  // Totals of the well-known resources. mem and disk are in megabytes in
  // the Resource and are returned as Bytes (the fraction is dropped).
  Option<double> cpus() const;
  Option<double> gpus() const;
  Option<Bytes> mem() const;
  Option<Bytes> disk() const;
  Option<Value::Ranges> ports() const;
  Option<Value::Ranges> ephemeral_ports() const;

  // --- Iteration and conversion -------------------------------------------

  const_iterator begin() const { return const_iterator(resources.begin()); }
  const_iterator end() const { return const_iterator(resources.end()); }

  // One Resource per stored resource (a shared one appears once).
  operator google::protobuf::RepeatedPtrField<Resource>() const;

  // --- Operators -----------------------------------------------------------

  // Each contains the other.
  bool operator==(const Resources& that) const;
  bool operator!=(const Resources& that) const;

  Resources operator+(const Resource& that) const &;
  Resources operator+(const Resource& that) &&;
  Resources operator+(Resource&& that) const &;
  Resources operator+(Resource&& that) &&;
  Resources& operator+=(const Resource& that);
  Resources& operator+=(Resource&& that);

  Resources operator+(const Resources& that) const &;
  Resources operator+(const Resources& that) &&;
  Resources operator+(Resources&& that) const &;
  Resources operator+(Resources&& that) &&;
  Resources& operator+=(const Resources& that);
  Resources& operator+=(Resources&& that);

  Resources operator-(const Resource& that) const;
  Resources operator-(const Resources& that) const;
  Resources& operator-=(const Resource& that);
  Resources& operator-=(const Resources& that);

  friend std::ostream& operator<<(
      std::ostream& stream, const Resource_& resource_);

  friend std::ostream& operator<<(
      std::ostream& stream, const Resources& resources);

private:
  bool _contains(const Resource_& that) const;

  Option<Resources> find(const Resource& target) const;

  void add(const Resource_& that);
  void add(Resource_&& that);
  void add(const Resource_Unsafe& that);
  void subtract(const Resource_& that);

  Resources& operator+=(const Resource_& that);
  Resources& operator+=(Resource_&& that);
  Resources& operator-=(const Resource_& that);

  // Copy on write: a stored resource is changed in place only while this
  // object is its only owner.
  std::vector<Resource_Unsafe> resources;
};


std::ostream& operator<<(
    std::ostream& stream,
    const Resources::Resource_& resource);

// "name(allocated: r)(reservations: [(STATIC,r)])[disk]{REV}<SHARED>:value".
std::ostream& operator<<(std::ostream& stream, const Resource& resource);

// The resources joined by "; ", or "{}" when empty.
std::ostream& operator<<(std::ostream& stream, const Resources& resources);

// The repeated field as a JSON array (it may hold unvalidated resources).
std::ostream& operator<<(
    std::ostream& stream,
    const google::protobuf::RepeatedPtrField<Resource>& resources);


inline Resources operator+(
    const google::protobuf::RepeatedPtrField<Resource>& left,
    const Resources& right)
{
  return Resources(left) + right;
}


inline Resources operator-(
    const google::protobuf::RepeatedPtrField<Resource>& left,
    const Resources& right)
{
  return Resources(left) - right;
}


inline bool operator==(
    const google::protobuf::RepeatedPtrField<Resource>& left,
    const Resources& right)
{
  return Resources(left) == right;
}


template <typename Key>
hashmap<Key, Resources>& operator+=(
    hashmap<Key, Resources>& left,
    const hashmap<Key, Resources>& right)
{
  foreachpair (const Key& key, const Resources& resources, right) {
    left[key] += resources;
  }
  return left;
}


template <typename Key>
hashmap<Key, Resources> operator+(
    const hashmap<Key, Resources>& left,
    const hashmap<Key, Resources>& right)
{
  hashmap<Key, Resources> result = left;
  result += right;
  return result;
}


// Whether `right` can be subtracted from `left` leaving a valid resource
// (both must be valid).
bool contains(const Resource& left, const Resource& right);


// A change of resources, as an offer operation makes: `consumed` is
// replaced by `converted`, then the optional check runs on the result.
class ResourceConversion
{
public:
  typedef lambda::function<Try<Nothing>(const Resources&)> PostValidation;

  ResourceConversion(
      const Resources& _consumed,
      const Resources& _converted,
      const Option<PostValidation>& _postValidation = None())
    : consumed(_consumed),
      converted(_converted),
      postValidation(_postValidation) {}

  // Error "<resources> does not contain <consumed>" when not applicable.
  Try<Resources> apply(const Resources& resources) const;

  Resources consumed;
  Resources converted;
  Option<PostValidation> postValidation;
};

} // namespace mesos {

#include <mesos/sdk/libc_names_end.hpp>

#endif // __RESOURCES_HPP__
