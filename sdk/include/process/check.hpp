// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_CHECK_HPP__
#define __PROCESS_CHECK_HPP__

#include <string>

#include <stout/check.hpp>
#include <stout/option.hpp>

#include <process/future.hpp>

// glog-fatal checks on a Future's state, in the style of CHECK_SOME:
// on failure the message is "<CHECK_X>(<expression>): is <STATE> ",
// plus the failure message for failed futures, plus anything streamed.
#define CHECK_PENDING(expression) \
  CHECK_STATE(CHECK_PENDING, _check_pending, expression)

#define CHECK_READY(expression) \
  CHECK_STATE(CHECK_READY, _check_ready, expression)

#define CHECK_DISCARDED(expression) \
  CHECK_STATE(CHECK_DISCARDED, _check_discarded, expression)

#define CHECK_FAILED(expression) \
  CHECK_STATE(CHECK_FAILED, _check_failed, expression)

#define CHECK_ABANDONED(expression) \
  CHECK_STATE(CHECK_ABANDONED, _check_abandoned, expression)


namespace stout_internal {

// Describes a future's state for the checks above ("is READY",
// "is FAILED: <message>", ...).
template <typename T>
Error describeFutureState(const process::Future<T>& f)
{
  if (f.isReady()) {
    return Error("is READY");
  }
  if (f.isFailed()) {
    return Error("is FAILED: " + f.failure());
  }
  if (f.isDiscarded()) {
    return Error("is DISCARDED");
  }
  return Error("is PENDING");
}

} // namespace stout_internal {


template <typename T>
Option<Error> _check_pending(const process::Future<T>& f)
{
  if (f.isPending()) {
    return None();
  }
  return stout_internal::describeFutureState(f);
}


template <typename T>
Option<Error> _check_ready(const process::Future<T>& f)
{
  if (f.isReady()) {
    return None();
  }
  return stout_internal::describeFutureState(f);
}


template <typename T>
Option<Error> _check_discarded(const process::Future<T>& f)
{
  if (f.isDiscarded()) {
    return None();
  }
  return stout_internal::describeFutureState(f);
}


template <typename T>
Option<Error> _check_failed(const process::Future<T>& f)
{
  if (f.isFailed()) {
    return None();
  }
  return stout_internal::describeFutureState(f);
}


// Passes for a pending, abandoned future.
template <typename T>
Option<Error> _check_abandoned(const process::Future<T>& f)
{
  if (!f.isPending()) {
    return stout_internal::describeFutureState(f);
  }
  if (!f.isAbandoned()) {
    return Error("is not abandoned");
  }
  return None();
}

#endif // __PROCESS_CHECK_HPP__
