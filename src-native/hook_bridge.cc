#include "hook_bridge.h"

#include <cstring>

#include <map>
#include <memory>
#include <mutex>
#include <typeinfo>
#include <vector>


#include "addon.h"
#include "common/records.h"
#include "crash_report.h"
#include "hook_lock.h"
#include "own_thread.h"
#include "hook_methods.h"
#include "wire.h"
#include "wire_js.h"
#include "errors.h"

using mesos::Attributes;
using mesos::DockerTaskExecutorPrepareInfo;
using mesos::Resources;

namespace mesos_modules {

namespace {

// The compact results (lib/native.ts NATIVE_NONE, NATIVE_NOTHING); a Some
// is its length.
constexpr double kNone = -1;
constexpr double kNothing = -2;

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

// Adds the log lines captured so far to a result: [result, severity, file,
// line, message, ...] (an array costs far less to fill through Node-API
// than named properties on a fresh object).
Napi::Value withLogs(Napi::Env env, Napi::Value result, const std::shared_ptr<LogCapture>& capture)
{
  // Nothing to add when nothing was logged (the common case).
  std::vector<LogLine> lines = capture->take();
  if (lines.empty() || result.IsPromise()) {
    return result;
  }
  if (result.IsArray()) {
    Napi::Array out = result.As<Napi::Array>(); // Lines already added: append.
    appendLogs(env, out, out.Length(), lines);
    return out;
  }
  Napi::Array out = Napi::Array::New(env, 1 + lines.size() * 4); // Sized once.
  out.Set(0u, result);
  appendLogs(env, out, 1, lines);
  return out;
}

// Runs the virtual call; a C++ exception escaping the hook becomes an
// 'exception' record instead of unwinding into node.
Finish guardedInvoke(const Invoke& invoke)
{
  try {
    return invoke();
  } catch (const std::exception& e) {
    std::string message = e.what();
    std::string type = demangle(typeid(e).name());
    return [message, type](Napi::Env env, Napi::Object, std::shared_ptr<LogCapture>, std::shared_ptr<CallState>) -> Napi::Value {
      Napi::Object out = errorRecord(env, "exception", message);
      out.Set("type", type);
      return out;
    };
  } catch (...) {
    return [](Napi::Env env, Napi::Object, std::shared_ptr<LogCapture>, std::shared_ptr<CallState>) -> Napi::Value {
      Napi::Object out = errorRecord(env, "exception", "a non-standard C++ exception");
      out.Set("type", "unknown");
      return out;
    };
  }
}

// The value of parameter `number` (from 1), or an error naming it.
const Span& argument(const Fields& args, int number, const char* name, const char* what)
{
  const Span* value = args.find(number);
  if (value == nullptr) {
    throw ConvertError{name, std::string("missing argument (") + what + ")", {}};
  }
  return *value;
}

// Argument messages are reused from call to call: parsing into a message
// that held the previous call's argument keeps its sub-messages and string
// buffers, so a call of the usual shape allocates next to nothing. A pool
// per type keeps a few idle messages; a call leases what it needs and gives
// it back when its Invoke is destroyed (on whichever thread).
template <typename T>
class Pool
{
public:
  static T* take()
  {
    {
      std::lock_guard<std::mutex> lock(mutex());
      std::vector<T*>& idle = pool();
      if (!idle.empty()) {
        T* t = idle.back();
        idle.pop_back();
        return t;
      }
    }
    return make();
  }

  // A message that held a large argument is not kept: the pool would hold
  // on to its memory for good.
  static void give(void* p, size_t bytes)
  {
    T* t = static_cast<T*>(p);
    if (bytes > 64 * 1024) {
      delete t;
      return;
    }
    std::lock_guard<std::mutex> lock(mutex());
    std::vector<T*>& idle = pool();
    if (idle.size() < 8) {
      idle.push_back(t);
    } else {
      delete t;
    }
  }

private:
  static T* make();

  // Leaked on purpose, like the hook library: never torn down at exit while
  // another thread may still give back.
  static std::mutex& mutex()
  {
    static std::mutex* m = new std::mutex();
    return *m;
  }

