// Safe record reads, the symbol checks and wire writers of records.h.

#include "records.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace mesos_modules {

const char* const kRecordFieldNames[6] = {
    "moduleApiVersion", "mesosVersion", "kind", "authorName", "authorEmail", "description"};


bool safeRead(const void* address, void* buffer, size_t n)
{
  // process_vm_readv fails with EFAULT where a plain read would fault.
  struct iovec local = {buffer, n};
  struct iovec remote = {const_cast<void*>(address), n};
  return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == static_cast<ssize_t>(n);
}


bool safeReadString(const char* p, std::string* out, size_t limit)
{
  out->clear();
  if (p == nullptr) return false;
  char chunk[256];
  while (out->size() < limit) {
    // Never past the current page in one read: the next may be unmapped.
    uintptr_t address = reinterpret_cast<uintptr_t>(p) + out->size();
    size_t pageLeft = 4096 - (address % 4096);
    size_t want = pageLeft < sizeof(chunk) ? pageLeft : sizeof(chunk);
    if (!safeRead(reinterpret_cast<const void*>(address), chunk, want)) return false;
    const void* nul = memchr(chunk, '\0', want);
    if (nul != nullptr) {
      out->append(chunk, static_cast<const char*>(nul) - chunk);
      return true;
    }
    out->append(chunk, want);
  }
  return false;
}


std::string demangle(const char* name)
{
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> text(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return status == 0 && text ? std::string(text.get()) : std::string(name);
}


SymbolCheck checkRecordSymbol(const void* address, const std::string& symbol)
{
  SymbolCheck check;
  Dl_info where;
  void* extra = nullptr;
  if (dladdr1(address, &where, &extra, RTLD_DL_SYMENT) == 0 || extra == nullptr) {
    check.size = kModuleBaseSize; // Unknown: read only the base.
    return check;
  }
  const ElfW(Sym)* entry = static_cast<const ElfW(Sym)*>(extra);
  const int type = ELF64_ST_TYPE(entry->st_info);
  check.size = entry->st_size;
  if (type == STT_FUNC || type == STT_GNU_IFUNC) {
    check.ok = false;
    check.error = "symbol '" + symbol + "' is a function, not a module record "
                  "(a global mesos::modules::Module<T> object)";
  } else if (type == STT_TLS) {
    check.ok = false;
    check.error = "symbol '" + symbol + "' is a thread-local variable, not a module record";
  } else if (check.size < kModuleBaseSize) {
    check.ok = false;
    check.error = "symbol '" + symbol + "' is " + std::to_string(check.size) +
                  " bytes, too small for a module record (" + std::to_string(kModuleBaseSize) + " bytes at least)";
  }
  return check;
}


void appendVarint(std::string* out, uint64_t value)
{
  while (value > 0x7F) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}


void appendLengthDelimited(std::string* out, int number, const std::string& bytes)
{
  appendVarint(out, (static_cast<uint64_t>(number) << 3) | 2);
  appendVarint(out, bytes.size());
  out->append(bytes);
}


std::string encodeParameters(const std::vector<std::pair<std::string, std::string>>& parameters)
{
  // mesos.Parameters { repeated Parameter parameter = 1; }
  // mesos.Parameter { required string key = 1; required string value = 2; }
  std::string wire;
  for (const auto& parameter : parameters) {
    std::string entry;
    appendLengthDelimited(&entry, 1, parameter.first);
    appendLengthDelimited(&entry, 2, parameter.second);
    appendLengthDelimited(&wire, 1, entry);
  }
  return wire;
}

} // namespace mesos_modules
