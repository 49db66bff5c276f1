// mesos::Resources (mesos/resources.hpp).

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <google/protobuf/repeated_field.h>

#include <mesos/resource_quantities.hpp>
#include <mesos/resources.hpp>
#include <mesos/roles.hpp>
#include <mesos/type_utils.hpp>
#include <mesos/values.hpp>

#include <stout/foreach.hpp>
#include <stout/hashmap.hpp>
#include <stout/json.hpp>
#include <stout/lambda.hpp>
#include <stout/protobuf.hpp>
#include <stout/stringify.hpp>

#include "resources_internal.hpp"
#include "text.hpp"

// The deprecated `role` / `reservation` (and ExecutorInfo.source) fields are
// part of what Mesos reads and converts.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

using std::make_shared;
using std::map;
using std::set;
using std::string;
using std::vector;

using google::protobuf::RepeatedPtrField;

namespace mesos {

// --- Equality of resource parts --------------------------------------------
//
// Optional fields must agree on presence, then on value.

namespace {

template <typename T>
bool sameOptional(bool leftHas, const T& left, bool rightHas, const T& right)
{
  return leftHas == rightHas && (!leftHas || left == right);
}


bool sameAllocation(
    const Resource::AllocationInfo& left,
    const Resource::AllocationInfo& right)
{
  return sameOptional(
      left.has_role(), left.role(), right.has_role(), right.role());
}


// Path and Mount: the optional root.
template <typename Root>
bool sameRoot(bool leftHas, const Root& left, bool rightHas, const Root& right)
{
  return leftHas == rightHas &&
         (!leftHas ||
          sameOptional(
              left.has_root(), left.root(), right.has_root(), right.root()));
}


bool sameDiskSource(
    const Resource::DiskInfo::Source& left,
    const Resource::DiskInfo::Source& right)
{
  return left.type() == right.type() &&
         sameRoot(left.has_path(), left.path(), right.has_path(), right.path()) &&
         sameRoot(
             left.has_mount(), left.mount(),
             right.has_mount(), right.mount()) &&
         sameOptional(
             left.has_vendor(), left.vendor(),
             right.has_vendor(), right.vendor()) &&
         sameOptional(left.has_id(), left.id(), right.has_id(), right.id()) &&
         sameOptional(
             left.has_metadata(), left.metadata(),
             right.has_metadata(), right.metadata()) &&
         sameOptional(
             left.has_profile(), left.profile(),
             right.has_profile(), right.profile());
}


// The volume a disk is mounted as is a property of its use, not of the
// resource, so it is not compared.
bool sameDisk(const Resource::DiskInfo& left, const Resource::DiskInfo& right)
{
  if (left.has_source() != right.has_source()) {
    return false;
  }
  if (left.has_source() && !sameDiskSource(left.source(), right.source())) {
    return false;
  }
  return sameOptional(
      left.has_persistence(), left.persistence().id(),
      right.has_persistence(), right.persistence().id());
}


bool sameReservations(const Resource& left, const Resource& right)
{
  if (left.reservations_size() != right.reservations_size()) {
    return false;
  }
  for (int i = 0; i < left.reservations_size(); ++i) {
    if (left.reservations(i) != right.reservations(i)) {
      return false;
    }
  }
  return true;
}


// Everything but the amount and sharedness.
bool sameKind(const Resource& left, const Resource& right)
{
  return left.name() == right.name() &&
         left.type() == right.type() &&
         left.has_allocation_info() == right.has_allocation_info() &&
         (!left.has_allocation_info() ||
          sameAllocation(left.allocation_info(), right.allocation_info())) &&
         sameReservations(left, right) &&
         left.has_disk() == right.has_disk() &&
         (!left.has_disk() || sameDisk(left.disk(), right.disk())) &&
         left.has_revocable() == right.has_revocable() &&
         sameOptional(
             left.has_provider_id(), left.provider_id(),
             right.has_provider_id(), right.provider_id());
}


// Same metadata (including sharedness), used by match().
bool sameMetadata(const Resource& left, const Resource& right)
{
  return sameKind(left, right) && left.has_shared() == right.has_shared();
}


bool sameValue(const Resource& left, const Resource& right)
{
  switch (left.type()) {
    case Value::SCALAR: return left.scalar() == right.scalar();
    case Value::RANGES: return left.ranges() == right.ranges();
    case Value::SET:    return left.set() == right.set();
    default:            return false;
  }
}

} // namespace {


bool operator==(
    const Resource::ReservationInfo& left,
    const Resource::ReservationInfo& right)
{
  return left.type() == right.type() &&
         left.role() == right.role() &&
         sameOptional(
             left.has_principal(), left.principal(),
             right.has_principal(), right.principal()) &&
         sameOptional(
             left.has_labels(), left.labels(),
             right.has_labels(), right.labels());
}


bool operator!=(
    const Resource::ReservationInfo& left,
    const Resource::ReservationInfo& right)
{
  return !(left == right);
}


namespace internal {
namespace resources {

bool equals(const Resource& left, const Resource& right)
{
  return sameMetadata(left, right) && sameValue(left, right);
}


// Whether `right` can be added to `left` (`subtracting` false) or taken
// from it. Shared resources, exclusive disks (MOUNT, BLOCK, RAW with an id)
// and persistent volumes never merge; they can only be taken away as the
// very same resource (and shared ones counted when identical).
bool combinable(const Resource& left, const Resource& right, bool subtracting)
{
  if (left.has_shared() != right.has_shared()) {
    return false;
  }

  // Shared resources are counted, not summed: only identical ones merge.
  if (left.has_shared()) {
    return equals(left, right);
  }

  if (!sameKind(left, right)) {
    return false;
  }

  if (!left.has_disk()) {
    return true;
  }

  bool exclusive = left.disk().has_persistence();
  if (left.disk().has_source()) {
    switch (left.disk().source().type()) {
      case Resource::DiskInfo::Source::PATH:
        break;
      case Resource::DiskInfo::Source::MOUNT:
      case Resource::DiskInfo::Source::BLOCK:
        exclusive = true;
        break;
      case Resource::DiskInfo::Source::RAW:
        exclusive = exclusive || left.disk().source().has_id();
        break;
      case Resource::DiskInfo::Source::UNKNOWN:
        LOG(FATAL) << "Unknown disk source type in " << left;
    }
  }

  return !exclusive || (subtracting && equals(left, right));
}


bool addable(const Resource& left, const Resource& right)
{
  return combinable(left, right, false);
}


bool subtractable(const Resource& left, const Resource& right)
{
  return combinable(left, right, true);
}


void addValue(Resource* left, const Resource& right)
{
  switch (left->type()) {
    case Value::SCALAR: *left->mutable_scalar() += right.scalar(); break;
    case Value::RANGES: *left->mutable_ranges() += right.ranges(); break;
    case Value::SET:    *left->mutable_set() += right.set(); break;
    default: break;
  }
}


void subtractValue(Resource* left, const Resource& right)
{
  switch (left->type()) {
    case Value::SCALAR: *left->mutable_scalar() -= right.scalar(); break;
    case Value::RANGES: *left->mutable_ranges() -= right.ranges(); break;
    case Value::SET:    *left->mutable_set() -= right.set(); break;
    default: break;
  }
}


void upgrade(Resource* resource)
{
  if (resource->reservations_size() > 0) {
    // Already in the refinement format (possibly with the old fields
    // mirrored, as the HTTP endpoints write them).
    resource->clear_role();
    resource->clear_reservation();
    return;
  }

  if (resource->role() == "*") {
    resource->clear_role();
    return;
  }

  Resource::ReservationInfo* reservation = resource->add_reservations();
  if (resource->has_reservation()) {
    reservation->CopyFrom(resource->reservation());
    reservation->set_type(Resource::ReservationInfo::DYNAMIC);
    resource->clear_reservation();
  } else {
    reservation->set_type(Resource::ReservationInfo::STATIC);
  }
  reservation->set_role(resource->role());
  resource->clear_role();
}


// What may not come from a command line or an agent's --resources flag.
Option<Error> validateCommandLine(const Resources& resources)
{
  map<string, Value::Type> types;

  for (const Resource& resource : resources) {
    if (Resources::isPersistentVolume(resource)) {
      return Error(
          "Persistent volumes cannot be specified at the command line");
    }
    if (Resources::isRevocable(resource)) {
      return Error(
          "Revocable resources cannot be specified at the command line; do"
          " not include a 'revocable' key in the resources JSON");
    }
    if (Resources::isDynamicallyReserved(resource)) {
      return Error(
          "Dynamic reservations cannot be specified at the command line; do"
          " not include a reservation with DYNAMIC type in the resources JSON");
    }

    auto known = types.find(resource.name());
    if (known == types.end()) {
      types[resource.name()] = resource.type();
    } else if (known->second != resource.type()) {
      return Error(
          "Resources with the same name ('" + resource.name() + "') but"
          " different types are not allowed");
    }
  }

  return None();
}

} // namespace resources {
} // namespace internal {


using internal::resources::addable;
using internal::resources::equals;
using internal::resources::subtractable;


// --- Parsing ---------------------------------------------------------------

Try<Resource> Resources::parse(
    const string& name,
    const string& value,
    const string& role)
{
  Try<Value> parsed = internal::values::parse(value);
  if (parsed.isError()) {
    return Error(
        "Failed to parse resource " + name + " value " + value +
        " error " + parsed.error());
  }

  Resource resource;
  resource.set_name(name);

  if (role != "*") {
    Resource::ReservationInfo* reservation = resource.add_reservations();
    reservation->set_type(Resource::ReservationInfo::STATIC);
    reservation->set_role(role);
  }

  switch (parsed->type()) {
    case Value::SCALAR:
      resource.set_type(Value::SCALAR);
      resource.mutable_scalar()->CopyFrom(parsed->scalar());
      break;
    case Value::RANGES:
      resource.set_type(Value::RANGES);
      resource.mutable_ranges()->CopyFrom(parsed->ranges());
      break;
    case Value::SET:
      resource.set_type(Value::SET);
      resource.mutable_set()->CopyFrom(parsed->set());
      break;
    default:
      return Error(
          "Bad type for resource " + name + " value " + value +
          " type " + Value::Type_Name(parsed->type()));
  }

  return resource;
}


Try<Resources> Resources::parse(const string& text, const string& defaultRole)
{
  Try<vector<Resource>> parsed = fromString(text, defaultRole);
  if (parsed.isError()) {
    return Error(parsed.error());
  }

  Resources result;
  for (Resource& resource : parsed.get()) {
    // Unlike construction, parsing refuses an invalid resource.
    Option<Error> error = validate(resource);
    if (error.isSome()) {
      return error.get();
    }
    result.add(Resource_(std::move(resource)));
  }

  Option<Error> error = internal::resources::validateCommandLine(result);
  if (error.isSome()) {
    return error.get();
  }

  return result;
}


Try<vector<Resource>> Resources::fromJSON(
    const JSON::Array& resourcesJSON,
    const string& defaultRole)
{
  Try<RepeatedPtrField<Resource>> parsed =
    ::protobuf::parse<RepeatedPtrField<Resource>>(resourcesJSON);
  if (parsed.isError()) {
    return Error(
        "Some JSON resources were not formatted properly: " + parsed.error());
  }

  vector<Resource> result;
  for (Resource& resource : parsed.get()) {
    if (!resource.has_role() && resource.reservations_size() == 0) {
      resource.set_role(defaultRole);
    }
    internal::resources::upgrade(&resource);
    result.push_back(resource);
  }
  return result;
}


Try<vector<Resource>> Resources::fromSimpleString(
    const string& text,
    const string& defaultRole)
{
  vector<Resource> result;

  for (const string& token : internal::text::tokenize(text, ";")) {
    const vector<string> pair = internal::text::tokenize(token, ":");
    if (pair.size() != 2) {
      return Error(
          "Bad value for resources, missing or extra ':' in " + token);
    }

    string name;
    string role;

    const size_t open = pair[0].find('(');
    if (open == string::npos) {
      name = internal::text::trim(pair[0]);
      role = defaultRole;
    } else {
      const size_t close = pair[0].find(')');
      if (close == string::npos || close < open) {
        return Error(
            "Bad value for resources, mismatched parentheses in " + token);
      }
      name = internal::text::trim(pair[0].substr(0, open));
      role = internal::text::trim(pair[0].substr(open + 1, close - open - 1));
    }

    Try<Resource> resource = parse(name, pair[1], role);
    if (resource.isError()) {
      return Error(resource.error());
    }

    internal::resources::upgrade(&resource.get());
    result.push_back(resource.get());
  }

  return result;
}


Try<vector<Resource>> Resources::fromString(
    const string& text,
    const string& defaultRole)
{
  Try<JSON::Array> json = JSON::parse<JSON::Array>(text);
  if (json.isSome()) {
    return fromJSON(json.get(), defaultRole);
  }
  return fromSimpleString(text, defaultRole);
}


// --- Validation ------------------------------------------------------------

namespace {

Option<Error> validateValue(const Resource& resource)
{
  switch (resource.type()) {
    case Value::SCALAR:
      if (!resource.has_scalar() || resource.has_ranges() ||
          resource.has_set()) {
        return Error("Invalid scalar resource");
      }
      // Negative, or positive but below the 0.001 resolution.
      if (resource.scalar().value() != 0 &&
          resource.scalar() <= Value::Scalar()) {
        return Error("Invalid scalar resource: value <= 0");
      }
      return None();

    case Value::RANGES: {
      if (resource.has_scalar() || !resource.has_ranges() ||
          resource.has_set()) {
        return Error("Invalid ranges resource");
      }
      const Value::Ranges& ranges = resource.ranges();
      for (int i = 0; i < ranges.range_size(); ++i) {
        const Value::Range& range = ranges.range(i);
        if (range.begin() > range.end()) {
          return Error("Invalid ranges resource: begin > end");
        }
        for (int j = i + 1; j < ranges.range_size(); ++j) {
          const uint64_t start = ranges.range(j).begin();
          if (range.begin() <= start && start <= range.end()) {
            return Error("Invalid ranges resource: overlapping ranges");
          }
        }
      }
      return None();
    }

    case Value::SET: {
      if (resource.has_scalar() || resource.has_ranges() ||
          !resource.has_set()) {
        return Error("Invalid set resource");
      }
      const Value::Set& items = resource.set();
      std::set<string> seen;
      for (const string& item : items.item()) {
        if (!seen.insert(item).second) {
          return Error("Invalid set resource: duplicated elements");
        }
      }
      return None();
    }

    default:
      return Error("Unsupported resource type");
  }
}


Option<Error> validateDisk(const Resource& resource)
{
  if (!resource.has_disk()) {
    return None();
  }

  if (resource.name() != "disk") {
    return Error(
        "DiskInfo should not be set for " + resource.name() + " resource");
  }

  if (!resource.disk().has_source()) {
    return None();
  }

  const Resource::DiskInfo::Source& source = resource.disk().source();
  switch (source.type()) {
    case Resource::DiskInfo::Source::PATH:
    case Resource::DiskInfo::Source::MOUNT:
      return None();
    case Resource::DiskInfo::Source::BLOCK:
    case Resource::DiskInfo::Source::RAW: {
      const string type = Resource::DiskInfo::Source::Type_Name(source.type());
      if (source.has_mount()) {
        return Error("Mount should not be set for " + type + " disk source");
      }
      if (source.has_path()) {
        return Error("Path should not be set for " + type + " disk source");
      }
      return None();
    }
    case Resource::DiskInfo::Source::UNKNOWN:
      break;
  }

  return Error(
      "Unsupported 'DiskInfo.Source.Type' in '" +
      internal::resources::print(source) + "'");
}


// The deprecated format: `role` plus an optional `reservation` without
// type or role.
Option<Error> validateLegacyReservation(const Resource& resource)
{
  Option<Error> error = roles::validate(resource.role());
  if (error.isSome()) {
    return error;
  }

  if (!resource.has_reservation()) {
    return None();
  }

  if (resource.reservation().has_type()) {
    return Error(
        "'Resource.ReservationInfo.type' must not be set for"
        " the 'Resource.reservation' field");
  }

  if (resource.reservation().has_role()) {
    return Error(
        "'Resource.ReservationInfo.role' must not be set for"
        " the 'Resource.reservation' field");
  }

  if (resource.role() == "*") {
    return Error(
        "Invalid reservation: role \"*\" cannot be dynamically reserved");
  }

  return None();
}


Option<Error> validateReservations(const Resource& resource)
{
  for (const Resource::ReservationInfo& reservation :
       resource.reservations()) {
    if (!reservation.has_type()) {
      return Error(
          "Invalid reservation: 'Resource.ReservationInfo.type'"
          " field must be set.");
    }
    if (!reservation.has_role()) {
      return Error(
          "Invalid reservation: 'Resource.ReservationInfo.role'"
          " field must be set.");
    }
    Option<Error> error = roles::validate(reservation.role());
    if (error.isSome()) {
      return error;
    }
    if (reservation.role() == "*") {
      return Error("Invalid reservation: role \"*\" cannot be reserved");
    }
  }

  // Each further reservation refines the previous one.
  for (int i = 1; i < resource.reservations_size(); ++i) {
    const Resource::ReservationInfo& reservation = resource.reservations(i);
    if (reservation.type() == Resource::ReservationInfo::STATIC) {
      return Error(
          "Invalid refined reservation: A refined reservation"
          " cannot be STATIC");
    }
    const string& ancestor = resource.reservations(i - 1).role();
    if (!roles::isStrictSubroleOf(reservation.role(), ancestor)) {
      return Error(
          "Invalid refined reservation: role '" + reservation.role() + "'" +
          " is not a refinement of '" + ancestor + "'");
    }
  }

  if (resource.reservations_size() > 1) {
    if (resource.has_role()) {
      return Error(
          "Invalid resource format: 'Resource.role' must not be set if"
          " there is more than one reservation in 'Resource.reservations'");
    }
    if (resource.has_reservation()) {
      return Error(
          "Invalid resource format: 'Resource.reservation' must not be set if"
          " there is more than one reservation in 'Resource.reservations'");
    }
    return None();
  }

  // One reservation: the deprecated fields may mirror it.
  const Resource::ReservationInfo& reservation = resource.reservations(0);

  if (resource.has_role() && resource.role() != reservation.role()) {
    return Error(
        "Invalid resource format: 'Resource.role' field with"
        " '" + resource.role() + "' does not match the role"
        " '" + reservation.role() + "' in 'Resource.reservations'");
  }

  switch (reservation.type()) {
    case Resource::ReservationInfo::STATIC:
      if (resource.has_reservation()) {
        return Error(
            "Invalid resource format: 'Resource.reservation' must not be"
            " set if the single reservation in 'Resource.reservations' is"
            " STATIC");
      }
      return None();

    case Resource::ReservationInfo::DYNAMIC:
      if (resource.has_role() != resource.has_reservation()) {
        return Error(
            "Invalid resource format: 'Resource.role' and"
            " 'Resource.reservation' must either be both set or both not"
            " set if the single reservation in 'Resource.reservations' is"
            " DYNAMIC");
      }
      if (resource.has_reservation() &&
          resource.reservation().principal() != reservation.principal()) {
        return Error(
            "Invalid resource format: 'Resource.reservation.principal'"
            " field with '" + resource.reservation().principal() + "' does"
            " not match the principal '" + reservation.principal() + "'"
            " in 'Resource.reservations'");
      }
      if (resource.has_reservation() &&
          resource.reservation().labels() != reservation.labels()) {
        return Error(
            "Invalid resource format: 'Resource.reservation.labels' field"
            " with '" + internal::resources::print(
                resource.reservation().labels()) + "'"
            " does not match the labels"
            " '" + internal::resources::print(reservation.labels()) + "'"
            " in 'Resource.reservations'");
      }
      return None();

    case Resource::ReservationInfo::UNKNOWN:
      break;
  }

  return Error("Unsupported 'Resource.ReservationInfo.Type'");
}

} // namespace {


Option<Error> Resources::validate(const Resource& resource)
{
  if (resource.name().empty()) {
    return Error("Empty resource name");
  }

  if (!Value::Type_IsValid(resource.type())) {
    return Error("Invalid resource type");
  }

  Option<Error> error = validateValue(resource);
  if (error.isSome()) {
    return error;
  }

  error = validateDisk(resource);
  if (error.isSome()) {
    return error;
  }

  error = resource.reservations_size() == 0
    ? validateLegacyReservation(resource)
    : validateReservations(resource);
  if (error.isSome()) {
    return error;
  }

  // Only persistent volumes can be shared.
  if (resource.has_shared()) {
    if (resource.name() != "disk") {
      return Error("Resource " + resource.name() + " cannot be shared");
    }
    if (!resource.has_disk() || !resource.disk().has_persistence()) {
      return Error("Only persistent volumes can be shared");
    }
  }

  return None();
}


Option<Error> Resources::validate(const RepeatedPtrField<Resource>& resources)
{
  for (const Resource& resource : resources) {
    Option<Error> error = validate(resource);
    if (error.isSome()) {
      return Error(
          "Resource '" + stringify(resource) + "' is invalid: " +
          error->message);
    }
  }
  return None();
}


// --- Static predicates -----------------------------------------------------

// The predicates accept only the refinement format.
#define CHECK_REFINEMENT_FORMAT(resource)                                  \
  CHECK(!(resource).has_role()) << (resource);                             \
  CHECK(!(resource).has_reservation()) << (resource)


bool Resources::isEmpty(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);