  static std::vector<T*>& pool()
  {
    static std::vector<T*>* p = new std::vector<T*>();
    return *p;
  }
};

template <typename T>
T* Pool<T>::make()
{
  return new T();
}

// An Option<TaskInfo> stays Some in the pool: its TaskInfo is reused.
template <>
Option<mesos::TaskInfo>* Pool<Option<mesos::TaskInfo>>::make()
{
  return new Option<mesos::TaskInfo>(mesos::TaskInfo());
}

// What one call leased, given back with it.
struct CallLeases
{
  CallLeases() = default;
  CallLeases(const CallLeases&) = delete;
  CallLeases& operator=(const CallLeases&) = delete;

  ~CallLeases()
  {
    for (size_t i = 0; i < count; i++) {
      leases[i].give(leases[i].object, leases[i].bytes);
    }
  }

  // A pooled T for an argument of `bytes` on the wire.
  template <typename T>
  T* lease(size_t bytes)
  {
    T* t = Pool<T>::take();
    leases[count++] = {t, &Pool<T>::give, bytes}; // At most six arguments per method.
    return t;
  }

  struct Lease
  {
    void* object;
    void (*give)(void*, size_t);
    size_t bytes;
  };
  Lease leases[8];
  size_t count = 0;
};

// The agent hands hooks resources in the post-reservation-refinement
// format (the master converts what frameworks send: a `role` becomes a
// reservation), and Resources CHECK-fails on the deprecated fields. Inputs
// given with `role`/`reservation` are converted the same way here.
// Reading and clearing the deprecated fields is the point here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
void agentFormat(
    google::protobuf::RepeatedPtrField<mesos::Resource>* resources,
    const std::string& base,
    const char* field = "")
{
  for (int i = 0; i < resources->size(); i++) {
    mesos::Resource* resource = resources->Mutable(i);
    if (resource->reservations_size() > 0) {
      resource->clear_role();
      resource->clear_reservation();
      continue;
    }
    if (resource->role() == "*") {
      if (resource->has_reservation()) {
        throw ConvertError{base + field + "[" + std::to_string(i) + "].reservation",
                           "a reservation needs a role other than '*'", {}};
      }
      resource->clear_role();
      continue;
    }
    mesos::Resource::ReservationInfo* reservation = resource->add_reservations();
    if (resource->has_reservation()) {
      reservation->CopyFrom(resource->reservation());
      reservation->set_type(mesos::Resource::ReservationInfo::DYNAMIC);
      resource->clear_reservation();
    } else {
      reservation->set_type(mesos::Resource::ReservationInfo::STATIC);
    }
    reservation->set_role(resource->role());
    resource->clear_role();
  }
}

#pragma GCC diagnostic pop

void agentFormat(mesos::TaskInfo* task, const std::string& path)
{
  agentFormat(task->mutable_resources(), path, ".resources");
  if (task->has_executor()) {
    agentFormat(task->mutable_executor()->mutable_resources(), path, ".executor.resources");
  }
}

void agentFormat(mesos::ExecutorInfo* executor, const std::string& path)
{
  agentFormat(executor->mutable_resources(), path, ".resources");
}

void agentFormat(mesos::SlaveInfo* agent, const std::string& path)
{
  agentFormat(agent->mutable_resources(), path, ".resources");
}

void agentFormat(google::protobuf::Message*, const std::string&) {}

template <typename M>
M* message(CallLeases& leases, const Fields& args, int number, const char* name)
{
  const Span& span = argument(args, number, name, M::descriptor()->full_name().c_str());
  M* m = leases.lease<M>(span.size);
  parseMessage(span, m, name);
  agentFormat(m, name);
  return m;
}

std::string text(const Fields& args, int number, const char* name)
{
  return argument(args, number, name, "a string").text();
}

Resources resourcesArg(const Fields& args, int number, const char* name)
{
  google::protobuf::RepeatedPtrField<mesos::Resource> field;
  std::vector<Span> spans = args.all(number);
  for (size_t i = 0; i < spans.size(); i++) {
    parseMessage(spans[i], field.Add(), std::string(name) + "[" + std::to_string(i) + "]");
  }
  agentFormat(&field, name);
  return Resources(field);
}

// Results: a message's bytes, or a list's as elements of field 1. A
// synchronous result is written into the caller's buffer when it fits and
// returned as its length (kNone, kNothing for the others), the common case
// costing no JS object; otherwise a record {kind, bytes}.
Napi::Value someValue(Napi::Env env, const std::shared_ptr<CallState>& state, const std::string& bytes)
{
  if (state && state->out != nullptr && bytes.size() <= state->outCapacity) {
    std::memcpy(state->out, bytes.data(), bytes.size());
    return Napi::Number::New(env, static_cast<double>(bytes.size()));
  }
  Napi::Object out = record(env, "some");
  out.Set("bytes", Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  return out;
}

template <typename Collection>
void serializeList(std::string* out, const Collection& items)
{
  for (const auto& item : items) {
    appendElement(out, item);
  }
}

void serializeResources(std::string* out, const Resources& resources)
{
  serializeList(out, resources);
}

void serializeAttributes(std::string* out, const Attributes& attributes)
{
  serializeList(out, attributes);
}

template <typename M>
void serializeMessage(std::string* out, const M& m)
{
  appendMessage(out, m);
}

// Result<T> → record; `some` converts the value.
template <typename T>
Finish fromResult(Result<T> result, void (*serialize)(std::string*, const T&))
{
  return [result = std::move(result), serialize](Napi::Env env, Napi::Object, std::shared_ptr<LogCapture>, std::shared_ptr<CallState> state) -> Napi::Value {
    if (result.isError()) return errorRecord(env, "error", result.error());
    if (result.isNone()) return Napi::Number::New(env, kNone);
    std::string bytes;
    serialize(&bytes, result.get());
    return someValue(env, state, bytes);
  };
}

Finish fromTry(Try<Nothing> result)
{
  return [result](Napi::Env env, Napi::Object, std::shared_ptr<LogCapture>, std::shared_ptr<CallState>) -> Napi::Value {
    if (result.isError()) return errorRecord(env, "error", result.error());
    return Napi::Number::New(env, kNothing);
  };
}

// Future<Option<T>> → record now, or a Promise of one.
template <typename T>
Finish fromFuture(process::Future<Option<T>> future)
{
  return [future](Napi::Env env, Napi::Object hook, std::shared_ptr<LogCapture> capture, std::shared_ptr<CallState> state) -> Napi::Value {
    return FutureBridge<Option<T>>::settle(
        env,
        future,
        [capture, state](Napi::Env env, const process::Future<Option<T>>& f) -> Napi::Value {
          Napi::Value out;
          if (f.isFailed()) {
            out = errorRecord(env, "failure", f.failure());
          } else if (f.isDiscarded()) {
            out = record(env, "discarded");
          } else if (f.get().isNone()) {
            out = Napi::Number::New(env, kNone);
          } else {
            std::string bytes;
            appendMessage(&bytes, f.get().get());
            out = someValue(env, state, bytes);
          }
          return withLogs(env, out, capture);
        },
        hook,
        capture,
        state);
  };
}

// --- One preparation per Hook method: convert the arguments (JS thread),
// --- return the call (any thread).

Invoke masterLaunchTaskLabelDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* taskInfo = message<mesos::TaskInfo>(*leases, args, 1, "taskInfo");
  auto* frameworkInfo = message<mesos::FrameworkInfo>(*leases, args, 2, "frameworkInfo");
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 3, "slaveInfo");
  return [hook, leases, taskInfo, frameworkInfo, slaveInfo]() {
    return fromResult<mesos::Labels>(
        hook->masterLaunchTaskLabelDecorator(*taskInfo, *frameworkInfo, *slaveInfo), serializeMessage<mesos::Labels>);
  };
}

Invoke masterLaunchTaskResourceDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* task = message<mesos::TaskInfo>(*leases, args, 1, "task");
  Resources slaveResources = resourcesArg(args, 2, "slaveResources");
  return [hook, leases, task, slaveResources = std::move(slaveResources)]() {
    return fromResult<Resources>(hook->masterLaunchTaskResourceDecorator(*task, slaveResources), serializeResources);
  };
}

