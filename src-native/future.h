// A pending hook future (common/hook_call.h PendingOutcome) -> JS Promise. A
// future that has completed meanwhile becomes a result at once; a pending one
// is told to hand its outcome to the JS thread through a thread-safe
// function, whatever thread completes it. No thread ever blocks waiting for a
// hook's future.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include <napi.h>

#include "common/crash_report.h"
#include "common/hook_call.h"
#include "common/hook_lock.h"
#include "common/logs.h"

namespace mesos_modules {

class OwnThread; // own_thread.h

// One hook call, as seen from the JS thread: cancelled by a timeout, and how
// to stop waiting for its future once one exists.
struct CallState
{
  bool cancelled = false;
  std::function<void()> cancelFuture;
  // While a call completes synchronously: the caller's buffer, which takes
  // the result's bytes when they fit.
  uint8_t* out = nullptr;
  size_t outCapacity = 0;
  // The call's line in the crash report, ended with the call (or handed to
  // the future's bridge while it is pending).
  CallTicket ticket;
  // An off-thread call's wait for the hook lock, and its thread.
  LockWait wait;
  std::weak_ptr<OwnThread> thread;
};

// Shared by the JS thread, the completing thread and the thread-safe
// function's finalizer. `alive` is cleared when the environment goes away
// (e.g. a terminated worker); `done` once the result was queued or the wait
// cancelled. Completing threads touch nothing else after either.
struct Liveness
{
  std::mutex mutex;
  bool alive = true;
  bool done = false;
  // The call's crash-report line while its future is pending (JS thread only).
  CallTicket ticket;
};

class FutureBridge
{
public:
  // The settled outcome as the call's JS result (JS thread).
  using ToValue = std::function<Napi::Value(Napi::Env, Outcome&)>;

  // Returns a result, or a Promise of one while `pending` is. `keepAlive`
  // (the hook object) stays referenced until then; log lines from other
  // threads meanwhile go to `capture`.
  static Napi::Value settle(
      Napi::Env env,
      const std::shared_ptr<PendingOutcome>& pending,
      ToValue toValue,
      Napi::Object keepAlive,
      std::shared_ptr<LogCapture> capture,
      std::shared_ptr<CallState> state)
  {
    Outcome now;
    if (pending->poll(&now)) {
      return toValue(env, now);
    }
    if (state->cancelled) {
      Napi::Object out = Napi::Object::New(env);
      out.Set("kind", "cancelled");
      return out;
    }

    auto* bridge = new FutureBridge(env, std::move(toValue), keepAlive, capture);
    Napi::Promise promise = bridge->deferred.Promise();
    std::shared_ptr<Liveness> liveness = bridge->liveness;
    liveness->ticket = state->ticket;
    state->ticket = CallTicket();
    liveness->ticket.phase(CallPhase::WAITING_FUTURE);
    registerPending(capture);

    bridge->tsfn = Tsfn::New(
        env, "mesos-modules:hook-future", 0, 1, bridge,
        [](Napi::Env, std::shared_ptr<Liveness>* l, FutureBridge*) {
          {
            std::lock_guard<std::mutex> lock((*l)->mutex);
            (*l)->alive = false;
          }
          (*l)->ticket.end();
          delete l;
        },
        new std::shared_ptr<Liveness>(liveness));

    Tsfn tsfn = bridge->tsfn;

    // Stop waiting (a timeout): release the thread-safe function so the
    // event loop can end, unless the result is already on its way.
    state->cancelFuture = [tsfn, liveness, bridge, capture]() mutable {
      {
        std::lock_guard<std::mutex> lock(liveness->mutex);
        if (liveness->done) {
          return;
        }
        liveness->done = true;
      }
      unregisterPending(capture);
      liveness->ticket.end();
      tsfn.Release();
      delete bridge;
    };

    // May run right here (if the future completed meanwhile) or on any
    // other thread later.
    pending->onSettled([tsfn, liveness, bridge](Outcome outcome) mutable {
      std::lock_guard<std::mutex> lock(liveness->mutex);
      if (!liveness->alive || liveness->done) {
        return; // The environment is gone, or nobody waits any more.
      }
      liveness->done = true;
      bridge->outcome = std::move(outcome);
      tsfn.NonBlockingCall(bridge);
      tsfn.Release();
    });
    return promise;
  }

private:
  static void callJs(Napi::Env env, Napi::Function, FutureBridge*, FutureBridge* data)
  {
    if (env == nullptr) {
      return; // Teardown: the environment is gone, and so are its references.
    }
    std::unique_ptr<FutureBridge> owned(data);
    unregisterPending(owned->capture);
    owned->liveness->ticket.end();
    // While a worker's environment is torn down (Environment::CleanupHandles)
    // the queue is still drained with a live env, but every Node-API call
    // fails and node-addon-api throws: nothing may escape into the C
    // callback (std::terminate). Nobody is left to see the result then.
    try {
      Napi::HandleScope scope(env);
      try {
        owned->deferred.Resolve(owned->toValue(env, owned->outcome));
      } catch (const Napi::Error& e) {
        owned->deferred.Reject(e.Value());
      }
    } catch (...) {
    }
  }

  using Tsfn = Napi::TypedThreadSafeFunction<FutureBridge, FutureBridge, &FutureBridge::callJs>;

  FutureBridge(Napi::Env env, ToValue _toValue, Napi::Object keepAlive, std::shared_ptr<LogCapture> _capture)
    : deferred(Napi::Promise::Deferred::New(env)),
      toValue(std::move(_toValue)),
      capture(std::move(_capture)),
      liveness(std::make_shared<Liveness>())
  {
    owner = Napi::Persistent(keepAlive);
  }

  Napi::Promise::Deferred deferred;
  ToValue toValue;
  Outcome outcome; // Set by the completing thread before it queues the call.
  std::shared_ptr<LogCapture> capture;
  Napi::ObjectReference owner;
  std::shared_ptr<Liveness> liveness;
  Tsfn tsfn;
};

} // namespace mesos_modules
