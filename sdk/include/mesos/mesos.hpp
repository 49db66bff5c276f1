// Umbrella header for Mesos's protobuf messages and the version macros.

#ifndef __MESOS_HPP__
#define __MESOS_HPP__

#include <mesos/mesos.pb.h> // Generated from mesos/mesos.proto by the build.
#include <mesos/version.hpp>

#endif // __MESOS_HPP__
