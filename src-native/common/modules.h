// Module libraries and the module records they export, without Node-API:
// shared by the addon (library.cc wraps them as Library and ModuleRecord) and
// the native child. dlopen/dlsym exactly as Mesos's DynamicLibrary does
// (RTLD_NOW, local scope), a careful read of the ModuleBase record behind a
// symbol, and compatible()/create() guarded against exceptions.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <mesos/hook.hpp>
#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

#include "error_codes.h"
#include "logs.h"

namespace mesos_modules {

// Why an operation failed: the code and message the addon throws as a JS
// error (errors.h makeError) and the child sends as a FAILED answer.
struct ModuleFailure
{
  ErrorCode code;
  std::string message;
};

// dlopen(path, RTLD_NOW). A path naming a file that was rebuilt since this
// process loaded it loads the new file; a library named without a '/' is
// found by the dynamic loader's search. Handles are never closed. Throws
// ModuleFailure (RUNTIME, DLOPEN).
void* openModuleLibrary(const std::string& path);

// The record behind one module symbol (a mesos::modules::Module<T>).
struct RecordRef
{
  mesos::modules::ModuleBase* base = nullptr;
  size_t size = 0;
  std::string name;
};

// The record behind `symbol` in the library `handle`; throws ModuleFailure
// (DLSYM, NOT_A_MODULE).
RecordRef readModuleRecord(void* handle, const std::string& symbol);

// The record's fields as ModuleRecord.info() returns them.
struct RecordInfo
{
  // moduleApiVersion, mesosVersion, kind, authorName, authorEmail,
  // description (kRecordFieldNames order); empty for a null pointer.
  std::optional<std::string> fields[6];
  bool hasCompatible = false;
  std::string compatibleAddress; // "%p" of compatible()
  std::string address;           // "%p" of the record
  bool hasCreate = false;
};

// Throws ModuleFailure (NOT_A_MODULE) when a field is not a readable string.
RecordInfo moduleRecordInfo(const RecordRef& record);

// compatible(), true when there is none; throws ModuleFailure
// (MODULE_EXCEPTION) when it throws.
bool callCompatible(const RecordRef& record);

// The record as a Module<Hook> with a create(); throws ModuleFailure
// (NO_CREATE).
mesos::modules::Module<mesos::Hook>* hookModule(const RecordRef& record);

// What create(parameters) did: the hook (nullptr when create() returned
// nullptr), or why there is none.
struct Created
{
  mesos::Hook* hook = nullptr;
  bool threw = false;
  std::string thrown; // MODULE_EXCEPTION's message when `threw`
};

// Calls create() with its log lines going to `capture` and its crash-report
// line naming `name`.create; a C++ exception becomes `thrown`.
Created callCreate(mesos::modules::Module<mesos::Hook>* module, const mesos::Parameters& parameters,
                   const std::string& name, const std::shared_ptr<LogCapture>& capture);

} // namespace mesos_modules
