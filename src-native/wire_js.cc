#include "wire_js.h"

#include "errors.h"

namespace mesos_modules {

Napi::Error convertErrorToJs(Napi::Env env, const ConvertError& error)
{
  Napi::Error js = makeError(env, ErrorCode::BAD_MESSAGE, convertErrorText(error));
  js.Value().Set("path", Napi::String::New(env, error.path));
  Napi::Array missing = Napi::Array::New(env, error.missing.size());
  for (size_t i = 0; i < error.missing.size(); i++) {
    missing.Set(static_cast<uint32_t>(i), Napi::String::New(env, error.missing[i]));
  }
  js.Value().Set("missing", missing);
  return js;
}

} // namespace mesos_modules
