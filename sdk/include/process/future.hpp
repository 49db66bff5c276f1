// Mesos module SDK: clean-room libprocess compatibility header.
//
// Header-only Future/Promise with libprocess's observable semantics:
// callbacks run synchronously on the thread that completes the future (or
// on the registering thread when the future is already complete), and
// await() blocks on a condition variable. Only Future::after (the clock's
// timers) and deferred callbacks (defer.hpp) need the runtime in
// libmesos.
#ifndef __PROCESS_FUTURE_HPP__
#define __PROCESS_FUTURE_HPP__

#include <assert.h>
#include <errno.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/clock.hpp>
#include <process/pid.hpp>
#include <process/timer.hpp>

#include <stout/abort.hpp>
#include <stout/check.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/lambda.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/some.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include <stout/os/strerror.hpp>

namespace process {

template <typename T>
class Future;

template <typename T>
class Promise;

template <typename T>
class WeakFuture;

// What defer() returns (see deferred.hpp); accepted by the callback
// registrations below, which then dispatch the callback to a process.
template <typename F>
struct _Deferred;


// A failure to put into a Future: `return Failure("no such task");`.
struct Failure
{
  explicit Failure(const std::string& _message) : message(_message) {}
  explicit Failure(const Error& error) : message(error.message) {}

  const std::string message;
};


// A Failure whose message comes from an errno value, with the same
// constructor shapes and message format as ErrnoError.
struct ErrnoFailure : public Failure
{
  ErrnoFailure() : ErrnoFailure(errno) {}

  explicit ErrnoFailure(int _code)
    : Failure(os::strerror(_code)), code(_code) {}

  explicit ErrnoFailure(const std::string& prefix)
    : ErrnoFailure(errno, prefix) {}

  ErrnoFailure(int _code, const std::string& prefix)
    : Failure(prefix + ": " + os::strerror(_code)), code(_code) {}

  const int code;
};


namespace internal {

// unwrap<Future<X>>::type == X, otherwise unwrap<X>::type == X.
template <typename T>
struct unwrap
{
  typedef T type;
};

template <typename X>
struct unwrap<Future<X>>
{
  typedef X type;
};

// wrap<X>::type == Future<X>, and wrap<Future<X>>::type == Future<X>.
template <typename T>
struct wrap
{
  typedef Future<T> type;
};

template <typename X>
struct wrap<Future<X>>
{
  typedef Future<X> type;
};

template <typename T>
struct IsFuture : std::false_type {};

template <typename X>
struct IsFuture<Future<X>> : std::true_type {};

// What calling a continuation `F` yields: the continuation is called with
// the value (`const T&`) when it accepts one, otherwise with no argument.
// SFINAE-friendly: no `type` member when F accepts neither.
template <typename F, typename T, typename = void>
struct Continuation : std::invoke_result<F&&>
{
  static constexpr bool takesValue = false;
};

template <typename F, typename T>
struct Continuation<
    F, T, std::enable_if_t<std::is_invocable<F&&, const T&>::value>>
  : std::invoke_result<F&&, const T&>
{
  static constexpr bool takesValue = true;
};

// The value type of the future produced by a continuation returning R:
// R itself, X for Future<X>, and Nothing for void.
template <typename R>
struct ContinuationValue
{
  typedef typename unwrap<std::decay_t<R>>::type type;
};

template <>
struct ContinuationValue<void>
{
  typedef Nothing type;
};

// Message for a failure produced by an exception escaping a continuation.
inline std::string describeCurrentException()
{
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "Unknown exception";
  }
}

} // namespace internal {


// A Future<T> is a shared handle on a result that becomes available later.
// All copies refer to the same state, which is, once and for all, one of:
//   - pending (initially),
//   - ready (holding a T),
//   - failed (holding a message),
//   - discarded.
// Independently of that, a future may have been *abandoned* (its Promise
// is gone, so it can never complete) and may carry a *discard request*
// (hasDiscard(): a consumer asked for the computation to stop).
//
// All operations are thread-safe. Callbacks registered while the future is
// pending run exactly once, in registration order, on the thread that
// completes it, outside any internal lock; callbacks registered after
// completion run immediately on the registering thread (or are dropped if
// they do not match the final state).
template <typename T>
class Future
{
public:
  // A future that has already failed with `message`.
  static Future<T> failed(const std::string& message);

  // A pending future that nothing can complete (it is abandoned from the
  // start, as in libprocess).
  Future();

  /*implicit*/ Future(const T& value);
  /*implicit*/ Future(T&& value);

  // From anything a T can be built from; e.g. `return None();` for a
  // Future<Option<X>>, or returning an X for a Future<Option<X>>.
  template <
      typename U,
      typename = std::enable_if_t<
          std::is_constructible<T, const U&>::value &&
          !std::is_base_of<Failure, U>::value &&
          !internal::IsFuture<U>::value>>
  /*implicit*/ Future(const U& u);

