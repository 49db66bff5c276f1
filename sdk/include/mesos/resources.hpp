// mesos::Resources: a collection of Resource messages (Mesos 1.11.0 names).
//
// This SDK release provides construction, iteration, comparison and conversion
// back to the repeated field, which is what crosses the Hook interface. The
// arithmetic, parsing and filters of Mesos's Resources are not provided yet.

#ifndef __MESOS_RESOURCES_HPP__
#define __MESOS_RESOURCES_HPP__

#include <iosfwd>
#include <string>
#include <vector>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>

#include <stout/foreach.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {

class Resources
{
public:
  typedef google::protobuf::RepeatedPtrField<Resource>::const_iterator
    const_iterator;
  typedef const_iterator iterator;

  Resources() {}

  Resources(const Resource& resource);
  Resources(Resource&& resource);
  Resources(const std::vector<Resource>& resources);
  Resources(const google::protobuf::RepeatedPtrField<Resource>& resources);

  Resources(const Resources& that) = default;
  Resources(Resources&& that) = default;
  Resources& operator=(const Resources& that) = default;
  Resources& operator=(Resources&& that) = default;

  bool empty() const { return resources.empty(); }
  size_t size() const { return static_cast<size_t>(resources.size()); }

  const_iterator begin() const { return resources.begin(); }
  const_iterator end() const { return resources.end(); }

  operator google::protobuf::RepeatedPtrField<Resource>() const
  {
    return resources;
  }

  // Order-insensitive: each side holds every resource of the other.
  bool operator==(const Resources& that) const;
  bool operator!=(const Resources& that) const { return !(*this == that); }

private:
  google::protobuf::RepeatedPtrField<Resource> resources;
};


std::ostream& operator<<(std::ostream& stream, const Resource& resource);
std::ostream& operator<<(std::ostream& stream, const Resources& resources);

} // namespace mesos {

#endif // __MESOS_RESOURCES_HPP__
