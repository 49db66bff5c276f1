// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_EXECUTOR_HPP__
#define __PROCESS_EXECUTOR_HPP__

#include <functional>
#include <type_traits>
#include <utility>

#include <process/deferred.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/nothing.hpp>

namespace process {

// A process of its own that runs functions one after the other: defer()
// without a process defers to the calling thread's executor.
class Executor
{
public:
  Executor() : process(ID::generate("__executor__"))
  {
    spawn(process);
  }

  ~Executor()
  {
    terminate(process);
    wait(process);
  }

  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Terminates the executor's process without waiting for it.
  void stop() { terminate(process); }

  template <typename F>
  _Deferred<F> defer(F&& f)
  {
    return _Deferred<F>(process.self(), std::forward<F>(f));
  }

  // Runs f in the executor's process; the future gets its result
  // (Nothing for a function returning void).
  template <
      typename F,
      typename R = std::invoke_result_t<std::decay_t<F>&>,
      typename std::enable_if<!std::is_void<R>::value, int>::type = 0>
  auto execute(F&& f)
    -> decltype(dispatch(std::declval<const UPID&>(), std::function<R()>()))
  {
    return dispatch(process.self(), std::function<R()>(std::forward<F>(f)));
  }

  template <
      typename F,
      typename R = std::invoke_result_t<std::decay_t<F>&>,
      typename std::enable_if<std::is_void<R>::value, int>::type = 0>
  Future<Nothing> execute(F&& f)
  {
    std::function<void()> g(std::forward<F>(f));
    return dispatch(process.self(), [g]() {
      g();
      return Nothing();
    });
  }

private:
  ProcessBase process;
};


// The calling thread's executor, created (and never destroyed) on first
// use.
extern thread_local Executor* _executor_;

#define __executor__                                                    \
  (::process::_executor_ == nullptr                                     \
     ? ::process::_executor_ = new ::process::Executor()                \
     : ::process::_executor_)

} // namespace process {

#endif // __PROCESS_EXECUTOR_HPP__