  /*implicit*/ Future(const Failure& failure);
  /*implicit*/ Future(const ErrnoFailure& failure);

  // A ready future for a some Try; a failed future (with the error's
  // message) for an error Try.
  template <typename E>
  /*implicit*/ Future(const Try<T, E>& t);

  // The wrapped future itself, or a failed future for an error Try.
  template <typename E>
  /*implicit*/ Future(const Try<Future<T>, E>& t);

  Future(const Future<T>&) = default;
  Future(Future<T>&&) = default;
  ~Future() = default;

  Future<T>& operator=(const Future<T>&) = default;
  Future<T>& operator=(Future<T>&&) = default;

  // Identity of the shared state (two copies of one future are equal).
  bool operator==(const Future<T>& that) const { return data == that.data; }
  bool operator!=(const Future<T>& that) const { return data != that.data; }
  bool operator<(const Future<T>& that) const { return data < that.data; }

  bool isPending() const { return state() == PENDING; }
  bool isReady() const { return state() == READY; }
  bool isDiscarded() const { return state() == DISCARDED; }
  bool isFailed() const { return state() == FAILED; }
  bool isAbandoned() const { return data->abandoned.load(); }
  bool hasDiscard() const { return data->discardRequested.load(); }

  // Requests a discard: marks hasDiscard() and runs the onDiscard
  // callbacks. The future stays pending until its producer completes it
  // (typically with Promise::discard()). Returns false if a discard was
  // already requested or the future is no longer pending.
  bool discard();

  // Blocks until the future is ready, failed or discarded, or until
  // `duration` elapses (a negative duration waits forever). Returns true
  // if the future is no longer pending. Abandonment does not wake it.
  bool await(const Duration& duration = Seconds(-1)) const;

  // The value; waits while pending. Dies (glog FATAL) with
  // "Future::get() but state == FAILED: <message>" or
  // "Future::get() but state == DISCARDED" if the future did not succeed.
  const T& get() const;
  const T* operator->() const { return &get(); }

  // The failure message; aborts with "Future::failure() but state !=
  // FAILED" if the future has not failed.
  const std::string& failure() const;

  typedef lambda::CallableOnce<void()> AbandonedCallback;
  typedef lambda::CallableOnce<void()> DiscardCallback;
  typedef lambda::CallableOnce<void(const T&)> ReadyCallback;
  typedef lambda::CallableOnce<void(const std::string&)> FailedCallback;
  typedef lambda::CallableOnce<void()> DiscardedCallback;
  typedef lambda::CallableOnce<void(const Future<T>&)> AnyCallback;

  // Callback registration. Each returns *this for chaining.
  //   onAbandoned: the future was abandoned (runs now if it already is).
  //   onDiscard:   a discard was requested (runs now if one already was).
  //   onReady:     with the value, when ready.
  //   onFailed:    with the failure message, when failed.
  //   onDiscarded: when discarded.
  //   onAny:       with the future, when ready, failed or discarded.
  const Future<T>& onAbandoned(AbandonedCallback&& callback) const;
  const Future<T>& onDiscard(DiscardCallback&& callback) const;
  const Future<T>& onReady(ReadyCallback&& callback) const;
  const Future<T>& onFailed(FailedCallback&& callback) const;
  const Future<T>& onDiscarded(DiscardedCallback&& callback) const;
  const Future<T>& onAny(AnyCallback&& callback) const;

  // The same for any callable. onReady/onFailed/onAny callables may take
  // the argument or no argument at all.
  template <typename F>
  const Future<T>& onAbandoned(F&& f) const
  {
    return onAbandoned(AbandonedCallback(dropArguments(std::forward<F>(f))));
  }

  template <typename F>
  const Future<T>& onDiscard(F&& f) const
  {
    return onDiscard(DiscardCallback(dropArguments(std::forward<F>(f))));
  }

  template <typename F>
  const Future<T>& onDiscarded(F&& f) const
  {
    return onDiscarded(DiscardedCallback(dropArguments(std::forward<F>(f))));
  }

  template <typename F>
  const Future<T>& onReady(F&& f) const
  {
    return onReady(ReadyCallback(adapt<const T&>(std::forward<F>(f))));
  }

  template <typename F>
  const Future<T>& onFailed(F&& f) const
  {
    return onFailed(
        FailedCallback(adapt<const std::string&>(std::forward<F>(f))));
  }

  template <typename F>
  const Future<T>& onAny(F&& f) const
  {
    return onAny(AnyCallback(adapt<const Future<T>&>(std::forward<F>(f))));
  }

  // The same for a deferred callback (defer(...)): when the future
  // completes, the callback is dispatched to its process.
  template <typename F>
  const Future<T>& onAbandoned(_Deferred<F>&& deferred) const
  {
    return onAbandoned(AbandonedCallback(
        std::move(deferred).operator lambda::CallableOnce<void()>()));
  }

