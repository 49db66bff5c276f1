// Mesos module SDK: clean-room libprocess compatibility header.
//
// The libprocess clock: real time by default; tests may pause it and move
// it forward by hand, in which case timers fire only when the paused time
// passes their deadline.
#ifndef __PROCESS_CLOCK_HPP__
#define __PROCESS_CLOCK_HPP__

#include <process/time.hpp>

#include <stout/duration.hpp>
#include <stout/lambda.hpp>

namespace process {

class ProcessBase;
class Timer;

class Clock
{
public:
  // The current time (the paused time while the clock is paused).
  static Time now();

  // The same; the bundled runtime keeps one clock for all processes.
  static Time now(ProcessBase* process);

  // Runs `thunk` (on the runtime's timer thread) once `duration` has
  // passed on this clock. The returned Timer can be cancelled.
  static Timer timer(
      const Duration& duration,
      const lambda::function<void()>& thunk);

  // Cancels a timer that has not fired yet; returns true if it was
  // pending (and so will never fire).
  static bool cancel(const Timer& timer);

  // Freezes now() at the current time.
  static void pause();

  static bool paused();

  // Back to real time; timers whose deadline has passed fire.
  static void resume();

  // Moves a paused clock forward (no effect unless paused).
  static void advance(const Duration& duration);
  static void advance(ProcessBase* process, const Duration& duration);

  // Sets a paused clock to `time` if that is later than now().
  static void update(const Time& time);

  enum Update
  {
    SAFE,  // Never move a clock backwards.
    FORCE, // Move it even backwards.
  };

  static void update(
      ProcessBase* process,
      const Time& time,
      Update update = SAFE);

  // Kept for source compatibility (one clock: nothing to order).
  static void order(ProcessBase* from, ProcessBase* to);

  // With the clock paused, blocks until every timer due at the paused
  // time has run and no process has events left to serve. Dies if the
  // clock is not paused.
  static void settle();

  // With the clock paused: whether every timer due at the paused time has
  // run.
  static bool settled();
};

} // namespace process {

#endif // __PROCESS_CLOCK_HPP__
