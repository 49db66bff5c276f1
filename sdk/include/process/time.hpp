// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_TIME_HPP__
#define __PROCESS_TIME_HPP__

#include <ostream>

#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/try.hpp>

namespace process {

// A point in time: a Duration since the Unix epoch. Obtain one from
// Clock::now(), Time::create() or Time::epoch().
class Time
{
public:
  // The epoch (so that Time can live in containers).
  Time() : sinceEpoch(Duration::zero()) {}

  static Time epoch() { return Time(Duration::zero()); }
  static Time max() { return Time(Duration::max()); }

  // A time `seconds` after the epoch; fails for values a Duration cannot
  // hold.
  static Try<Time> create(double seconds)
  {
    Try<Duration> duration = Duration::create(seconds);
    if (duration.isError()) {
      return Error(
          "Argument too large for Time: " + duration.error());
    }
    return Time(duration.get());
  }

  Duration duration() const { return sinceEpoch; }
  double secs() const { return sinceEpoch.secs(); }

  bool operator<(const Time& t) const { return sinceEpoch < t.sinceEpoch; }
  bool operator<=(const Time& t) const { return sinceEpoch <= t.sinceEpoch; }
  bool operator>(const Time& t) const { return sinceEpoch > t.sinceEpoch; }
  bool operator>=(const Time& t) const { return sinceEpoch >= t.sinceEpoch; }
  bool operator==(const Time& t) const { return sinceEpoch == t.sinceEpoch; }
  bool operator!=(const Time& t) const { return sinceEpoch != t.sinceEpoch; }

  Time& operator+=(const Duration& d)
  {
    sinceEpoch += d;
    return *this;
  }

  Time& operator-=(const Duration& d)
  {
    sinceEpoch -= d;
    return *this;
  }

  Duration operator-(const Time& that) const
  {
    return sinceEpoch - that.sinceEpoch;
  }

  Time operator+(const Duration& d) const
  {
    Time t = *this;
    return t += d;
  }

  Time operator-(const Duration& d) const
  {
    Time t = *this;
    return t -= d;
  }

private:
  explicit Time(const Duration& _sinceEpoch) : sinceEpoch(_sinceEpoch) {}

  Duration sinceEpoch;
};


// Formats a Time as in HTTP headers: "Thu, 01 Jan 1970 00:00:00 GMT".
class RFC1123
{
public:
  explicit RFC1123(const Time& _time) : time(_time) {}

private:
  friend std::ostream& operator<<(std::ostream&, const RFC1123&);
  const Time time;
};

std::ostream& operator<<(std::ostream& stream, const RFC1123& formatter);


// Formats a Time as "1970-01-01 00:00:00+00:00", with ".<nanoseconds>"
// (9 digits) before the offset when the time has a fraction.
class RFC3339
{
public:
  explicit RFC3339(const Time& _time) : time(_time) {}

private:
  friend std::ostream& operator<<(std::ostream&, const RFC3339&);
  const Time time;
};

std::ostream& operator<<(std::ostream& stream, const RFC3339& formatter);


inline std::ostream& operator<<(std::ostream& stream, const Time& time)
{
  return stream << RFC3339(time);
}

} // namespace process {

#endif // __PROCESS_TIME_HPP__
