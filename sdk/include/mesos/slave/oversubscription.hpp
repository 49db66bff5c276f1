// The generated messages of mesos/slave/oversubscription.proto (Mesos 1.11.0
// include/mesos/slave/oversubscription.hpp): QoSCorrection.

#ifndef __MESOS_SLAVE_OVERSUBSCRIPTION_HPP__
#define __MESOS_SLAVE_OVERSUBSCRIPTION_HPP__

#include <mesos/slave/oversubscription.pb.h>

#endif // __MESOS_SLAVE_OVERSUBSCRIPTION_HPP__