  switch (resource.type()) {
    case Value::SCALAR: return resource.scalar() == Value::Scalar();
    case Value::RANGES: return resource.ranges().range_size() == 0;
    case Value::SET:    return resource.set().item_size() == 0;
    default:            return false;
  }
}


bool Resources::isPersistentVolume(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return resource.has_disk() && resource.disk().has_persistence();
}


bool Resources::isDisk(
    const Resource& resource,
    const Resource::DiskInfo::Source::Type& type)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return resource.has_disk() && resource.disk().has_source() &&
         resource.disk().source().type() == type;
}


bool Resources::isReserved(const Resource& resource, const Option<string>& role)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return !isUnreserved(resource) &&
         (role.isNone() || role.get() == reservationRole(resource));
}


bool Resources::isAllocatableTo(const Resource& resource, const string& role)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return isUnreserved(resource) ||
         role == reservationRole(resource) ||
         roles::isStrictSubroleOf(role, reservationRole(resource));
}


bool Resources::isUnreserved(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return resource.reservations_size() == 0;
}


bool Resources::isDynamicallyReserved(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return isReserved(resource) &&
         resource.reservations(resource.reservations_size() - 1).type() ==
           Resource::ReservationInfo::DYNAMIC;
}


bool Resources::isRevocable(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return resource.has_revocable();
}


