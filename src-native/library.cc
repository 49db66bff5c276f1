#include "library.h"

#include <memory>
#include <string>
#include <vector>

#include "addon.h"
#include "common/logs.h"
#include "common/records.h"
#include "common/wire.h"
#include "errors.h"
#include "hook_bridge.h"
#include "logs_js.h"
#include "own_thread.h"
#include "wire_js.h"

namespace mesos_modules {

namespace {

// A ModuleFailure as the JS error lib/ expects.
Napi::Error failureToJs(Napi::Env env, const ModuleFailure& failure)
{
  return makeError(env, failure.code, failure.message);
}

} // namespace


Napi::Function Library::Define(Napi::Env env)
{
  Napi::Function constructor = defineGuardedClass<Library>(env, "Library");
  guardedMethod<Library, &Library::ReadModule>(env, constructor, "readModule");
  return constructor;
}


// new Library(path, token): common/modules.h openModuleLibrary(path); JS
// reaches it through openLibrary(path) only.
Library::Library(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Library>(info)
{
  Napi::Env env = info.Env();
  if (!hasConstructionToken(info)) {
    throw Napi::TypeError::New(env, "Illegal constructor: use openLibrary(path)");
  }
  tagObject(env, info.This().As<Napi::Object>(), kTag);
  if (!info[0].IsString()) {
    throw makeError(env, ErrorCode::INTERNAL, "openLibrary(path) takes a string");
  }
  path = info[0].As<Napi::String>().Utf8Value();
  try {
    handle = openModuleLibrary(path);
  } catch (const ModuleFailure& failure) {
    throw failureToJs(env, failure);
  }
}


Napi::Value Library::ReadModule(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  if (!info[0].IsString()) {
    throw makeError(env, ErrorCode::INTERNAL, "readModule(symbol) takes a string");
  }
  std::string symbol = info[0].As<Napi::String>().Utf8Value();
  RecordRef found;
  try {
    found = readModuleRecord(handle, symbol);
  } catch (const ModuleFailure& failure) {
    throw failureToJs(env, failure);
  }
  Napi::Object record = addonData(env).moduleRecord.New({constructionToken(env)});
  ModuleRecord::Unwrap(record)->set(std::move(found));
  return record;
}


Napi::Function ModuleRecord::Define(Napi::Env env)
{
  Napi::Function constructor = defineGuardedClass<ModuleRecord>(env, "ModuleRecord");
  guardedMethod<ModuleRecord, &ModuleRecord::Info>(env, constructor, "info");
  guardedMethod<ModuleRecord, &ModuleRecord::Compatible>(env, constructor, "compatible");
  guardedMethod<ModuleRecord, &ModuleRecord::CreateHook>(env, constructor, "createHook");
  guardedMethod<ModuleRecord, &ModuleRecord::CreateHookOffThread>(env, constructor, "createHookOffThread");
  return constructor;
}


// Made by Library::ReadModule only (with the construction token).
ModuleRecord::ModuleRecord(const Napi::CallbackInfo& info) : Napi::ObjectWrap<ModuleRecord>(info)
{
  if (!hasConstructionToken(info)) {
    throw Napi::TypeError::New(info.Env(), "Illegal constructor: module records come from Library.readModule()");
  }
  tagObject(info.Env(), info.This().As<Napi::Object>(), kTag);
}


void ModuleRecord::set(RecordRef _record)
{
  record = std::move(_record);
}


// The six strings (null when the pointer is null), whether `compatible` and
// `create` are set, and identities for Mesos's "identical module" check.
Napi::Value ModuleRecord::Info(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  RecordInfo fields;
  try {
    fields = moduleRecordInfo(record);
  } catch (const ModuleFailure& failure) {
    throw failureToJs(env, failure);
  }
  Napi::Object out = Napi::Object::New(env);
  for (size_t i = 0; i < 6; i++) {
    out.Set(kRecordFieldNames[i], fields.fields[i] ? Napi::Value(Napi::String::New(env, *fields.fields[i])) : env.Null());
  }
  out.Set("hasCompatible", Napi::Boolean::New(env, fields.hasCompatible));
  out.Set("compatibleAddress", Napi::String::New(env, fields.compatibleAddress));
  out.Set("address", Napi::String::New(env, fields.address));
  out.Set("hasCreate", Napi::Boolean::New(env, fields.hasCreate));
  return out;
}


Napi::Value ModuleRecord::Compatible(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  try {
    return Napi::Boolean::New(env, callCompatible(record));
  } catch (const ModuleFailure& failure) {
    throw failureToJs(env, failure);
  }
}


namespace {

// create() on a thread of its own (own_thread.h): a create() that blocks
// leaves the JS thread free, and the caller's deadline (lib/manager.ts)
// decides.
struct CreateCall
{
  Napi::Promise::Deferred deferred;
  mesos::modules::Module<mesos::Hook>* module;
  mesos::Parameters parameters;
  std::string name;
  std::shared_ptr<LogCapture> capture = std::make_shared<LogCapture>();
  Created created;

  CreateCall(Napi::Env env, mesos::modules::Module<mesos::Hook>* _module, mesos::Parameters _parameters, std::string _name)
    : deferred(Napi::Promise::Deferred::New(env)), module(_module), parameters(std::move(_parameters)), name(std::move(_name)) {}

  // {hook, logs} or {error, logs}: the error as createHook would throw it.
  void settle(Napi::Env env)
  {
    Napi::Object out = Napi::Object::New(env);
    Napi::Array logs = Napi::Array::New(env);
    appendLogs(env, logs, 0, capture->take());
    out.Set("logs", logs);
    if (created.threw) {
      out.Set("error", makeError(env, ErrorCode::MODULE_EXCEPTION, created.thrown).Value());
    } else {
      out.Set("hook", created.hook == nullptr ? env.Null() : HookInstance::Wrap(env, created.hook, name));
    }
    deferred.Resolve(out);
  }
};

// The module's create(), or NO_CREATE as a JS error.
mesos::modules::Module<mesos::Hook>* hookModuleOf(Napi::Env env, const RecordRef& record)
{
  try {
    return hookModule(record);
  } catch (const ModuleFailure& failure) {
    throw failureToJs(env, failure);
  }
}

// The parameters from info[0] (a mesos.Parameters message, lib/wire/encode.ts).
mesos::Parameters parametersArg(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  try {
    napi_typedarray_type type;
    size_t length = 0;
    void* data = nullptr;
    if (napi_get_typedarray_info(env, info[0], &type, &length, &data, nullptr, nullptr) != napi_ok ||
        type != napi_uint8_array) {
      throw ConvertError{"parameters", "internal: parameters must arrive as a Uint8Array", {}};
    }
    return parseParameters(static_cast<const uint8_t*>(data), length);
  } catch (const ConvertError& e) {
    throw convertErrorToJs(env, e);
  }
}

} // namespace


// createHook(parameters, logs?): a Hook instance, or null when the module's
// create() returned nullptr. The caller has checked the kind.
Napi::Value ModuleRecord::CreateHook(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  mesos::modules::Module<mesos::Hook>* module = hookModuleOf(env, record);
  mesos::Parameters parameters = parametersArg(info);

  // The glog lines create() writes are appended to `logs` (info[1], an
  // array, when given), flat as for hook calls, whatever create() does.
  installLogSink();
  auto capture = std::make_shared<LogCapture>();
  Created created = callCreate(module, parameters, record.name, capture);
  std::vector<LogLine> lines = capture->take();
  if (info.Length() > 1 && info[1].IsArray() && !lines.empty()) {
    Napi::Array logs = info[1].As<Napi::Array>();
    appendLogs(env, logs, logs.Length(), lines);
  }
  if (created.threw) {
    throw makeError(env, ErrorCode::MODULE_EXCEPTION, created.thrown);
  }
  if (created.hook == nullptr) {
    return env.Null();
  }
  return HookInstance::Wrap(env, created.hook, record.name);
}


// createHookOffThread(parameters): a Promise of {hook, logs} (hook null when
// create() returned nullptr) or {error, logs}, with create() run on a thread
// of its own; the promise has cancel(). Argument errors throw at once, as
// createHook's do.
Napi::Value ModuleRecord::CreateHookOffThread(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  mesos::modules::Module<mesos::Hook>* module = hookModuleOf(env, record);
  mesos::Parameters parameters = parametersArg(info);
  installLogSink();
  auto call = std::make_shared<CreateCall>(env, module, std::move(parameters), record.name);
  Napi::Promise promise = call->deferred.Promise();
  std::shared_ptr<OwnThread> thread = OwnThread::start(
      env,
      [call] { call->created = callCreate(call->module, call->parameters, call->name, call->capture); },
      [call](Napi::Env env) { call->settle(env); });
  // cancel(): stop waiting; a create() left running keeps neither the event
  // loop nor node alive.
  std::weak_ptr<OwnThread> weak = thread;
  promise.Set("cancel", Napi::Function::New(env, [weak](const Napi::CallbackInfo& info) {
    if (std::shared_ptr<OwnThread> running = weak.lock()) running->detachFromLoop(info.Env());
  }));
  return promise;
}

} // namespace mesos_modules