  template <typename F>
  const Future<T>& onDiscard(_Deferred<F>&& deferred) const
  {
    return onDiscard(DiscardCallback(
        std::move(deferred).operator lambda::CallableOnce<void()>()));
  }

  template <typename F>
  const Future<T>& onReady(_Deferred<F>&& deferred) const
  {
    return onReady(ReadyCallback(
        std::move(deferred).operator lambda::CallableOnce<void(const T&)>()));
  }

  template <typename F>
  const Future<T>& onFailed(_Deferred<F>&& deferred) const
  {
    return onFailed(FailedCallback(
        std::move(deferred)
          .operator lambda::CallableOnce<void(const std::string&)>()));
  }

  template <typename F>
  const Future<T>& onDiscarded(_Deferred<F>&& deferred) const
  {
    return onDiscarded(DiscardedCallback(
        std::move(deferred).operator lambda::CallableOnce<void()>()));
  }

  template <typename F>
  const Future<T>& onAny(_Deferred<F>&& deferred) const
  {
    return onAny(AnyCallback(
        std::move(deferred)
          .operator lambda::CallableOnce<void(const Future<T>&)>()));
  }

  // then(f): once this future is ready, calls f with the value (or with
  // no argument if f takes none). The returned future gets f's result: a
  // plain value U gives a Future<U>; a Future<U> is followed until it
  // completes; void gives a Future<Nothing>. If this future fails or is
  // discarded, so does the returned one (f is not called); if this one
  // is abandoned, so is the returned one. Discarding the returned future
  // requests a discard of this one. If f throws, the returned future
  // fails with the exception's what().
  template <typename X>
  Future<X> then(lambda::CallableOnce<Future<X>(const T&)> f) const
  {
    return chain<X>(std::move(f));
  }

  template <typename X>
  Future<X> then(lambda::CallableOnce<X(const T&)> f) const
  {
    return chain<X>(std::move(f));
  }

  template <typename X>
  Future<X> then(lambda::CallableOnce<Future<X>()> f) const
  {
    return chain<X>(dropValue(std::move(f)));
  }

  template <typename X>
  Future<X> then(lambda::CallableOnce<X()> f) const
  {
    return chain<X>(dropValue(std::move(f)));
  }

  template <
      typename F,
      typename Call = internal::Continuation<std::decay_t<F>, T>,
      typename X =
        typename internal::ContinuationValue<typename Call::type>::type>
  Future<X> then(F&& f) const
  {
    if constexpr (Call::takesValue) {
      return chain<X>(std::decay_t<F>(std::forward<F>(f)));
    } else {
      return chain<X>(dropValue(std::decay_t<F>(std::forward<F>(f))));
    }
  }

  // then(defer(...)): the continuation is dispatched to its process; the
  // returned future follows the result of that call.
  template <
      typename F,
      typename Call = internal::Continuation<
          typename _Deferred<F>::Function, T>,
      typename X =
        typename internal::ContinuationValue<typename Call::type>::type>
  Future<X> then(_Deferred<F>&& f) const
  {
    return chain<X>(
        std::move(f).operator lambda::CallableOnce<Future<X>(const T&)>());
  }

  // recover(f): if this future fails, is discarded or is abandoned, the
  // returned future takes the result of f(*this) (a T or a Future<T>);
  // otherwise it mirrors this future.
  template <typename F>
  Future<T> recover(F&& f) const;

  template <typename F>
  Future<T> recover(_Deferred<F>&& deferred) const
  {
    return recover(
        std::move(deferred)
          .operator lambda::CallableOnce<Future<T>(const Future<T>&)>());
  }

  // repair(f): if this future fails, the returned future takes the result
  // of f(*this); otherwise it mirrors this future.
  Future<T> repair(
      lambda::CallableOnce<Future<T>(const Future<T>&)> f) const;

  // after(duration, f): the returned future mirrors this one, unless this
  // one is still pending once `duration` has passed on the libprocess
  // clock: then it takes the result of f(*this) instead (f runs on the
  // runtime's timer thread). Discarding the returned future requests a
  // discard of this one but does not cancel the timer.
  Future<T> after(
      const Duration& duration,
      lambda::CallableOnce<Future<T>(const Future<T>&)> f) const;

private:
  template <typename U>
  friend class Future;
  friend class Promise<T>;
  friend class WeakFuture<T>;
  template <typename U>
  friend std::ostream& operator<<(std::ostream&, const Future<U>&);

  enum State
  {
    PENDING,
    READY,
    FAILED,
    DISCARDED,
  };

  // Which completion a registered callback is interested in.
  enum Interest
  {
    WHEN_READY,
    WHEN_FAILED,
    WHEN_DISCARDED,
    WHEN_ANY,
  };