bool Resources::isShared(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return resource.has_shared();
}


bool Resources::isAllocatedToRoleSubtree(
    const Resource& resource, const string& role)
{
  CHECK_REFINEMENT_FORMAT(resource);
  const string& allocated = resource.allocation_info().role();
  return allocated == role || roles::isStrictSubroleOf(allocated, role);
}


bool Resources::isReservedToRoleSubtree(
    const Resource& resource, const string& role)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return isReserved(resource) &&
         (reservationRole(resource) == role ||
          roles::isStrictSubroleOf(reservationRole(resource), role));
}


bool Resources::hasRefinedReservations(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return resource.reservations_size() > 1;
}


bool Resources::hasResourceProvider(const Resource& resource)
{
  CHECK_REFINEMENT_FORMAT(resource);
  return resource.has_provider_id();
}

#undef CHECK_REFINEMENT_FORMAT


const string& Resources::reservationRole(const Resource& resource)
{
  CHECK_GT(resource.reservations_size(), 0);
  return resource.reservations(resource.reservations_size() - 1).role();
}


bool Resources::shrink(Resource* resource, const Value::Scalar& target)
{
  if (resource->scalar() <= target) {
    return true;
  }

  // A disk can only be shrunk if the smaller disk is still contained in
  // the original one (which is not so for exclusive disks).
  if (resource->has_disk()) {
    Resource smaller = *resource;
    *smaller.mutable_scalar() = target;
    if (!mesos::contains(*resource, smaller)) {
      return false;
    }
  }

  *resource->mutable_scalar() = target;
  return true;
}


