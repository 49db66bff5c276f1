// JS errors with a stable `code` from common/error_codes.h; lib/errors.ts
// fromNative() maps each code to its typed error class.
#pragma once

#include <string>

#include <napi.h>

#include "common/error_codes.h"

namespace mesos_modules {

inline Napi::Error makeError(Napi::Env env, ErrorCode code, const std::string& message)
{
  Napi::Error error = Napi::Error::New(env, message);
  error.Value().Set("code", Napi::String::New(env, errorCodeName(code)));
  return error;
}

} // namespace mesos_modules