Invoke slaveRunTaskLabelDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* taskInfo = message<mesos::TaskInfo>(*leases, args, 1, "taskInfo");
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 2, "executorInfo");
  auto* frameworkInfo = message<mesos::FrameworkInfo>(*leases, args, 3, "frameworkInfo");
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 4, "slaveInfo");
  return [hook, leases, taskInfo, executorInfo, frameworkInfo, slaveInfo]() {
    return fromResult<mesos::Labels>(
        hook->slaveRunTaskLabelDecorator(*taskInfo, *executorInfo, *frameworkInfo, *slaveInfo), serializeMessage<mesos::Labels>);
  };
}

Invoke masterSlaveLostHook(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 1, "slaveInfo");
  return [hook, leases, slaveInfo]() { return fromTry(hook->masterSlaveLostHook(*slaveInfo)); };
}

Invoke slaveExecutorEnvironmentDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 1, "executorInfo");
  return [hook, leases, executorInfo]() {
    return fromResult<mesos::Environment>(
        hook->slaveExecutorEnvironmentDecorator(*executorInfo), serializeMessage<mesos::Environment>);
  };
}

Invoke slavePreLaunchDockerTaskExecutorDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  // An Option holds its TaskInfo by value: read straight into it.
  static const Option<mesos::TaskInfo>* none = new Option<mesos::TaskInfo>(None());
  const Option<mesos::TaskInfo>* taskInfo = none;
  if (args.find(1) != nullptr) {
    Option<mesos::TaskInfo>* some = leases->lease<Option<mesos::TaskInfo>>(args.find(1)->size);
    parseMessage(*args.find(1), &some->get(), "taskInfo");
    agentFormat(&some->get(), "taskInfo");
    taskInfo = some;
  }
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 2, "executorInfo");
  std::string containerName = text(args, 3, "containerName");
  std::string containerWorkDirectory = text(args, 4, "containerWorkDirectory");
  std::string mappedSandboxDirectory = text(args, 5, "mappedSandboxDirectory");

  // The environment map: one entry (key = 1, value = 2) per field 6.
  Option<std::map<std::string, std::string>> environment = None();
  if (args.find(6) != nullptr) {
    std::map<std::string, std::string> map;
    for (const Span& span : args.all(6)) {
      mesos::Parameter entry; // The same two string fields as a map entry.
      parseMessage(span, &entry, "env");
      map[entry.key()] = entry.value();
    }
    environment = std::move(map);
  }

  return [hook, leases, taskInfo, executorInfo, containerName = std::move(containerName), containerWorkDirectory = std::move(containerWorkDirectory), mappedSandboxDirectory = std::move(mappedSandboxDirectory), environment = std::move(environment)]() {
    return fromFuture<DockerTaskExecutorPrepareInfo>(hook->slavePreLaunchDockerTaskExecutorDecorator(
        *taskInfo, *executorInfo, containerName, containerWorkDirectory, mappedSandboxDirectory, environment));
  };
}

