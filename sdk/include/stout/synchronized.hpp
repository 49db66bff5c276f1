// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_SYNCHRONIZED_HPP__
#define __STOUT_SYNCHRONIZED_HPP__

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <type_traits>

#include <glog/logging.h>

#include <stout/preprocessor.hpp>

// Holds a lock on a T for the lifetime of a `synchronized` block.
template <typename T>
class Synchronized
{
public:
  explicit Synchronized(T* t, void (*acquire)(T*), void (*release)(T*))
    : t_(CHECK_NOTNULL(t)), release_(release)
  {
    acquire(t_);
  }

  Synchronized(Synchronized&& that) : t_(that.t_), release_(that.release_)
  {
    that.t_ = nullptr;
  }

  Synchronized(const Synchronized&) = delete;
  Synchronized& operator=(const Synchronized&) = delete;

  ~Synchronized()
  {
    if (t_ != nullptr) {
      release_(t_);
    }
  }


private:
  T* t_;
  void (*release_)(T*);
};


// Anything with lock() / unlock() (std::mutex, std::recursive_mutex...).
template <typename T>
Synchronized<T> synchronize(T* t)
{
  return Synchronized<T>(
      t,
      [](T* m) { m->lock(); },
      [](T* m) { m->unlock(); });
}


// A spin lock on a std::atomic_flag.
inline Synchronized<std::atomic_flag> synchronize(std::atomic_flag* flag)
{
  return Synchronized<std::atomic_flag>(
      flag,
      [](std::atomic_flag* f) {
        while (f->test_and_set(std::memory_order_acquire)) {}
      },
      [](std::atomic_flag* f) { f->clear(std::memory_order_release); });
}


// `synchronized (m)` accepts the lock itself or a pointer to it.
template <typename T>
T* stout_lock_target(T** t)
{
  return *CHECK_NOTNULL(t);
}


template <typename T>
T* stout_lock_target(T* t)
{
  return t;
}


#define STOUT_SYNCHRONIZED_GUARD CAT(stout_synchronized_guard_, __LINE__)
#define STOUT_SYNCHRONIZED_BODY CAT(stout_synchronized_body_, __LINE__)

// synchronized (m) { ... }: runs the block with `m` locked (a mutex,
// recursive mutex or atomic_flag, or a pointer variable to one). The guard
// is the if-statement's initializer, so it lives across both branches; both
// branches lead into the body (the first by a jump), so the compiler sees
// that the body always runs and a `return` inside needs nothing after the
// block, while `break`/`continue` still belong to an enclosing loop.
#define synchronized(m)                                                 \
  if (auto STOUT_SYNCHRONIZED_GUARD = ::synchronize(::stout_lock_target(&(m))); \
      false) {                                                          \
    goto STOUT_SYNCHRONIZED_BODY;                                       \
  } else STOUT_SYNCHRONIZED_BODY:


// Waits on `cv` inside `synchronized (mutex)`; `mutex` is held again on
// return.
template <typename CV, typename Lock>
void synchronized_wait(CV* cv, Lock* lock);


template <>
inline void synchronized_wait(std::condition_variable* cv, std::mutex* mutex)
{
  CHECK_NOTNULL(cv);
  CHECK_NOTNULL(mutex);
  std::unique_lock<std::mutex> lock(*mutex, std::adopt_lock);
  cv->wait(lock);
  lock.release();
}


template <typename Lock>
void synchronized_wait(std::condition_variable_any* cv, Lock* lock) = delete;

#endif // __STOUT_SYNCHRONIZED_HPP__
