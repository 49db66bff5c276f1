// Reading module records that may not be what they claim, shared by the addon
// (modules.cc) and the inspector. Mirrors how ModuleManager::loadManifest
// (src/module/manager.cpp) reads a ModuleBase through dlsym's address, with
// the checks Mesos does not make: the symbol's kind and size, and memory that
// may not be mapped. Nothing here depends on a Mesos header: the inspector
// hosts any runtime; modules.cc ties the sizes to the SDK's layout with
// static_asserts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "error_codes.h"

namespace mesos_modules {

// The module ABI record (mesos/module.hpp, LP64): six C strings, then
// compatible(); every Module<T> adds create() right after them.
struct RecordLayout
{
  const char* fields[6];
  bool (*compatible)();
  void* (*create)(const void* parameters);
};

constexpr size_t kModuleBaseSize = 56; // sizeof(mesos::modules::ModuleBase)
constexpr size_t kModuleSize = 64;     // sizeof(mesos::modules::Module<T>)
static_assert(sizeof(void*) == 8, "module records are read as LP64");
static_assert(offsetof(RecordLayout, create) == kModuleBaseSize, "create() follows the base");
static_assert(sizeof(RecordLayout) == kModuleSize, "a Module<T> is the base and create()");

// The record's string fields, in ModuleBase order.
extern const char* const kRecordFieldNames[6];

// Copies n bytes from `address` in this process; false instead of a fault.
bool safeRead(const void* address, void* buffer, size_t n);

// The NUL-terminated string at `p`, up to `limit` bytes; false when `p` is
// null, unreadable, or longer than `limit`.
bool safeReadString(const char* p, std::string* out, size_t limit = 65536);

// The C++ name of a mangled symbol or type name; the name itself otherwise.
std::string demangle(const char* name);

// What dladdr1 says of a module symbol's address.
struct SymbolCheck
{
  bool ok = true;
  std::string error;  // NOT_A_MODULE's message when !ok
  size_t size = 0;    // the object's size, or kModuleBaseSize when unknown
};

// The checks made before a record is read: the symbol must be an object
// (not a function, not thread-local) of at least kModuleBaseSize bytes.
SymbolCheck checkRecordSymbol(const void* address, const std::string& symbol);

// Protobuf wire writers: a base-128 varint, and a length-delimited field.
void appendVarint(std::string* out, uint64_t value);
void appendLengthDelimited(std::string* out, int number, const std::string& bytes);

// A mesos.Parameters message: each (key, value) as a Parameter in field 1.
std::string encodeParameters(const std::vector<std::pair<std::string, std::string>>& parameters);

} // namespace mesos_modules