Invoke slavePostFetchHook(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* containerId = message<mesos::ContainerID>(*leases, args, 1, "containerId");
  std::string directory = text(args, 2, "directory");
  return [hook, leases, containerId, directory = std::move(directory)]() { return fromTry(hook->slavePostFetchHook(*containerId, directory)); };
}

Invoke slaveRemoveExecutorHook(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* frameworkInfo = message<mesos::FrameworkInfo>(*leases, args, 1, "frameworkInfo");
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 2, "executorInfo");
  return [hook, leases, frameworkInfo, executorInfo]() { return fromTry(hook->slaveRemoveExecutorHook(*frameworkInfo, *executorInfo)); };
}

Invoke slaveTaskStatusDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* frameworkId = message<mesos::FrameworkID>(*leases, args, 1, "frameworkId");
  auto* status = message<mesos::TaskStatus>(*leases, args, 2, "status");
  return [hook, leases, frameworkId, status]() {
    return fromResult<mesos::TaskStatus>(
        hook->slaveTaskStatusDecorator(*frameworkId, *status), serializeMessage<mesos::TaskStatus>);
  };
}

Invoke slaveResourcesDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 1, "slaveInfo");
  return [hook, leases, slaveInfo]() { return fromResult<Resources>(hook->slaveResourcesDecorator(*slaveInfo), serializeResources); };
}

Invoke slaveAttributesDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 1, "slaveInfo");
  return [hook, leases, slaveInfo]() { return fromResult<Attributes>(hook->slaveAttributesDecorator(*slaveInfo), serializeAttributes); };
}


// A call run on a thread of its own (own_thread.h), for hooks that block,
// and for calls that find the hook lock taken: they wait for it there, never
// on the JS thread, until they get it or their timeout abandons the wait.
struct OffThreadCall
{
  Napi::Promise::Deferred deferred;
  napi_ref hook = nullptr; // The Hook object stays alive while its call runs.
  const std::string* module = nullptr; // Owned by the hook.
  const char* method = nullptr;
  Invoke invoke;
  Finish finish;
  std::shared_ptr<LogCapture> capture;
  std::shared_ptr<CallState> state;
  std::shared_ptr<mesos::Hook> keep; // The C++ hook outlives its call.
  CallTicket ticket; // The work thread's copy: state->ticket is the JS thread's.
  bool abandoned = false;