  struct Completion
  {
    Interest interest;
    lambda::CallableOnce<void(const Future<T>&)> callback;
  };

  // State shared by all copies of a future (and its promise).
  struct Data
  {
    explicit Data(bool _abandoned) : abandoned(_abandoned) {}

    std::mutex mutex;
    std::condition_variable settled;

    // Readable without the mutex; written only with it held. The value or
    // message is written before `state` leaves PENDING and never again.
    std::atomic<State> state{PENDING};
    std::atomic<bool> discardRequested{false};
    std::atomic<bool> abandoned;

    // Guarded by `mutex`.
    bool associated = false;
    std::vector<Completion> completions;
    std::vector<DiscardCallback> discardCallbacks;
    std::vector<AbandonedCallback> abandonedCallbacks;

    Option<T> value;
    std::string message;
  };

  struct Fresh {};

  // A pending, not abandoned future (what a Promise starts with).
  explicit Future(Fresh) : data(std::make_shared<Data>(false)) {}

  explicit Future(std::shared_ptr<Data> _data) : data(std::move(_data)) {}

  State state() const { return data->state.load(std::memory_order_acquire); }

  static bool interested(Interest interest, State state)
  {
    switch (interest) {
      case WHEN_READY: return state == READY;
      case WHEN_FAILED: return state == FAILED;
      case WHEN_DISCARDED: return state == DISCARDED;
      case WHEN_ANY: return state != PENDING;
    }
    return false;
  }

  // Registers a completion callback, or runs it now if the future is
  // already complete (and the callback is interested in how).
  void addCompletion(
      Interest interest,
      lambda::CallableOnce<void(const Future<T>&)>&& callback) const;

  // Moves the future out of PENDING into `target` and runs the interested
  // callbacks. `fill` stores the value/message under the lock. When
  // `fromPromise` is set, a future associated with another one refuses
  // (its outcome now comes from that other future). Returns false if the
  // future was not pending (or refused).
  template <typename Fill>
  bool complete(State target, Fill&& fill, bool fromPromise);

  bool set(const T& value, bool fromPromise = false);
  bool set(T&& value, bool fromPromise = false);
  bool fail(const std::string& message, bool fromPromise = false);
  bool markDiscarded(bool fromPromise = false);

  // Marks the future abandoned and runs the onAbandoned callbacks, unless
  // it is already abandoned or no longer pending. An associated future is
  // only abandoned when `propagating` (its source was abandoned).
  bool abandon(bool propagating = false);

  // Runs callables one after the other; an exception from one does not
  // stop the others and is rethrown (the first one) at the end.
  template <typename Callbacks, typename... Args>
  static void runAll(Callbacks& callbacks, Args&&... args);

  // Continuation plumbing shared by the `then` overloads; `g` takes
  // `const T&` and returns an X, a Future<X> or (for X = Nothing) void.
  template <typename X, typename G>
  Future<X> chain(G&& g) const;

  template <typename G>
  static auto dropValue(G&& g)
  {
    return [g = std::forward<G>(g)](const T&) mutable {
      return std::invoke(std::move(g));
    };
  }

  template <typename F>
  static auto dropArguments(F&& f)
  {
    return [f = std::forward<F>(f)]() mutable { std::invoke(std::move(f)); };
  }

  // Adapts a callable taking `Arg` or nothing into one taking `Arg`.
  template <typename Arg, typename F>
  static auto adapt(F&& f)
  {
    using G = std::decay_t<F>;
    if constexpr (std::is_invocable<G&&, Arg>::value) {
      return [f = std::forward<F>(f)](Arg arg) mutable {
        std::invoke(std::move(f), arg);
      };
    } else {
      static_assert(
          std::is_invocable<G&&>::value,
          "callback must take the documented argument or no argument");
      return [f = std::forward<F>(f)](Arg) mutable {
        std::invoke(std::move(f));
      };
    }
  }

  std::shared_ptr<Data> data;
};


// A non-owning reference to a future's state, used to avoid reference
// cycles (e.g. a downstream future referring back upstream).
template <typename T>
class WeakFuture
{
public:
  explicit WeakFuture(const Future<T>& future) : data(future.data) {}

  // The future, if its state is still alive.
  Option<Future<T>> get() const
  {
    std::shared_ptr<typename Future<T>::Data> strong = data.lock();
    if (strong) {
      return Future<T>(std::move(strong));
    }
    return None();
  }

private:
  std::weak_ptr<typename Future<T>::Data> data;
};


// The producer side of a Future. The promise's future completes through
// set/fail/discard (each succeeds once; later calls return false), or
// follows another future after associate(). Destroying a promise whose
// future is still pending (and not associated) abandons that future.
template <typename T>
class Promise
{
public:
  Promise() : f(typename Future<T>::Fresh()) {}

  // A promise whose future is already ready with `t`.
  explicit Promise(const T& t) : f(t) {}

