// process::Future -> JS Promise. A future that is already complete becomes a
// result record at once; a pending one gets an onAny callback that hands the
// completed future to the JS thread through a thread-safe function, whatever
// thread completes it. No thread ever blocks waiting for a hook's future.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include <napi.h>

#include <process/future.hpp>

#include "crash_report.h"
#include "hook_lock.h"
#include "logs.h"

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

template <typename T>
class FutureBridge
{
public:
  using ToResult = std::function<Napi::Value(Napi::Env, const process::Future<T>&)>;

  // Returns a result record, or a Promise of one when `future` is pending.
  // `keepAlive` (the hook object) stays referenced until then; log lines from
  // other threads meanwhile go to `capture`.
  static Napi::Value settle(
      Napi::Env env,
      const process::Future<T>& future,
      ToResult toResult,
      Napi::Object keepAlive,
      std::shared_ptr<LogCapture> capture,
      std::shared_ptr<CallState> state)
  {
    if (!future.isPending()) {
      return toResult(env, future);
    }
    if (state->cancelled) {
      Napi::Object out = Napi::Object::New(env);
      out.Set("kind", "cancelled");
      return out;
    }

    auto* pending = new FutureBridge<T>(env, future, std::move(toResult), keepAlive, capture);
    Napi::Promise promise = pending->deferred.Promise();
    std::shared_ptr<Liveness> liveness = pending->liveness;
    liveness->ticket = state->ticket;
    state->ticket = CallTicket();
    liveness->ticket.phase(CallPhase::WAITING_FUTURE);
    registerPending(capture);

    pending->tsfn = Tsfn::New(
        env, "mesos-modules:hook-future", 0, 1, pending,
        [](Napi::Env, std::shared_ptr<Liveness>* l, FutureBridge<T>*) {
          {
            std::lock_guard<std::mutex> lock((*l)->mutex);
            (*l)->alive = false;
          }
          (*l)->ticket.end();
          delete l;
        },
        new std::shared_ptr<Liveness>(liveness));

    Tsfn tsfn = pending->tsfn;

    // Stop waiting (a timeout): release the thread-safe function so the
    // event loop can end, unless the result is already on its way.
    state->cancelFuture = [tsfn, liveness, pending, capture]() mutable {
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
      delete pending;
    };

    // May run right here (if the future completed meanwhile) or on any
    // other thread later.
    future.onAny([tsfn, liveness, pending](const process::Future<T>&) mutable {
      std::lock_guard<std::mutex> lock(liveness->mutex);
      if (!liveness->alive || liveness->done) {
        return; // The environment is gone, or nobody waits any more.
      }
      liveness->done = true;
      tsfn.NonBlockingCall(pending);
      tsfn.Release();
    });
    return promise;
  }

private:
  static void callJs(Napi::Env env, Napi::Function, FutureBridge<T>*, FutureBridge<T>* data)
  {
    if (env == nullptr) {
      return; // Teardown: the environment is gone, and so are its references.
    }
    std::unique_ptr<FutureBridge<T>> owned(data);
    unregisterPending(owned->capture);
    owned->liveness->ticket.end();
    // While a worker's environment is torn down (Environment::CleanupHandles)
    // the queue is still drained with a live env, but every Node-API call
    // fails and node-addon-api throws: nothing may escape into the C
    // callback (std::terminate). Nobody is left to see the result then.
    try {
      Napi::HandleScope scope(env);
      try {
        owned->deferred.Resolve(owned->toResult(env, owned->future));
      } catch (const Napi::Error& e) {
        owned->deferred.Reject(e.Value());
      }
    } catch (...) {
    }
  }

  using Tsfn = Napi::TypedThreadSafeFunction<FutureBridge<T>, FutureBridge<T>, &FutureBridge<T>::callJs>;

  FutureBridge(
      Napi::Env env,
      const process::Future<T>& _future,
      ToResult _toResult,
      Napi::Object keepAlive,
      std::shared_ptr<LogCapture> _capture)
    : deferred(Napi::Promise::Deferred::New(env)),
      future(_future),
      toResult(std::move(_toResult)),
      capture(std::move(_capture)),
      liveness(std::make_shared<Liveness>())
  {
    owner = Napi::Persistent(keepAlive);
  }

  Napi::Promise::Deferred deferred;
  process::Future<T> future;
  ToResult toResult;
  std::shared_ptr<LogCapture> capture;
  Napi::ObjectReference owner;
  std::shared_ptr<Liveness> liveness;
  Tsfn tsfn;
};

} // namespace mesos_modules
