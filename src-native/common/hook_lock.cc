// The hook lock of hook_lock.h.

#include "hook_lock.h"

namespace mesos_modules {

void HookLock::take(const std::string* module, const char* method)
{
  locked = true;
  holder.module = module;
  holder.method = method;
  holder.since = std::chrono::steady_clock::now();
}


bool HookLock::tryAcquire(const std::string* module, const char* method)
{
  std::lock_guard<std::mutex> guard(mutex);
  if (locked) return false;
  take(module, method);
  return true;
}


bool HookLock::acquire(const std::string* module, const char* method, LockWait& wait)
{
  std::unique_lock<std::mutex> guard(mutex);
  freed.wait(guard, [&] { return !locked || wait.abandoned; });
  if (wait.abandoned) return false;
  take(module, method);
  wait.acquired = true;
  return true;
}


void HookLock::release()
{
  {
    std::lock_guard<std::mutex> guard(mutex);
    locked = false;
    holder = LockHolder();
  }
  // Every waiter checks: one takes the lock, abandoned ones leave.
  freed.notify_all();
}


bool HookLock::abandon(LockWait& wait, std::string* module, std::string* method, double* heldMs, bool* held)
{
  {
    std::lock_guard<std::mutex> guard(mutex);
    if (wait.acquired) return false;
    wait.abandoned = true;
    *held = locked;
    if (locked) {
      *module = holder.module != nullptr ? *holder.module : std::string();
      *method = holder.method != nullptr ? holder.method : "";
      *heldMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - holder.since).count();
    }
  }
  freed.notify_all();
  return true;
}


HookLock& hookLock()
{
  // Leaked on purpose: pool threads may still use it while the process exits.
  static HookLock* lock = new HookLock();
  return *lock;
}

} // namespace mesos_modules