  virtual ~Promise()
  {
    if (f.data) {
      f.abandon();
    }
  }

  Promise(Promise&& that) = default;
  Promise& operator=(Promise&& that) = default;

  Promise(const Promise&) = delete;
  Promise& operator=(const Promise&) = delete;

  bool discard() { return f.markDiscarded(true); }
  bool set(const T& t) { return f.set(t, true); }
  bool set(T&& t) { return f.set(std::move(t), true); }
  bool set(const Future<T>& future) { return associate(future); }
  bool fail(const std::string& message) { return f.fail(message, true); }

  // Makes this promise's future follow `future`: it completes the same way
  // (ready/failed/discarded) and is abandoned if `future` is; a discard
  // requested on this promise's future is passed on to `future`. After a
  // successful associate, set/fail/discard on this promise return false.
  // Returns false if this promise's future is no longer pending or is
  // already associated.
  bool associate(const Future<T>& future);

  Future<T> future() const { return f; }

private:
  template <typename U>
  friend class Future;

  Future<T> f;
};


// ---------------------------------------------------------------------------
// Future: construction.

template <typename T>
Future<T> Future<T>::failed(const std::string& message)
{
  Future<T> future{Fresh()};
  future.fail(message);
  return future;
}


template <typename T>
Future<T>::Future() : data(std::make_shared<Data>(true)) {}


template <typename T>
Future<T>::Future(const T& value) : Future(Fresh())
{
  set(value);
}


template <typename T>
Future<T>::Future(T&& value) : Future(Fresh())
{
  set(std::move(value));
}


template <typename T>
template <typename U, typename>
Future<T>::Future(const U& u) : Future(Fresh())
{
  set(T(u));
}


template <typename T>
Future<T>::Future(const Failure& failure) : Future(Fresh())
{
  fail(failure.message);
}


template <typename T>
Future<T>::Future(const ErrnoFailure& failure) : Future(Fresh())
{
  fail(failure.message);
}


template <typename T>
template <typename E>
Future<T>::Future(const Try<T, E>& t) : Future(Fresh())
{
  if (t.isSome()) {
    set(t.get());
  } else {
    fail(stringify(t.error()));
  }
}


template <typename T>
template <typename E>
Future<T>::Future(const Try<Future<T>, E>& t)
  : data(t.isSome() ? t.get().data : std::make_shared<Data>(false))
{
  if (t.isError()) {
    fail(stringify(t.error()));
  }
}


// ---------------------------------------------------------------------------
// Future: state transitions.

template <typename T>
template <typename Callbacks, typename... Args>
void Future<T>::runAll(Callbacks& callbacks, Args&&... args)
{
  std::exception_ptr first;
  for (auto& callback : callbacks) {
    try {
      std::move(callback)(args...);
    } catch (...) {
      if (!first) {
        first = std::current_exception();
      }
    }
  }
  callbacks.clear();
  if (first) {
    std::rethrow_exception(first);
  }
}


template <typename T>
template <typename Fill>
bool Future<T>::complete(State target, Fill&& fill, bool fromPromise)
{
  // Keep the state alive: a callback may destroy the object `this` lives
  // in.
  std::shared_ptr<Data> shared = data;

  std::vector<Completion> completions;
  std::vector<DiscardCallback> discardCallbacks;
  std::vector<AbandonedCallback> abandonedCallbacks;

  {
    std::lock_guard<std::mutex> lock(shared->mutex);
    if (shared->state.load(std::memory_order_relaxed) != PENDING ||
        (fromPromise && shared->associated)) {
      return false;
    }
    fill(*shared);
    shared->state.store(target, std::memory_order_release);

    // From now on nothing is added to these lists; take them all.
    completions.swap(shared->completions);
    discardCallbacks.swap(shared->discardCallbacks);
    abandonedCallbacks.swap(shared->abandonedCallbacks);
  }

  shared->settled.notify_all();

  // Callbacks that can no longer fire are released here, outside the lock.
  discardCallbacks.clear();
  abandonedCallbacks.clear();

  const Future<T> self(shared);
  std::vector<lambda::CallableOnce<void(const Future<T>&)>> interestedOnes;
  interestedOnes.reserve(completions.size());
  for (Completion& completion : completions) {
    if (interested(completion.interest, target)) {
      interestedOnes.push_back(std::move(completion.callback));
    }
  }
  completions.clear();

  runAll(interestedOnes, self);
  return true;
}


template <typename T>
bool Future<T>::set(const T& value, bool fromPromise)
{
  return complete(
      READY, [&](Data& d) { d.value = Option<T>(value); }, fromPromise);
}


template <typename T>
bool Future<T>::set(T&& value, bool fromPromise)
{
  return complete(
      READY,
      [&](Data& d) { d.value = Option<T>(std::move(value)); },
      fromPromise);
}


