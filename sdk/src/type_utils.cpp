// Comparison and printing of Mesos messages (mesos/type_utils.hpp).

#include <algorithm>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>

#include <mesos/attributes.hpp>
#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>
#include <mesos/type_utils.hpp>

#include <stout/json.hpp>
#include <stout/protobuf.hpp>

// The deprecated `role` / `reservation` (and ExecutorInfo.source) fields are
// part of what Mesos reads and converts.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

using std::string;

using google::protobuf::RepeatedPtrField;
using google::protobuf::util::MessageDifferencer;

namespace mesos {

namespace {

// Same size, and every element of `left` equals some element of `right`
// (Mesos's comparison of fields whose order does not matter).
template <typename T>
bool sameElements(
    const RepeatedPtrField<T>& left,
    const RepeatedPtrField<T>& right)
{
  if (left.size() != right.size()) {
    return false;
  }
  for (const T& element : left) {
    const bool found = std::any_of(
        right.begin(),
        right.end(),
        [&element](const T& candidate) { return element == candidate; });
    if (!found) {
      return false;
    }
  }
  return true;
}

} // namespace {


// Equalities used only here (Mesos keeps them out of the headers).
bool operator==(
    const Environment::Variable& left,
    const Environment::Variable& right)
{
  return left.name() == right.name() && left.value() == right.value();
}


bool operator==(const Parameter& left, const Parameter& right)
{
  return left.key() == right.key() && left.value() == right.value();
}


bool operator==(
    const ContainerInfo::DockerInfo::PortMapping& left,
    const ContainerInfo::DockerInfo::PortMapping& right)
{
  return left.host_port() == right.host_port() &&
         left.container_port() == right.container_port() &&
         left.protocol() == right.protocol();
}


bool operator==(
    const ContainerInfo::DockerInfo& left,
    const ContainerInfo::DockerInfo& right)
{
  return sameElements(left.port_mappings(), right.port_mappings()) &&
         sameElements(left.parameters(), right.parameters()) &&
         left.image() == right.image() &&
         left.network() == right.network() &&
         left.privileged() == right.privileged() &&
         left.force_pull_image() == right.force_pull_image();
}


bool operator==(const Port& left, const Port& right)
{
  return left.number() == right.number() &&
         left.name() == right.name() &&
         left.protocol() == right.protocol() &&
         left.visibility() == right.visibility();
}


bool operator==(const Ports& left, const Ports& right)
{
  return sameElements(left.ports(), right.ports());
}


bool operator==(const CommandInfo::URI& left, const CommandInfo::URI& right)
{
  // `cache` is not compared: a cached download is the same URI.
  return left.value() == right.value() &&
         left.executable() == right.executable() &&
         left.extract() == right.extract() &&
         left.output_file() == right.output_file();
}


bool operator==(const CommandInfo& left, const CommandInfo& right)
{
  if (!sameElements(left.uris(), right.uris())) {
    return false;
  }

  // Arguments are an argv: order matters.
  if (left.arguments_size() != right.arguments_size()) {
    return false;
  }
  for (int i = 0; i < left.arguments_size(); ++i) {
    if (left.arguments(i) != right.arguments(i)) {
      return false;
    }
  }

  return left.environment() == right.environment() &&
         left.value() == right.value() &&
         left.user() == right.user() &&
         left.shell() == right.shell();
}


bool operator==(const ContainerID& left, const ContainerID& right)
{
  return left.value() == right.value() &&
         left.has_parent() == right.has_parent() &&
         (!left.has_parent() || left.parent() == right.parent());
}


bool operator==(const Credential& left, const Credential& right)
{
  return left.principal() == right.principal() &&
         left.secret() == right.secret();
}


bool operator==(const Environment& left, const Environment& right)
{
  return sameElements(left.variables(), right.variables());
}


bool operator==(const Volume& left, const Volume& right)
{
  return left.container_path() == right.container_path() &&
         left.host_path() == right.host_path() &&
         left.mode() == right.mode();
}


bool operator==(
    const Volume::Source::CSIVolume::VolumeCapability& left,
    const Volume::Source::CSIVolume::VolumeCapability& right)
{
  return MessageDifferencer::Equivalent(left, right);
}


bool operator!=(
    const Volume::Source::CSIVolume::VolumeCapability& left,
    const Volume::Source::CSIVolume::VolumeCapability& right)
{
  return !(left == right);
}


bool operator==(const ContainerInfo& left, const ContainerInfo& right)
{
  return sameElements(left.volumes(), right.volumes()) &&
         left.type() == right.type() &&
         left.hostname() == right.hostname() &&
         left.docker() == right.docker();
}


bool operator==(const Label& left, const Label& right)
{
  return left.key() == right.key() && left.value() == right.value();
}


bool operator==(const Labels& left, const Labels& right)
{
  return sameElements(left.labels(), right.labels());
}


bool operator!=(const Labels& left, const Labels& right)
{
  return !(left == right);
}


bool operator==(const DiscoveryInfo& left, const DiscoveryInfo& right)
{
  return left.visibility() == right.visibility() &&
         left.name() == right.name() &&
         left.environment() == right.environment() &&
         left.location() == right.location() &&
         left.version() == right.version() &&
         left.ports() == right.ports() &&
         left.labels() == right.labels();
}


bool operator==(const ExecutorInfo& left, const ExecutorInfo& right)
{
  return left.has_type() == right.has_type() &&
         (!left.has_type() || left.type() == right.type()) &&
         left.executor_id() == right.executor_id() &&
         left.data() == right.data() &&
         Resources(left.resources()) == Resources(right.resources()) &&
         left.command() == right.command() &&
         left.framework_id() == right.framework_id() &&
         left.name() == right.name() &&
         left.source() == right.source() &&
         left.container() == right.container() &&
         left.discovery() == right.discovery();
}


bool operator!=(const ExecutorInfo& left, const ExecutorInfo& right)
{
  return !(left == right);
}


bool operator==(const HealthCheck& left, const HealthCheck& right)
{
  return MessageDifferencer::Equals(left, right);
}


bool operator==(const KillPolicy& left, const KillPolicy& right)
{
  return MessageDifferencer::Equals(left, right);
}


bool operator==(const SlaveInfo& left, const SlaveInfo& right)
{
  return left.hostname() == right.hostname() &&
         Resources(left.resources()) == Resources(right.resources()) &&
         Attributes(left.attributes()) == Attributes(right.attributes()) &&
         left.id() == right.id() &&
         left.checkpoint() == right.checkpoint() &&
         left.port() == right.port() &&
         left.domain() == right.domain();
}


bool operator==(const TaskInfo& left, const TaskInfo& right)
{
  return left.SerializeAsString() == right.SerializeAsString();
}


bool operator==(const TaskStatus& left, const TaskStatus& right)
{
  return left.task_id() == right.task_id() &&
         left.state() == right.state() &&
         left.data() == right.data() &&
         left.message() == right.message() &&
         left.slave_id() == right.slave_id() &&
         left.timestamp() == right.timestamp() &&
         left.executor_id() == right.executor_id() &&
         left.healthy() == right.healthy() &&
         left.source() == right.source() &&
         left.reason() == right.reason() &&
         left.uuid() == right.uuid();
}


bool operator!=(const TaskStatus& left, const TaskStatus& right)
{
  return !(left == right);
}


bool operator==(const CheckStatusInfo& left, const CheckStatusInfo& right)
{
  return left.SerializeAsString() == right.SerializeAsString();
}


bool operator!=(const CheckStatusInfo& left, const CheckStatusInfo& right)
{
  return !(left == right);
}


namespace typeutils {

namespace {

std::unique_ptr<MessageDifferencer> frameworkInfoDifferencer()
{
  std::unique_ptr<MessageDifferencer> differencer(new MessageDifferencer());
  const google::protobuf::Descriptor* descriptor = FrameworkInfo::descriptor();
  differencer->TreatAsSet(descriptor->FindFieldByName("capabilities"));
  differencer->TreatAsSet(descriptor->FindFieldByName("roles"));
  return differencer;
}

} // namespace {


bool equivalent(const FrameworkInfo& left, const FrameworkInfo& right)
{
  return frameworkInfoDifferencer()->Compare(left, right);
}


Option<string> diff(const FrameworkInfo& left, const FrameworkInfo& right)
{
  std::unique_ptr<MessageDifferencer> differencer = frameworkInfoDifferencer();
  string report;
  differencer->ReportDifferencesToString(&report);
  if (differencer->Compare(left, right)) {
    return None();
  }
  return report;
}

} // namespace typeutils {


// --- Printing --------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const CapabilityInfo& info)
{
  return stream << JSON::protobuf(info);
}


std::ostream& operator<<(std::ostream& stream, const CheckStatusInfo& info)
{
  switch (info.type()) {
    case CheckInfo::COMMAND:
      if (info.has_command()) {
        stream << "COMMAND";
        if (info.command().has_exit_code()) {
          stream << " exit code " << info.command().exit_code();
        }
      }
      break;
    case CheckInfo::HTTP:
      if (info.has_http()) {
        stream << "HTTP";
        if (info.http().has_status_code()) {
          stream << " status code " << info.http().status_code();
        }
      }
      break;
    case CheckInfo::TCP:
      if (info.has_tcp()) {
        stream << "TCP";
        if (info.tcp().has_succeeded()) {
          stream << (info.tcp().succeeded() ? " connection success"
                                            : " connection failure");
        }
      }
      break;
    case CheckInfo::UNKNOWN:
      stream << "UNKNOWN";
      break;
  }
  return stream;
}


std::ostream& operator<<(std::ostream& stream, const CommandInfo& commandInfo)
{
  return stream << JSON::protobuf(commandInfo);
}


std::ostream& operator<<(std::ostream& stream, const ContainerID& containerId)
{
  if (containerId.has_parent()) {
    stream << containerId.parent() << ".";
  }
  return stream << containerId.value();
}


std::ostream& operator<<(
    std::ostream& stream,
    const ContainerInfo& containerInfo)
{
  return stream << containerInfo.DebugString();
}


std::ostream& operator<<(std::ostream& stream, const DomainInfo& domainInfo)
{
  return stream << JSON::protobuf(domainInfo);
}


std::ostream& operator<<(std::ostream& stream, const Environment& environment)
{
  return stream << JSON::protobuf(environment);
}


std::ostream& operator<<(std::ostream& stream, const ExecutorID& executorId)
{
  return stream << executorId.value();
}


std::ostream& operator<<(std::ostream& stream, const ExecutorInfo& executor)
{
  return stream << executor.DebugString();
}


std::ostream& operator<<(std::ostream& stream, const FrameworkID& frameworkId)
{
  return stream << frameworkId.value();
}


std::ostream& operator<<(
    std::ostream& stream,
    const ResourceProviderID& resourceProviderId)
{
  return stream << resourceProviderId.value();
}


std::ostream& operator<<(std::ostream& stream, const RLimitInfo& rlimitInfo)
{
  return stream << JSON::protobuf(rlimitInfo);
}


std::ostream& operator<<(std::ostream& stream, const SlaveID& slaveId)
{
  return stream << slaveId.value();
}


std::ostream& operator<<(std::ostream& stream, const SlaveInfo& slave)
{
  return stream << slave.DebugString();
}


std::ostream& operator<<(std::ostream& stream, const TaskID& taskId)
{
  return stream << taskId.value();
}


std::ostream& operator<<(std::ostream& stream, const TaskInfo& task)
{
  return stream << task.DebugString();
}


std::ostream& operator<<(std::ostream& stream, const TaskState& state)
{
  return stream << TaskState_Name(state);
}


std::ostream& operator<<(std::ostream& stream, const CheckInfo::Type& type)
{
  return stream << CheckInfo::Type_Name(type);
}


std::ostream& operator<<(
    std::ostream& stream,
    const FrameworkInfo::Capability& capability)
{
  return stream << FrameworkInfo::Capability::Type_Name(capability.type());
}


std::ostream& operator<<(std::ostream& stream, const Image::Type& imageType)
{
  return stream << Image::Type_Name(imageType);
}


std::ostream& operator<<(std::ostream& stream, const Secret::Type& secretType)
{
  return stream << Secret::Type_Name(secretType);
}


std::ostream& operator<<(
    std::ostream& stream,
    const Resource::DiskInfo::Source::Type& sourceType)
{
  return stream << Resource::DiskInfo::Source::Type_Name(sourceType);
}

} // namespace mesos {
