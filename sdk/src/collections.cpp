// Resources and Attributes: the parts of the SDK's collections that live in
// the runtime library, as Mesos keeps them in libmesos.

#include <ostream>

#include <google/protobuf/util/message_differencer.h>

#include <mesos/attributes.hpp>
#include <mesos/resources.hpp>

using google::protobuf::util::MessageDifferencer;

namespace mesos {

namespace {

template <typename Message, typename Collection>
bool holds(const Collection& collection, const Message& message)
{
  for (const Message& candidate : collection) {
    if (MessageDifferencer::Equals(candidate, message)) {
      return true;
    }
  }
  return false;
}

} // namespace {


Resources::Resources(const Resource& resource)
{
  resources.Add()->CopyFrom(resource);
}


Resources::Resources(Resource&& resource)
{
  *resources.Add() = std::move(resource);
}


Resources::Resources(const std::vector<Resource>& _resources)
{
  for (const Resource& resource : _resources) {
    resources.Add()->CopyFrom(resource);
  }
}


Resources::Resources(
    const google::protobuf::RepeatedPtrField<Resource>& _resources)
{
  resources.MergeFrom(_resources);
}


bool Resources::operator==(const Resources& that) const
{
  for (const Resource& resource : resources) {
    if (!holds(that.resources, resource)) {
      return false;
    }
  }
  for (const Resource& resource : that.resources) {
    if (!holds(resources, resource)) {
      return false;
    }
  }
  return true;
}


std::ostream& operator<<(std::ostream& stream, const Resource& resource)
{
  return stream << resource.ShortDebugString();
}


std::ostream& operator<<(std::ostream& stream, const Resources& resources)
{
  bool first = true;
  for (const Resource& resource : resources) {
    stream << (first ? "" : "; ") << resource;
    first = false;
  }
  return stream;
}


bool Attributes::operator==(const Attributes& that) const
{
  for (const Attribute& attribute : attributes) {
    if (!that.contains(attribute)) {
      return false;
    }
  }
  for (const Attribute& attribute : that.attributes) {
    if (!contains(attribute)) {
      return false;
    }
  }
  return true;
}


const Option<Attribute> Attributes::get(const Attribute& thatAttribute) const
{
  for (const Attribute& attribute : attributes) {
    if (MessageDifferencer::Equals(attribute, thatAttribute)) {
      return attribute;
    }
  }
  return None();
}


bool Attributes::contains(const Attribute& attribute) const
{
  return get(attribute).isSome();
}

} // namespace mesos {