template <typename T>
bool Future<T>::fail(const std::string& message, bool fromPromise)
{
  return complete(
      FAILED, [&](Data& d) { d.message = message; }, fromPromise);
}


template <typename T>
bool Future<T>::markDiscarded(bool fromPromise)
{
  return complete(DISCARDED, [](Data&) {}, fromPromise);
}


template <typename T>
bool Future<T>::discard()
{
  std::shared_ptr<Data> shared = data;
  std::vector<DiscardCallback> callbacks;
  {
    std::lock_guard<std::mutex> lock(shared->mutex);
    if (shared->discardRequested.load() ||
        shared->state.load(std::memory_order_relaxed) != PENDING) {
      return false;
    }
    shared->discardRequested.store(true);
    callbacks.swap(shared->discardCallbacks);
  }
  runAll(callbacks);
  return true;
}


template <typename T>
bool Future<T>::abandon(bool propagating)
{
  std::shared_ptr<Data> shared = data;
  std::vector<AbandonedCallback> callbacks;
  {
    std::lock_guard<std::mutex> lock(shared->mutex);
    if (shared->abandoned.load() ||
        shared->state.load(std::memory_order_relaxed) != PENDING ||
        (shared->associated && !propagating)) {
      return false;
    }
    shared->abandoned.store(true);
    callbacks.swap(shared->abandonedCallbacks);
  }
  runAll(callbacks);
  return true;
}


// ---------------------------------------------------------------------------
// Future: waiting and access.

template <typename T>
bool Future<T>::await(const Duration& duration) const
{
  std::shared_ptr<Data> shared = data;
  auto done = [&shared]() {
    return shared->state.load(std::memory_order_acquire) != PENDING;
  };

  std::unique_lock<std::mutex> lock(shared->mutex);

  // Durations beyond ~100 years are treated as "forever" (this also keeps
  // the deadline arithmetic below from overflowing).
  const int64_t limit = Weeks(52 * 100).ns();
  if (duration < Duration::zero() || duration.ns() > limit) {
    shared->settled.wait(lock, done);
    return true;
  }

  const auto deadline = std::chrono::steady_clock::now() +
    std::chrono::nanoseconds(duration.ns());
  return shared->settled.wait_until(lock, deadline, done);
}


template <typename T>
const T& Future<T>::get() const
{
  if (!isReady()) {
    await();
  }

  CHECK(!isPending()) << "Future was in PENDING after await()";
  if (!isReady()) {
    CHECK(!isFailed()) << "Future::get() but state == FAILED: " << failure();
    CHECK(!isDiscarded()) << "Future::get() but state == DISCARDED";
  }

  assert(data->value.isSome());
  return data->value.get();
}


template <typename T>
const std::string& Future<T>::failure() const
{
  if (state() != FAILED) {
    ABORT("Future::failure() but state != FAILED");
  }
  return data->message;
}


// ---------------------------------------------------------------------------
// Future: callbacks.

template <typename T>
void Future<T>::addCompletion(
    Interest interest,
    lambda::CallableOnce<void(const Future<T>&)>&& callback) const
{
  bool runNow = false;
  {
    std::lock_guard<std::mutex> lock(data->mutex);
    const State current = data->state.load(std::memory_order_relaxed);
    if (current == PENDING) {
      data->completions.push_back(Completion{interest, std::move(callback)});
    } else {
      runNow = interested(interest, current);
    }
  }

  if (runNow) {
    std::move(callback)(*this);
  }
}


template <typename T>
const Future<T>& Future<T>::onAbandoned(AbandonedCallback&& callback) const
{
  bool runNow = false;
  {
    std::lock_guard<std::mutex> lock(data->mutex);
    if (data->abandoned.load()) {
      runNow = true;
    } else if (data->state.load(std::memory_order_relaxed) == PENDING) {
      data->abandonedCallbacks.push_back(std::move(callback));
    }
  }

  if (runNow) {
    std::move(callback)();
  }
  return *this;
}


template <typename T>
const Future<T>& Future<T>::onDiscard(DiscardCallback&& callback) const
{
  bool runNow = false;
  {
    std::lock_guard<std::mutex> lock(data->mutex);
    if (data->discardRequested.load()) {
      runNow = true;
    } else if (data->state.load(std::memory_order_relaxed) == PENDING) {
      data->discardCallbacks.push_back(std::move(callback));
    }
  }

  if (runNow) {
    std::move(callback)();
  }
  return *this;
}


template <typename T>
const Future<T>& Future<T>::onReady(ReadyCallback&& callback) const
{
  addCompletion(
      WHEN_READY,
      [callback = std::move(callback)](const Future<T>& future) mutable {
        std::move(callback)(future.data->value.get());
      });
  return *this;
}


