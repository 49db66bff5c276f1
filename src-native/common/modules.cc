#include "modules.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include <mesos/module/hook.hpp>

#include "crash_report.h"
#include "records.h"
#include "runtime.h"
#include "wire.h"

namespace mesos_modules {

// The record layout records.h reads without Mesos headers is the SDK's.
static_assert(sizeof(mesos::modules::ModuleBase) == kModuleBaseSize, "ModuleBase size");
static_assert(sizeof(mesos::modules::Module<mesos::Hook>) == kModuleSize, "Module<T> size");


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


void* openModuleLibrary(const std::string& path)
{
  const Runtime& r = runtime();
  if (!r.error.empty()) {
    throw ModuleFailure{ErrorCode::RUNTIME, "mesos-modules runtime: " + r.error};
  }

  std::string error;
  char* resolved = path.find('/') != std::string::npos ? realpath(path.c_str(), nullptr) : nullptr;
  struct stat now;
  if (resolved == nullptr || stat(resolved, &now) != 0) {
    free(resolved);
    void* handle = openAs(path, path, &error);
    if (handle == nullptr) throw ModuleFailure{ErrorCode::DLOPEN, error};
    return handle;
  }
  const std::string real(resolved);
  free(resolved);

  std::lock_guard<std::mutex> lock(loadedMutex);
  auto found = loadedFiles.find(real);
  if (found != loadedFiles.end() && sameFile(found->second, now)) {
    return found->second.handle;
  }
  void* handle = found == loadedFiles.end() ? openAs(path, path, &error) : openChanged(real, path, &error);
  if (handle == nullptr) throw ModuleFailure{ErrorCode::DLOPEN, error};
  loadedFiles[real] = LoadedFile{now.st_dev, now.st_ino, now.st_size, now.st_mtim, handle};
  return handle;
}


RecordRef readModuleRecord(void* handle, const std::string& symbol)
{
  dlerror();
  void* address = dlsym(handle, symbol.c_str());
  if (address == nullptr) {
    const char* e = dlerror();
    throw ModuleFailure{ErrorCode::DLSYM, e != nullptr ? e : ("undefined symbol: " + symbol)};
  }

  // Mesos casts the address to ModuleBase* and reads it. A symbol that is a
  // function or a small object would make that read garbage (or crash the
  // agent), so look at the symbol table entry first.
  SymbolCheck check = checkRecordSymbol(address, symbol);
  if (!check.ok) {
    throw ModuleFailure{ErrorCode::NOT_A_MODULE, check.error};
  }
  return RecordRef{static_cast<mesos::modules::ModuleBase*>(address), check.size, symbol};
}


// The six strings (empty when the pointer is null), whether `compatible` and
// `create` are set, and identities for Mesos's "identical module" check.
RecordInfo moduleRecordInfo(const RecordRef& record)
{
  mesos::modules::ModuleBase* base = record.base;
  RecordInfo out;
  const char* const values[6] = {
    base->moduleApiVersion,
    base->mesosVersion,
    base->kind,
    base->authorName,
    base->authorEmail,
    base->description,
  };
  for (size_t i = 0; i < 6; i++) {
    if (values[i] == nullptr) continue;
    std::string text;
    if (!safeReadString(values[i], &text)) {
      throw ModuleFailure{ErrorCode::NOT_A_MODULE,
          std::string("symbol '") + record.name + "' is not a module record: its field '" + kRecordFieldNames[i] +
          "' does not point to a readable string"};
    }
    out.fields[i] = std::move(text);
  }

  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%p", reinterpret_cast<void*>(base->compatible));
  out.hasCompatible = base->compatible != nullptr;
  out.compatibleAddress = buffer;
  snprintf(buffer, sizeof(buffer), "%p", static_cast<void*>(base));
  out.address = buffer;

  // Module<T>::create sits right after the base, if the object is that big.
  if (record.size >= sizeof(mesos::modules::Module<mesos::Hook>)) {
    out.hasCreate = reinterpret_cast<mesos::modules::Module<mesos::Hook>*>(base)->create != nullptr;
  }
  return out;
}


bool callCompatible(const RecordRef& record)
{
  if (record.base->compatible == nullptr) {
    return true;
  }
  try {
    return record.base->compatible();
  } catch (const std::exception& e) {
    throw ModuleFailure{ErrorCode::MODULE_EXCEPTION, std::string("compatible() threw: ") + e.what()};
  } catch (...) {
    throw ModuleFailure{ErrorCode::MODULE_EXCEPTION, "compatible() threw a non-standard exception"};
  }
}


mesos::modules::Module<mesos::Hook>* hookModule(const RecordRef& record)
{
  if (record.size < sizeof(mesos::modules::Module<mesos::Hook>)) {
    throw ModuleFailure{ErrorCode::NO_CREATE, "create() method not found"};
  }
  auto* module = reinterpret_cast<mesos::modules::Module<mesos::Hook>*>(record.base);
  if (module->create == nullptr) {
    throw ModuleFailure{ErrorCode::NO_CREATE, "create() method not found"};
  }
  return module;
}


namespace {
const CallSite kCreateSite = makeCallSite("create", {});
} // namespace


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

} // namespace mesos_modules
