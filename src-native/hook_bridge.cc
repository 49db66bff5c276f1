#include "hook_bridge.h"

#include <cxxabi.h>

#include <map>
#include <memory>
#include <typeinfo>

#include "addon.h"
#include "convert.h"
#include "errors.h"
#include "future.h"

using mesos::Attributes;
using mesos::DockerTaskExecutorPrepareInfo;
using mesos::Resources;

namespace mesos_modules {

namespace {

Napi::Object record(Napi::Env env, const char* kind)
{
  Napi::Object out = Napi::Object::New(env);
  out.Set("kind", Napi::String::New(env, kind));
  return out;
}

Napi::Object errorRecord(Napi::Env env, const char* kind, const std::string& message)
{
  Napi::Object out = record(env, kind);
  out.Set("message", Napi::String::New(env, message));
  return out;
}

std::string demangle(const char* name)
{
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> text(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return status == 0 && text ? std::string(text.get()) : std::string(name);
}

// Runs the virtual call; a C++ exception escaping the hook becomes an
// 'exception' record instead of unwinding into node.
template <typename F>
Napi::Value guarded(Napi::Env env, F&& call)
{
  try {
    return call();
  } catch (const Napi::Error&) {
    throw;
  } catch (const ConvertError& e) {
    throw convertErrorToJs(env, e);
  } catch (const std::exception& e) {
    Napi::Object out = errorRecord(env, "exception", e.what());
    out.Set("type", Napi::String::New(env, demangle(typeid(e).name())));
    return out;
  } catch (...) {
    Napi::Object out = errorRecord(env, "exception", "a non-standard C++ exception");
    out.Set("type", Napi::String::New(env, "unknown"));
    return out;
  }
}

Napi::Object argsOf(const Napi::CallbackInfo& info)
{
  if (info.Length() < 1 || !info[0].IsObject()) {
    throw makeError(info.Env(), "BAD_MESSAGE", "hook arguments must be one object");
  }
  return info[0].As<Napi::Object>();
}

template <typename M>
M message(const Napi::Object& args, const char* name)
{
  M m;
  toMessage(args.Get(name), &m, name);
  return m;
}

std::string text(const Napi::Object& args, const char* name)
{
  Napi::Value v = args.Get(name);
  if (!v.IsString()) {
    throw ConvertError{name, "expected a string", {}};
  }
  return v.As<Napi::String>().Utf8Value();
}

template <typename T>
Napi::Value fromResult(Napi::Env env, const Result<T>& result, Napi::Value (*some)(Napi::Env, const T&))
{
  if (result.isError()) return errorRecord(env, "error", result.error());
  if (result.isNone()) return record(env, "none");
  Napi::Object out = record(env, "some");
  out.Set("value", some(env, result.get()));
  return out;
}

Napi::Value fromTry(Napi::Env env, const Try<Nothing>& result)
{
  if (result.isError()) return errorRecord(env, "error", result.error());
  return record(env, "nothing");
}

template <typename M>
Napi::Value messageValue(Napi::Env env, const M& m)
{
  return fromMessage(env, m);
}

Napi::Value resourcesValue(Napi::Env env, const Resources& resources)
{
  Napi::Array array = Napi::Array::New(env);
  uint32_t i = 0;
  for (const mesos::Resource& resource : resources) {
    array.Set(i++, fromMessage(env, resource));
  }
  return array;
}

Napi::Value attributesValue(Napi::Env env, const Attributes& attributes)
{
  Napi::Array array = Napi::Array::New(env);
  uint32_t i = 0;
  for (const mesos::Attribute& attribute : attributes) {
    array.Set(i++, fromMessage(env, attribute));
  }
  return array;
}

Resources resourcesArg(const Napi::Object& args, const char* name)
{
  google::protobuf::RepeatedPtrField<mesos::Resource> field;
  toRepeated(args.Get(name), &field, name);
  return Resources(field);
}

} // namespace


Napi::Function HookInstance::Define(Napi::Env env)
{
  return DefineClass(env, "Hook", {
    InstanceMethod<&HookInstance::MasterLaunchTaskLabelDecorator>("masterLaunchTaskLabelDecorator"),
    InstanceMethod<&HookInstance::MasterLaunchTaskResourceDecorator>("masterLaunchTaskResourceDecorator"),
    InstanceMethod<&HookInstance::SlaveRunTaskLabelDecorator>("slaveRunTaskLabelDecorator"),
    InstanceMethod<&HookInstance::MasterSlaveLostHook>("masterSlaveLostHook"),
    InstanceMethod<&HookInstance::SlaveExecutorEnvironmentDecorator>("slaveExecutorEnvironmentDecorator"),
    InstanceMethod<&HookInstance::SlavePreLaunchDockerTaskExecutorDecorator>("slavePreLaunchDockerTaskExecutorDecorator"),
    InstanceMethod<&HookInstance::SlavePostFetchHook>("slavePostFetchHook"),
    InstanceMethod<&HookInstance::SlaveRemoveExecutorHook>("slaveRemoveExecutorHook"),
    InstanceMethod<&HookInstance::SlaveTaskStatusDecorator>("slaveTaskStatusDecorator"),
    InstanceMethod<&HookInstance::SlaveResourcesDecorator>("slaveResourcesDecorator"),
    InstanceMethod<&HookInstance::SlaveAttributesDecorator>("slaveAttributesDecorator"),
  });
}


Napi::Object HookInstance::Wrap(Napi::Env env, mesos::Hook* hook, const std::string& module)
{
  Napi::Object object = addonData(env).hook.New({});
  HookInstance* self = Unwrap(object);
  self->hook = hook;
  self->module = module;
  return object;
}


HookInstance::HookInstance(const Napi::CallbackInfo& info) : Napi::ObjectWrap<HookInstance>(info) {}


HookInstance::~HookInstance()
{
  // The library is never unloaded, so the hook's destructor is still there.
  delete hook;
}


Napi::Value HookInstance::MasterLaunchTaskLabelDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto taskInfo = message<mesos::TaskInfo>(args, "taskInfo");
    auto frameworkInfo = message<mesos::FrameworkInfo>(args, "frameworkInfo");
    auto slaveInfo = message<mesos::SlaveInfo>(args, "slaveInfo");
    return fromResult<mesos::Labels>(env,
        hook->masterLaunchTaskLabelDecorator(taskInfo, frameworkInfo, slaveInfo),
        messageValue<mesos::Labels>);
  });
}


