// process::loop (Mesos 1.11.0 3rdparty/libprocess/include/process/loop.hpp):
// an asynchronous loop without recursion.
//
//   Future<R> loop(Option<UPID> pid, Iterate iterate, Body body)
//
// calls iterate() (returning T or Future<T>), then body(t) (returning
// ControlFlow<R> or Future<ControlFlow<R>>), again and again until body
// returns Break(r); the loop's future is then r. `return Continue();` goes on.
// A failed or discarded step fails or discards the loop; discarding the loop's
// future discards the step it waits on and stops it. With a pid, each step
// after the first wait runs inside that process (as a dispatch); ready steps
// are run on the spot, in a plain loop, so a long run of them needs no stack.

#ifndef __PROCESS_LOOP_HPP__
#define __PROCESS_LOOP_HPP__

#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/pid.hpp>

#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>

namespace process {

template <typename T>
class ControlFlow
{
public:
  enum class Statement
  {
    CONTINUE,
    BREAK
  };

  ControlFlow(Statement _statement, Option<T> _t)
    : statement_(_statement), t(std::move(_t)) {}

  Statement statement() const { return statement_; }

  T& value() & { return t.get(); }
  const T& value() const& { return t.get(); }
  T&& value() && { return std::move(t).get(); }

private:
  Statement statement_;
  Option<T> t;
};


// `return Continue();` from a loop body, whatever its ControlFlow<R>.
class Continue
{
public:
  Continue() = default;

  template <typename T>
  operator ControlFlow<T>() const
  {
    return ControlFlow<T>(ControlFlow<T>::Statement::CONTINUE, None());
  }
};


namespace internal {

template <typename T>
class Break
{
public:
  explicit Break(T _t) : t(std::move(_t)) {}

  template <typename U>
  operator ControlFlow<U>() const&
  {
    return ControlFlow<U>(ControlFlow<U>::Statement::BREAK, Option<U>(t));
  }

  template <typename U>
  operator ControlFlow<U>() &&
  {
    return ControlFlow<U>(ControlFlow<U>::Statement::BREAK, Option<U>(std::move(t)));
  }

private:
  T t;
};


// X for X and for Future<X>.
template <typename X>
struct Unwrap { using type = X; };

template <typename X>
struct Unwrap<Future<X>> { using type = X; };

// R for ControlFlow<R> and for Future<ControlFlow<R>>.
template <typename X>
struct FlowValue;

template <typename R>
struct FlowValue<ControlFlow<R>> { using type = R; };

template <typename R>
struct FlowValue<Future<ControlFlow<R>>> { using type = R; };


template <typename Iterate, typename Body, typename T, typename R>
class Loop : public std::enable_shared_from_this<Loop<Iterate, Body, T, R>>
{
public:
  Loop(const Option<UPID>& _pid, Iterate&& _iterate, Body&& _body)
    : pid(_pid),
      iterate(std::forward<Iterate>(_iterate)),
      body(std::forward<Body>(_body)) {}

  Future<R> start()
  {
    std::weak_ptr<Loop> weak = this->shared_from_this();
    promise.future().onDiscard([weak]() {
      if (std::shared_ptr<Loop> loop = weak.lock()) {
        loop->discardWaited();
      }
    });
    run(step([this]() -> Future<T> { return iterate(); }));
    return promise.future();
  }

private:
  // Runs ready steps in place; on the first pending one, arranges to resume
  // when it completes and returns.
  void run(Future<T> next)
  {
    std::shared_ptr<Loop> self = this->shared_from_this();
    while (true) {
      if (promise.future().hasDiscard()) {
        next.discard();
        promise.discard();
        return;
      }
      if (!next.isReady()) {
        if (settled(next)) {
          return;
        }
        wait(next, [self](const Future<T>& ready) { self->run(ready); });
        return;
      }

      const T& t = next.get();
      Future<ControlFlow<R>> flow =
        step([this, &t]() -> Future<ControlFlow<R>> { return body(t); });

      if (!flow.isReady()) {
        if (settled(flow)) {
          return;
        }
        wait(flow, [self](const Future<ControlFlow<R>>& ready) {
          if (self->decided(ready.get())) {
            return;
          }
          self->run(self->step([self]() -> Future<T> { return self->iterate(); }));
        });
        return;
      }

      if (decided(flow.get())) {
        return;
      }
      next = step([this]() -> Future<T> { return iterate(); });
    }
  }

