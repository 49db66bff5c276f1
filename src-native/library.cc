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
#include "guard.h"
#include "wire.h"
#include "wire_js.h"
#include "errors.h"
#include "hook_bridge.h"
#include "logs.h"
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


// createHook(parameters, logs?): a Hook instance, or null when the module's
// create() returned nullptr. The caller has checked the kind.
Napi::Value ModuleRecord::CreateHook(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  if (size < sizeof(mesos::modules::Module<mesos::Hook>)) {
    throw makeError(env, ErrorCode::NO_CREATE, "create() method not found");
  }
  auto* module = reinterpret_cast<mesos::modules::Module<mesos::Hook>*>(base);
  if (module->create == nullptr) {
    throw makeError(env, ErrorCode::NO_CREATE, "create() method not found");
  }

  // The parameters arrive as a mesos.Parameters message (lib/wire/encode.ts).
  mesos::Parameters parameters;
  try {
    napi_typedarray_type type;
    size_t length = 0;
    void* data = nullptr;
    if (napi_get_typedarray_info(env, info[0], &type, &length, &data, nullptr, nullptr) != napi_ok ||
        type != napi_uint8_array) {
      throw ConvertError{"parameters", "internal: parameters must arrive as a Uint8Array", {}};
    }
    parameters = parseParameters(static_cast<const uint8_t*>(data), length);
  } catch (const ConvertError& e) {
    throw convertErrorToJs(env, e);
  }

  // The glog lines create() writes are appended to `logs` (info[1], an
  // array, when given), flat as for hook calls, whatever create() does.
  installLogSink();
  auto capture = std::make_shared<LogCapture>();
  auto report = [&]() {
    std::vector<LogLine> lines = capture->take();
    if (info.Length() > 1 && info[1].IsArray() && !lines.empty()) {
      Napi::Array logs = info[1].As<Napi::Array>();
      appendLogs(env, logs, logs.Length(), lines);
    }
  };
  mesos::Hook* hook = nullptr;
  std::string thrown;
  bool threw = false;
  {
    ScopedCapture scope(capture);
    try {
      hook = module->create(parameters);
    } catch (const std::exception& e) {
      threw = true;
      thrown = std::string("create() threw: ") + e.what();
    } catch (...) {
      threw = true;
      thrown = "create() threw a non-standard exception";
    }
  }
  report();
  if (threw) {
    throw makeError(env, ErrorCode::MODULE_EXCEPTION, thrown);
  }
  if (hook == nullptr) {
    return env.Null();
  }
  return HookInstance::Wrap(env, hook, name);
}

} // namespace mesos_modules
