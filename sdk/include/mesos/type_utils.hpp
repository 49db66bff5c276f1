// Comparison, printing and hashing of Mesos protobuf messages (Mesos
// 1.11.0 names and results), for the messages this SDK carries.
//
// IDs compare and order by `value` (ContainerID also by its parent chain)
// and print as their value, so `LOG(INFO) << taskInfo.task_id()` logs the
// bare id. The out-of-line operator== follow Mesos's rules: some fields
// are compared as sets (labels, environment variables, volumes, URIs),
// Resources and Attributes as Resources / Attributes; HealthCheck and
// KillPolicy field by field; TaskInfo, CheckStatusInfo by their
// serialized bytes. FrameworkInfo has no operator== (as in Mesos); use
// typeutils::equivalent().
//
// Left out, because their messages are not part of this SDK: the
// operators for CSIPluginInfo, CSIPluginContainerInfo, DeviceWhitelist,
// DrainConfig, DrainInfo, DrainState, MachineID, MasterInfo, Offer,
// OfferID, Operation, OperationID, OperationState, OperationStatus,
// RateLimits, ResourceProviderInfo, ResourceStatistics, Task,
// TaskGroupInfo, URL and UUID.

#ifndef __MESOS_TYPE_UTILS_H__
#define __MESOS_TYPE_UTILS_H__

// Protobuf headers below: libc names are not macros in here.
#include <mesos/sdk/libc_names_begin.hpp>

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/map.h>
#include <google/protobuf/repeated_field.h>
#include <google/protobuf/util/message_differencer.h>

#include <mesos/mesos.hpp>

#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/uuid.hpp>

