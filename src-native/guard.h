// Guarded native objects, as better-sqlite3 guards its classes: a wrapped
// class cannot be constructed from JS (its constructor wants a private token
// only the addon holds), and every instance carries a Node-API type tag that
// each method checks before touching native state. A forged or foreign `this`
// is a TypeError, never a read of memory that is not the object.
#pragma once

#include <node_api.h>
#include <napi.h>

namespace mesos_modules {

// One tag per wrapped class (random 128-bit values, fixed for all builds).
constexpr napi_type_tag kLibraryTag = {0x6d5f1c3a9e0b4f21ULL, 0xa7c2d8e4f6013b59ULL};
constexpr napi_type_tag kModuleRecordTag = {0x2b8e47d1c05a6f93ULL, 0x91d3e6a2b47c0f18ULL};
constexpr napi_type_tag kHookTag = {0xc41a09e7f3b2d685ULL, 0x5e7f2a91c6d3b804ULL};

// The token the addon passes as a constructor's last argument; JS cannot
// get it (it is an External no JS object holds).
Napi::Value constructionToken(Napi::Env env);

// True when `info` carries the token (checked by each constructor).
bool hasConstructionToken(const Napi::CallbackInfo& info);

// Throws TypeError unless `info.This()` was made by the addon as `tag`'s class.
void checkReceiver(const Napi::CallbackInfo& info, const napi_type_tag& tag, const char* className);

// Tags a new wrapped object.
void tagObject(Napi::Env env, Napi::Object object, const napi_type_tag& tag);

} // namespace mesos_modules

namespace mesos_modules {

// A method of wrapped class T that checks its receiver's tag before T's
// member function runs (T declares kTag and kClassName).
template <typename T, Napi::Value (T::*Method)(const Napi::CallbackInfo&)>
Napi::Value guardedCall(const Napi::CallbackInfo& info)
{
  checkReceiver(info, T::kTag, T::kClassName);
  return (T::Unwrap(info.This().As<Napi::Object>())->*Method)(info);
}

// Adds a guarded method to a class's prototype (after DefineClass: a class
// template takes only primitives as values).
template <typename T, Napi::Value (T::*Method)(const Napi::CallbackInfo&)>
void guardedMethod(Napi::Env env, Napi::Function constructor, const char* name)
{
  Napi::Object prototype = constructor.Get("prototype").As<Napi::Object>();
  prototype.DefineProperty(Napi::PropertyDescriptor::Value(
      name, Napi::Function::New<guardedCall<T, Method>>(env, name),
      static_cast<napi_property_attributes>(napi_writable | napi_configurable)));
}

// A class with no methods of its own yet (they are added by guardedMethod).
template <typename T>
Napi::Function defineGuardedClass(Napi::Env env, const char* name)
{
  return T::DefineClass(env, name, std::initializer_list<Napi::ClassPropertyDescriptor<T>>{});
}

} // namespace mesos_modules
