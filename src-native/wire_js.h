// A wire.h ConvertError as the JS error lib/ expects (the Node-API side of
// src-native/common/wire.*, kept apart so the protobuf part links without Node).

#pragma once

#include <napi.h>

#include "common/wire.h"

namespace mesos_modules {

// The JS error for a ConvertError (code BAD_MESSAGE, with `path` and
// `missing` properties).
Napi::Error convertErrorToJs(Napi::Env env, const ConvertError& error);

} // namespace mesos_modules
