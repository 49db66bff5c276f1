// The Mesos runtime the addon and the native child were built against (the
// bundled SDK's libmesos or a real libmesos), made globally visible before any
// module library is opened, as the agent binary provides it to modules.
#pragma once

#include <string>

namespace mesos_modules {

struct Runtime
{
  std::string mode;           // "sdk" or "mesos"
  std::string mesosVersion;   // MESOS_VERSION of the headers built against
  std::string library;        // Path of the loaded libmesos
  std::string protobufVersion;
  std::string error;          // Non-empty when the runtime could not be made global
};

// Idempotent; the first call promotes libmesos to RTLD_GLOBAL and sets up glog.
const Runtime& runtime();

} // namespace mesos_modules
