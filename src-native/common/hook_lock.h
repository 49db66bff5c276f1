// The process-wide hook lock. The agent runs every hook call under one
// HookManager mutex (src/hook/manager.cpp); so do we, on whichever thread a
// call runs. Unlike a plain mutex it knows its holder (module, method, since
// when), and a wait for it can be abandoned: a call stuck past its timeout
// keeps the lock (a running hook cannot be interrupted), and the calls
// behind it give up within their own timeouts with an error naming it. The
// JS thread only ever tries the lock; a call that finds it taken waits off
// the JS thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

namespace mesos_modules {

// One call's wait for the lock (guarded by the lock's own mutex).
struct LockWait
{
  bool acquired = false;
  bool abandoned = false;
};

// Who holds the lock: pointers into the running call's Hook object, which
// that call keeps alive until it releases the lock.
struct LockHolder
{
  const std::string* module = nullptr;
  const char* method = nullptr;
  std::chrono::steady_clock::time_point since;
};

class HookLock
{
public:
  // Takes the lock when it is free (never blocks).
  bool tryAcquire(const std::string* module, const char* method);

  // Blocks until the lock is taken (true) or the wait abandoned (false).
  bool acquire(const std::string* module, const char* method, LockWait& wait);

  void release();

  // Abandons `wait` unless it already holds the lock (false then). When it
  // did not and someone holds the lock, `*module`, `*method` and `*heldMs` describe the holder and
  // `*held` is set.
  bool abandon(LockWait& wait, std::string* module, std::string* method, double* heldMs, bool* held);

private:
  void take(const std::string* module, const char* method);

  std::mutex mutex;
  std::condition_variable freed;
  bool locked = false;
  LockHolder holder;
};

HookLock& hookLock();

} // namespace mesos_modules
