// JS errors with a stable `code`, chosen here and mapped to typed error
// classes by lib/errors.ts.
#pragma once

#include <string>

#include <napi.h>

namespace mesos_modules {

inline Napi::Error makeError(Napi::Env env, const char* code, const std::string& message)
{
  Napi::Error error = Napi::Error::New(env, message);
  error.Value().Set("code", Napi::String::New(env, code));
  return error;
}

} // namespace mesos_modules
