// Private helpers of the SDK runtime's Resources code (not installed).

#ifndef __MESOS_SDK_SRC_RESOURCES_INTERNAL_HPP__
#define __MESOS_SDK_SRC_RESOURCES_INTERNAL_HPP__

#include <string>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/error.hpp>
#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace resources {

// Same metadata and value (Mesos's operator== on Resource).
bool equals(const Resource& left, const Resource& right);

// Whether the two can be merged into one resource / subtracted leaving
// one valid resource.
bool addable(const Resource& left, const Resource& right);
bool subtractable(const Resource& left, const Resource& right);

// Adds / subtracts the values (same name and type assumed).
void addValue(Resource* left, const Resource& right);
void subtractValue(Resource* left, const Resource& right);

// Moves the deprecated `role` / `reservation` fields into `reservations`.
void upgrade(Resource* resource);

Option<Error> validateCommandLine(const Resources& resources);

// The text Mesos prints for these parts of a resource.
std::string print(const Labels& labels);
std::string print(const Resource::ReservationInfo& reservation);
std::string print(const Resource::DiskInfo::Source& source);
std::string print(const Resource::DiskInfo& disk);
std::string print(const Volume& volume);

} // namespace resources {
} // namespace internal {
} // namespace mesos {

#endif // __MESOS_SDK_SRC_RESOURCES_INTERNAL_HPP__
