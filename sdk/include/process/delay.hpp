// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_DELAY_HPP__
#define __PROCESS_DELAY_HPP__

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>

namespace process {

// Dispatches `method` (with copies of `a...`) to the process once
// `duration` has passed on the libprocess clock. The Timer can cancel it.

template <typename T>
Timer delay(const Duration& duration,
            const PID<T>& pid,
            void (T::*method)())
{
  return Clock::timer(duration, [=]() { dispatch(pid, method); });
}

template <typename T>
Timer delay(const Duration& duration,
            const Process<T>& process,
            void (T::*method)())
{
  return delay(duration, process.self(), method);
}

template <typename T>
Timer delay(const Duration& duration,
            const Process<T>* process,
            void (T::*method)())
{
  return delay(duration, process->self(), method);
}

template <typename T, typename P0, typename... P, typename A0, typename... A>
Timer delay(const Duration& duration,
            const PID<T>& pid,
            void (T::*method)(P0, P...),
            A0 a0,
            A... a)
{
  static_assert(sizeof...(P) == sizeof...(A),
                "delay needs one argument per method parameter");
  return Clock::timer(duration, [=]() { dispatch(pid, method, a0, a...); });
}

template <typename T, typename P0, typename... P, typename A0, typename... A>
Timer delay(const Duration& duration,
            const Process<T>& process,
            void (T::*method)(P0, P...),
            A0 a0,
            A... a)
{
  return delay(duration, process.self(), method, a0, a...);
}

template <typename T, typename P0, typename... P, typename A0, typename... A>
Timer delay(const Duration& duration,
            const Process<T>* process,
            void (T::*method)(P0, P...),
            A0 a0,
            A... a)
{
  return delay(duration, process->self(), method, a0, a...);
}

} // namespace process {

#endif // __PROCESS_DELAY_HPP__
