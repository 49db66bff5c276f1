// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_UUID_HPP__
#define __STOUT_UUID_HPP__

#include <stdint.h>
#include <string.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <ostream>
#include <random>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace id {

// A 128-bit UUID (RFC 4122) with the interface stout's id::UUID exposes
// (it derives from boost::uuids::uuid in Mesos): the 16 bytes in
// `data`, size(), iteration, version(), variant(), is_nil(), comparison
// and streaming as "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (lower case).
struct UUID
{
public:
  typedef uint8_t value_type;
  typedef uint8_t& reference;
  typedef const uint8_t& const_reference;
  typedef uint8_t* iterator;
  typedef const uint8_t* const_iterator;
  typedef std::size_t size_type;
  typedef std::ptrdiff_t difference_type;

  enum variant_type
  {
    variant_ncs,
    variant_rfc_4122,
    variant_microsoft,
    variant_future
  };

  enum version_type
  {
    version_unknown = -1,
    version_time_based = 1,
    version_dce_security = 2,
    version_name_based_md5 = 3,
    version_random_number_based = 4,
    version_name_based_sha1 = 5
  };

  // A version 4 (random) UUID from a per-thread generator seeded from
  // std::random_device.
  static UUID random()
  {
    static thread_local std::mt19937_64 generator = seeded();

    UUID uuid;
    for (size_t i = 0; i < sizeof(uuid.data); i += 8) {
      const uint64_t bits = generator();
      memcpy(uuid.data + i, &bits, 8);
    }
    uuid.data[6] = static_cast<uint8_t>((uuid.data[6] & 0x0f) | 0x40);
    uuid.data[8] = static_cast<uint8_t>((uuid.data[8] & 0x3f) | 0x80);
    return uuid;
  }

  // The 16 raw bytes; "Not a valid UUID" unless exactly 16 bytes with a
  // known version nibble (1-5).
  static Try<UUID> fromBytes(const std::string& s)
  {
    if (s.size() != static_size()) {
      return Error("Not a valid UUID");
    }
    UUID uuid;
    memcpy(uuid.data, s.data(), s.size());
    if (uuid.version() == version_unknown) {
      return Error("Not a valid UUID");
    }
    return uuid;
  }

  // 32 hex digits, either all grouped 8-4-4-4-12 with dashes or with no
  // dashes at all, optionally inside "{...}"; nothing else may follow.
  // Anything else is "invalid uuid string".
  static Try<UUID> fromString(const std::string& s)
  {
    const Error invalid("invalid uuid string");

    size_t i = 0;
    const bool braced = !s.empty() && s[0] == '{';
    if (braced) {
      ++i;
    }

    UUID uuid;
    bool dashes = false;
    for (size_t byte = 0; byte < 16; ++byte) {
      if (byte == 4) {
        dashes = i < s.size() && s[i] == '-';
        if (dashes) {
          ++i;
        }
      } else if (dashes && (byte == 6 || byte == 8 || byte == 10)) {
        if (i >= s.size() || s[i] != '-') {
          return invalid;
        }
        ++i;
      }

      int high = i < s.size() ? hexValue(s[i]) : -1;
      int low = i + 1 < s.size() ? hexValue(s[i + 1]) : -1;
      if (high < 0 || low < 0) {
        return invalid;
      }
      uuid.data[byte] = static_cast<uint8_t>((high << 4) | low);
      i += 2;
    }

    if (braced) {
      if (i >= s.size() || s[i] != '}') {
        return invalid;
      }
      ++i;
    }

    if (i != s.size()) {
      return invalid;
    }

    return uuid;
  }

  std::string toBytes() const
  {
    return std::string(reinterpret_cast<const char*>(data), sizeof(data));
  }

  std::string toString() const
  {
    static const char digits[] = "0123456789abcdef";
    std::string result;
    result.reserve(36);
    for (size_t i = 0; i < sizeof(data); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        result += '-';
      }
      result += digits[data[i] >> 4];
      result += digits[data[i] & 0x0f];
    }
    return result;
  }

  static constexpr size_type static_size() { return 16; }
  constexpr size_type size() const { return 16; }

  iterator begin() { return data; }
  iterator end() { return data + sizeof(data); }
  const_iterator begin() const { return data; }
  const_iterator end() const { return data + sizeof(data); }

  bool is_nil() const
  {
    return std::all_of(begin(), end(), [](uint8_t b) { return b == 0; });
  }

  variant_type variant() const
  {
    const uint8_t octet = data[8];
    if ((octet & 0x80) == 0x00) {
      return variant_ncs;
    } else if ((octet & 0xc0) == 0x80) {
      return variant_rfc_4122;
    } else if ((octet & 0xe0) == 0xc0) {
      return variant_microsoft;
    }
    return variant_future;
  }

  version_type version() const
  {
    switch (data[6] & 0xf0) {
      case 0x10: return version_time_based;
      case 0x20: return version_dce_security;
      case 0x30: return version_name_based_md5;
      case 0x40: return version_random_number_based;
      case 0x50: return version_name_based_sha1;
      default: return version_unknown;
    }
  }

  void swap(UUID& that) { std::swap_ranges(begin(), end(), that.begin()); }

  uint8_t data[16];

private:
  UUID() : data{} {}

  static std::mt19937_64 seeded()
  {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(),
                       device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }

  static int hexValue(char c)
  {
    if (c >= '0' && c <= '9') {
      return c - '0';
    } else if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
};


inline bool operator==(const UUID& left, const UUID& right)
{
  return std::equal(left.begin(), left.end(), right.begin());
}


inline bool operator!=(const UUID& left, const UUID& right)
{
  return !(left == right);
}


inline bool operator<(const UUID& left, const UUID& right)
{
  return std::lexicographical_compare(
      left.begin(), left.end(), right.begin(), right.end());
}


inline bool operator>(const UUID& left, const UUID& right)
{
  return right < left;
}


inline bool operator<=(const UUID& left, const UUID& right)
{
  return !(right < left);
}


inline bool operator>=(const UUID& left, const UUID& right)
{
  return !(left < right);
}


inline std::ostream& operator<<(std::ostream& stream, const UUID& uuid)
{
  return stream << uuid.toString();
}


inline std::string to_string(const UUID& uuid)
{
  return uuid.toString();
}

} // namespace id {


namespace std {

template <>
struct hash<id::UUID>
{
  typedef size_t result_type;
  typedef id::UUID argument_type;

  result_type operator()(const argument_type& uuid) const
  {
    size_t seed = 0;
    for (uint8_t byte : uuid) {
      seed ^= static_cast<size_t>(byte) + 0x9e3779b9 + (seed << 6) +
              (seed >> 2);
    }
    return seed;
  }
};

} // namespace std {

#endif // __STOUT_UUID_HPP__
