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
  // A primitive `this` fails the check with napi_object_expected: not tagged.
  bool tagged = false;
  if (napi_check_object_type_tag(env, info.This(), &tag, &tagged) != napi_ok) {
    tagged = false;
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
