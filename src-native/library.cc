#include "library.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

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


namespace {

// A library file as loaded: which file it was (device, inode, size, mtime)
// and the handle it got.
struct LoadedFile
{
  dev_t device;
  ino_t inode;
  off_t size;
  struct timespec mtime;
  void* handle;
};

bool sameFile(const LoadedFile& loaded, const struct stat& now)
{
  return loaded.device == now.st_dev && loaded.inode == now.st_ino && loaded.size == now.st_size &&
         loaded.mtime.tv_sec == now.st_mtim.tv_sec && loaded.mtime.tv_nsec == now.st_mtim.tv_nsec;
}

// Loaded library files by real path, for every Library in the process.
std::mutex loadedMutex;
std::map<std::string, LoadedFile> loadedFiles;

// dlopen(path, RTLD_NOW), with `shown` in place of `path` in its error.
void* openAs(const std::string& path, const std::string& shown, std::string* error)
{
  dlerror();
  void* handle = dlopen(path.c_str(), RTLD_NOW);
  if (handle == nullptr) {
    const char* e = dlerror();
    *error = e != nullptr ? e : "unknown dlopen error";
    for (size_t at = error->find(path); at != std::string::npos; at = error->find(path, at + shown.size())) {
      error->replace(at, path.size(), shown);
    }
  }
  return handle;
}

// Loads a file that changed since it was loaded under the same path. dlopen
// would return the old handle (the dynamic loader matches by name), so load a
// private copy instead: beside the original, so that $ORIGIN in its run paths
// still names the original's folder, else in the temporary folder. The copy is
// unlinked once loaded; its mapping stays.
void* openChanged(const std::string& real, const std::string& shown, std::string* error)
{
  namespace fs = std::filesystem;
  static unsigned generation = 0;
  const fs::path original(real);
  const std::string name =
      ".mesos-modules-" + std::to_string(getpid()) + "-" + std::to_string(++generation) + "-" +
      original.filename().string();
  for (const fs::path& dir : {original.parent_path(), fs::temp_directory_path()}) {
    const fs::path copy = dir / name;
    std::error_code ec;
    if (!fs::copy_file(original, copy, fs::copy_options::overwrite_existing, ec)) continue;
    void* handle = openAs(copy.string(), shown, error);
    fs::remove(copy, ec);
    return handle;
  }
  *error = shown + ": cannot make a private copy to load the rebuilt library";
  return nullptr;
}

} // namespace


// new Library(path, token): dlopen(path, RTLD_NOW), as stout's
// DynamicLibrary::open; JS reaches it through openLibrary(path) only.
// A path naming a file that was rebuilt since this process loaded it loads the
// new file, so a new ModuleManager runs the new code (the agent, which starts
// afresh, would too); a library named without a '/' is found by the dynamic
// loader's search and loaded as it decides.
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

  std::string error;
  char* resolved = path.find('/') != std::string::npos ? realpath(path.c_str(), nullptr) : nullptr;
  struct stat now;
  if (resolved == nullptr || stat(resolved, &now) != 0) {
    free(resolved);
    handle = openAs(path, path, &error);
    if (handle == nullptr) throw makeError(env, ErrorCode::DLOPEN, error);
    return;
  }
  const std::string real(resolved);
  free(resolved);

  std::lock_guard<std::mutex> lock(loadedMutex);
  auto found = loadedFiles.find(real);
  if (found != loadedFiles.end() && sameFile(found->second, now)) {
    handle = found->second.handle;
    return;
  }
  handle = found == loadedFiles.end() ? openAs(path, path, &error) : openChanged(real, path, &error);
  if (handle == nullptr) throw makeError(env, ErrorCode::DLOPEN, error);
  loadedFiles[real] = LoadedFile{now.st_dev, now.st_ino, now.st_size, now.st_mtim, handle};
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
