// One mesos::Hook method call without Node-API, shared by the addon
// (hook_bridge.cc turns an Outcome into JS) and the native child (which
// writes it as a frame): the arguments are read from the call's wire bytes
// (wire.h) by the method's Prepare, which returns the call (Invoke); the call
// produces an Outcome, either settled or pending on the hook's future.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <mesos/hook.hpp>

#include "crash_report.h"
#include "hook_methods.h"
#include "wire.h"

namespace mesos_modules {

// The compact results (lib/native.ts NATIVE_NONE, NATIVE_NOTHING).
constexpr int32_t kNone = -1;
constexpr int32_t kNothing = -2;

class PendingOutcome;

// What a hook call produced. The kinds are numbered as on the child's wire
// (lib/isolate-protocol.ts decodeSettled); PENDING is the call's future
// still waiting, never sent.
struct Outcome
{
  enum Kind : uint8_t
  {
    NUMBER = 0,    // `number`: kNone or kNothing
    SOME = 1,      // `bytes`: the value serialized (a list as elements of field 1)
    ERROR = 2,     // `message`: Result/Try error
    FAILURE = 3,   // `message`: the future failed
    DISCARDED = 4, // the future was discarded
    EXCEPTION = 5, // `message` and `type`: a C++ exception escaped the hook
    CANCELLED = 6, // the caller stopped waiting before the call ran
    PENDING = 7,   // `pending`: the future has not completed yet
  };

  Kind kind = NUMBER;
  int32_t number = 0;
  std::string bytes;
  std::string message;
  std::string type;
  std::shared_ptr<PendingOutcome> pending;

  static Outcome none() { return numbered(kNone); }
  static Outcome nothing() { return numbered(kNothing); }
  static Outcome numbered(int32_t value)
  {
    Outcome out;
    out.number = value;
    return out;
  }
  static Outcome of(Kind kind, std::string message = std::string())
  {
    Outcome out;
    out.kind = kind;
    out.message = std::move(message);
    return out;
  }
};

// A hook's future that was still pending when its method returned.
class PendingOutcome
{
public:
  virtual ~PendingOutcome() = default;

  // Calls `done` once with the settled outcome when the future completes:
  // right here when it already has, else on the thread that completes it.
  // Nobody ever blocks on the future. To stop waiting, the caller makes its
  // `done` do nothing (the future itself is left alone, as the agent's
  // HookManager leaves a hook's future it no longer waits for).
  virtual void onSettled(std::function<void(Outcome)> done) = 0;

  // True, with the outcome in `*out`, when the future has completed since.
  virtual bool poll(Outcome* out) = 0;
};

// The hook call itself, with its arguments already converted: safe to run on
// any thread. May throw what the hook throws (see guardedInvoke).
using Invoke = std::function<Outcome()>;

// Reads a method's arguments from `args`; throws ConvertError.
using Prepare = Invoke (*)(mesos::Hook* hook, const Fields& args);

// Runs the call; a C++ exception escaping the hook becomes an EXCEPTION
// outcome (message and demangled type).
Outcome guardedInvoke(const Invoke& invoke);

class LogCapture; // logs.h

// Runs a call that holds the hook lock (hook_lock.h): guardedInvoke with the
// call's glog lines going to `capture`, then releases the lock.
Outcome invokeHoldingLock(const Invoke& invoke, const std::shared_ptr<LogCapture>& capture);

// One Prepare per Hook method (hook_methods.h), and the sites of the crash
// report and the hook lock.
namespace prepare {
#define MESOS_MODULES_HOOK_PREPARE(method, ...) Invoke method(mesos::Hook* hook, const Fields& args);
MESOS_MODULES_HOOK_METHODS(MESOS_MODULES_HOOK_PREPARE)
#undef MESOS_MODULES_HOOK_PREPARE
} // namespace prepare

namespace sites {
#define MESOS_MODULES_HOOK_SITE(method, ...) extern const CallSite method;
MESOS_MODULES_HOOK_METHODS(MESOS_MODULES_HOOK_SITE)
#undef MESOS_MODULES_HOOK_SITE
} // namespace sites

// The methods in hook_methods.h order (the child's method index).
struct HookMethod
{
  const char* name;
  Prepare prepare;
  const CallSite* site;
};

// The method at `index`, or nullptr past the last.
const HookMethod* hookMethod(size_t index);

} // namespace mesos_modules