Resource Resources::getReservationAncestor(const Resource& a, const Resource& b)
{
  Resource ancestor = a;
  ancestor.clear_reservations();

  const int common = std::min(a.reservations_size(), b.reservations_size());
  for (int i = 0; i < common && a.reservations(i) == b.reservations(i); ++i) {
    ancestor.add_reservations()->CopyFrom(a.reservations(i));
  }
  return ancestor;
}


Resources Resources::getReservationAncestor(
    const Resources& a, const Resources& b)
{
  CHECK(!a.empty());
  CHECK(!b.empty());
  CHECK(a.toUnreserved() == b.toUnreserved());

  Resources result = a.toUnreserved();
  const Resource ancestor = getReservationAncestor(*a.begin(), *b.begin());
  for (const Resource::ReservationInfo& reservation :
       ancestor.reservations()) {
    result = result.pushReservation(reservation);
  }
  return result;
}


// --- Resource_ -------------------------------------------------------------

Option<Error> Resources::Resource_::validate() const
{
  if (isShared() && sharedCount.get() < 0) {
    return Error("Invalid shared resource: count < 0");
  }
  return Resources::validate(resource);
}


bool Resources::Resource_::isEmpty() const
{
  if (isShared() && sharedCount.get() == 0) {
    return true;
  }
  return Resources::isEmpty(resource);
}


