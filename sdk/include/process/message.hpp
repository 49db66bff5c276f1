// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_MESSAGE_HPP__
#define __PROCESS_MESSAGE_HPP__

#include <string>

#include <process/pid.hpp>

namespace process {

// A named message between processes; `body` is opaque (for protobuf
// messages: the serialized message, named by its full type name).
struct Message
{
  std::string name;
  UPID from;
  UPID to;
  std::string body;
};

} // namespace process {

#endif // __PROCESS_MESSAGE_HPP__
