// mesos-modules-inspector: opens a runtime libmesos and module libraries the
// way a Mesos agent does (runtime RTLD_NOW|RTLD_GLOBAL, modules RTLD_NOW), and
// answers questions about them for lib/inspect/session.ts, over the child
// room's frames (src-native/child/frame.h): requests on fd 3, answers on fd 4.
//
// A request's payload is a list of strings (frame.h splitStrings), [op, args...]:
//   runtime candidate...         open the first candidate that loads, global
//   open library                 dlopen(library, RTLD_NOW); cached by string
//   records library              every exported object that reads as a record
//   read library symbol          the record behind one symbol
//   compatible library symbol    call its compatible()
//   create library symbol k1 v1 ...   call its create(Parameters)
// An answer's payload is a JSON object with "ok"; its tag is 0 when "ok" is
// true. Nothing here decides whether a module is acceptable: that is Mesos's
// logic, in TS.
//
// Module code may print: stdout is pointed at stderr, and the frame pipes
// move to private close-on-exec descriptors. A crash or a hang ends this
// process only; the caller reports it.

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "elf.h"
#include "../child/frame.h"
#include "../common/json.h"
#include "../common/error_codes.h"
#include "../common/records.h"

using inspector::ElfDynamic;
using inspector::ElfSymbol;

namespace {

using mesos_modules::ErrorCode;
using mesos_modules::RecordLayout;
using mesos_modules::demangle;
using mesos_modules::jsonString;
using mesos_modules::kModuleSize;
using mesos_modules::safeRead;
using mesos_modules::safeReadString;
constexpr size_t kBaseSize = mesos_modules::kModuleBaseSize;
const char* const* const kFieldNames = mesos_modules::kRecordFieldNames;
typedef RecordLayout Record;

void* runtimeHandle = nullptr;
std::map<std::string, void*> libraries;  // By the exact string, like Mesos.


// ---- JSON out ------------------------------------------------------------

std::string failure(ErrorCode code, const std::string& message, const std::string& extra = "")
{
  return "{\"ok\":false,\"code\":" + jsonString(mesos_modules::errorCodeName(code)) + ",\"error\":" + jsonString(message) + extra + "}";
}


// ---- Memory that may not be there ------------------------------------------

std::string pointerText(const void* p)
{
  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%p", p);
  return buffer;
}

std::string lastDlerror(const std::string& otherwise)
{
  const char* e = dlerror();
  return e != nullptr ? e : otherwise;
}


// ---- Libraries -------------------------------------------------------------

std::string loadedPath(void* handle)
{
  struct link_map* map = nullptr;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr || map->l_name == nullptr) return "";
  return map->l_name;
}

// Where the dynamic linker would find a name without '/' (LD_LIBRARY_PATH,
// then the usual directories); a name with '/' is a path already.
std::string locate(const std::string& library)
{
  if (library.find('/') != std::string::npos) return library;
  std::vector<std::string> dirs;
  if (const char* path = getenv("LD_LIBRARY_PATH")) {
    std::string list = path;
    size_t start = 0;
    while (start <= list.size()) {
      size_t end = list.find_first_of(":;", start);
      if (end == std::string::npos) end = list.size();
      dirs.push_back(end > start ? list.substr(start, end - start) : ".");
      start = end + 1;
    }
  }
  for (const char* dir : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
                          "/lib", "/usr/lib", "/usr/local/lib"}) {
    dirs.push_back(dir);
  }
  for (const std::string& dir : dirs) {
    std::string candidate = dir + "/" + library;
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return candidate;
  }
  return "";
}

