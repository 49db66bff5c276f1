#include "library.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstring>

#include <mesos/hook.hpp>
#include <mesos/module/hook.hpp>

#include "addon.h"
#include "wire.h"
#include "wire_js.h"
#include "errors.h"
#include "hook_bridge.h"
#include "runtime.h"

namespace mesos_modules {

bool safeReadString(const char* p, std::string* out, size_t limit)
{
  out->clear();
  if (p == nullptr) return false;
  char chunk[256];
  const pid_t self = getpid();
  while (out->size() < limit) {
    // process_vm_readv fails with EFAULT instead of faulting on bad memory.
    // Read up to the end of the current page first, then whole chunks.
    uintptr_t address = reinterpret_cast<uintptr_t>(p) + out->size();
    size_t pageLeft = 4096 - (address % 4096);
    size_t want = pageLeft < sizeof(chunk) ? pageLeft : sizeof(chunk);
    struct iovec local = {chunk, want};
    struct iovec remote = {reinterpret_cast<void*>(address), want};
    ssize_t n = process_vm_readv(self, &local, 1, &remote, 1, 0);
    if (n <= 0) return false;
    const void* nul = memchr(chunk, '\0', static_cast<size_t>(n));
    if (nul != nullptr) {
      out->append(chunk, static_cast<const char*>(nul) - chunk);
      return true;
    }
    out->append(chunk, static_cast<size_t>(n));
  }
  return false;
}


Napi::Function Library::Define(Napi::Env env)
{
  return DefineClass(env, "Library", {
    InstanceMethod<&Library::ReadModule>("readModule"),
  });
}


// new Library(path): dlopen(path, RTLD_NOW), as stout's DynamicLibrary::open.
Library::Library(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Library>(info)
{
  Napi::Env env = info.Env();
  path = info[0].As<Napi::String>().Utf8Value();

  const Runtime& r = runtime();
  if (!r.error.empty()) {
    throw makeError(env, "RUNTIME", "mesos-modules runtime: " + r.error);
  }

  dlerror();
  handle = dlopen(path.c_str(), RTLD_NOW);
  if (handle == nullptr) {
    const char* e = dlerror();
    throw makeError(env, "DLOPEN", e != nullptr ? e : "unknown dlopen error");
  }
}


Napi::Value Library::ReadModule(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  std::string symbol = info[0].As<Napi::String>().Utf8Value();

  dlerror();
  void* address = dlsym(handle, symbol.c_str());
  if (address == nullptr) {
    const char* e = dlerror();
    throw makeError(env, "DLSYM", e != nullptr ? e : ("undefined symbol: " + symbol));
  }

  // Mesos casts the address to ModuleBase* and reads it. A symbol that is a
  // function or a small object would make that read garbage (or crash the
  // agent), so look at the symbol table entry first.
  Dl_info where;
  void* extra = nullptr;
  size_t size = 0;
  if (dladdr1(address, &where, &extra, RTLD_DL_SYMENT) != 0 && extra != nullptr) {
    const ElfW(Sym)* entry = static_cast<const ElfW(Sym)*>(extra);
    int type = ELF64_ST_TYPE(entry->st_info);
    size = entry->st_size;
    if (type == STT_FUNC || type == STT_GNU_IFUNC) {
      throw makeError(env, "NOT_A_MODULE",
          "symbol '" + symbol + "' is a function, not a module record "
          "(a global mesos::modules::Module<T> object)");
    }
    if (type == STT_TLS) {
      throw makeError(env, "NOT_A_MODULE", "symbol '" + symbol + "' is a thread-local variable, not a module record");
    }
    if (size < sizeof(mesos::modules::ModuleBase)) {
      throw makeError(env, "NOT_A_MODULE",
          "symbol '" + symbol + "' is " + std::to_string(size) + " bytes, too small for a module record (" +
          std::to_string(sizeof(mesos::modules::ModuleBase)) + " bytes at least)");
    }
  } else {
    size = sizeof(mesos::modules::ModuleBase); // Unknown: read only the base.
  }

  Napi::Object record = addonData(env).moduleRecord.New({});
  ModuleRecord::Unwrap(record)->set(static_cast<mesos::modules::ModuleBase*>(address), size, symbol);
  return record;
}


Napi::Function ModuleRecord::Define(Napi::Env env)
{
  return DefineClass(env, "ModuleRecord", {
    InstanceMethod<&ModuleRecord::Info>("info"),
    InstanceMethod<&ModuleRecord::Compatible>("compatible"),
    InstanceMethod<&ModuleRecord::CreateHook>("createHook"),
  });
}


ModuleRecord::ModuleRecord(const Napi::CallbackInfo& info) : Napi::ObjectWrap<ModuleRecord>(info) {}


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
      throw makeError(env, "NOT_A_MODULE",
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
    throw makeError(env, "MODULE_EXCEPTION", std::string("compatible() threw: ") + e.what());
  } catch (...) {
    throw makeError(env, "MODULE_EXCEPTION", "compatible() threw a non-standard exception");
  }
}


// createHook(parameters: {key, value}[]): a Hook instance, or null when the
// module's create() returned nullptr. The caller has checked the kind.
Napi::Value ModuleRecord::CreateHook(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  if (size < sizeof(mesos::modules::Module<mesos::Hook>)) {
    throw makeError(env, "NO_CREATE", "create() method not found");
  }
  auto* module = reinterpret_cast<mesos::modules::Module<mesos::Hook>*>(base);
  if (module->create == nullptr) {
    throw makeError(env, "NO_CREATE", "create() method not found");
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

  mesos::Hook* hook = nullptr;
  try {
    hook = module->create(parameters);
  } catch (const std::exception& e) {
    throw makeError(env, "MODULE_EXCEPTION", std::string("create() threw: ") + e.what());
  } catch (...) {
    throw makeError(env, "MODULE_EXCEPTION", "create() threw a non-standard exception");
  }
  if (hook == nullptr) {
    return env.Null();
  }
  return HookInstance::Wrap(env, hook, name);
}

} // namespace mesos_modules