  explicit OffThreadCall(Napi::Env env) : deferred(Napi::Promise::Deferred::New(env)) {}

  // On the call's own thread.
  void run()
  {
    ticket.phase(CallPhase::WAITING_LOCK);
    if (!hookLock().acquire(module, method, state->wait)) {
      abandoned = true; // The caller has given up (its timeout).
      return;
    }
    ticket.running();
    {
      ScopedCapture scope(capture);
      finish = guardedInvoke(invoke);
    }
    hookLock().release();
    ticket.phase(CallPhase::RETURNED);
  }

  // Back on the JS thread.
  void settle(Napi::Env env)
  {
    napi_value object = nullptr;
    napi_get_reference_value(env, hook, &object);
    napi_delete_reference(env, hook);
    hook = nullptr;
    try {
      if (abandoned || object == nullptr) {
        Napi::Object out = Napi::Object::New(env);
        out.Set("kind", "cancelled");
        deferred.Resolve(out);
      } else {
        Napi::Value result = finish(env, Napi::Object(env, object), capture, state);
        deferred.Resolve(withLogs(env, result, capture));
      }
    } catch (const Napi::Error& e) {
      deferred.Reject(e.Value());
    }
    state->ticket.end(); // Unless a pending future took it over.
  }
};

// The sites of the report and the lock, one per method (hook_methods.h).
#define MESOS_MODULES_HOOK_SITE(method, returns, result, ...) \
  const CallSite kSite_##method = makeCallSite(#method, {__VA_ARGS__});
MESOS_MODULES_HOOK_METHODS(MESOS_MODULES_HOOK_SITE)
#undef MESOS_MODULES_HOOK_SITE

} // namespace


// call(buffer, length, offThread): the arguments are buffer[0, length), as
// lib/wire/encode.ts wrote them; a synchronous result goes back into buffer.
template <Invoke (*Prepare)(mesos::Hook*, const Fields&), const CallSite* Site>
Napi::Value HookInstance::Call(const Napi::CallbackInfo& info)
{
  Napi::Env env = info.Env();
  napi_typedarray_type type;
  size_t capacity = 0;
  void* data = nullptr;
  if (info.Length() < 3 ||
      napi_get_typedarray_info(env, info[0], &type, &capacity, &data, nullptr, nullptr) != napi_ok ||
      type != napi_uint8_array || !info[1].IsNumber()) {
    throw makeError(env, ErrorCode::INTERNAL, "a hook method takes (Uint8Array, length, offThread)");
  }
  int64_t length = info[1].As<Napi::Number>().Int64Value();
  if (length < 0 || static_cast<uint64_t>(length) > capacity) {
    throw makeError(env, ErrorCode::INTERNAL, "argument length out of the buffer");
  }
  bool offThread = info[2].ToBoolean().Value();
  auto* bytes = static_cast<uint8_t*>(data);

  Invoke invoke;
  auto state = std::make_shared<CallState>();
  try {
    Fields fields(bytes, static_cast<size_t>(length), "");
    invoke = Prepare(hook.get(), fields);
    state->ticket = CallTicket::begin(module, *Site, fields);
  } catch (const ConvertError& e) {
    throw convertErrorToJs(env, e);
  }

  auto capture = std::make_shared<LogCapture>();
  // Made only for calls that return a promise (most calls do not). Returns
  // {module, method, heldMs} when the call was still waiting for the hook
  // lock (and gives up that wait), 'running' when it runs off the JS thread,
  // else undefined.
  auto cancel = [env, state]() {
    return Napi::Function::New(env, [state](const Napi::CallbackInfo& info) -> Napi::Value {
      Napi::Env env = info.Env();
      state->cancelled = true;
      // A call left running must not keep the event loop (and node) alive.
      if (std::shared_ptr<OwnThread> thread = state->thread.lock()) {
        thread->detachFromLoop(env);
      }
      if (state->cancelFuture) {
        state->cancelFuture();
        state->cancelFuture = nullptr;
        return env.Undefined();
      }
      std::string module;
      std::string method;
      double heldMs = 0;
      bool held = false;
      if (!hookLock().abandon(state->wait, &module, &method, &heldMs, &held)) {
        return Napi::String::New(env, "running");
      }
      if (!held) return env.Undefined();
      Napi::Object holder = Napi::Object::New(env);
      holder.Set("module", module);
      holder.Set("method", method);
      holder.Set("heldMs", heldMs);
      return holder;
    });
  };

  // The JS thread never waits for the lock: a call that finds it taken (an
  // earlier call still running off the JS thread) waits on a pool thread.
  if (!offThread && !hookLock().tryAcquire(&module, Site->method)) {
    offThread = true;
  }
  if (offThread) {
    auto call = std::make_shared<OffThreadCall>(env);
    NAPI_THROW_IF_FAILED(env, napi_create_reference(env, Value(), 1, &call->hook), Napi::Value());
    call->module = &module;
    call->method = Site->method;
    call->invoke = std::move(invoke);
    call->capture = capture;
    call->state = state;
    call->keep = hook;
    call->ticket = state->ticket;
    state->ticket.phase(CallPhase::QUEUED);
    Napi::Promise promise = call->deferred.Promise();
    promise.Set("cancel", cancel());
    try {
      state->thread = OwnThread::start(
          env,
          [call] { call->run(); },
          [call](Napi::Env env) { call->settle(env); },
          [call] { call->ticket.end(); });
    } catch (...) {
      napi_delete_reference(env, call->hook);
      state->ticket.end();
      throw;
    }
    return promise;
  }

  Finish finish;
  {
    ScopedCapture scope(capture);
    finish = guardedInvoke(invoke);
  }
  hookLock().release();
  // The arguments were read: their buffer takes the result.
  state->out = bytes;
  state->outCapacity = capacity;
  Napi::Value result = finish(env, Value(), capture, state);
  state->out = nullptr;
  state->ticket.end(); // Unless a pending future took it over.
  if (result.IsPromise()) {
    result.As<Napi::Object>().Set("cancel", cancel());
    return result;
  }
  return withLogs(env, result, capture);
}


