// A created mesos::Hook, callable from JS: one method per Hook virtual, each
// taking its arguments as protobuf binary (see wire.h) and returning the
// result's length in the same buffer (-1 None, -2 Nothing), a result record
// ({kind: 'some'|'error'|'failure'|'discarded'|'exception'|'cancelled',
// bytes?, message?, type?}), either as [result, ...log lines] when the call
// logged, or, while the hook's future is pending or the call runs off the JS
// thread, a Promise of one of those that has a `cancel()` method.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <napi.h>

#include <mesos/hook.hpp>

#include "common/crash_report.h"
#include "common/hook_call.h"
#include "common/logs.h"
#include "common/wire.h"
#include "future.h"
#include "guard.h"

namespace mesos_modules {

// The call itself is common/hook_call.h's (Prepare → Invoke → Outcome);
// this class turns its Outcome into JS.

class HookInstance : public Napi::ObjectWrap<HookInstance>
{
public:
  static constexpr const napi_type_tag& kTag = kHookTag;
  static constexpr const char* kClassName = "Hook";
  static Napi::Function Define(Napi::Env env);
  static Napi::Object Wrap(Napi::Env env, mesos::Hook* hook, const std::string& module);

  explicit HookInstance(const Napi::CallbackInfo& info);
  ~HookInstance() override;

  // One hook method (hook_methods.h): convert with P, then call.
  template <Prepare P, const CallSite* Site>
  Napi::Value Call(const Napi::CallbackInfo& info);

private:

  // Shared with calls running on their own threads: a hook whose object is
  // collected (or whose worker is terminated) mid-call is deleted after it.
  std::shared_ptr<mesos::Hook> hook;
  std::string module;
};

// [{name, returns, result, arguments}] of every method, from hook_methods.h.
Napi::Value hookSignatures(Napi::Env env);

} // namespace mesos_modules