bool Resources::Resource_::contains(const Resource_& that) const
{
  if (isShared() != that.isShared()) {
    return false;
  }

  if (isShared()) {
    return sharedCount.get() >= that.sharedCount.get() &&
           equals(resource, that.resource);
  }

  return mesos::contains(resource, that.resource);
}


Resources::Resource_& Resources::Resource_::operator+=(const Resource_& that)
{
  if (isShared()) {
    sharedCount = sharedCount.get() + that.sharedCount.get();
  } else {
    internal::resources::addValue(&resource, that.resource);
  }
  return *this;
}


Resources::Resource_& Resources::Resource_::operator-=(const Resource_& that)
{
  if (isShared()) {
    sharedCount = sharedCount.get() - that.sharedCount.get();
  } else {
    internal::resources::subtractValue(&resource, that.resource);
  }
  return *this;
}


bool Resources::Resource_::operator==(const Resource_& that) const
{
  if (isShared() != that.isShared()) {
    return false;
  }
  if (isShared() && sharedCount.get() != that.sharedCount.get()) {
    return false;
  }
  return equals(resource, that.resource);
}


bool Resources::Resource_::operator!=(const Resource_& that) const
{
  return !(*this == that);
}


// --- Construction ----------------------------------------------------------

Resources::Resources(const Resource& resource)
{
  *this += resource;
}


Resources::Resources(Resource&& resource)
{
  *this += std::move(resource);
}


Resources::Resources(const vector<Resource>& _resources)
{
  resources.reserve(_resources.size());
  for (const Resource& resource : _resources) {
    *this += resource;
  }
}


Resources::Resources(vector<Resource>&& _resources)
{
  resources.reserve(_resources.size());
  for (Resource& resource : _resources) {
    *this += std::move(resource);
  }
}


Resources::Resources(const RepeatedPtrField<Resource>& _resources)
{
  resources.reserve(_resources.size());
  for (const Resource& resource : _resources) {
    *this += resource;
  }
}


Resources::Resources(RepeatedPtrField<Resource>&& _resources)
{
  resources.reserve(_resources.size());
  for (Resource& resource : _resources) {
    *this += std::move(resource);
  }
}


// --- Queries ---------------------------------------------------------------

bool Resources::contains(const Resources& that) const
{
  Resources remaining = *this;

  for (const Resource_Unsafe& resource_ : that.resources) {
    if (!remaining._contains(*resource_)) {
      return false;
    }

    // A persistent volume can only be used once.
    if (isPersistentVolume(resource_->resource)) {
      remaining.subtract(*resource_);
    }
  }

  return true;
}


bool Resources::contains(const Resource& that) const
{
  // An invalid resource (e.g. "cpus:-1") would otherwise look contained.
  return validate(that).isNone() && _contains(Resource_(that));
}


bool Resources::contains(const ResourceQuantities& quantities) const
{
  for (const auto& quantity : quantities) {
    double needed = quantity.second.value();

    for (const Resource_Unsafe& resource_ : resources) {
      const Resource& resource = resource_->resource;
      if (resource.name() != quantity.first) {
        continue;
      }

      switch (resource.type()) {
        case Value::SCALAR:
          needed -= resource.scalar().value();
          break;
        case Value::SET:
          needed -= resource.set().item_size();
          break;
        case Value::RANGES:
          for (const Value::Range& range : resource.ranges().range()) {
            needed -= static_cast<double>(range.end() - range.begin() + 1);
            if (needed <= 0) {
              break;
            }
          }
          break;
        default:
          LOG(FATAL) << "Unexpected TEXT type resource " << resource
                     << " in " << *this;
      }

      if (needed <= 0) {
        break;
      }
    }

    if (needed > 0) {
      return false;
    }
  }

  return true;
}


size_t Resources::count(const Resource& that) const
{
  for (const Resource_Unsafe& resource_ : resources) {
    if (equals(resource_->resource, that)) {
      // Non-shared resources are stored merged, so at most once.
      return resource_->isShared()
        ? static_cast<size_t>(resource_->sharedCount.get())
        : 1;
    }
  }
  return 0;
}


void Resources::allocate(const string& role)
{
  for (Resource_Unsafe& resource_ : resources) {
    if (resource_.use_count() > 1) {
      resource_ = make_shared<Resource_>(*resource_);
    }
    resource_->resource.mutable_allocation_info()->set_role(role);
  }
}


void Resources::unallocate()
{
  for (Resource_Unsafe& resource_ : resources) {
    if (!resource_->resource.has_allocation_info()) {
      continue;
    }
    if (resource_.use_count() > 1) {
      resource_ = make_shared<Resource_>(*resource_);
    }
    resource_->resource.clear_allocation_info();
  }
}


Resources Resources::filter(
    const lambda::function<bool(const Resource&)>& predicate) const
{
  // Taking resources away cannot make two of them mergeable, so the
  // shared entries are kept as they are.
  Resources result;
  for (const Resource_Unsafe& resource_ : resources) {
    if (predicate(resource_->resource)) {
      result.resources.push_back(resource_);
    }
  }
  return result;
}


hashmap<string, Resources> Resources::reservations() const
{
  hashmap<string, Resources> result;
  for (const Resource_Unsafe& resource_ : resources) {
    if (isReserved(resource_->resource)) {
      result[reservationRole(resource_->resource)].add(resource_);
    }
  }
  return result;
}


Resources Resources::reserved(const Option<string>& role) const
{
  return filter([&role](const Resource& resource) {
    return isReserved(resource, role);
  });
}


Resources Resources::allocatableTo(const string& role) const
{
  return filter([&role](const Resource& resource) {
    return isAllocatableTo(resource, role);
  });
}