// Why a library does not open: every symbol it needs that neither the global
// scope nor its own DT_NEEDED libraries define, and the DT_NEEDED libraries
// that do not load.
std::string diagnose(const std::string& library)
{
  std::string file = locate(library);
  if (file.empty()) return ",\"diagnosis\":{\"file\":null,\"unresolved\":[],\"needed\":[]}";
  ElfDynamic elf;
  std::string error;
  if (!inspector::readElfDynamic(file, &elf, &error)) {
    return ",\"diagnosis\":{\"file\":" + jsonString(file) + ",\"error\":" + jsonString(error) + ",\"unresolved\":[],\"needed\":[]}";
  }

  std::vector<void*> handles;
  std::string needed;
  for (const std::string& name : elf.needed) {
    dlerror();
    void* handle = dlopen(name.c_str(), RTLD_LAZY | RTLD_LOCAL);
    if (!needed.empty()) needed += ",";
    needed += "{\"library\":" + jsonString(name);
    if (handle == nullptr) {
      needed += ",\"error\":" + jsonString(lastDlerror("cannot be loaded"));
    } else {
      handles.push_back(handle);
    }
    needed += "}";
  }

  std::string unresolved;
  size_t count = 0;
  for (const ElfSymbol& symbol : elf.symbols) {
    if (symbol.defined || symbol.binding != STB_GLOBAL) continue;
    bool found = dlsym(RTLD_DEFAULT, symbol.name.c_str()) != nullptr;
    for (size_t i = 0; !found && i < handles.size(); i++) {
      found = dlsym(handles[i], symbol.name.c_str()) != nullptr;
    }
    if (found) continue;
    if (++count > 500) continue;
    if (!unresolved.empty()) unresolved += ",";
    unresolved += "{\"symbol\":" + jsonString(symbol.name) + ",\"demangled\":" + jsonString(demangle(symbol.name.c_str())) + "}";
  }
  dlerror();
  return ",\"diagnosis\":{\"file\":" + jsonString(file) + ",\"unresolved\":[" + unresolved + "],\"unresolvedCount\":" +
         std::to_string(count) + ",\"needed\":[" + needed + "]}";
}

void* opened(const std::string& library)
{
  auto it = libraries.find(library);
  return it == libraries.end() ? nullptr : it->second;
}


// ---- Records ---------------------------------------------------------------

// The record's fields as JSON members; false (and `why`) if a string field
// points to unreadable memory.
bool recordJson(const std::string& symbol, const void* address, size_t size, std::string* out, std::string* why)
{
  Record record;
  memset(&record, 0, sizeof(record));
  size_t want = size >= kModuleSize ? kModuleSize : kBaseSize;
  if (!safeRead(address, &record, want)) {
    *why = "symbol '" + symbol + "' is not a module record: its memory is not readable";
    return false;
  }
  std::string json;
  for (int i = 0; i < 6; i++) {
    json += jsonString(kFieldNames[i]) + ":";
    if (record.fields[i] == nullptr) {
      json += "null,";
      continue;
    }
    std::string text;
    if (!safeReadString(record.fields[i], &text)) {
      *why = std::string("symbol '") + symbol + "' is not a module record: its field '" + kFieldNames[i] +
             "' does not point to a readable string";
      return false;
    }
    json += jsonString(text) + ",";
  }
  json += "\"hasCompatible\":" + std::string(record.compatible != nullptr ? "true" : "false");
  json += ",\"compatibleAddress\":" + jsonString(pointerText(reinterpret_cast<void*>(record.compatible)));
  json += ",\"hasCreate\":" + std::string(size >= kModuleSize && record.create != nullptr ? "true" : "false");
  json += ",\"size\":" + std::to_string(size);
  json += ",\"address\":" + jsonString(pointerText(address));
  *out = json;
  return true;
}

// dlsym and the checks the addon makes before reading (src-native/library.cc).
bool lookupRecord(void* handle, const std::string& symbol, const void** address, size_t* size, std::string* reply)
{
  dlerror();
  void* found = dlsym(handle, symbol.c_str());
  if (found == nullptr) {
    *reply = failure(ErrorCode::DLSYM, lastDlerror("undefined symbol: " + symbol));
    return false;
  }
  mesos_modules::SymbolCheck check = mesos_modules::checkRecordSymbol(found, symbol);
  if (!check.ok) {
    *reply = failure(ErrorCode::NOT_A_MODULE, check.error);
    return false;
  }
  *size = check.size;
  *address = found;
  return true;
}

bool printable(const char* p)
{
  if (p == nullptr) return true;
  std::string text;
  if (!safeReadString(p, &text, 4096)) return false;
  for (unsigned char c : text) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    if (c == 0x7f) return false;
  }
  return true;
}

bool pointsIntoCode(const void* p)
{
  if (p == nullptr) return true;
  Dl_info info;
  return dladdr(p, &info) != 0;
}

// An exported object that reads as a module record: its string fields are
// null or readable text (at least three set), its function pointers null or
// inside a loaded object.
bool looksLikeRecord(const void* address, size_t size)
{
  Record record;
  memset(&record, 0, sizeof(record));
  if (!safeRead(address, &record, size >= kModuleSize ? kModuleSize : kBaseSize)) return false;
  int set = 0;
  for (const char* field : record.fields) {
    if (!printable(field)) return false;
    if (field != nullptr) set++;
  }
  return set >= 3 && pointsIntoCode(reinterpret_cast<void*>(record.compatible)) &&
         (size < kModuleSize || pointsIntoCode(reinterpret_cast<void*>(record.create)));
}


