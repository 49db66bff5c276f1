// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_BYTES_HPP__
#define __STOUT_BYTES_HPP__

#include <ctype.h>
#include <stdint.h>

#include <ostream>
#include <string>

#include <stout/error.hpp>
#include <stout/numify.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

// An unsigned byte count. Units are binary (1KB == 1024B).
class Bytes
{
public:
  static constexpr uint64_t BYTES = 1;
  static constexpr uint64_t KILOBYTES = 1024 * BYTES;
  static constexpr uint64_t MEGABYTES = 1024 * KILOBYTES;
  static constexpr uint64_t GIGABYTES = 1024 * MEGABYTES;
  static constexpr uint64_t TERABYTES = 1024 * GIGABYTES;

  // "<digits><unit>" with unit B, KB, MB, GB or TB in any case, e.g.
  // "512MB" or "10gb". Errors: "Fractional bytes '<s>'",
  // "Unknown bytes unit '<UNIT>'", "Invalid bytes '<s>'" (no unit), or
  // the numify error for a missing number.
  static Try<Bytes> parse(const std::string& s)
  {
    size_t digits = 0;
    while (digits < s.size() &&
           isdigit(static_cast<unsigned char>(s[digits]))) {
      ++digits;
    }

    if (digits == s.size()) {
      return Error("Invalid bytes '" + s + "'");
    }
    if (s[digits] == '.') {
      return Error("Fractional bytes '" + s + "'");
    }

    Try<uint64_t> count = numify<uint64_t>(s.substr(0, digits));
    if (count.isError()) {
      return Error(count.error());
    }

    const std::string unit = strings::upper(s.substr(digits));
    if (unit == "B") {
      return Bytes(count.get(), BYTES);
    } else if (unit == "KB") {
      return Bytes(count.get(), KILOBYTES);
    } else if (unit == "MB") {
      return Bytes(count.get(), MEGABYTES);
    } else if (unit == "GB") {
      return Bytes(count.get(), GIGABYTES);
    } else if (unit == "TB") {
      return Bytes(count.get(), TERABYTES);
    }
    return Error("Unknown bytes unit '" + unit + "'");
  }

  constexpr Bytes(uint64_t bytes = 0) : value(bytes) {}
  constexpr Bytes(uint64_t count, uint64_t unit) : value(count * unit) {}

  uint64_t bytes() const { return value; }

  bool operator<(const Bytes& that) const { return value < that.value; }
  bool operator<=(const Bytes& that) const { return value <= that.value; }
  bool operator>(const Bytes& that) const { return value > that.value; }
  bool operator>=(const Bytes& that) const { return value >= that.value; }
  bool operator==(const Bytes& that) const { return value == that.value; }
  bool operator!=(const Bytes& that) const { return value != that.value; }

  // Unsigned arithmetic (subtraction below zero wraps, as in stout).
  Bytes& operator+=(const Bytes& that) { value += that.value; return *this; }
  Bytes& operator-=(const Bytes& that) { value -= that.value; return *this; }
  Bytes& operator*=(uint64_t factor) { value *= factor; return *this; }
  Bytes& operator/=(uint64_t divisor) { value /= divisor; return *this; }

private:
  uint64_t value;
};


inline constexpr Bytes Kilobytes(uint64_t value)
{
  return Bytes(value, Bytes::KILOBYTES);
}


inline constexpr Bytes Megabytes(uint64_t value)
{
  return Bytes(value, Bytes::MEGABYTES);
}


inline constexpr Bytes Gigabytes(uint64_t value)
{
  return Bytes(value, Bytes::GIGABYTES);
}


inline constexpr Bytes Terabytes(uint64_t value)
{
  return Bytes(value, Bytes::TERABYTES);
}


// Printed in the largest unit that divides the count exactly:
// "0B", "1023B", "1KB", "1536KB", "2GB", "3TB".
inline std::ostream& operator<<(std::ostream& stream, const Bytes& bytes)
{
  static const struct { uint64_t size; const char* name; } units[] = {
    {Bytes::TERABYTES, "TB"},
    {Bytes::GIGABYTES, "GB"},
    {Bytes::MEGABYTES, "MB"},
    {Bytes::KILOBYTES, "KB"},
  };

  const uint64_t count = bytes.bytes();
  if (count != 0) {
    for (const auto& unit : units) {
      if (count % unit.size == 0) {
        return stream << count / unit.size << unit.name;
      }
    }
  }
  return stream << count << "B";
}


inline Bytes operator+(const Bytes& lhs, const Bytes& rhs)
{
  Bytes result = lhs;
  return result += rhs;
}


inline Bytes operator-(const Bytes& lhs, const Bytes& rhs)
{
  Bytes result = lhs;
  return result -= rhs;
}


inline Bytes operator*(const Bytes& lhs, uint64_t factor)
{
  Bytes result = lhs;
  return result *= factor;
}


inline Bytes operator/(const Bytes& lhs, uint64_t divisor)
{
  Bytes result = lhs;
  return result /= divisor;
}

#endif // __STOUT_BYTES_HPP__
