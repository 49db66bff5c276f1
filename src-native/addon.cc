// Entry point of the mesos-modules addon: the runtime description, the error
// codes, the hook signatures and openLibrary(), the one way into the three
// guarded native classes (Library, ModuleRecord, Hook). Validation and Mesos's
// ModuleManager rules live in TypeScript (lib/); this layer loads and calls.

#include <napi.h>

#include <mesos/module.hpp>
#include <mesos/version.hpp>

#include "addon.h"
#include "common/error_codes.h"
#include "common/crash_report.h"
#include "guard.h"
#include "hook_bridge.h"
#include "library.h"
#include "common/logs.h"
#include "common/runtime.h"

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

// openLibrary(path): dlopen(path) as a Library (see library.h).
Napi::Value OpenLibrary(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return addonData(env).library.New({info[0], constructionToken(env)});
}

// setCrashHint(hint): whether the crash report ends with the hint to use
// isolated mode (crash_report.h).
Napi::Value SetCrashHint(const Napi::CallbackInfo& info)
{
  setCrashHint(info[0].ToBoolean().Value());
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports)
{
  runtime(); // Make libmesos global before anything else is opened.
  installCrashReport();

  auto* data = new AddonData();
  data->token = Napi::Persistent(Napi::External<void>::New(env, data));
  Napi::Function library = Library::Define(env);
  Napi::Function record = ModuleRecord::Define(env);
  Napi::Function hook = HookInstance::Define(env);
  data->library = Napi::Persistent(library);
  data->moduleRecord = Napi::Persistent(record);
  data->hook = Napi::Persistent(hook);
  env.SetInstanceData<AddonData>(data);

  // Only factories: the classes' constructors are not reachable from JS.
  exports.Set("openLibrary", Napi::Function::New<OpenLibrary>(env, "openLibrary"));
  exports.Set("hookSignatures", hookSignatures(env));
  Napi::Array codes = Napi::Array::New(env, kErrorCodeCount);
  for (uint32_t i = 0; i < kErrorCodeCount; i++) {
    codes.Set(i, kErrorCodeNames[i]);
  }
  exports.Set("errorCodes", codes);
  exports.Set("runtime", Napi::Function::New<RuntimeInfo>(env, "runtime"));
  exports.Set("setLogEcho", Napi::Function::New<SetLogEcho>(env, "setLogEcho"));
  exports.Set("setCrashHint", Napi::Function::New<SetCrashHint>(env, "setCrashHint"));
  return exports;
}

} // namespace

} // namespace mesos_modules

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports)
{
  return mesos_modules::Init(env, exports);
}

NODE_API_MODULE(mesos_modules, InitAddon)
