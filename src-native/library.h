// Module libraries and the module records they export, as JS classes: thin
// Node-API wrappers over common/modules.h (which the native child shares).
#pragma once

#include <string>

#include <napi.h>

#include <mesos/module.hpp>

#include "common/modules.h"
#include "guard.h"

namespace mesos_modules {

// A dlopen()ed library. Handles are never closed, like the agent's; a file
// rebuilt at the same path is loaded anew (common/modules.cc).
class Library : public Napi::ObjectWrap<Library>
{
public:
  static constexpr const napi_type_tag& kTag = kLibraryTag;
  static constexpr const char* kClassName = "Library";
  static Napi::Function Define(Napi::Env env);
  explicit Library(const Napi::CallbackInfo& info);

  // readModule(symbol): the module record behind `symbol`.
  Napi::Value ReadModule(const Napi::CallbackInfo& info);

private:
  void* handle = nullptr;
  std::string path;
};


// The record behind one module symbol (a mesos::modules::Module<T>).
class ModuleRecord : public Napi::ObjectWrap<ModuleRecord>
{
public:
  static constexpr const napi_type_tag& kTag = kModuleRecordTag;
  static constexpr const char* kClassName = "ModuleRecord";
  static Napi::Function Define(Napi::Env env);
  explicit ModuleRecord(const Napi::CallbackInfo& info);

  void set(RecordRef record);

  Napi::Value Info(const Napi::CallbackInfo& info);         // the record's fields
  Napi::Value Compatible(const Napi::CallbackInfo& info);   // calls compatible()
  Napi::Value CreateHook(const Napi::CallbackInfo& info);   // calls create(params)
  Napi::Value CreateHookOffThread(const Napi::CallbackInfo& info); // the same, on a pool thread

private:
  RecordRef record;
};

} // namespace mesos_modules
