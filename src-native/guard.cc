// Construction tokens and type-tag checks of guard.h.

#include "guard.h"

#include <string>

#include "addon.h"

namespace mesos_modules {

Napi::Value constructionToken(Napi::Env env)
{
  return addonData(env).token.Value();
}


bool hasConstructionToken(const Napi::CallbackInfo& info)
{
  if (info.Length() == 0) return false;
  Napi::Value last = info[info.Length() - 1];
  return last.StrictEquals(addonData(info.Env()).token.Value());
}


void checkReceiver(const Napi::CallbackInfo& info, const napi_type_tag& tag, const char* className)
{
  Napi::Env env = info.Env();
  napi_value self = info.This();
  napi_valuetype type = napi_undefined;
  bool tagged = false;
  if (napi_typeof(env, self, &type) == napi_ok && type == napi_object) {
    if (napi_check_object_type_tag(env, self, &tag, &tagged) != napi_ok) tagged = false;
  }
  if (!tagged) {
    throw Napi::TypeError::New(env, std::string("Illegal invocation: `this` is not a ") + className + " made by mesos-modules");
  }
}


void tagObject(Napi::Env env, Napi::Object object, const napi_type_tag& tag)
{
  NAPI_THROW_IF_FAILED_VOID(env, napi_type_tag_object(env, object, &tag));
}

} // namespace mesos_modules