  // Completes the loop on a Break.
  bool decided(const ControlFlow<R>& flow)
  {
    if (flow.statement() == ControlFlow<R>::Statement::BREAK) {
      promise.set(flow.value());
      return true;
    }
    return false;
  }

  // An exception from iterate or body fails the loop.
  template <typename F>
  auto step(F&& f) -> decltype(f())
  {
    try {
      return f();
    } catch (const std::exception& e) {
      return Failure(e.what());
    } catch (...) {
      return Failure("unknown exception in a loop step");
    }
  }

  // Carries a failed or discarded step over to the loop.
  template <typename X>
  bool settled(const Future<X>& future)
  {
    if (future.isFailed()) {
      promise.fail(future.failure());
      return true;
    }
    if (future.isDiscarded()) {
      promise.discard();
      return true;
    }
    return false;
  }

  // Resumes when `future` completes: in the loop's process if it has one.
  template <typename X, typename F>
  void wait(const Future<X>& future, F&& resume)
  {
    {
      std::lock_guard<std::mutex> guard(mutex);
      Future<X> waited = future;
      discardStep = [waited]() mutable { waited.discard(); };
    }
    if (promise.future().hasDiscard()) {
      discardWaited();
    }

    std::shared_ptr<Loop> self = this->shared_from_this();
    Option<UPID> target = pid;
    future.onAny([self, target, resume](const Future<X>& done) {
      {
        std::lock_guard<std::mutex> guard(self->mutex);
        self->discardStep = nullptr;
      }
      if (!done.isReady()) {
        self->settled(done);
        return;
      }
      if (target.isSome()) {
        dispatch(target.get(), [resume, done]() { resume(done); });
      } else {
        resume(done);
      }
    });
  }

  void discardWaited()
  {
    std::function<void()> discard;
    {
      std::lock_guard<std::mutex> guard(mutex);
      discard = discardStep;
    }
    if (discard) {
      discard();
    }
  }

  const Option<UPID> pid;
  typename std::decay<Iterate>::type iterate;
  typename std::decay<Body>::type body;
  Promise<R> promise;

  std::mutex mutex;
  std::function<void()> discardStep;
};

} // namespace internal {


template <typename T>
internal::Break<typename std::decay<T>::type> Break(T&& t)
{
  return internal::Break<typename std::decay<T>::type>(std::forward<T>(t));
}


inline ControlFlow<Nothing> Break()
{
  return ControlFlow<Nothing>(ControlFlow<Nothing>::Statement::BREAK, Nothing());
}


template <
    typename Iterate,
    typename Body,
    typename T = typename internal::Unwrap<
        typename std::invoke_result<Iterate&>::type>::type,
    typename R = typename internal::FlowValue<
        typename std::invoke_result<Body&, T>::type>::type>
Future<R> loop(const Option<UPID>& pid, Iterate&& iterate, Body&& body)
{
  auto state = std::make_shared<internal::Loop<Iterate, Body, T, R>>(
      pid, std::forward<Iterate>(iterate), std::forward<Body>(body));
  return state->start();
}


template <typename Iterate, typename Body>
auto loop(const UPID& pid, Iterate&& iterate, Body&& body)
  -> decltype(loop(Option<UPID>(pid), std::forward<Iterate>(iterate), std::forward<Body>(body)))
{
  return loop(Option<UPID>(pid), std::forward<Iterate>(iterate), std::forward<Body>(body));
}


template <typename Iterate, typename Body>
auto loop(Iterate&& iterate, Body&& body)
  -> decltype(loop(Option<UPID>(None()), std::forward<Iterate>(iterate), std::forward<Body>(body)))
{
  return loop(Option<UPID>(None()), std::forward<Iterate>(iterate), std::forward<Body>(body));
}

} // namespace process {

#endif // __PROCESS_LOOP_HPP__
