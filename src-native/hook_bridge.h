// A created mesos::Hook, callable from JS: one method per Hook virtual, each
// taking one object keyed by the C++ parameter names and returning a result
// record ({kind: 'some'|'none'|'error'|'nothing'|'failure'|'discarded'|
// 'exception', ...}) or, for a pending future, a Promise of one.
#pragma once

#include <string>

#include <napi.h>

#include <mesos/hook.hpp>

namespace mesos_modules {

class HookInstance : public Napi::ObjectWrap<HookInstance>
{
public:
  static Napi::Function Define(Napi::Env env);
  static Napi::Object Wrap(Napi::Env env, mesos::Hook* hook, const std::string& module);

  explicit HookInstance(const Napi::CallbackInfo& info);
  ~HookInstance() override;

private:
  Napi::Value MasterLaunchTaskLabelDecorator(const Napi::CallbackInfo& info);
  Napi::Value MasterLaunchTaskResourceDecorator(const Napi::CallbackInfo& info);
  Napi::Value SlaveRunTaskLabelDecorator(const Napi::CallbackInfo& info);
  Napi::Value MasterSlaveLostHook(const Napi::CallbackInfo& info);
  Napi::Value SlaveExecutorEnvironmentDecorator(const Napi::CallbackInfo& info);
  Napi::Value SlavePreLaunchDockerTaskExecutorDecorator(const Napi::CallbackInfo& info);
  Napi::Value SlavePostFetchHook(const Napi::CallbackInfo& info);
  Napi::Value SlaveRemoveExecutorHook(const Napi::CallbackInfo& info);
  Napi::Value SlaveTaskStatusDecorator(const Napi::CallbackInfo& info);
  Napi::Value SlaveResourcesDecorator(const Napi::CallbackInfo& info);
  Napi::Value SlaveAttributesDecorator(const Napi::CallbackInfo& info);

  mesos::Hook* hook = nullptr;
  std::string module;
};

} // namespace mesos_modules