Napi::Function HookInstance::Define(Napi::Env env)
{
  installLogSink();
  Napi::Function constructor = defineGuardedClass<HookInstance>(env, "Hook");
#define MESOS_MODULES_HOOK_DEFINE(method, ...) \
  guardedMethod<HookInstance, &HookInstance::Call<method, &kSite_##method>>(env, constructor, #method);
  MESOS_MODULES_HOOK_METHODS(MESOS_MODULES_HOOK_DEFINE)
#undef MESOS_MODULES_HOOK_DEFINE
  return constructor;
}


Napi::Object HookInstance::Wrap(Napi::Env env, mesos::Hook* hook, const std::string& module)
{
  Napi::Object object = addonData(env).hook.New({constructionToken(env)});
  HookInstance* self = Unwrap(object);
  self->hook.reset(hook);
  self->module = module;
  return object;
}


// Made by ModuleRecord::CreateHook only (with the construction token).
HookInstance::HookInstance(const Napi::CallbackInfo& info) : Napi::ObjectWrap<HookInstance>(info)
{
  if (!hasConstructionToken(info)) {
    throw Napi::TypeError::New(info.Env(), "Illegal constructor: hooks come from ModuleRecord.createHook()");
  }
  tagObject(info.Env(), info.This().As<Napi::Object>(), kTag);
}


Napi::Value hookSignatures(Napi::Env env)
{
  Napi::Array out = Napi::Array::New(env);
  uint32_t index = 0;
#define MESOS_MODULES_HOOK_SIGNATURE(method, returns, result, ...)      \
  {                                                                     \
    Napi::Object entry = Napi::Object::New(env);                        \
    entry.Set("name", #method);                                         \
    entry.Set("returns", returns);                                      \
    entry.Set("result", result);                                        \
    const char* const arguments[] = {__VA_ARGS__};                      \
    Napi::Array list = Napi::Array::New(env);                           \
    for (uint32_t i = 0; i < sizeof(arguments) / sizeof(arguments[0]); i++) { \
      list.Set(i, arguments[i]);                                        \
    }                                                                   \
    entry.Set("arguments", list);                                       \
    out.Set(index++, entry);                                            \
  }
  MESOS_MODULES_HOOK_METHODS(MESOS_MODULES_HOOK_SIGNATURE)
#undef MESOS_MODULES_HOOK_SIGNATURE
  return out;
}


HookInstance::~HookInstance() = default; // The library is never unloaded: the hook's destructor is still there.

} // namespace mesos_modules
