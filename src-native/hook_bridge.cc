#include "hook_bridge.h"

#include <cstring>

#include <map>
#include <memory>
#include <mutex>
#include <typeinfo>
#include <vector>


#include "addon.h"
#include "common/crash_report.h"
#include "common/hook_lock.h"
#include "common/hook_methods.h"
#include "common/records.h"
#include "common/wire.h"
#include "errors.h"
#include "logs_js.h"
#include "own_thread.h"
#include "wire_js.h"

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

// An outcome that is no longer pending, as JS.
Napi::Value settledValue(Napi::Env env, const Outcome& outcome, const std::shared_ptr<CallState>& state)
{
  switch (outcome.kind) {
    case Outcome::NUMBER:
      return Napi::Number::New(env, outcome.number);
    case Outcome::SOME:
      return someValue(env, state, outcome.bytes);
    case Outcome::ERROR:
      return errorRecord(env, "error", outcome.message);
    case Outcome::FAILURE:
      return errorRecord(env, "failure", outcome.message);
    case Outcome::DISCARDED:
      return record(env, "discarded");
    case Outcome::EXCEPTION: {
      Napi::Object out = errorRecord(env, "exception", outcome.message);
      out.Set("type", outcome.type);
      return out;
    }
    case Outcome::CANCELLED:
    case Outcome::PENDING:
      break;
  }
  return record(env, "cancelled");
}

// A call's outcome as JS: a pending one becomes a Promise (with the call's
// log lines when it settles), `hook` staying alive until then.
Napi::Value outcomeValue(
    Napi::Env env,
    Outcome& outcome,
    Napi::Object hook,
    const std::shared_ptr<LogCapture>& capture,
    const std::shared_ptr<CallState>& state)
{
  if (outcome.kind != Outcome::PENDING) {
    return settledValue(env, outcome, state);
  }
  return FutureBridge::settle(
      env,
      outcome.pending,
      [capture, state](Napi::Env env, Outcome& settled) -> Napi::Value {
        return withLogs(env, settledValue(env, settled, state), capture);
      },
      hook,
      capture,
      state);
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
  Outcome outcome;
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
    outcome = invokeHoldingLock(invoke, capture);
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
        Napi::Value result = outcomeValue(env, outcome, Napi::Object(env, object), capture, state);
        deferred.Resolve(withLogs(env, result, capture));
      }
    } catch (const Napi::Error& e) {
      deferred.Reject(e.Value());
    }
    state->ticket.end(); // Unless a pending future took it over.
  }
};

} // namespace


// call(buffer, length, offThread): the arguments are buffer[0, length), as
// lib/wire/encode.ts wrote them; a synchronous result goes back into buffer.
template <Prepare P, const CallSite* Site>
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
    invoke = P(hook.get(), fields);
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

  Outcome outcome = invokeHoldingLock(invoke, capture);
  // The arguments were read: their buffer takes the result.
  state->out = bytes;
  state->outCapacity = capacity;
  Napi::Value result = outcomeValue(env, outcome, Value(), capture, state);
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
  guardedMethod<HookInstance, &HookInstance::Call<&prepare::method, &sites::method>>(env, constructor, #method);
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
