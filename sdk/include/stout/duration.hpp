// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_DURATION_HPP__
#define __STOUT_DURATION_HPP__

#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>

#include <cctype>
#include <cerrno>
#include <limits>
#include <ostream>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

// A signed span of time with nanosecond resolution (an int64_t count of
// nanoseconds). The unit subclasses (Seconds(5), Milliseconds(100), ...)
// only construct; any of them converts to and from Duration.
class Duration
{
public:
  // Parses "<number><unit>", unit one of ns, us, ms, secs, mins, hrs,
  // days, weeks, e.g. "10secs" or "1.5ms".
  static Try<Duration> parse(const std::string& s);

  // A Duration of `seconds` (fractional seconds allowed).
  static Try<Duration> create(double seconds);

  constexpr Duration() : nanos(0) {}

  explicit Duration(const timeval& t)
    : nanos(static_cast<int64_t>(t.tv_sec) * SECONDS +
            static_cast<int64_t>(t.tv_usec) * MICROSECONDS) {}

  int64_t ns() const { return nanos; }
  double us() const { return in(MICROSECONDS); }
  double ms() const { return in(MILLISECONDS); }
  double secs() const { return in(SECONDS); }
  double mins() const { return in(MINUTES); }
  double hrs() const { return in(HOURS); }
  double days() const { return in(DAYS); }
  double weeks() const { return in(WEEKS); }

  struct timeval timeval() const
  {
    struct timeval t;
    t.tv_sec = static_cast<decltype(t.tv_sec)>(nanos / SECONDS);
    t.tv_usec = static_cast<decltype(t.tv_usec)>(
        (nanos % SECONDS) / MICROSECONDS);
    return t;
  }

  bool operator<(const Duration& d) const { return nanos < d.nanos; }
  bool operator<=(const Duration& d) const { return nanos <= d.nanos; }
  bool operator>(const Duration& d) const { return nanos > d.nanos; }
  bool operator>=(const Duration& d) const { return nanos >= d.nanos; }
  bool operator==(const Duration& d) const { return nanos == d.nanos; }
  bool operator!=(const Duration& d) const { return nanos != d.nanos; }

  Duration& operator+=(const Duration& d) { nanos += d.nanos; return *this; }
  Duration& operator-=(const Duration& d) { nanos -= d.nanos; return *this; }

  // Scaling truncates the result to whole nanoseconds.
  template <typename T>
  Duration& operator*=(T factor)
  {
    nanos = static_cast<int64_t>(nanos * factor);
    return *this;
  }

  template <typename T>
  Duration& operator/=(T divisor)
  {
    nanos = static_cast<int64_t>(nanos / divisor);
    return *this;
  }

  Duration operator+(const Duration& d) const
  {
    Duration result(*this);
    return result += d;
  }

  Duration operator-(const Duration& d) const
  {
    Duration result(*this);
    return result -= d;
  }

  template <typename T>
  Duration operator*(T factor) const
  {
    Duration result(*this);
    return result *= factor;
  }

  template <typename T>
  Duration operator/(T divisor) const
  {
    Duration result(*this);
    return result /= divisor;
  }

  // Largest / smallest representable durations, and zero.
  static constexpr Duration max();
  static constexpr Duration min();
  static constexpr Duration zero() { return Duration(); }

protected:
  static constexpr int64_t NANOSECONDS = 1;
  static constexpr int64_t MICROSECONDS = 1000 * NANOSECONDS;
  static constexpr int64_t MILLISECONDS = 1000 * MICROSECONDS;
  static constexpr int64_t SECONDS = 1000 * MILLISECONDS;
  static constexpr int64_t MINUTES = 60 * SECONDS;
  static constexpr int64_t HOURS = 60 * MINUTES;
  static constexpr int64_t DAYS = 24 * HOURS;
  static constexpr int64_t WEEKS = 7 * DAYS;

  // `count` whole `unit`s.
  constexpr Duration(int64_t count, int64_t unit) : nanos(count * unit) {}

private:
  double in(int64_t unit) const
  {
    return static_cast<double>(nanos) / static_cast<double>(unit);
  }

  int64_t nanos;

  friend std::ostream& operator<<(std::ostream&, const Duration&);
};


class Nanoseconds : public Duration
{
public:
  explicit constexpr Nanoseconds(int64_t count)
    : Duration(count, NANOSECONDS) {}
  constexpr Nanoseconds(const Duration& d) : Duration(d) {}

  double value() const { return static_cast<double>(ns()); }
  static std::string units() { return "ns"; }
};


class Microseconds : public Duration
{
public:
  explicit constexpr Microseconds(int64_t count)
    : Duration(count, MICROSECONDS) {}
  constexpr Microseconds(const Duration& d) : Duration(d) {}

  double value() const { return us(); }
  static std::string units() { return "us"; }
};


class Milliseconds : public Duration
{
public:
  explicit constexpr Milliseconds(int64_t count)
    : Duration(count, MILLISECONDS) {}
  constexpr Milliseconds(const Duration& d) : Duration(d) {}

  double value() const { return ms(); }
  static std::string units() { return "ms"; }
};


class Seconds : public Duration
{
public:
  explicit constexpr Seconds(int64_t count) : Duration(count, SECONDS) {}
  constexpr Seconds(const Duration& d) : Duration(d) {}

  double value() const { return secs(); }
  static std::string units() { return "secs"; }
};