// ---- Operations ------------------------------------------------------------

std::string opRuntime(const std::vector<std::string>& request)
{
  std::string tried;
  for (size_t i = 1; i < request.size(); i++) {
    dlerror();
    void* handle = dlopen(request[i].c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (handle != nullptr) {
      runtimeHandle = handle;
      return "{\"ok\":true,\"library\":" + jsonString(request[i]) + ",\"path\":" + jsonString(loadedPath(handle)) +
             ",\"tried\":[" + tried + "]}";
    }
    if (!tried.empty()) tried += ",";
    tried += "{\"library\":" + jsonString(request[i]) + ",\"error\":" + jsonString(lastDlerror("cannot be loaded")) + "}";
  }
  return failure(ErrorCode::RUNTIME, "no runtime library could be loaded", ",\"tried\":[" + tried + "]");
}

std::string opOpen(const std::string& library)
{
  if (void* handle = opened(library)) {
    return "{\"ok\":true,\"path\":" + jsonString(loadedPath(handle)) + ",\"cached\":true}";
  }
  dlerror();
  void* handle = dlopen(library.c_str(), RTLD_NOW);
  if (handle == nullptr) {
    std::string message = lastDlerror("unknown dlopen error");
    return failure(ErrorCode::DLOPEN, message, diagnose(library));
  }
  libraries[library] = handle;
  return "{\"ok\":true,\"path\":" + jsonString(loadedPath(handle)) + "}";
}

std::string opRecords(const std::string& library)
{
  void* handle = opened(library);
  if (handle == nullptr) return failure(ErrorCode::NOT_OPEN, "library '" + library + "' is not open");
  struct link_map* map = nullptr;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr) {
    return failure(ErrorCode::ELF, lastDlerror("cannot find where the library is loaded"));
  }
  std::string path = map->l_name != nullptr ? map->l_name : "";
  if (path.empty()) return failure(ErrorCode::ELF, "the library has no file name (the main program?)");
  ElfDynamic elf;
  std::string error;
  if (!inspector::readElfDynamic(path, &elf, &error)) return failure(ErrorCode::ELF, error);

  // By name (byte order), so reports do not depend on the linker's layout.
  std::sort(elf.symbols.begin(), elf.symbols.end(),
            [](const ElfSymbol& a, const ElfSymbol& b) { return a.name < b.name; });
  std::string records;
  for (const ElfSymbol& symbol : elf.symbols) {
    if (!symbol.defined || symbol.type != STT_OBJECT || symbol.size < kBaseSize) continue;
    if (symbol.binding != STB_GLOBAL && symbol.binding != STB_WEAK && symbol.binding != STB_GNU_UNIQUE) continue;
    // Module records are global-namespace variables: their names are not mangled.
    if (symbol.name.compare(0, 2, "_Z") == 0) continue;
    const void* address = reinterpret_cast<const void*>(map->l_addr + symbol.value);
    if (!looksLikeRecord(address, symbol.size)) continue;
    std::string json, why;
    if (!recordJson(symbol.name, address, symbol.size, &json, &why)) continue;
    if (!records.empty()) records += ",";
    records += "{\"name\":" + jsonString(symbol.name) + "," + json + "}";
  }
  return "{\"ok\":true,\"path\":" + jsonString(path) + ",\"records\":[" + records + "]}";
}

// The record `symbol` of an opened library: the library's handle, or
// nullptr with the failure reply.
void* openRecord(const std::string& library, const std::string& symbol, const void** address, size_t* size, std::string* reply)
{
  void* handle = opened(library);
  if (handle == nullptr) {
    *reply = failure(ErrorCode::NOT_OPEN, "library '" + library + "' is not open");
    return nullptr;
  }
  return lookupRecord(handle, symbol, address, size, reply) ? handle : nullptr;
}

std::string opRead(const std::string& library, const std::string& symbol)
{
  const void* address = nullptr;
  size_t size = 0;
  std::string out;
  if (openRecord(library, symbol, &address, &size, &out) == nullptr) return out;
  std::string json, why;
  if (!recordJson(symbol, address, size, &json, &why)) return failure(ErrorCode::NOT_A_MODULE, why);
  return "{\"ok\":true,\"record\":{" + json + "}}";
}

