#include "library.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>

#include <mesos/hook.hpp>
#include <mesos/module/hook.hpp>

#include "addon.h"
#include "common/records.h"
#include "crash_report.h"
#include "guard.h"
#include "wire.h"
#include "wire_js.h"
#include "errors.h"
#include "hook_bridge.h"
#include "logs.h"
#include "own_thread.h"
#include "runtime.h"

namespace mesos_modules {

// The record layout records.h reads without Mesos headers is the SDK's.
static_assert(sizeof(mesos::modules::ModuleBase) == kModuleBaseSize, "ModuleBase size");
static_assert(sizeof(mesos::modules::Module<mesos::Hook>) == kModuleSize, "Module<T> size");


Napi::Function Library::Define(Napi::Env env)
{
  Napi::Function constructor = defineGuardedClass<Library>(env, "Library");
  guardedMethod<Library, &Library::ReadModule>(env, constructor, "readModule");
  return constructor;
}


// new Library(path, token): dlopen(path, RTLD_NOW), as stout's
// DynamicLibrary::open. JS reaches it through openLibrary(path) only.
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

  const Runtime& r = runtime();
  if (!r.error.empty()) {
    throw makeError(env, ErrorCode::RUNTIME, "mesos-modules runtime: " + r.error);
  }

  dlerror();
  handle = dlopen(path.c_str(), RTLD_NOW);
  if (handle == nullptr) {
    const char* e = dlerror();
    throw makeError(env, ErrorCode::DLOPEN, e != nullptr ? e : "unknown dlopen error");
  }
}


Napi::Value Library::ReadModule(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  if (!info[0].IsString()) {
    throw makeError(env, ErrorCode::INTERNAL, "readModule(symbol) takes a string");
  }
  std::string symbol = info[0].As<Napi::String>().Utf8Value();

  dlerror();
  void* address = dlsym(handle, symbol.c_str());
  if (address == nullptr) {
    const char* e = dlerror();
    throw makeError(env, ErrorCode::DLSYM, e != nullptr ? e : ("undefined symbol: " + symbol));
  }

  // Mesos casts the address to ModuleBase* and reads it. A symbol that is a
  // function or a small object would make that read garbage (or crash the
  // agent), so look at the symbol table entry first.
  SymbolCheck check = checkRecordSymbol(address, symbol);
  if (!check.ok) {
    throw makeError(env, ErrorCode::NOT_A_MODULE, check.error);
  }
  size_t size = check.size;

  Napi::Object record = addonData(env).moduleRecord.New({constructionToken(env)});
  ModuleRecord::Unwrap(record)->set(static_cast<mesos::modules::ModuleBase*>(address), size, symbol);
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


void ModuleRecord::set(mesos::modules::ModuleBase* _base, size_t _size, const std::string& _name)
{
  base = _base;
  size = _size;
  name = _name;
}


// The six strings (null when the pointer is null), whether `compatible` and
// `create` are set, and identities for Mesos's "identical module" check.
Napi::Value ModuleRecord::Info(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);

  struct Field { const char* key; const char* value; };
  const Field fields[] = {
    {"moduleApiVersion", base->moduleApiVersion},
    {"mesosVersion", base->mesosVersion},
    {"kind", base->kind},
    {"authorName", base->authorName},
    {"authorEmail", base->authorEmail},
    {"description", base->description},
  };
  for (const Field& field : fields) {
    if (field.value == nullptr) {
      out.Set(field.key, env.Null());
      continue;
    }
    std::string text;
    if (!safeReadString(field.value, &text)) {
      throw makeError(env, ErrorCode::NOT_A_MODULE,
          std::string("symbol '") + name + "' is not a module record: its field '" + field.key +
          "' does not point to a readable string");
    }
    out.Set(field.key, Napi::String::New(env, text));
  }

  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%p", reinterpret_cast<void*>(base->compatible));
  out.Set("hasCompatible", Napi::Boolean::New(env, base->compatible != nullptr));
  out.Set("compatibleAddress", Napi::String::New(env, buffer));
  snprintf(buffer, sizeof(buffer), "%p", static_cast<void*>(base));
  out.Set("address", Napi::String::New(env, buffer));

  // Module<T>::create sits right after the base, if the object is that big.
  bool hasCreate = false;
  if (size >= sizeof(mesos::modules::Module<mesos::Hook>)) {
    hasCreate = reinterpret_cast<mesos::modules::Module<mesos::Hook>*>(base)->create != nullptr;
  }
  out.Set("hasCreate", Napi::Boolean::New(env, hasCreate));
  return out;
}


