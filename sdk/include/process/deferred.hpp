// Mesos module SDK: clean-room libprocess compatibility header.
//
// What defer() returns: a function that, when called, does not run right
// away but is dispatched to a process. _Deferred converts to the callback
// types of Future (onReady, onAny, then, ...), to std::function and to
// Deferred; a call of the converted function copies its arguments and
// dispatches the work to the process.
#ifndef __PROCESS_DEFERRED_HPP__
#define __PROCESS_DEFERRED_HPP__

#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/pid.hpp>

#include <stout/lambda.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>

namespace process {

// A std::function whose calls are dispatched to a process.
template <typename F>
struct Deferred : std::function<F>
{
  /*implicit*/ Deferred(const std::function<F>& f) : std::function<F>(f) {}
};


namespace internal {

// Calls g with the arguments if it accepts them, otherwise with none (so a
// deferred callback may ignore the value it is given).
template <typename G, typename... Args>
decltype(auto) invokeLeniently(G&& g, Args&&... args)
{
  if constexpr (std::is_invocable<G&&, Args&&...>::value) {
    return std::invoke(std::forward<G>(g), std::forward<Args>(args)...);
  } else {
    static_assert(
        std::is_invocable<G&&>::value,
        "a deferred function must take the callback's arguments or none");
    return std::invoke(std::forward<G>(g));
  }
}


// Dispatches a no-argument `thunk` to `pid` and turns the outcome into
// the callback's result type R: nothing for void, a future for Future<X>.
template <typename R>
struct DeferredDispatch
{
  static_assert(
      IsFutureType<R>::value,
      "a deferred function can only become a callback returning void or a "
      "Future");
};

template <>
struct DeferredDispatch<void>
{
  template <typename Thunk>
  static void run(const UPID& pid, Thunk&& thunk)
  {
    dispatch(pid, [thunk = std::forward<Thunk>(thunk)]() mutable {
      std::move(thunk)();
    });
  }
};

template <typename X>
struct DeferredDispatch<Future<X>>
{
  template <typename Thunk>
  static Future<X> run(const UPID& pid, Thunk&& thunk)
  {
    using Y = std::invoke_result_t<std::decay_t<Thunk>&&>;
    if constexpr (std::is_void<Y>::value) {
      return dispatch(pid, [thunk = std::forward<Thunk>(thunk)]() mutable {
        std::move(thunk)();
        return Nothing();
      });
    } else {
      return dispatch(pid, std::forward<Thunk>(thunk));
    }
  }
};


// One call of a deferred function `g` with the callback's arguments:
// without a pid, g runs here (it dispatches by itself); with one, g and
// copies of the arguments are dispatched to the process.
template <typename R, typename G, typename... P>
R callDeferred(const Option<UPID>& pid, G&& g, P&&... p)
{
  if (pid.isNone()) {
    using Result = decltype(
        invokeLeniently(std::forward<G>(g), std::forward<P>(p)...));
    if constexpr (std::is_void<R>::value) {
      invokeLeniently(std::forward<G>(g), std::forward<P>(p)...);
      return;
    } else if constexpr (std::is_void<Result>::value) {
      // A continuation returning void yields a Future<Nothing>.
      invokeLeniently(std::forward<G>(g), std::forward<P>(p)...);
      return R(Nothing());
    } else {
      return invokeLeniently(std::forward<G>(g), std::forward<P>(p)...);
    }
  } else {
    auto thunk =
      [g = std::decay_t<G>(std::forward<G>(g)),
       args = std::tuple<std::decay_t<P>...>(std::forward<P>(p)...)]()
      mutable -> decltype(auto) {
        return std::apply(
            [&g](auto&... values) -> decltype(auto) {
              return invokeLeniently(std::move(g), values...);
            },
            args);
      };
    return DeferredDispatch<R>::run(pid.get(), std::move(thunk));
  }
}

} // namespace internal {


template <typename F>
struct _Deferred
{
  typedef std::decay_t<F> Function;

  _Deferred(const UPID& _pid, F&& _f)
    : pid(_pid), f(std::forward<F>(_f)) {}

  /*implicit*/ _Deferred(F&& _f) : f(std::forward<F>(_f)) {}

  // Conversions are meant for the rvalue that defer() returns.

  template <typename R, typename... P>
  operator lambda::CallableOnce<R(P...)>() &&
  {
    return lambda::CallableOnce<R(P...)>(
        [pid = pid, f = std::move(f)](P... p) mutable -> R {
          return internal::callDeferred<R>(
              pid, std::move(f), std::forward<P>(p)...);
        });
  }

  template <typename R, typename... P>
  operator std::function<R(P...)>() &&
  {
    return std::function<R(P...)>(
        [pid = pid, f = std::move(f)](P... p) -> R {
          Function copy = f;
          return internal::callDeferred<R>(
              pid, std::move(copy), std::forward<P>(p)...);
        });
  }

  template <typename R, typename... P>
  operator Deferred<R(P...)>() &&
  {
    return Deferred<R(P...)>(
        std::move(*this).operator std::function<R(P...)>());
  }

  // The process the function is dispatched to; none when the function
  // dispatches by itself (defer of a method with arguments).
  Option<UPID> pid;
  Function f;
};


namespace internal {

template <typename G>
_Deferred<std::decay_t<G>> makeDeferred(G&& g)
{
  return _Deferred<std::decay_t<G>>(std::decay_t<G>(std::forward<G>(g)));
}

} // namespace internal {

} // namespace process {

#endif // __PROCESS_DEFERRED_HPP__