template <typename T>
const Future<T>& Future<T>::onFailed(FailedCallback&& callback) const
{
  addCompletion(
      WHEN_FAILED,
      [callback = std::move(callback)](const Future<T>& future) mutable {
        std::move(callback)(future.data->message);
      });
  return *this;
}


template <typename T>
const Future<T>& Future<T>::onDiscarded(DiscardedCallback&& callback) const
{
  addCompletion(
      WHEN_DISCARDED,
      [callback = std::move(callback)](const Future<T>&) mutable {
        std::move(callback)();
      });
  return *this;
}


template <typename T>
const Future<T>& Future<T>::onAny(AnyCallback&& callback) const
{
  addCompletion(WHEN_ANY, std::move(callback));
  return *this;
}


// ---------------------------------------------------------------------------
// Future: composition.

namespace internal {

// Completes `promise` with the outcome of a continuation: follows a
// returned future, stores a returned value.
template <typename X, typename R>
void settle(Promise<X>& promise, R&& result)
{
  if constexpr (IsFuture<std::decay_t<R>>::value) {
    promise.associate(result);
  } else if constexpr (std::is_constructible<X, R&&>::value) {
    promise.set(X(std::forward<R>(result)));
  } else {
    // E.g. a Failure: anything a Future<X> can be built from.
    promise.associate(Future<X>(std::forward<R>(result)));
  }
}


// Invokes `g(args...)` and settles `promise` with the outcome; an
// exception fails the promise instead.
template <typename X, typename G, typename... Args>
void settleWith(Promise<X>& promise, G&& g, Args&&... args)
{
  try {
    using R = std::invoke_result_t<G&&, Args&&...>;
    if constexpr (std::is_void<R>::value) {
      std::invoke(std::forward<G>(g), std::forward<Args>(args)...);
      promise.set(X());
    } else {
      settle(
          promise,
          std::invoke(std::forward<G>(g), std::forward<Args>(args)...));
    }
  } catch (...) {
    promise.fail(describeCurrentException());
  }
}


// A callback that requests a discard of the referenced future if it is
// still alive (used to pass discards upstream without owning upstream).
template <typename T>
auto discardUpstream(const Future<T>& upstream)
{
  return [weak = WeakFuture<T>(upstream)]() {
    Option<Future<T>> strong = weak.get();
    if (strong.isSome()) {
      Future<T> future = strong.get();
      future.discard();
    }
  };
}

} // namespace internal {


template <typename T>
template <typename X, typename G>
Future<X> Future<T>::chain(G&& g) const
{
  std::unique_ptr<Promise<X>> promise(new Promise<X>());
  Future<X> downstream = promise->future();

  onAny([g = std::forward<G>(g), promise = std::move(promise)](
            const Future<T>& upstream) mutable {
    if (upstream.isReady()) {
      if (upstream.hasDiscard()) {
        promise->discard();
      } else {
        internal::settleWith(*promise, std::move(g), upstream.get());
      }
    } else if (upstream.isFailed()) {
      promise->fail(upstream.failure());
    } else if (upstream.isDiscarded()) {
      promise->discard();
    }
  });

  onAbandoned([downstream]() mutable { downstream.abandon(); });

  downstream.onDiscard(internal::discardUpstream(*this));

  return downstream;
}


template <typename T>
template <typename F>
Future<T> Future<T>::recover(F&& f) const
{
  using G = std::decay_t<F>;

  // Shared between the "completed" and "abandoned" paths; only the first
  // of them to fire may call f.
  struct Shared
  {
    explicit Shared(G&& _g) : g(std::move(_g)) {}

    G g;
    std::atomic<bool> used{false};
    Promise<T> promise;
  };

  std::shared_ptr<Shared> shared =
    std::make_shared<Shared>(G(std::forward<F>(f)));

  auto recoverWith = [](const std::shared_ptr<Shared>& s,
                        const Future<T>& upstream) {
    if (s->used.exchange(true)) {
      return;
    }
    // A discard requested on the returned future so far was aimed at the
    // failed/abandoned upstream, not at what f produces: clear it so the
    // future f returns is not discarded straight away.
    {
      std::lock_guard<std::mutex> lock(s->promise.f.data->mutex);
      s->promise.f.data->discardRequested.store(false);
    }
    internal::settleWith(s->promise, std::move(s->g), upstream);
  };

  onAny([shared, recoverWith](const Future<T>& upstream) {
    if (upstream.isFailed() || upstream.isDiscarded()) {
      recoverWith(shared, upstream);
    } else if (!shared->used.exchange(true)) {
      shared->promise.associate(upstream);
    }
  });

  onAbandoned([shared, recoverWith, weak = WeakFuture<T>(*this)]() {
    Option<Future<T>> upstream = weak.get();
    recoverWith(shared, upstream.isSome() ? upstream.get() : Future<T>());
  });

  Future<T> downstream = shared->promise.future();
  downstream.onDiscard(internal::discardUpstream(*this));
  return downstream;
}