std::string opCompatible(const std::string& library, const std::string& symbol)
{
  const void* address = nullptr;
  size_t size = 0;
  std::string out;
  if (openRecord(library, symbol, &address, &size, &out) == nullptr) return out;
  Record record;
  memset(&record, 0, sizeof(record));
  if (!safeRead(address, &record, kBaseSize)) return failure(ErrorCode::NOT_A_MODULE, "the record of '" + symbol + "' is not readable");
  if (record.compatible == nullptr) return "{\"ok\":true,\"compatible\":true}";
  try {
    bool result = record.compatible();
    return std::string("{\"ok\":true,\"compatible\":") + (result ? "true" : "false") + "}";
  } catch (const std::exception& e) {
    return failure(ErrorCode::MODULE_EXCEPTION, std::string("compatible() threw: ") + e.what());
  } catch (...) {
    return failure(ErrorCode::MODULE_EXCEPTION, "compatible() threw a non-standard exception");
  }
}

void* lookupRuntimeSymbol(void* moduleHandle, const char* name)
{
  void* found = runtimeHandle != nullptr ? dlsym(runtimeHandle, name) : nullptr;
  if (found == nullptr) found = dlsym(RTLD_DEFAULT, name);
  if (found == nullptr && moduleHandle != nullptr) found = dlsym(moduleHandle, name);
  return found;
}

// Destroys a mesos::Parameters made by makeParameters() with the runtime's
// destructor and frees its storage; a runtime without that destructor
// symbol keeps the message (reachable, and never destroyed: not a leak to
// LeakSanitizer).
std::vector<void*>& unfreedParameters = *new std::vector<void*>();
void freeParameters(void* moduleHandle, void* storage)
{
  auto destroy = reinterpret_cast<void (*)(void*)>(lookupRuntimeSymbol(moduleHandle, "_ZN5mesos10ParametersD1Ev"));
  if (destroy == nullptr) {
    unfreedParameters.push_back(storage);
    return;
  }
  destroy(storage);
  free(storage);
}

// A mesos::Parameters built by the runtime's own protobuf classes (found by
// symbol, so no header of that runtime is needed), filled by parsing its
// wire form; freeParameters() ends it.
void* makeParameters(void* moduleHandle, const std::vector<std::pair<std::string, std::string>>& parameters,
                     std::string* error)
{
  void* storage = aligned_alloc(64, 4096);
  memset(storage, 0, 4096);
  if (auto plain = reinterpret_cast<void (*)(void*)>(lookupRuntimeSymbol(moduleHandle, "_ZN5mesos10ParametersC1Ev"))) {
    plain(storage);
  } else if (auto arenaOwned = reinterpret_cast<void (*)(void*, void*, bool)>(
                 lookupRuntimeSymbol(moduleHandle, "_ZN5mesos10ParametersC1EPN6google8protobuf5ArenaEb"))) {
    arenaOwned(storage, nullptr, false);
  } else if (auto arena = reinterpret_cast<void (*)(void*, void*)>(
                 lookupRuntimeSymbol(moduleHandle, "_ZN5mesos10ParametersC1EPN6google8protobuf5ArenaE"))) {
    arena(storage, nullptr);
  } else {
    *error = "the runtime defines no mesos::Parameters constructor";
    free(storage);
    return nullptr;
  }
  if (parameters.empty()) return storage;

  const std::string wire = mesos_modules::encodeParameters(parameters);
  auto parse = reinterpret_cast<bool (*)(void*, const void*, int)>(
      lookupRuntimeSymbol(moduleHandle, "_ZN6google8protobuf11MessageLite14ParseFromArrayEPKvi"));
  if (parse == nullptr) {
    *error = "the runtime defines no google::protobuf::MessageLite::ParseFromArray";
    freeParameters(moduleHandle, storage);
    return nullptr;
  }
  if (!parse(storage, wire.data(), static_cast<int>(wire.size()))) {
    *error = "the runtime's protobuf refused the parameters";
    freeParameters(moduleHandle, storage);
    return nullptr;
  }
  return storage;
}

// What create() made: kept reachable until the inspector exits, as an agent
// keeps the modules it created (the inspector cannot know their types to
// delete them), so LeakSanitizer does not count them as leaks. Never
// destroyed, so they stay reachable through exit-time destructors too.
std::vector<void*>& created = *new std::vector<void*>();

// While alive, file descriptor 2 goes to a temporary file; finish() puts
// stderr back, writes what was captured to it, and returns that text (its
// last 64 KiB).
class StderrCapture
{
public:
  StderrCapture()
  {
    fflush(stderr);
    file = tmpfile();
    saved = file != nullptr ? dup(2) : -1;
    if (saved >= 0) dup2(fileno(file), 2);
  }

