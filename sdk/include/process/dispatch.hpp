// Mesos module SDK: clean-room libprocess compatibility header.
//
// dispatch(pid, &T::method, args...) runs the method inside the process,
// on the runtime's threads, after the events already queued for it. The
// arguments are copied (decayed) when dispatching and moved into the call.
// A method returning void gives void; one returning Future<R> or R gives a
// Future<R> completed with its result. If the process does not exist (or
// has terminated) the call is dropped and the returned future is
// abandoned.
#ifndef __PROCESS_DISPATCH_HPP__
#define __PROCESS_DISPATCH_HPP__

#include <cassert>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include <process/future.hpp>
#include <process/process.hpp>

#include <stout/lambda.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>

namespace process {

namespace internal {

// Queues `f` to run inside the process named `pid` (dropped, and `f`
// destroyed, if there is no such live process).
void dispatch(
    const UPID& pid,
    std::unique_ptr<lambda::CallableOnce<void(ProcessBase*)>> f,
    const Option<const std::type_info*>& functionType = None());


template <typename F>
std::unique_ptr<lambda::CallableOnce<void(ProcessBase*)>> runnable(F&& f)
{
  return std::unique_ptr<lambda::CallableOnce<void(ProcessBase*)>>(
      new lambda::CallableOnce<void(ProcessBase*)>(std::forward<F>(f)));
}


// A callable taking the ProcessBase* that calls `method` on it (as a T)
// with the stored (decayed) arguments moved in.
template <typename T, typename Method, typename... A>
auto bindMethod(Method method, A&&... a)
{
  return [method, args = std::tuple<std::decay_t<A>...>(std::forward<A>(a)...)](
             ProcessBase* process) mutable -> decltype(auto) {
    assert(process != nullptr);
    T* t = dynamic_cast<T*>(process);
    assert(t != nullptr);
    return std::apply(
        [t, method](auto&... values) -> decltype(auto) {
          return (t->*method)(std::move(values)...);
        },
        args);
  };
}


template <typename R>
struct IsFutureType : std::false_type {};

template <typename R>
struct IsFutureType<Future<R>> : std::true_type {};


// dispatch(pid, f) for a callable f taking no argument, by result type.
template <typename R>
struct Dispatch
{
  template <typename F>
  Future<R> operator()(const UPID& pid, F&& f)
  {
    std::unique_ptr<Promise<R>> promise(new Promise<R>());
    Future<R> future = promise->future();
    dispatch(pid, runnable(
        [promise = std::move(promise), f = std::decay_t<F>(std::forward<F>(f))](
            ProcessBase*) mutable {
          promise->set(std::move(f)());
        }));
    return future;
  }
};

template <>
struct Dispatch<void>
{
  template <typename F>
  void operator()(const UPID& pid, F&& f)
  {
    dispatch(pid, runnable(
        [f = std::decay_t<F>(std::forward<F>(f))](ProcessBase*) mutable {
          std::move(f)();
        }));
  }
};

template <typename R>
struct Dispatch<Future<R>>
{
  template <typename F>
  Future<R> operator()(const UPID& pid, F&& f)
  {
    std::unique_ptr<Promise<R>> promise(new Promise<R>());
    Future<R> future = promise->future();
    dispatch(pid, runnable(
        [promise = std::move(promise), f = std::decay_t<F>(std::forward<F>(f))](
            ProcessBase*) mutable {
          promise->associate(std::move(f)());
        }));
    return future;
  }
};

} // namespace internal {


// Methods returning void.

template <typename T, typename... P, typename... A>
void dispatch(const PID<T>& pid, void (T::*method)(P...), A&&... a)
{
  static_assert(sizeof...(P) == sizeof...(A),
                "dispatch needs one argument per method parameter");
  auto call = internal::bindMethod<T>(method, std::forward<A>(a)...);
  internal::dispatch(
      pid,
      internal::runnable([call = std::move(call)](ProcessBase* process) mutable {
        call(process);
      }),
      &typeid(method));
}

template <typename T, typename... P, typename... A>
void dispatch(const Process<T>& process, void (T::*method)(P...), A&&... a)
{
  dispatch(process.self(), method, std::forward<A>(a)...);
}

template <typename T, typename... P, typename... A>
void dispatch(const Process<T>* process, void (T::*method)(P...), A&&... a)
{
  dispatch(process->self(), method, std::forward<A>(a)...);
}


// Methods returning Future<R>: the returned future follows theirs.

template <typename R, typename T, typename... P, typename... A>
Future<R> dispatch(
    const PID<T>& pid, Future<R> (T::*method)(P...), A&&... a)
{
  static_assert(sizeof...(P) == sizeof...(A),
                "dispatch needs one argument per method parameter");
  std::unique_ptr<Promise<R>> promise(new Promise<R>());
  Future<R> future = promise->future();
  auto call = internal::bindMethod<T>(method, std::forward<A>(a)...);
  internal::dispatch(
      pid,
      internal::runnable(
          [promise = std::move(promise), call = std::move(call)](
              ProcessBase* process) mutable {
            promise->associate(call(process));
          }),
      &typeid(method));
  return future;
}

template <typename R, typename T, typename... P, typename... A>
Future<R> dispatch(
    const Process<T>& process, Future<R> (T::*method)(P...), A&&... a)
{
  return dispatch(process.self(), method, std::forward<A>(a)...);
}

template <typename R, typename T, typename... P, typename... A>
Future<R> dispatch(
    const Process<T>* process, Future<R> (T::*method)(P...), A&&... a)
{
  return dispatch(process->self(), method, std::forward<A>(a)...);
}


// Methods returning a plain R: the returned future gets the value.

template <
    typename R,
    typename T,
    typename... P,
    typename... A,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
Future<R> dispatch(const PID<T>& pid, R (T::*method)(P...), A&&... a)
{
  static_assert(sizeof...(P) == sizeof...(A),
                "dispatch needs one argument per method parameter");
  std::unique_ptr<Promise<R>> promise(new Promise<R>());
  Future<R> future = promise->future();
  auto call = internal::bindMethod<T>(method, std::forward<A>(a)...);
  internal::dispatch(
      pid,
      internal::runnable(
          [promise = std::move(promise), call = std::move(call)](
              ProcessBase* process) mutable {
            promise->set(call(process));
          }),
      &typeid(method));
  return future;
}

template <
    typename R,
    typename T,
    typename... P,
    typename... A,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
Future<R> dispatch(const Process<T>& process, R (T::*method)(P...), A&&... a)
{
  return dispatch(process.self(), method, std::forward<A>(a)...);
}

template <
    typename R,
    typename T,
    typename... P,
    typename... A,
    typename = std::enable_if_t<
        !std::is_void<R>::value && !internal::IsFutureType<R>::value>>
Future<R> dispatch(const Process<T>* process, R (T::*method)(P...), A&&... a)
{
  return dispatch(process->self(), method, std::forward<A>(a)...);
}


// Any callable taking no argument: void for void, Future<X> for X or
// Future<X>.
template <typename F, typename R = std::invoke_result_t<std::decay_t<F>&&>>
auto dispatch(const UPID& pid, F&& f)
  -> decltype(internal::Dispatch<R>()(pid, std::forward<F>(f)))
{
  return internal::Dispatch<R>()(pid, std::forward<F>(f));
}

} // namespace process {

#endif // __PROCESS_DISPATCH_HPP__
