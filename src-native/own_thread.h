// Module code that may block (an off-thread hook call, create()) runs on a
// thread of its own, not on libuv's pool: a call that never returns then
// costs only its thread. Threads that finish wait a while for the next job
// (starting one per call would double an off-thread call's cost). On a pool thread it would take one of node's four
// for good (file and DNS work queue behind it) and make process.exit() wait
// forever, since node joins the pool's threads on exit; a detached thread is
// not joined. The result is handed to the JS thread through a thread-safe
// function, guarded like FutureBridge's (future.h): a thread that finishes
// after its environment is gone (a terminated worker) touches nothing.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <napi.h>

#include "common/threads.h"

namespace mesos_modules {

class OwnThread
{
public:
  using Work = std::function<void()>;
  using Done = std::function<void(Napi::Env)>;

  // Runs `work` on a new thread, then `done` on the JS thread of `env`, or,
  // when the environment is gone by then, `lost` on the work's thread.
  // Whatever the three hold may be destroyed on either thread: no Node-API
  // handles with destructors (keep a napi_ref and delete it in `done`).
  // Throws (as a JS error) when no thread can be started.
  static std::shared_ptr<OwnThread> start(Napi::Env env, Work work, Done done, Work lost = nullptr)
  {
    std::shared_ptr<OwnThread> self(new OwnThread(std::move(work), std::move(done), std::move(lost)));
    self->tsfn = Tsfn::New(
        env, "mesos-modules:own-thread", 0, 1, self.get(),
        [](Napi::Env, std::shared_ptr<OwnThread>* held, OwnThread*) {
          {
            std::lock_guard<std::mutex> lock((*held)->mutex);
            (*held)->alive = false;
          }
          delete held;
        },
        new std::shared_ptr<OwnThread>(self));
    try {
      runOnOwnThread([self] {
        self->work();
        std::unique_lock<std::mutex> lock(self->mutex);
        if (!self->alive) { // The environment is gone.
          lock.unlock();
          if (self->lost) self->lost();
          return;
        }
        self->tsfn.NonBlockingCall(self.get());
        self->tsfn.Release();
      });
    } catch (const std::exception& e) {
      self->tsfn.Release();
      throw Napi::Error::New(env, std::string("cannot start a thread for module code: ") + e.what());
    }
    return self;
  }

  // Lets the event loop end without waiting for this thread (a caller that
  // gave up on it); JS thread only.
  void detachFromLoop(Napi::Env env)
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (alive && !unref) {
      unref = true;
      tsfn.Unref(env);
    }
  }

private:
  OwnThread(Work _work, Done _done, Work _lost) : work(std::move(_work)), done(std::move(_done)), lost(std::move(_lost)) {}

  static void callJs(Napi::Env env, Napi::Function, OwnThread*, OwnThread* self)
  {
    if (env == nullptr) return; // Teardown.
    // Nothing may escape into the C callback (see FutureBridge::callJs).
    try {
      Napi::HandleScope scope(env);
      self->done(env);
    } catch (...) {
    }
  }

  using Tsfn = Napi::TypedThreadSafeFunction<OwnThread, OwnThread, &OwnThread::callJs>;

  Work work;
  Done done;
  Work lost;
  std::mutex mutex;
  bool alive = true;
  bool unref = false;
  Tsfn tsfn;
};

} // namespace mesos_modules
