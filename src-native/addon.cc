// Entry point of the mesos-modules addon: the runtime description and the
// three native classes (Library, ModuleRecord, Hook). Validation and Mesos's
// ModuleManager rules live in TypeScript (lib/); this layer loads and calls.

#include <napi.h>

#include <mesos/module.hpp>
#include <mesos/version.hpp>

#include "addon.h"
#include "hook_bridge.h"
#include "library.h"
#include "logs.h"
#include "runtime.h"

namespace mesos_modules {

namespace {

Napi::Value RuntimeInfo(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  const Runtime& r = runtime();
  Napi::Object out = Napi::Object::New(env);
  out.Set("mode", r.mode);
  out.Set("mesosVersion", r.mesosVersion);
  out.Set("moduleApiVersion", MESOS_MODULE_API_VERSION);
  out.Set("library", r.library);
  out.Set("protobufVersion", r.protobufVersion);
  out.Set("error", r.error.empty() ? env.Null() : Napi::String::New(env, r.error));
  return out;
}

// setLogEcho(echo): also print hooks' INFO lines to stderr (WARNING and up
// always are).
Napi::Value SetLogEcho(const Napi::CallbackInfo& info)
{
  setLogEcho(info[0].ToBoolean().Value());
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports)
{
  runtime(); // Make libmesos global before anything else is opened.

  auto* data = new AddonData();
  Napi::Function library = Library::Define(env);
  Napi::Function record = ModuleRecord::Define(env);
  Napi::Function hook = HookInstance::Define(env);
  data->library = Napi::Persistent(library);
  data->moduleRecord = Napi::Persistent(record);
  data->hook = Napi::Persistent(hook);
  env.SetInstanceData<AddonData>(data);

  exports.Set("Library", library);
  exports.Set("ModuleRecord", record);
  exports.Set("Hook", hook);
  exports.Set("runtime", Napi::Function::New<RuntimeInfo>(env, "runtime"));
  exports.Set("setLogEcho", Napi::Function::New<SetLogEcho>(env, "setLogEcho"));
  return exports;
}

} // namespace

} // namespace mesos_modules

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports)
{
  return mesos_modules::Init(env, exports);
}

NODE_API_MODULE(mesos_modules, InitAddon)
