// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_TIMER_HPP__
#define __PROCESS_TIMER_HPP__

#include <stdint.h>
#include <stdlib.h>

#include <process/pid.hpp>
#include <process/timeout.hpp>

#include <stout/duration.hpp>
#include <stout/lambda.hpp>

namespace process {

// A handle on a function scheduled with Clock::timer (or delay()). Copies
// compare equal; Clock::cancel(timer) stops it from running.
class Timer
{
public:
  Timer() : id(0), thunk(&abort) {}

  bool operator==(const Timer& that) const { return id == that.id; }

  // Runs the scheduled function.
  void operator()() const { thunk(); }

  // When the timer fires.
  Timeout timeout() const { return t; }

  // The process that created the timer (empty if none was running).
  UPID creator() const { return pid; }

private:
  friend class Clock;

  Timer(uint64_t _id,
        const Timeout& _t,
        const UPID& _pid,
        const lambda::function<void()>& _thunk)
    : id(_id), t(_t), pid(_pid), thunk(_thunk) {}

  uint64_t id;
  Timeout t;
  UPID pid;
  lambda::function<void()> thunk;
};

} // namespace process {

#endif // __PROCESS_TIMER_HPP__