  ~StderrCapture() { finish(); }

  std::string finish()
  {
    if (saved < 0) return text;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    saved = -1;
    off_t size = lseek(fileno(file), 0, SEEK_END);
    if (size < 0) size = 0;
    off_t start = size > 65536 ? size - 65536 : 0;
    fseek(file, start, SEEK_SET);
    text.resize(static_cast<size_t>(size - start));
    text.resize(fread(&text[0], 1, text.size(), file));
    fclose(file);
    file = nullptr;
    if (!text.empty()) {
      ssize_t ignored = write(2, text.data(), text.size());
      (void) ignored;
    }
    return text;
  }

private:
  FILE* file = nullptr;
  int saved = -1;
  std::string text;
};

std::string opCreate(const std::vector<std::string>& request)
{
  const std::string& library = request[1];
  const std::string& symbol = request[2];
  const void* address = nullptr;
  size_t size = 0;
  std::string out;
  void* handle = openRecord(library, symbol, &address, &size, &out);
  if (handle == nullptr) return out;
  Record record;
  memset(&record, 0, sizeof(record));
  if (size >= kModuleSize && !safeRead(address, &record, kModuleSize)) {
    return failure(ErrorCode::NOT_A_MODULE, "the record of '" + symbol + "' is not readable");
  }
  if (size < kModuleSize || record.create == nullptr) return failure(ErrorCode::NO_CREATE, "create() method not found");

  std::vector<std::pair<std::string, std::string>> parameters;
  for (size_t i = 3; i + 1 < request.size(); i += 2) parameters.emplace_back(request[i], request[i + 1]);
  std::string error;
  void* built = makeParameters(handle, parameters, &error);
  if (built == nullptr) return failure(ErrorCode::PARAMETERS, error);

  // What create() writes to stderr (glog's lines, when it logs) is kept for
  // the reply as "stderr", and still shown.
  StderrCapture capture;
  std::string result;
  try {
    void* instance = record.create(built);
    if (instance != nullptr) created.push_back(instance);
    result = std::string("{\"ok\":true,\"created\":") + (instance != nullptr ? "true" : "false");
  } catch (const std::exception& e) {
    result = failure(ErrorCode::MODULE_EXCEPTION, std::string("create() threw: ") + e.what());
    result.pop_back();
  } catch (...) {
    result = failure(ErrorCode::MODULE_EXCEPTION, "create() threw a non-standard exception");
    result.pop_back();
  }
  freeParameters(handle, built);
  return result + ",\"stderr\":" + jsonString(capture.finish()) + "}";
}

std::string handle(const std::vector<std::string>& request)
{
  const std::string& op = request[0];
  size_t n = request.size();
  if (op == "runtime") return opRuntime(request);
  if (op == "open" && n == 2) return opOpen(request[1]);
  if (op == "records" && n == 2) return opRecords(request[1]);
  if (op == "read" && n == 3) return opRead(request[1], request[2]);
  if (op == "compatible" && n == 3) return opCompatible(request[1], request[2]);
  if (op == "create" && n >= 3 && (n - 3) % 2 == 0) return opCreate(request);
  if (op == "ping") return "{\"ok\":true,\"pid\":" + std::to_string(getpid()) + "}";
  return failure(ErrorCode::PROTOCOL, "unknown request '" + op + "'");
}

} // namespace


int main()
{
  // Private frame pipes, and no life after the parent's (frame.h); whatever
  // module code prints goes to stderr.
  int requests = -1;
  int answers = -1;
  if (!mesos_modules::child::adoptFramePipes(&requests, &answers)) return 2;
  dup2(2, 1);
  int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull >= 0) {
    dup2(devnull, 0);
    close(devnull);
  }

  namespace child = mesos_modules::child;
  child::Frame frame;
  while (child::readFrame(requests, &frame)) {
    std::vector<std::string> request;
    std::string answer = !child::splitStrings(frame.payload, &request) || request.empty()
                             ? failure(ErrorCode::PROTOCOL, "a request is a list of strings, the operation first")
                             : handle(request);
    // Every answer is one JSON object; "ok":true starts only a success.
    uint32_t tag = answer.compare(0, 10, "{\"ok\":true") == 0 ? child::kAnswerOk : child::kAnswerFailed;
    if (!child::writeFrame(answers, frame.id, tag, answer)) break;
  }
  // Skip static destructors of whatever was loaded: leave as the agent would die.
  fflush(stderr);
  _exit(0);
}
