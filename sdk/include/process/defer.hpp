// Mesos module SDK: clean-room libprocess compatibility header.
//
// defer(pid, &T::method, args...) makes a callback that dispatches the
// method to the process when called; arguments may be placeholders
// (lambda::_1, ...) filled in with the callback's arguments, e.g.
//   future.onAny(defer(self(), &Self::finished, lambda::_1));
// defer(pid, f) dispatches any function f; defer(f) defers to the process
// currently running (or, outside of one, to the thread's executor).
#ifndef __PROCESS_DEFER_HPP__
#define __PROCESS_DEFER_HPP__

#include <functional>
#include <memory>
#include <utility>

#include <process/deferred.hpp>
#include <process/dispatch.hpp>
#include <process/executor.hpp>
#include <process/process.hpp>

namespace process {

// Methods returning void.

template <typename T>
Deferred<void()> defer(const PID<T>& pid, void (T::*method)())
{
  return Deferred<void()>(
      std::function<void()>([=]() { dispatch(pid, method); }));
}

template <typename T>
Deferred<void()> defer(const Process<T>& process, void (T::*method)())
{
  return defer(process.self(), method);
}

template <typename T>
Deferred<void()> defer(const Process<T>* process, void (T::*method)())
{
  return defer(process->self(), method);
}

template <typename T, typename P0, typename... P, typename A0, typename... A>
auto defer(
    const PID<T>& pid, void (T::*method)(P0, P...), A0&& a0, A&&... a)
{
  static_assert(sizeof...(P) == sizeof...(A),
                "defer needs one argument (or placeholder) per parameter");
  std::function<void(P0, P...)> f([=](P0 p0, P... p) {
    dispatch(pid, method, std::forward<P0>(p0), std::forward<P>(p)...);
  });
  return internal::makeDeferred(
      std::bind(std::move(f), std::forward<A0>(a0), std::forward<A>(a)...));
}

template <typename T, typename P0, typename... P, typename A0, typename... A>
auto defer(
    const Process<T>& process,
    void (T::*method)(P0, P...),
    A0&& a0,
    A&&... a)
{
  return defer(
      process.self(), method, std::forward<A0>(a0), std::forward<A>(a)...);
}

template <typename T, typename P0, typename... P, typename A0, typename... A>
auto defer(
    const Process<T>* process,
    void (T::*method)(P0, P...),
    A0&& a0,
    A&&... a)
{
  return defer(
      process->self(), method, std::forward<A0>(a0), std::forward<A>(a)...);
}


// Methods returning Future<R> or R: the callback returns a Future<R>.

template <typename R, typename T>
Deferred<Future<R>()> defer(const PID<T>& pid, Future<R> (T::*method)())
{
  return Deferred<Future<R>()>(
      std::function<Future<R>()>([=]() { return dispatch(pid, method); }));
}

template <typename R, typename T>
Deferred<Future<R>()> defer(
    const Process<T>& process, Future<R> (T::*method)())
{
  return defer(process.self(), method);
}

template <typename R, typename T>
Deferred<Future<R>()> defer(
    const Process<T>* process, Future<R> (T::*method)())
{
  return defer(process->self(), method);
}

template <
    typename R,
    typename T,
    typename P0,
    typename... P,
    typename A0,
    typename... A>
auto defer(
    const PID<T>& pid,
    Future<R> (T::*method)(P0, P...),
    A0&& a0,
    A&&... a)
{
  static_assert(sizeof...(P) == sizeof...(A),
                "defer needs one argument (or placeholder) per parameter");
  std::function<Future<R>(P0, P...)> f([=](P0 p0, P... p) {
    return dispatch(
        pid, method, std::forward<P0>(p0), std::forward<P>(p)...);
  });
  return internal::makeDeferred(
      std::bind(std::move(f), std::forward<A0>(a0), std::forward<A>(a)...));
}

template <
    typename R,
    typename T,
    typename P0,
    typename... P,
    typename A0,
    typename... A>
auto defer(
    const Process<T>& process,
    Future<R> (T::*method)(P0, P...),
    A0&& a0,
    A&&... a)
{
  return defer(
      process.self(), method, std::forward<A0>(a0), std::forward<A>(a)...);
}

template <
    typename R,
    typename T,
    typename P0,
    typename... P,
    typename A0,
    typename... A>
auto defer(
    const Process<T>* process,
    Future<R> (T::*method)(P0, P...),
    A0&& a0,
    A&&... a)
{
  return defer(
      process->self(), method, std::forward<A0>(a0), std::forward<A>(a)...);
}

template <
    typename R,
    typename T,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
Deferred<Future<R>()> defer(const PID<T>& pid, R (T::*method)())
{
  return Deferred<Future<R>()>(
      std::function<Future<R>()>([=]() { return dispatch(pid, method); }));
}

template <
    typename R,
    typename T,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
Deferred<Future<R>()> defer(const Process<T>& process, R (T::*method)())
{
  return defer(process.self(), method);
}

template <
    typename R,
    typename T,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
Deferred<Future<R>()> defer(const Process<T>* process, R (T::*method)())
{
  return defer(process->self(), method);
}

template <
    typename R,
    typename T,
    typename P0,
    typename... P,
    typename A0,
    typename... A,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
auto defer(
    const PID<T>& pid, R (T::*method)(P0, P...), A0&& a0, A&&... a)
{
  static_assert(sizeof...(P) == sizeof...(A),
                "defer needs one argument (or placeholder) per parameter");
  std::function<Future<R>(P0, P...)> f([=](P0 p0, P... p) {
    return dispatch(
        pid, method, std::forward<P0>(p0), std::forward<P>(p)...);
  });
  return internal::makeDeferred(
      std::bind(std::move(f), std::forward<A0>(a0), std::forward<A>(a)...));
}

template <
    typename R,
    typename T,
    typename P0,
    typename... P,
    typename A0,
    typename... A,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
auto defer(
    const Process<T>& process,
    R (T::*method)(P0, P...),
    A0&& a0,
    A&&... a)
{
  return defer(
      process.self(), method, std::forward<A0>(a0), std::forward<A>(a)...);
}

template <
    typename R,
    typename T,
    typename P0,
    typename... P,
    typename A0,
    typename... A,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
auto defer(
    const Process<T>* process,
    R (T::*method)(P0, P...),
    A0&& a0,
    A&&... a)
{
  return defer(
      process->self(), method, std::forward<A0>(a0), std::forward<A>(a)...);
}


// Any function, dispatched to `pid` when called.
template <typename F>
_Deferred<F> defer(const UPID& pid, F&& f)
{
  return _Deferred<F>(pid, std::forward<F>(f));
}


// Any function, dispatched to the process running now (or to this
// thread's executor when called outside of a process).
template <typename F>
_Deferred<F> defer(F&& f)
{
  if (__process__ != nullptr) {
    return defer(__process__->self(), std::forward<F>(f));
  }
  return __executor__->defer(std::forward<F>(f));
}

} // namespace process {

#endif // __PROCESS_DEFER_HPP__