class Minutes : public Duration
{
public:
  explicit constexpr Minutes(int64_t count) : Duration(count, MINUTES) {}
  constexpr Minutes(const Duration& d) : Duration(d) {}

  double value() const { return mins(); }
  static std::string units() { return "mins"; }
};


class Hours : public Duration
{
public:
  explicit constexpr Hours(int64_t count) : Duration(count, HOURS) {}
  constexpr Hours(const Duration& d) : Duration(d) {}

  double value() const { return hrs(); }
  static std::string units() { return "hrs"; }
};


class Days : public Duration
{
public:
  explicit constexpr Days(int64_t count) : Duration(count, DAYS) {}
  constexpr Days(const Duration& d) : Duration(d) {}

  double value() const { return days(); }
  static std::string units() { return "days"; }
};


class Weeks : public Duration
{
public:
  explicit constexpr Weeks(int64_t count) : Duration(count, WEEKS) {}
  constexpr Weeks(const Duration& d) : Duration(d) {}

  double value() const { return weeks(); }
  static std::string units() { return "weeks"; }
};


inline constexpr Duration Duration::max()
{
  return Nanoseconds(std::numeric_limits<int64_t>::max());
}


inline constexpr Duration Duration::min()
{
  return Nanoseconds(std::numeric_limits<int64_t>::min());
}


// Prints like stout: a sign if negative, then the number in the largest
// unit that is not larger than the magnitude ("10secs", "2hrs",
// "1.5days"), except that a value that is not a whole number of that unit
// but is a whole number of the next smaller unit uses the smaller unit
// ("1500ms", not "1.5secs"). Up to 15 significant digits are printed.
inline std::ostream& operator<<(std::ostream& stream, const Duration& duration)
{
  struct Unit { int64_t size; const char* name; };
  static const Unit units[] = {
    {Duration::NANOSECONDS, "ns"},
    {Duration::MICROSECONDS, "us"},
    {Duration::MILLISECONDS, "ms"},
    {Duration::SECONDS, "secs"},
    {Duration::MINUTES, "mins"},
    {Duration::HOURS, "hrs"},
    {Duration::DAYS, "days"},
    {Duration::WEEKS, "weeks"},
  };
  const int count = static_cast<int>(sizeof(units) / sizeof(units[0]));

  // Magnitude; the most negative value is shown as the largest positive
  // one since its negation does not fit in an int64_t.
  int64_t magnitude = duration.nanos;
  if (magnitude < 0) {
    stream << "-";
    magnitude = magnitude == std::numeric_limits<int64_t>::min()
      ? std::numeric_limits<int64_t>::max()
      : -magnitude;
  }

  int unit = 0;
  while (unit + 1 < count && magnitude >= units[unit + 1].size) {
    ++unit;
  }

  if (unit > 0 &&
      magnitude % units[unit].size != 0 &&
      magnitude % units[unit - 1].size == 0) {
    --unit;
  }

  if (unit == 0) {
    stream << magnitude << units[0].name;
    return stream;
  }

  const std::streamsize precision =
    stream.precision(std::numeric_limits<double>::digits10);
  stream << static_cast<double>(magnitude) /
              static_cast<double>(units[unit].size)
         << units[unit].name;
  stream.precision(precision);
  return stream;
}


inline Try<Duration> Duration::parse(const std::string& s)
{
  // Split into the leading number (digits and '.') and the unit suffix.
  size_t split = 0;
  while (split < s.size() &&
         (isdigit(static_cast<unsigned char>(s[split])) || s[split] == '.')) {
    ++split;
  }

  if (split == s.size()) {
    return Error("Invalid duration '" + s + "'");
  }

  const std::string number = s.substr(0, split);
  const std::string unit = s.substr(split);

  // The number must be a complete decimal value.
  char* end = nullptr;
  errno = 0;
  const double value = number.empty() ? 0.0 : ::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || errno != 0) {
    return Error("Failed to convert '" + number + "' to number");
  }

  struct Suffix { const char* name; int64_t size; };
  static const Suffix suffixes[] = {
    {"ns", NANOSECONDS},
    {"us", MICROSECONDS},
    {"ms", MILLISECONDS},
    {"secs", SECONDS},
    {"mins", MINUTES},
    {"hrs", HOURS},
    {"days", DAYS},
    {"weeks", WEEKS},
  };

  for (const Suffix& suffix : suffixes) {
    if (unit == suffix.name) {
      const double total = value * static_cast<double>(suffix.size);
      if (total > static_cast<double>(max().nanos) ||
          total < static_cast<double>(min().nanos)) {
        return Error(
            "Argument out of the range that a Duration can represent due"
            " to int64_t's size limit");
      }
      return Nanoseconds(static_cast<int64_t>(total));
    }
  }

  return Error(
      "Unknown duration unit '" + unit + "'; supported units are"
      " 'ns', 'us', 'ms', 'secs', 'mins', 'hrs', 'days', and 'weeks'");
}


inline Try<Duration> Duration::create(double seconds)
{
  const double total = seconds * static_cast<double>(SECONDS);
  if (total > static_cast<double>(max().nanos) ||
      total < static_cast<double>(min().nanos)) {
    return Error(
        "Argument out of the range that a Duration can represent due"
        " to int64_t's size limit");
  }
  return Nanoseconds(static_cast<int64_t>(total));
}

#endif // __STOUT_DURATION_HPP__
