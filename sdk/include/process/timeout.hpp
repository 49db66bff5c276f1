// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_TIMEOUT_HPP__
#define __PROCESS_TIMEOUT_HPP__

#include <process/clock.hpp>
#include <process/time.hpp>

#include <stout/duration.hpp>

namespace process {

// A deadline on the libprocess clock.
class Timeout
{
public:
  // Expires now.
  Timeout() : timeout(Clock::now()) {}

  explicit Timeout(const Time& time) : timeout(time) {}

  Timeout(const Timeout& that) = default;

  // A deadline `duration` from now (Time::max() if that would overflow).
  static Timeout in(const Duration& duration)
  {
    const Time now = Clock::now();
    if (now.duration() < Duration::max() - duration) {
      return Timeout(now + duration);
    }
    return Timeout(Time::max());
  }

  Timeout& operator=(const Timeout& that) = default;

  Timeout& operator=(const Duration& duration)
  {
    timeout = Clock::now() + duration;
    return *this;
  }

  bool operator==(const Timeout& that) const { return timeout == that.timeout; }
  bool operator<(const Timeout& that) const { return timeout < that.timeout; }
  bool operator<=(const Timeout& that) const { return timeout <= that.timeout; }

  Time time() const { return timeout; }

  // Time left until the deadline, never negative.
  Duration remaining() const
  {
    Duration left = timeout - Clock::now();
    return left > Duration::zero() ? left : Duration::zero();
  }

  bool expired() const { return timeout <= Clock::now(); }

private:
  Time timeout;
};

} // namespace process {

#endif // __PROCESS_TIMEOUT_HPP__
