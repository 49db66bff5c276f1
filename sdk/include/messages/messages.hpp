// Compatibility header: Mesos's internal messages header
// (src/messages/messages.hpp, not installed by Mesos).
//
// Many hooks began as copies of Mesos's reference test hook
// (src/examples/test_hook_module.cpp) and keep its
// `#include "messages/messages.hpp"`. This header lets them compile
// unchanged. It holds exactly:
//
//   mesos::internal::HookExecuted   message { optional string module = 1; }
//
// (from "messages/messages.pb.h", generated from messages/messages.proto),
// plus the stout Error / Try and protobuf Message declarations Mesos's
// header brings. Mesos's other internal messages and their operators
// (StatusUpdate, UpdateOperationStatusMessage, ResourceVersionUUID, ...)
// are agent/master protocol and are not part of this SDK.

#ifndef __MESSAGES_HPP__
#define __MESSAGES_HPP__

// Protobuf headers below: libc names are not macros in here.
#include <mesos/sdk/libc_names_begin.hpp>

#include <iosfwd>
#include <string>

#include <google/protobuf/message.h>

#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <stout/error.hpp>
#include <stout/try.hpp>

#include "messages/messages.pb.h"

#include <mesos/sdk/libc_names_end.hpp>

#endif // __MESSAGES_HPP__
