// Compatibility header: the pre-1.1 path of Mesos's isolator messages.
//
// Up to Mesos 1.0, <mesos/slave/isolator.pb.h> was generated from
// mesos/slave/isolator.proto; Mesos 1.1 moved those messages to
// mesos/slave/containerizer.proto. Modules written against the old path
// (they include it by habit, often from isolator module sources) compile
// unchanged through this header, which holds exactly:
//
//   mesos::slave::ContainerLimitation
//   mesos::slave::ContainerState
//
// by including <mesos/slave/containerizer.pb.h>, plus what that includes
// (<mesos/mesos.pb.h>), and with it every other containerizer message
// (ContainerConfig, ContainerLaunchInfo, ...). Real Mesos 1.11.0 installs no
// such header.

#ifndef __MESOS_SLAVE_ISOLATOR_PB_H_COMPAT__
#define __MESOS_SLAVE_ISOLATOR_PB_H_COMPAT__

#include <mesos/slave/containerizer.pb.h>

#endif // __MESOS_SLAVE_ISOLATOR_PB_H_COMPAT__
