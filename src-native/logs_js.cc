#include "logs_js.h"

namespace mesos_modules {

void appendLogs(Napi::Env env, Napi::Array& array, uint32_t at, const std::vector<LogLine>& lines)
{
  // Flat (severity, file, line, message, ...): lib/hook.ts makes the
  // records, which is cheaper in JS than property by property from here.
  for (const LogLine& line : lines) {
    array.Set(at++, Napi::String::New(env, severityName(line.severity)));
    array.Set(at++, Napi::String::New(env, line.file));
    array.Set(at++, Napi::Number::New(env, line.line));
    array.Set(at++, Napi::String::New(env, line.message));
  }
}

} // namespace mesos_modules