namespace mesos {

bool operator==(const CheckStatusInfo& left, const CheckStatusInfo& right);
bool operator==(const CommandInfo& left, const CommandInfo& right);
bool operator==(const CommandInfo::URI& left, const CommandInfo::URI& right);
bool operator==(const ContainerID& left, const ContainerID& right);
bool operator==(const ContainerInfo& left, const ContainerInfo& right);
bool operator==(const Credential& left, const Credential& right);
bool operator==(const DiscoveryInfo& left, const DiscoveryInfo& right);
bool operator==(const Environment& left, const Environment& right);
bool operator==(const ExecutorInfo& left, const ExecutorInfo& right);
bool operator==(const HealthCheck& left, const HealthCheck& right);
bool operator==(const KillPolicy& left, const KillPolicy& right);
bool operator==(const Label& left, const Label& right);
bool operator==(const Labels& left, const Labels& right);
bool operator==(const SlaveInfo& left, const SlaveInfo& right);
bool operator==(const TaskInfo& left, const TaskInfo& right);
bool operator==(const TaskStatus& left, const TaskStatus& right);
bool operator==(const Volume& left, const Volume& right);

bool operator==(
    const Volume::Source::CSIVolume::VolumeCapability& left,
    const Volume::Source::CSIVolume::VolumeCapability& right);

bool operator!=(const CheckStatusInfo& left, const CheckStatusInfo& right);
bool operator!=(const ExecutorInfo& left, const ExecutorInfo& right);
bool operator!=(const Labels& left, const Labels& right);
bool operator!=(const TaskStatus& left, const TaskStatus& right);

bool operator!=(
    const Volume::Source::CSIVolume::VolumeCapability& left,
    const Volume::Source::CSIVolume::VolumeCapability& right);


inline bool operator==(const ExecutorID& left, const ExecutorID& right)
{
  return left.value() == right.value();
}


inline bool operator==(const FrameworkID& left, const FrameworkID& right)
{
  return left.value() == right.value();
}


// Deliberately absent: use typeutils::equivalent().
bool operator==(const FrameworkInfo& left, const FrameworkInfo& right) = delete;


namespace typeutils {

// Equal, with `capabilities` and `roles` compared as sets.
bool equivalent(const FrameworkInfo& left, const FrameworkInfo& right);

// None when equivalent, otherwise a description of the differences.
Option<std::string> diff(const FrameworkInfo& left, const FrameworkInfo& right);

} // namespace typeutils {


inline bool operator==(
    const ResourceProviderID& left,
    const ResourceProviderID& right)
{
  return left.value() == right.value();
}


inline bool operator==(const SlaveID& left, const SlaveID& right)
{
  return left.value() == right.value();
}


inline bool operator==(const TaskID& left, const TaskID& right)
{
  return left.value() == right.value();
}


inline bool operator==(const TimeInfo& left, const TimeInfo& right)
{
  return left.nanoseconds() == right.nanoseconds();
}


inline bool operator==(const DurationInfo& left, const DurationInfo& right)
{
  return left.nanoseconds() == right.nanoseconds();
}


inline bool operator==(const ContainerID& left, const std::string& right)
{
  return left.value() == right;
}


inline bool operator==(const ExecutorID& left, const std::string& right)
{
  return left.value() == right;
}


inline bool operator==(const FrameworkID& left, const std::string& right)
{
  return left.value() == right;
}


inline bool operator==(const SlaveID& left, const std::string& right)
{
  return left.value() == right;
}


inline bool operator==(const TaskID& left, const std::string& right)
{
  return left.value() == right;
}


inline bool operator==(
    const DomainInfo::FaultDomain::RegionInfo& left,
    const DomainInfo::FaultDomain::RegionInfo& right)
{
  return left.name() == right.name();
}


inline bool operator==(
    const DomainInfo::FaultDomain::ZoneInfo& left,
    const DomainInfo::FaultDomain::ZoneInfo& right)
{
  return left.name() == right.name();
}


inline bool operator==(
    const DomainInfo::FaultDomain& left,
    const DomainInfo::FaultDomain& right)
{
  return left.region() == right.region() && left.zone() == right.zone();
}


inline bool operator==(const DomainInfo& left, const DomainInfo& right)
{
  return left.fault_domain() == right.fault_domain();
}


inline bool operator!=(const ContainerID& left, const ContainerID& right)
{
  return !(left == right);
}


inline bool operator!=(const ExecutorID& left, const ExecutorID& right)
{
  return left.value() != right.value();
}


inline bool operator!=(const FrameworkID& left, const FrameworkID& right)
{
  return left.value() != right.value();
}


inline bool operator!=(
    const ResourceProviderID& left,
    const ResourceProviderID& right)
{
  return left.value() != right.value();
}


inline bool operator!=(const SlaveID& left, const SlaveID& right)
{
  return left.value() != right.value();
}


inline bool operator!=(const TimeInfo& left, const TimeInfo& right)
{
  return !(left == right);
}


inline bool operator!=(const DurationInfo& left, const DurationInfo& right)
{
  return !(left == right);
}


inline bool operator!=(
    const DomainInfo::FaultDomain::RegionInfo& left,
    const DomainInfo::FaultDomain::RegionInfo& right)
{
  return left.name() != right.name();
}


inline bool operator<(const ContainerID& left, const ContainerID& right)
{
  return left.value() < right.value();
}


inline bool operator<(const DurationInfo& left, const DurationInfo& right)
{
  return left.nanoseconds() < right.nanoseconds();
}


inline bool operator<(const ExecutorID& left, const ExecutorID& right)
{
  return left.value() < right.value();
}


inline bool operator<(const FrameworkID& left, const FrameworkID& right)
{
  return left.value() < right.value();
}


inline bool operator<(const SlaveID& left, const SlaveID& right)
{
  return left.value() < right.value();
}


inline bool operator<(const TaskID& left, const TaskID& right)
{
  return left.value() < right.value();
}


// IDs print as their value; a nested ContainerID as "parent.child".
// CommandInfo, DomainInfo, Environment, CapabilityInfo and RLimitInfo
// print as JSON; ContainerInfo, ExecutorInfo, SlaveInfo and TaskInfo as
// protobuf debug text; enums as their names.
std::ostream& operator<<(
    std::ostream& stream,
    const CapabilityInfo& capabilityInfo);

std::ostream& operator<<(
    std::ostream& stream,
    const CheckStatusInfo& checkStatusInfo);

std::ostream& operator<<(std::ostream& stream, const CommandInfo& commandInfo);
std::ostream& operator<<(std::ostream& stream, const ContainerID& containerId);

std::ostream& operator<<(
    std::ostream& stream,
    const ContainerInfo& containerInfo);

std::ostream& operator<<(std::ostream& stream, const DomainInfo& domainInfo);
std::ostream& operator<<(std::ostream& stream, const Environment& environment);
std::ostream& operator<<(std::ostream& stream, const ExecutorID& executorId);
std::ostream& operator<<(std::ostream& stream, const ExecutorInfo& executor);
std::ostream& operator<<(std::ostream& stream, const FrameworkID& frameworkId);

std::ostream& operator<<(
    std::ostream& stream,
    const ResourceProviderID& resourceProviderId);

std::ostream& operator<<(std::ostream& stream, const RLimitInfo& rlimitInfo);
std::ostream& operator<<(std::ostream& stream, const SlaveID& slaveId);
std::ostream& operator<<(std::ostream& stream, const SlaveInfo& slave);
std::ostream& operator<<(std::ostream& stream, const TaskID& taskId);
std::ostream& operator<<(std::ostream& stream, const TaskInfo& task);
std::ostream& operator<<(std::ostream& stream, const TaskState& state);
std::ostream& operator<<(std::ostream& stream, const CheckInfo::Type& type);

std::ostream& operator<<(
    std::ostream& stream,
    const FrameworkInfo::Capability& capability);

std::ostream& operator<<(std::ostream& stream, const Image::Type& imageType);
std::ostream& operator<<(std::ostream& stream, const Secret::Type& secretType);

std::ostream& operator<<(
    std::ostream& stream,
    const Resource::DiskInfo::Source::Type& sourceType);


// "[ a, b ]".
template <typename T>
inline std::ostream& operator<<(
    std::ostream& stream,
    const std::vector<T>& messages)
{
  stream << "[ ";
  for (auto it = messages.begin(); it != messages.end(); ++it) {
    if (it != messages.begin()) {
      stream << ", ";
    }
    stream << *it;
  }
  stream << " ]";
  return stream;
}

} // namespace mesos {