Napi::Value HookInstance::MasterLaunchTaskResourceDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto task = message<mesos::TaskInfo>(args, "task");
    Resources slaveResources = resourcesArg(args, "slaveResources");
    return fromResult<Resources>(env,
        hook->masterLaunchTaskResourceDecorator(task, slaveResources),
        resourcesValue);
  });
}


Napi::Value HookInstance::SlaveRunTaskLabelDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto taskInfo = message<mesos::TaskInfo>(args, "taskInfo");
    auto executorInfo = message<mesos::ExecutorInfo>(args, "executorInfo");
    auto frameworkInfo = message<mesos::FrameworkInfo>(args, "frameworkInfo");
    auto slaveInfo = message<mesos::SlaveInfo>(args, "slaveInfo");
    return fromResult<mesos::Labels>(env,
        hook->slaveRunTaskLabelDecorator(taskInfo, executorInfo, frameworkInfo, slaveInfo),
        messageValue<mesos::Labels>);
  });
}


Napi::Value HookInstance::MasterSlaveLostHook(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto slaveInfo = message<mesos::SlaveInfo>(args, "slaveInfo");
    return fromTry(env, hook->masterSlaveLostHook(slaveInfo));
  });
}


Napi::Value HookInstance::SlaveExecutorEnvironmentDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto executorInfo = message<mesos::ExecutorInfo>(args, "executorInfo");
    return fromResult<mesos::Environment>(env,
        hook->slaveExecutorEnvironmentDecorator(executorInfo),
        messageValue<mesos::Environment>);
  });
}