Resources Resources::allocatedToRoleSubtree(const string& role) const
{
  return filter([&role](const Resource& resource) {
    return isAllocatedToRoleSubtree(resource, role);
  });
}


Resources Resources::reservedToRoleSubtree(const string& role) const
{
  return filter([&role](const Resource& resource) {
    return isReservedToRoleSubtree(resource, role);
  });
}


Resources Resources::unreserved() const
{
  return filter(isUnreserved);
}


Resources Resources::persistentVolumes() const
{
  return filter(isPersistentVolume);
}


Resources Resources::revocable() const
{
  return filter(isRevocable);
}


Resources Resources::nonRevocable() const
{
  return filter([](const Resource& resource) {
    return !isRevocable(resource);
  });
}


Resources Resources::shared() const
{
  return filter(isShared);
}


Resources Resources::nonShared() const
{
  return filter([](const Resource& resource) {
    return !isShared(resource);
  });
}


hashmap<string, Resources> Resources::allocations() const
{
  hashmap<string, Resources> result;
  for (const Resource_Unsafe& resource_ : resources) {
    // Only meaningful for allocated resources.
    CHECK(resource_->resource.has_allocation_info());
    CHECK(resource_->resource.allocation_info().has_role());
    result[resource_->resource.allocation_info().role()].add(resource_);
  }
  return result;
}


Resources Resources::pushReservation(
    const Resource::ReservationInfo& reservation) const
{
  Resources result;
  for (const Resource_Unsafe& resource_ : resources) {
    Resource_ refined = *resource_;
    refined.resource.add_reservations()->CopyFrom(reservation);

    Option<Error> error = Resources::validate(refined.resource);
    CHECK_NONE(error) << "Validation failed: " << error->message;

    result.add(std::move(refined));
  }
  return result;
}


Resources Resources::popReservation() const
{
  Resources result;
  for (const Resource_Unsafe& resource_ : resources) {
    CHECK_GT(resource_->resource.reservations_size(), 0);
    Resource_ coarser = *resource_;
    coarser.resource.mutable_reservations()->RemoveLast();
    result.add(std::move(coarser));
  }
  return result;
}


Resources Resources::toUnreserved() const
{
  Resources result;
  for (const Resource_Unsafe& resource_ : resources) {
    if (isReserved(resource_->resource)) {
      Resource_ unreserved = *resource_;
      unreserved.resource.clear_reservations();
      result.add(std::move(unreserved));
    } else {
      result.add(resource_);
    }
  }
  return result;
}


Resources Resources::createStrippedScalarQuantity() const
{
  Resources result;
  for (const Resource_Unsafe& resource_ : resources) {
    const Resource& resource = resource_->resource;
    if (resource.type() != Value::SCALAR) {
      continue;
    }
    Resource stripped;
    stripped.set_name(resource.name());
    stripped.set_type(Value::SCALAR);
    stripped.mutable_scalar()->CopyFrom(resource.scalar());
    result.add(Resource_(std::move(stripped)));
  }
  return result;
}


Option<Resources> Resources::find(const Resources& targets) const
{
  Resources total;
  for (const Resource& target : targets) {
    Option<Resources> found = find(target);
    if (found.isNone()) {
      return None();
    }
    total += found.get();
  }
  return total;
}


Option<Resources> Resources::find(const Resource& target) const
{
  Resources found;
  Resources pool = *this;
  Resources wanted = Resources(target).toUnreserved();

  // Search the target's own reservation first, then unreserved
  // resources, then anything.
  vector<lambda::function<bool(const Resource&)>> searchOrder;
  if (isReserved(target)) {
    const string role = reservationRole(target);
    searchOrder.push_back([role](const Resource& resource) {
      return isReserved(resource, role);
    });
  }
  searchOrder.push_back(isUnreserved);
  searchOrder.push_back([](const Resource&) { return true; });

  for (const auto& predicate : searchOrder) {
    for (const Resource_Unsafe& candidate : pool.filter(predicate).resources) {
      Resources amount;
      amount.add(candidate);
      amount = amount.toUnreserved();

      if (amount.contains(wanted)) {
        // The rest is found here: take it with the candidate's
        // reservations.
        for (Resource resource : wanted) {
          resource.mutable_reservations()->CopyFrom(
              candidate->resource.reservations());
          found.add(Resource_(std::move(resource)));
        }
        return found;
      }

      if (wanted.contains(amount)) {
        // All of the candidate is needed; the rest is looked for with the
        // next, wider filter.
        found.add(candidate);
        pool.subtract(*candidate);
        wanted -= amount;
        break;
      }
    }
  }

  return None();
}


Try<Resources> Resources::apply(const ResourceConversion& conversion) const
{
  return conversion.apply(*this);
}


Option<Resource> Resources::match(const Resource& resource) const
{
  for (const Resource_Unsafe& resource_ : resources) {
    if (sameMetadata(resource_->resource, resource)) {
      return resource_->resource;
    }
  }
  return None();
}


namespace {

template <typename T>
bool holds(const Resource& resource);

template <>
bool holds<Value::Scalar>(const Resource& resource)
{
  return resource.type() == Value::SCALAR;
}

template <>
bool holds<Value::Ranges>(const Resource& resource)
{
  return resource.type() == Value::RANGES;
}

template <>
bool holds<Value::Set>(const Resource& resource)
{
  return resource.type() == Value::SET;
}

void accumulate(Value::Scalar* total, const Resource& resource)
{
  *total += resource.scalar();
}

void accumulate(Value::Ranges* total, const Resource& resource)
{
  *total += resource.ranges();
}

void accumulate(Value::Set* total, const Resource& resource)
{
  *total += resource.set();
}


template <typename T>
Option<T> total(
    const vector<Resources::Resource_Unsafe>& resources,
    const string& name)
{
  T sum;
  bool found = false;
  for (const Resources::Resource_Unsafe& resource_ : resources) {
    const Resource& resource = *resource_;
    if (resource.name() == name && holds<T>(resource)) {
      accumulate(&sum, resource);
      found = true;
    }
  }
  if (!found) {
    return None();
  }
  return sum;
}

} // namespace {


template <>
Option<Value::Scalar> Resources::get(const string& name) const
{
  return total<Value::Scalar>(resources, name);
}


template <>
Option<Value::Ranges> Resources::get(const string& name) const
{
  return total<Value::Ranges>(resources, name);
}