Napi::Value ModuleRecord::Compatible(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  if (base->compatible == nullptr) {
    return Napi::Boolean::New(env, true);
  }
  try {
    return Napi::Boolean::New(env, base->compatible());
  } catch (const std::exception& e) {
    throw makeError(env, ErrorCode::MODULE_EXCEPTION, std::string("compatible() threw: ") + e.what());
  } catch (...) {
    throw makeError(env, ErrorCode::MODULE_EXCEPTION, "compatible() threw a non-standard exception");
  }
}


namespace {

const CallSite kCreateSite = makeCallSite("create", {});

// What create(parameters) did: the hook, or why there is none.
struct Created
{
  mesos::Hook* hook = nullptr;
  bool threw = false;
  std::string thrown;
};

// Calls create() with its log lines going to `capture` and its crash-report
// line naming `name`.create; a C++ exception becomes `thrown`.
Created callCreate(mesos::modules::Module<mesos::Hook>* module, const mesos::Parameters& parameters,
                   const std::string& name, const std::shared_ptr<LogCapture>& capture)
{
  Created out;
  CallTicket ticket = CallTicket::begin(name, kCreateSite, Fields(nullptr, 0, ""));
  {
    ScopedCapture scope(capture);
    try {
      out.hook = module->create(parameters);
    } catch (const std::exception& e) {
      out.threw = true;
      out.thrown = std::string("create() threw: ") + e.what();
    } catch (...) {
      out.threw = true;
      out.thrown = "create() threw a non-standard exception";
    }
  }
  ticket.end();
  return out;
}

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

} // namespace


// The module's create(), or NO_CREATE; the parameters from info[0] (a
// mesos.Parameters message, lib/wire/encode.ts).
static mesos::modules::Module<mesos::Hook>* hookModule(
    Napi::Env env, mesos::modules::ModuleBase* base, size_t size)
{
  if (size < sizeof(mesos::modules::Module<mesos::Hook>)) {
    throw makeError(env, ErrorCode::NO_CREATE, "create() method not found");
  }
  auto* module = reinterpret_cast<mesos::modules::Module<mesos::Hook>*>(base);
  if (module->create == nullptr) {
    throw makeError(env, ErrorCode::NO_CREATE, "create() method not found");
  }
  return module;
}

static mesos::Parameters parametersArg(const Napi::CallbackInfo& info)
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


// createHook(parameters, logs?): a Hook instance, or null when the module's
// create() returned nullptr. The caller has checked the kind.
Napi::Value ModuleRecord::CreateHook(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  mesos::modules::Module<mesos::Hook>* module = hookModule(env, base, size);
  mesos::Parameters parameters = parametersArg(info);

  // The glog lines create() writes are appended to `logs` (info[1], an
  // array, when given), flat as for hook calls, whatever create() does.
  installLogSink();
  auto capture = std::make_shared<LogCapture>();
  Created created = callCreate(module, parameters, name, capture);
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
  return HookInstance::Wrap(env, created.hook, name);
}


// createHookOffThread(parameters): a Promise of {hook, logs} (hook null when
// create() returned nullptr) or {error, logs}, with create() run on a thread
// of its own; the promise has cancel(). Argument errors throw at once, as
// createHook's do.
Napi::Value ModuleRecord::CreateHookOffThread(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  mesos::modules::Module<mesos::Hook>* module = hookModule(env, base, size);
  mesos::Parameters parameters = parametersArg(info);
  installLogSink();
  auto call = std::make_shared<CreateCall>(env, module, std::move(parameters), name);
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
