// Per-environment state of the addon (one per main thread or worker).
#pragma once

#include <napi.h>

namespace mesos_modules {

struct AddonData
{
  Napi::FunctionReference library;
  Napi::FunctionReference moduleRecord;
  Napi::FunctionReference hook;
  // The private construction token (guard.h).
  Napi::Reference<Napi::External<void>> token;
};

inline AddonData& addonData(Napi::Env env)
{
  return *env.GetInstanceData<AddonData>();
}

} // namespace mesos_modules
