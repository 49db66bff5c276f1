// process::Future -> JS Promise. A future that is already complete becomes a
// result record at once; a pending one gets an onAny callback that hands the
// completed future to the JS thread through a thread-safe function, whatever
// thread completes it. No thread ever blocks waiting for a hook's future.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include <napi.h>

#include <process/future.hpp>

namespace mesos_modules {

// Cleared by the thread-safe function's finalizer (environment teardown, e.g.
// a terminated worker): after that, completing threads must not touch it.
struct Liveness
{
  std::mutex mutex;
  bool alive = true;
};

template <typename T>
class FutureBridge
{
public:
  using ToResult = std::function<Napi::Value(Napi::Env, const process::Future<T>&)>;

  // Returns a result record, or a Promise of one when `future` is pending.
  // `keepAlive` (the hook object) is referenced until the future completes.
  static Napi::Value settle(
      Napi::Env env,
      const process::Future<T>& future,
      ToResult toResult,
      Napi::Object keepAlive)
  {
    if (!future.isPending()) {
      return toResult(env, future);
    }

    auto* pending = new FutureBridge<T>(env, future, std::move(toResult), keepAlive);
    Napi::Promise promise = pending->deferred.Promise();
    std::shared_ptr<Liveness> liveness = pending->liveness;

    pending->tsfn = Tsfn::New(
        env, "mesos-modules:hook-future", 0, 1, pending,
        [](Napi::Env, std::shared_ptr<Liveness>* l, FutureBridge<T>*) {
          {
            std::lock_guard<std::mutex> lock((*l)->mutex);
            (*l)->alive = false;
          }
          delete l;
        },
        new std::shared_ptr<Liveness>(liveness));

    // May run right here (if the future completed meanwhile) or on any
    // other thread later.
    Tsfn tsfn = pending->tsfn;
    future.onAny([tsfn, liveness, pending](const process::Future<T>&) mutable {
      std::lock_guard<std::mutex> lock(liveness->mutex);
      if (!liveness->alive) {
        return; // The environment is gone; nothing to settle.
      }
      tsfn.NonBlockingCall(pending);
      tsfn.Release();
    });
    return promise;
  }

private:
  static void callJs(Napi::Env env, Napi::Function, FutureBridge<T>* pending, FutureBridge<T>* data)
  {
    if (env == nullptr) {
      return; // Teardown: the environment is gone, and so are its references.
    }
    std::unique_ptr<FutureBridge<T>> owned(data);
    Napi::HandleScope scope(env);
    try {
      owned->deferred.Resolve(owned->toResult(env, owned->future));
    } catch (const Napi::Error& e) {
      owned->deferred.Reject(e.Value());
    }
  }

  using Tsfn = Napi::TypedThreadSafeFunction<FutureBridge<T>, FutureBridge<T>, &FutureBridge<T>::callJs>;

  FutureBridge(Napi::Env env, const process::Future<T>& _future, ToResult _toResult, Napi::Object keepAlive)
    : deferred(Napi::Promise::Deferred::New(env)),
      future(_future),
      toResult(std::move(_toResult)),
      liveness(std::make_shared<Liveness>())
  {
    owner = Napi::Persistent(keepAlive);
  }

  Napi::Promise::Deferred deferred;
  process::Future<T> future;
  ToResult toResult;
  Napi::ObjectReference owner;
  std::shared_ptr<Liveness> liveness;
  Tsfn tsfn;
};

} // namespace mesos_modules
