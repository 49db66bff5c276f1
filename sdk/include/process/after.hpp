// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_AFTER_HPP__
#define __PROCESS_AFTER_HPP__

#include <memory>

#include <process/clock.hpp>
#include <process/future.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>
#include <stout/nothing.hpp>

namespace process {

// A future that becomes ready once `duration` has passed on the
// libprocess clock. Discarding it cancels the timer and discards it (if
// the timer had not fired yet).
inline Future<Nothing> after(const Duration& duration)
{
  std::shared_ptr<Promise<Nothing>> promise =
    std::make_shared<Promise<Nothing>>();

  Timer timer = Clock::timer(duration, [promise]() {
    promise->set(Nothing());
  });

  // No lasting cycle: the callback is released when the future completes,
  // which the timer guarantees unless it is cancelled here.
  promise->future().onDiscard([promise, timer]() {
    if (Clock::cancel(timer)) {
      promise->discard();
    }
  });

  return promise->future();
}

} // namespace process {

#endif // __PROCESS_AFTER_HPP__