Napi::Value HookInstance::SlavePreLaunchDockerTaskExecutorDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);

    Option<mesos::TaskInfo> taskInfo = None();
    Napi::Value task = args.Get("taskInfo");
    if (!task.IsUndefined() && !task.IsNull()) {
      taskInfo = message<mesos::TaskInfo>(args, "taskInfo");
    }
    auto executorInfo = message<mesos::ExecutorInfo>(args, "executorInfo");
    std::string containerName = text(args, "containerName");
    std::string containerWorkDirectory = text(args, "containerWorkDirectory");
    std::string mappedSandboxDirectory = text(args, "mappedSandboxDirectory");

    Option<std::map<std::string, std::string>> environment = None();
    Napi::Value envArg = args.Get("env");
    if (!envArg.IsUndefined() && !envArg.IsNull()) {
      if (!envArg.IsObject() || envArg.IsArray()) {
        throw ConvertError{"env", "expected an object of strings", {}};
      }
      std::map<std::string, std::string> map;
      Napi::Object object = envArg.As<Napi::Object>();
      Napi::Array keys = object.GetPropertyNames();
      for (uint32_t i = 0; i < keys.Length(); i++) {
        std::string key = keys.Get(i).ToString().Utf8Value();
        Napi::Value value = object.Get(key);
        if (!value.IsString()) {
          throw ConvertError{"env." + key, "expected a string", {}};
        }
        map[key] = value.As<Napi::String>().Utf8Value();
      }
      environment = map;
    }

    using Prepared = Option<DockerTaskExecutorPrepareInfo>;
    process::Future<Prepared> future = hook->slavePreLaunchDockerTaskExecutorDecorator(
        taskInfo, executorInfo, containerName, containerWorkDirectory,
        mappedSandboxDirectory, environment);

    return FutureBridge<Prepared>::settle(
        env,
        future,
        [](Napi::Env env, const process::Future<Prepared>& f) -> Napi::Value {
          if (f.isFailed()) return errorRecord(env, "failure", f.failure());
          if (f.isDiscarded()) return record(env, "discarded");
          if (f.get().isNone()) return record(env, "none");
          Napi::Object out = record(env, "some");
          out.Set("value", fromMessage(env, f.get().get()));
          return out;
        },
        Value());
  });
}


Napi::Value HookInstance::SlavePostFetchHook(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto containerId = message<mesos::ContainerID>(args, "containerId");
    std::string directory = text(args, "directory");
    return fromTry(env, hook->slavePostFetchHook(containerId, directory));
  });
}


Napi::Value HookInstance::SlaveRemoveExecutorHook(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto frameworkInfo = message<mesos::FrameworkInfo>(args, "frameworkInfo");
    auto executorInfo = message<mesos::ExecutorInfo>(args, "executorInfo");
    return fromTry(env, hook->slaveRemoveExecutorHook(frameworkInfo, executorInfo));
  });
}


Napi::Value HookInstance::SlaveTaskStatusDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto frameworkId = message<mesos::FrameworkID>(args, "frameworkId");
    auto status = message<mesos::TaskStatus>(args, "status");
    return fromResult<mesos::TaskStatus>(env,
        hook->slaveTaskStatusDecorator(frameworkId, status),
        messageValue<mesos::TaskStatus>);
  });
}


Napi::Value HookInstance::SlaveResourcesDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto slaveInfo = message<mesos::SlaveInfo>(args, "slaveInfo");
    return fromResult<Resources>(env, hook->slaveResourcesDecorator(slaveInfo), resourcesValue);
  });
}


Napi::Value HookInstance::SlaveAttributesDecorator(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    Napi::Object args = argsOf(info);
    auto slaveInfo = message<mesos::SlaveInfo>(args, "slaveInfo");
    return fromResult<Attributes>(env, hook->slaveAttributesDecorator(slaveInfo), attributesValue);
  });
}

} // namespace mesos_modules