// For any protobuf map and repeated field (found by argument-dependent
// lookup): equality of maps, and printing as "{ k: v, ... }" / "[ a, b ]".
namespace google {
namespace protobuf {

template <typename Key, typename Value>
inline bool operator==(
    const Map<Key, Value>& left, const Map<Key, Value>& right)
{
  if (left.size() != right.size()) {
    return false;
  }
  for (auto it = left.begin(); it != left.end(); ++it) {
    auto found = right.find(it->first);
    if (found == right.end() || found->second != it->second) {
      return false;
    }
  }
  return true;
}


template <typename Key, typename Value>
inline bool operator!=(
    const Map<Key, Value>& left, const Map<Key, Value>& right)
{
  return !(left == right);
}


template <typename Key, typename Value>
inline std::ostream& operator<<(
    std::ostream& stream, const Map<Key, Value>& map)
{
  stream << "{ ";
  for (auto it = map.cbegin(); it != map.cend(); ++it) {
    if (it != map.cbegin()) {
      stream << ", ";
    }
    stream << it->first << ": " << it->second;
  }
  stream << " }";
  return stream;
}


template <typename T>
inline std::ostream& operator<<(
    std::ostream& stream,
    const RepeatedPtrField<T>& messages)
{
  stream << "[ ";
  for (auto it = messages.begin(); it != messages.end(); ++it) {
    if (it != messages.begin()) {
      stream << ", ";
    }
    stream << *it;
  }
  stream << " ]";
  return stream;
}

} // namespace protobuf {
} // namespace google {


namespace mesos {
namespace internal {

// Mixes `value`'s hash into `seed` (the boost::hash_combine recipe).
template <typename T>
inline void hashCombine(size_t& seed, const T& value)
{
  seed ^= std::hash<T>()(value) + 0x9e3779b9 + (seed << 6) + (seed >> 2);
}

} // namespace internal {
} // namespace mesos {


namespace std {

template <>
struct hash<mesos::CommandInfo::URI>
{
  typedef size_t result_type;
  typedef mesos::CommandInfo::URI argument_type;

  result_type operator()(const argument_type& uri) const
  {
    size_t seed = (uri.extract() ? 11 : 0) + (uri.executable() ? 2003 : 0);
    mesos::internal::hashCombine(seed, uri.value());
    mesos::internal::hashCombine(seed, uri.output_file());
    return seed;
  }
};


template <>
struct hash<mesos::ContainerID>
{
  typedef size_t result_type;
  typedef mesos::ContainerID argument_type;

  result_type operator()(const argument_type& containerId) const
  {
    size_t seed = 0;
    mesos::internal::hashCombine(seed, containerId.value());
    if (containerId.has_parent()) {
      mesos::internal::hashCombine(seed, containerId.parent());
    }
    return seed;
  }
};


#define MESOS_SDK_HASH_BY_VALUE(TYPE)                                     \
  template <>                                                             \
  struct hash<TYPE>                                                       \
  {                                                                       \
    typedef size_t result_type;                                           \
    typedef TYPE argument_type;                                           \
                                                                          \
    result_type operator()(const argument_type& id) const                 \
    {                                                                     \
      size_t seed = 0;                                                    \
      mesos::internal::hashCombine(seed, id.value());                     \
      return seed;                                                        \
    }                                                                     \
  };

MESOS_SDK_HASH_BY_VALUE(mesos::ExecutorID)
MESOS_SDK_HASH_BY_VALUE(mesos::FrameworkID)
MESOS_SDK_HASH_BY_VALUE(mesos::ResourceProviderID)
MESOS_SDK_HASH_BY_VALUE(mesos::SlaveID)
MESOS_SDK_HASH_BY_VALUE(mesos::TaskID)

#undef MESOS_SDK_HASH_BY_VALUE


#define MESOS_SDK_HASH_ENUM(TYPE)                                         \
  template <>                                                             \
  struct hash<TYPE>                                                       \
  {                                                                       \
    typedef size_t result_type;                                           \
    typedef TYPE argument_type;                                           \
                                                                          \
    result_type operator()(const argument_type& value) const              \
    {                                                                     \
      return static_cast<size_t>(value);                                  \
    }                                                                     \
  };

MESOS_SDK_HASH_ENUM(mesos::Image::Type)
MESOS_SDK_HASH_ENUM(mesos::TaskState)
MESOS_SDK_HASH_ENUM(mesos::TaskStatus_Source)
MESOS_SDK_HASH_ENUM(mesos::TaskStatus_Reason)

#undef MESOS_SDK_HASH_ENUM


template <>
struct hash<std::pair<mesos::FrameworkID, mesos::ExecutorID>>
{
  typedef size_t result_type;
  typedef std::pair<mesos::FrameworkID, mesos::ExecutorID> argument_type;

  result_type operator()(const argument_type& pair) const
  {
    size_t seed = 0;
    mesos::internal::hashCombine(seed, pair.first);
    mesos::internal::hashCombine(seed, pair.second);
    return seed;
  }
};

} // namespace std {

#include <mesos/sdk/libc_names_end.hpp>

#endif // __MESOS_TYPE_UTILS_H__