template <>
Option<Value::Set> Resources::get(const string& name) const
{
  return total<Value::Set>(resources, name);
}


Resources Resources::get(const string& name) const
{
  return filter([&name](const Resource& resource) {
    return resource.name() == name;
  });
}


Resources Resources::scalars() const
{
  return filter([](const Resource& resource) {
    return resource.type() == Value::SCALAR;
  });
}


set<string> Resources::names() const
{
  set<string> result;
  for (const Resource_Unsafe& resource_ : resources) {
    result.insert(resource_->resource.name());
  }
  return result;
}


map<string, Value_Type> Resources::types() const
{
  map<string, Value_Type> result;
  for (const Resource_Unsafe& resource_ : resources) {
    result[resource_->resource.name()] = resource_->resource.type();
  }
  return result;
}


Option<double> Resources::cpus() const
{
  Option<Value::Scalar> value = get<Value::Scalar>("cpus");
  if (value.isNone()) {
    return None();
  }
  return value->value();
}


Option<double> Resources::gpus() const
{
  Option<Value::Scalar> value = get<Value::Scalar>("gpus");
  if (value.isNone()) {
    return None();
  }
  return value->value();
}


Option<Bytes> Resources::mem() const
{
  Option<Value::Scalar> value = get<Value::Scalar>("mem");
  if (value.isNone()) {
    return None();
  }
  return Megabytes(static_cast<uint64_t>(value->value()));
}


Option<Bytes> Resources::disk() const
{
  Option<Value::Scalar> value = get<Value::Scalar>("disk");
  if (value.isNone()) {
    return None();
  }
  return Megabytes(static_cast<uint64_t>(value->value()));
}


Option<Value::Ranges> Resources::ports() const
{
  return get<Value::Ranges>("ports");
}


Option<Value::Ranges> Resources::ephemeral_ports() const
{
  return get<Value::Ranges>("ephemeral_ports");
}


// --- Private members -------------------------------------------------------

bool Resources::_contains(const Resource_& that) const
{
  for (const Resource_Unsafe& resource_ : resources) {
    if (resource_->contains(that)) {
      return true;
    }
  }
  return false;
}


void Resources::add(const Resource_& that)
{
  if (that.isEmpty()) {
    return;
  }

  for (Resource_Unsafe& resource_ : resources) {
    if (addable(resource_->resource, that.resource)) {
      if (resource_.use_count() > 1) {
        resource_ = make_shared<Resource_>(*resource_);
      }
      *resource_ += that;
      return;
    }
  }

  resources.push_back(make_shared<Resource_>(that));
}


void Resources::add(Resource_&& that)
{
  if (that.isEmpty()) {
    return;
  }

  for (Resource_Unsafe& resource_ : resources) {
    if (addable(resource_->resource, that.resource)) {
      if (resource_.use_count() > 1) {
        resource_ = make_shared<Resource_>(*resource_);
      }
      *resource_ += that;
      return;
    }
  }

  resources.push_back(make_shared<Resource_>(std::move(that)));
}


void Resources::add(const Resource_Unsafe& that)
{
  if (that->isEmpty()) {
    return;
  }

  for (Resource_Unsafe& resource_ : resources) {
    if (addable(resource_->resource, that->resource)) {
      if (resource_.use_count() > 1) {
        resource_ = make_shared<Resource_>(*resource_);
      }
      *resource_ += *that;
      return;
    }
  }

  // Shared with `that`'s owner until one of them changes it.
  resources.push_back(that);
}


void Resources::subtract(const Resource_& that)
{
  if (that.isEmpty()) {
    return;
  }

  for (size_t i = 0; i < resources.size(); ++i) {
    Resource_Unsafe& resource_ = resources[i];
    if (!subtractable(resource_->resource, that.resource)) {
      continue;
    }

    if (resource_.use_count() > 1) {
      resource_ = make_shared<Resource_>(*resource_);
    }
    *resource_ -= that;

    // Taking away more than there was leaves nothing (not a debt).
    const bool negative =
      (resource_->isShared() && resource_->sharedCount.get() < 0) ||
      (resource_->resource.type() == Value::SCALAR &&
       resource_->resource.scalar().value() < 0);

    if (negative || resource_->isEmpty()) {
      // Order is not kept: the last resource takes this one's place.
      resources[i] = resources.back();
      resources.pop_back();
    }
    return;
  }
}


// --- Operators -------------------------------------------------------------

Resources::operator RepeatedPtrField<Resource>() const
{
  RepeatedPtrField<Resource> all;
  all.Reserve(static_cast<int>(resources.size()));
  for (const Resource_Unsafe& resource_ : resources) {
    all.Add()->CopyFrom(resource_->resource);
  }
  return all;
}


bool Resources::operator==(const Resources& that) const
{
  return contains(that) && that.contains(*this);
}


bool Resources::operator!=(const Resources& that) const
{
  return !(*this == that);
}


Resources Resources::operator+(const Resource& that) const &
{
  Resources result = *this;
  result += that;
  return result;
}


Resources Resources::operator+(const Resource& that) &&
{
  Resources result = std::move(*this);
  result += that;
  return result;
}


Resources Resources::operator+(Resource&& that) const &
{
  Resources result = *this;
  result += std::move(that);
  return result;
}


Resources Resources::operator+(Resource&& that) &&
{
  Resources result = std::move(*this);
  result += std::move(that);
  return result;
}


Resources Resources::operator+(const Resources& that) const &
{
  Resources result = *this;
  result += that;
  return result;
}


Resources Resources::operator+(const Resources& that) &&
{
  Resources result = std::move(*this);
  result += that;
  return result;
}


Resources Resources::operator+(Resources&& that) const &
{
  Resources result = std::move(that);
  result += *this;
  return result;
}


Resources Resources::operator+(Resources&& that) &&
{
  Resources result = std::move(*this);
  result += std::move(that);
  return result;
}


Resources& Resources::operator+=(const Resource_& that)
{
  if (that.validate().isNone()) {
    add(that);
  }
  return *this;
}


Resources& Resources::operator+=(Resource_&& that)
{
  if (that.validate().isNone()) {
    add(std::move(that));
  }
  return *this;
}


Resources& Resources::operator+=(const Resource& that)
{
  return *this += Resource_(that);
}


Resources& Resources::operator+=(Resource&& that)
{
  return *this += Resource_(std::move(that));
}