template <typename T>
Future<T> Future<T>::repair(
    lambda::CallableOnce<Future<T>(const Future<T>&)> f) const
{
  std::unique_ptr<Promise<T>> promise(new Promise<T>());
  Future<T> downstream = promise->future();

  onAny([f = std::move(f), promise = std::move(promise)](
            const Future<T>& upstream) mutable {
    if (upstream.isFailed()) {
      internal::settleWith(*promise, std::move(f), upstream);
    } else {
      promise->associate(upstream);
    }
  });

  onAbandoned([downstream]() mutable { downstream.abandon(); });

  downstream.onDiscard(internal::discardUpstream(*this));

  return downstream;
}


template <typename T>
Future<T> Future<T>::after(
    const Duration& duration,
    lambda::CallableOnce<Future<T>(const Future<T>&)> f) const
{
  // Whichever of "timer fired" and "this future completed" comes first
  // settles the returned future; the other one does nothing.
  struct Race
  {
    explicit Race(lambda::CallableOnce<Future<T>(const Future<T>&)>&& _f)
      : f(std::move(_f)) {}

    std::mutex mutex;
    bool decided = false;
    Option<Timer> timer; // Released once decided (it refers back here).
    lambda::CallableOnce<Future<T>(const Future<T>&)> f;
    Promise<T> promise;
  };

  std::shared_ptr<Race> race = std::make_shared<Race>(std::move(f));
  Future<T> downstream = race->promise.future();

  // Decides the race; returns false if it was already decided.
  auto decide = [](const std::shared_ptr<Race>& r) {
    Option<Timer> timer;
    {
      std::lock_guard<std::mutex> lock(r->mutex);
      if (r->decided) {
        return false;
      }
      r->decided = true;
      std::swap(timer, r->timer);
    }
    if (timer.isSome()) {
      Clock::cancel(timer.get());
    }
    return true;
  };

  Timer timer = Clock::timer(duration, [race, decide, upstream = *this]() {
    if (decide(race)) {
      internal::settleWith(race->promise, std::move(race->f), upstream);
    }
  });

  {
    std::lock_guard<std::mutex> lock(race->mutex);
    if (!race->decided) {
      race->timer = timer;
    }
  }

  onAny([race, decide](const Future<T>& upstream) {
    if (decide(race)) {
      race->promise.associate(upstream);
    }
  });

  onAbandoned([downstream]() mutable { downstream.abandon(); });

  downstream.onDiscard(internal::discardUpstream(*this));

  return downstream;
}


// ---------------------------------------------------------------------------
// Promise.

template <typename T>
bool Promise<T>::associate(const Future<T>& future)
{
  bool associated = false;
  {
    std::lock_guard<std::mutex> lock(f.data->mutex);
    if (f.data->state.load(std::memory_order_relaxed) == Future<T>::PENDING &&
        !f.data->associated) {
      f.data->associated = true;
      associated = true;
    }
  }

  if (!associated) {
    return false;
  }

  // Registered outside the lock: these may run right away.
  f.onDiscard(internal::discardUpstream(future));

  Future<T> target = f;
  future
    .onAny([target](const Future<T>& source) mutable {
      if (source.isReady()) {
        target.set(source.get());
      } else if (source.isFailed()) {
        target.fail(source.failure());
      } else if (source.isDiscarded()) {
        target.markDiscarded();
      }
    })
    .onAbandoned([target]() mutable { target.abandon(true); });

  return true;
}


// ---------------------------------------------------------------------------
// Helpers.

// "Pending", "Abandoned", "Ready", "Failed: <message>" or "Discarded",
// followed by " (with discard)" if a discard was requested (placed before
// the failure message).
template <typename T>
std::ostream& operator<<(std::ostream& stream, const Future<T>& future)
{
  const char* suffix = future.hasDiscard() ? " (with discard)" : "";

  if (future.isReady()) {
    return stream << "Ready" << suffix;
  }
  if (future.isFailed()) {
    return stream << "Failed" << suffix << ": " << future.failure();
  }
  if (future.isDiscarded()) {
    return stream << "Discarded" << suffix;
  }
  if (future.isAbandoned()) {
    return stream << "Abandoned" << suffix;
  }
  return stream << "Pending" << suffix;
}


// A future that follows `future` but does not pass discard requests on
// to it.
template <typename T>
Future<T> undiscardable(const Future<T>& future)
{
  std::unique_ptr<Promise<T>> promise(new Promise<T>());
  Future<T> result = promise->future();
  future.onAny([promise = std::move(promise)](const Future<T>& source) {
    promise->associate(source);
  });
  return result;
}


// Requests a discard of every future in `futures`.
template <typename Futures>
void discard(const Futures& futures)
{
  for (auto future : futures) {
    future.discard();
  }
}

} // namespace process {

#endif // __PROCESS_FUTURE_HPP__
