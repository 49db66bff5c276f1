// The Node-API side of common/logs.h: captured lines as JS values.
#pragma once

#include <cstdint>
#include <vector>

#include <napi.h>

#include "common/logs.h"

namespace mesos_modules {

// Writes lines into a JS array from index `at`, flat: severity, file, line,
// message, ...
void appendLogs(Napi::Env env, Napi::Array& array, uint32_t at, const std::vector<LogLine>& lines);

} // namespace mesos_modules