Resources& Resources::operator+=(const Resources& that)
{
  for (const Resource_Unsafe& resource_ : that.resources) {
    add(resource_);
  }
  return *this;
}


Resources& Resources::operator+=(Resources&& that)
{
  for (const Resource_Unsafe& resource_ : that.resources) {
    add(resource_);
  }
  return *this;
}


Resources Resources::operator-(const Resource& that) const
{
  Resources result = *this;
  result -= that;
  return result;
}


Resources Resources::operator-(const Resources& that) const
{
  Resources result = *this;
  result -= that;
  return result;
}


Resources& Resources::operator-=(const Resource_& that)
{
  if (that.validate().isNone()) {
    subtract(that);
  }
  return *this;
}


Resources& Resources::operator-=(const Resource& that)
{
  return *this -= Resource_(that);
}


Resources& Resources::operator-=(const Resources& that)
{
  for (const Resource_Unsafe& resource_ : that.resources) {
    subtract(*resource_);
  }
  return *this;
}


bool contains(const Resource& left, const Resource& right)
{
  // Same kind of resource, then a larger-or-equal amount.
  if (!subtractable(left, right)) {
    return false;
  }

  switch (left.type()) {
    case Value::SCALAR: return right.scalar() <= left.scalar();
    case Value::RANGES: return right.ranges() <= left.ranges();
    case Value::SET:    return right.set() <= left.set();
    default:            return false;
  }
}


Try<Resources> ResourceConversion::apply(const Resources& resources) const
{
  if (!resources.contains(consumed)) {
    return Error(
        stringify(resources) + " does not contain " + stringify(consumed));
  }

  Resources result = resources;
  result -= consumed;
  result += converted;

  if (postValidation.isSome()) {
    Try<Nothing> validation = postValidation.get()(result);
    if (validation.isError()) {
      return Error(validation.error());
    }
  }

  return result;
}


// --- Printing --------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Resource& resource)
{
  stream << resource.name();

  if (resource.has_allocation_info()) {
    stream << "(allocated: " << resource.allocation_info().role() << ")";
  }

  if (resource.reservations_size() > 0) {
    stream << "(reservations: [";
    for (int i = 0; i < resource.reservations_size(); ++i) {
      stream << (i > 0 ? "," : "") << "("
             << internal::resources::print(resource.reservations(i)) << ")";
    }
    stream << "])";
  }

  if (resource.has_disk()) {
    stream << "[" << internal::resources::print(resource.disk()) << "]";
  }

  if (resource.has_revocable()) {
    stream << "{REV}";
  }

  if (resource.has_shared()) {
    stream << "<SHARED>";
  }

  stream << ":";

  switch (resource.type()) {
    case Value::SCALAR: return stream << resource.scalar();
    case Value::RANGES: return stream << resource.ranges();
    case Value::SET:    return stream << resource.set();
    default:
      LOG(FATAL) << "Unexpected Value type: " << resource.type();
  }
  return stream;
}


std::ostream& operator<<(
    std::ostream& stream,
    const Resources::Resource_& resource_)
{
  stream << resource_.resource;
  if (resource_.isShared()) {
    stream << "<" << resource_.sharedCount.get() << ">";
  }
  return stream;
}


std::ostream& operator<<(std::ostream& stream, const Resources& resources)
{
  if (resources.empty()) {
    return stream << "{}";
  }

  bool first = true;
  for (const Resources::Resource_Unsafe& resource_ : resources.resources) {
    stream << (first ? "" : "; ") << *resource_;
    first = false;
  }
  return stream;
}


std::ostream& operator<<(
    std::ostream& stream,
    const RepeatedPtrField<Resource>& resources)
{
  return stream << JSON::protobuf(resources);
}


// --- Text of resource parts (also used in error messages) ------------------

namespace internal {
namespace resources {

string print(const Labels& labels)
{
  string text = "{";
  for (int i = 0; i < labels.labels_size(); ++i) {
    const Label& label = labels.labels(i);
    if (i > 0) {
      text += ", ";
    }
    text += label.key();
    if (label.has_value()) {
      text += ": " + label.value();
    }
  }
  return text + "}";
}


string print(const Resource::ReservationInfo& reservation)
{
  string text = Resource::ReservationInfo::Type_Name(reservation.type()) +
                "," + reservation.role();
  if (reservation.has_principal()) {
    text += "," + reservation.principal();
  }
  if (reservation.has_labels()) {
    text += "," + print(reservation.labels());
  }
  return text;
}


string print(const Resource::DiskInfo::Source& source)
{
  // A CSI volume is identified by vendor, id and profile instead of root.
  const bool csi = source.has_id() || source.has_profile();
  const string identity =
    "(" + source.vendor() + "," + source.id() + "," + source.profile() + ")";

  switch (source.type()) {
    case Resource::DiskInfo::Source::MOUNT:
      return "MOUNT" + (csi ? identity
                            : source.mount().has_root()
                                ? ":" + source.mount().root()
                                : string());
    case Resource::DiskInfo::Source::PATH:
      return "PATH" + (csi ? identity
                           : source.path().has_root()
                               ? ":" + source.path().root()
                               : string());
    case Resource::DiskInfo::Source::BLOCK:
      return "BLOCK" + (csi ? identity : string());
    case Resource::DiskInfo::Source::RAW:
      return "RAW" + (csi ? identity : string());
    case Resource::DiskInfo::Source::UNKNOWN:
      return "UNKNOWN";
  }
  return "UNKNOWN";
}


string print(const Volume& volume)
{
  string text = volume.container_path();
  if (volume.has_host_path()) {
    text = volume.host_path() + ":" + text;
    if (volume.has_mode()) {
      switch (volume.mode()) {
        case Volume::RW: text += ":rw"; break;
        case Volume::RO: text += ":ro"; break;
        default:
          LOG(FATAL) << "Unknown Volume mode: " << volume.mode();
      }
    }
  }
  return text;
}


string print(const Resource::DiskInfo& disk)
{
  string text;
  if (disk.has_source()) {
    text += print(disk.source());
  }
  if (disk.has_persistence()) {
    text += (disk.has_source() ? "," : "") + disk.persistence().id();
  }
  if (disk.has_volume()) {
    text += ":" + print(disk.volume());
  }
  return text;
}

} // namespace resources {
} // namespace internal {


} // namespace mesos {
