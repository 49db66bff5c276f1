// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_JSONIFY__
#define __STOUT_JSONIFY__

#include <stdint.h>

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <iterator>
#include <new>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <stout/check.hpp>
#include <stout/strings.hpp>

// jsonify(value): compact JSON text for `value`, produced through the
// `json(<Kind>Writer*, const T&)` customization points (found by ADL):
//
//   struct Task { std::string name; int cpus; };
//   void json(JSON::ObjectWriter* writer, const Task& task)
//   {
//     writer->field("name", task.name);
//     writer->field("cpus", task.cpus);
//   }
//   std::string text = jsonify(Task{"t", 2});   // {"name":"t","cpus":2}
//
// Built in: bool, all integer and floating types, std::string and string
// literals, sequences (as arrays), maps (as objects), the JSON:: value
// types, and callables taking one of the writer pointers.
//
// Output format (that of stout, which uses rapidjson): no whitespace;
// strings escape '"', '\\' and control characters (\b \t \n \f \r, else
// \u00XX with upper-case hex), everything else is copied byte for byte;
// doubles print in shortest round-trip form with at least one decimal
// ("1.0", "0.001", "1e21", "1.5e-7"); NaN prints as NaN and the
// infinities as the strings "Infinity" and "-Infinity".

namespace JSON { class Proxy; }

template <typename T>
JSON::Proxy jsonify(const T&);

namespace JSON {

namespace internal {

// Shortest-digit double formatting with the Grisu2 algorithm (Florian
// Loitsch, "Printing Floating-Point Numbers Quickly and Accurately with
// Integers", PLDI 2010), which is what stout's JSON writer (rapidjson)
// uses. Grisu2 always round-trips but does not always find the shortest
// digits (e.g. 0.0016300589999999999), so a different algorithm would
// print different text for some values.
namespace grisu {

// f * 2^e.
struct DiyFp
{
  uint64_t f;
  int e;
};


inline DiyFp multiply(const DiyFp& x, const DiyFp& y)
{
  const unsigned __int128 product =
    static_cast<unsigned __int128>(x.f) * static_cast<unsigned __int128>(y.f);
  uint64_t high = static_cast<uint64_t>(product >> 64);
  const uint64_t low = static_cast<uint64_t>(product);
  if (low & (static_cast<uint64_t>(1) << 63)) {
    ++high; // Round to nearest.
  }
  return DiyFp{high, x.e + y.e + 64};
}


inline DiyFp normalize(DiyFp x)
{
  while ((x.f & (static_cast<uint64_t>(1) << 63)) == 0) {
    x.f <<= 1;
    --x.e;
  }
  return x;
}


// 10^k for k = -348, -340, ..., 340, as normalized 64-bit significands
// (rounded to nearest) and binary exponents.
inline DiyFp cachedPower(int index)
{
  static const uint64_t significands[] = {
  0xfa8fd5a0081c0288ULL,
  0xbaaee17fa23ebf76ULL,
  0x8b16fb203055ac76ULL,
  0xcf42894a5dce35eaULL,
  0x9a6bb0aa55653b2dULL,
  0xe61acf033d1a45dfULL,
  0xab70fe17c79ac6caULL,
  0xff77b1fcbebcdc4fULL,
  0xbe5691ef416bd60cULL,
  0x8dd01fad907ffc3cULL,
  0xd3515c2831559a83ULL,
  0x9d71ac8fada6c9b5ULL,
  0xea9c227723ee8bcbULL,
  0xaecc49914078536dULL,
  0x823c12795db6ce57ULL,
  0xc21094364dfb5637ULL,
  0x9096ea6f3848984fULL,
  0xd77485cb25823ac7ULL,
  0xa086cfcd97bf97f4ULL,
  0xef340a98172aace5ULL,
  0xb23867fb2a35b28eULL,
  0x84c8d4dfd2c63f3bULL,
  0xc5dd44271ad3cdbaULL,
  0x936b9fcebb25c996ULL,
  0xdbac6c247d62a584ULL,
  0xa3ab66580d5fdaf6ULL,
  0xf3e2f893dec3f126ULL,
  0xb5b5ada8aaff80b8ULL,
  0x87625f056c7c4a8bULL,
  0xc9bcff6034c13053ULL,
  0x964e858c91ba2655ULL,
  0xdff9772470297ebdULL,
  0xa6dfbd9fb8e5b88fULL,
  0xf8a95fcf88747d94ULL,
  0xb94470938fa89bcfULL,
  0x8a08f0f8bf0f156bULL,
  0xcdb02555653131b6ULL,
  0x993fe2c6d07b7facULL,
  0xe45c10c42a2b3b06ULL,
  0xaa242499697392d3ULL,
  0xfd87b5f28300ca0eULL,
  0xbce5086492111aebULL,
  0x8cbccc096f5088ccULL,
  0xd1b71758e219652cULL,
  0x9c40000000000000ULL,
  0xe8d4a51000000000ULL,
  0xad78ebc5ac620000ULL,
  0x813f3978f8940984ULL,
  0xc097ce7bc90715b3ULL,
  0x8f7e32ce7bea5c70ULL,
  0xd5d238a4abe98068ULL,
  0x9f4f2726179a2245ULL,
  0xed63a231d4c4fb27ULL,
  0xb0de65388cc8ada8ULL,
  0x83c7088e1aab65dbULL,
  0xc45d1df942711d9aULL,
  0x924d692ca61be758ULL,
  0xda01ee641a708deaULL,
  0xa26da3999aef774aULL,
  0xf209787bb47d6b85ULL,
  0xb454e4a179dd1877ULL,
  0x865b86925b9bc5c2ULL,
  0xc83553c5c8965d3dULL,
  0x952ab45cfa97a0b3ULL,
  0xde469fbd99a05fe3ULL,
  0xa59bc234db398c25ULL,
  0xf6c69a72a3989f5cULL,
  0xb7dcbf5354e9beceULL,
  0x88fcf317f22241e2ULL,
  0xcc20ce9bd35c78a5ULL,
  0x98165af37b2153dfULL,
  0xe2a0b5dc971f303aULL,
  0xa8d9d1535ce3b396ULL,
  0xfb9b7cd9a4a7443cULL,
  0xbb764c4ca7a44410ULL,
  0x8bab8eefb6409c1aULL,
  0xd01fef10a657842cULL,
  0x9b10a4e5e9913129ULL,
  0xe7109bfba19c0c9dULL,
  0xac2820d9623bf429ULL,
  0x80444b5e7aa7cf85ULL,
  0xbf21e44003acdd2dULL,
  0x8e679c2f5e44ff8fULL,
  0xd433179d9c8cb841ULL,
  0x9e19db92b4e31ba9ULL,
  0xeb96bf6ebadf77d9ULL,
  0xaf87023b9bf0ee6bULL
  };
  static const int16_t exponents[] = {
    -1220, -1193, -1166, -1140, -1113, -1087, -1060, -1034, -1007, -980, -954, -927, -901, -874, -847, -821, -794, -768, -741, -715, -688, -661, -635, -608, -582, -555, -529, -502, -475, -449, -422, -396, -369, -343, -316, -289, -263, -236, -210, -183, -157, -130, -103, -77, -50, -24, 3, 30, 56, 83, 109, 136, 162, 189, 216, 242, 269, 295, 322, 348, 375, 402, 428, 455, 481, 508, 534, 561, 588, 614, 641, 667, 694, 720, 747, 774, 800, 827, 853, 880, 907, 933, 960, 986, 1013, 1039, 1066
  };
  return DiyFp{significands[index], exponents[index]};
}


// A cached power c = 10^-K such that the product with a DiyFp of
// exponent `e` lands in a convenient exponent range.
inline DiyFp cachedPowerFor(int e, int* K)
{
  const double dk = (-61 - e) * 0.30102999566398114 + 347;
  int k = static_cast<int>(dk);
  if (dk - k > 0.0) {
    ++k;
  }
  const int index = (k >> 3) + 1;
  *K = -(-348 + index * 8);
  return cachedPower(index);
}


inline int decimalDigits(uint32_t n)
{
  int digits = 1;
  while (n >= 10) {
    n /= 10;
    ++digits;
  }
  return digits;
}


// Moves the last digit down while that brings the result closer to the
// real value and stays inside the rounding interval.
inline void round(
    char* buffer,
    int length,
    uint64_t delta,
    uint64_t rest,
    uint64_t tenKappa,
    uint64_t distance)
{
  while (rest < distance && delta - rest >= tenKappa &&
         (rest + tenKappa < distance ||
          distance - rest > rest + tenKappa - distance)) {
    buffer[length - 1]--;
    rest += tenKappa;
  }
}


inline void generateDigits(
    const DiyFp& w,
    const DiyFp& upper,
    uint64_t delta,
    char* buffer,
    int* length,
    int* K)
{
  static const uint32_t powers10[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
    1000000000};

  const DiyFp one{static_cast<uint64_t>(1) << -upper.e, upper.e};
  const uint64_t distance = upper.f - w.f;
  uint32_t integral = static_cast<uint32_t>(upper.f >> -one.e);
  uint64_t fractional = upper.f & (one.f - 1);

  int kappa = decimalDigits(integral);
  *length = 0;

  while (kappa > 0) {
    const uint32_t divisor = powers10[kappa - 1];
    const uint32_t digit = integral / divisor;
    integral %= divisor;
    if (digit != 0 || *length != 0) {
      buffer[(*length)++] = static_cast<char>('0' + digit);
    }
    --kappa;
    const uint64_t rest =
      (static_cast<uint64_t>(integral) << -one.e) + fractional;
    if (rest <= delta) {
      *K += kappa;
      round(buffer, *length, delta, rest,
            static_cast<uint64_t>(powers10[kappa]) << -one.e, distance);
      return;
    }
  }

  while (true) {
    fractional *= 10;
    delta *= 10;
    const char digit = static_cast<char>(fractional >> -one.e);
    if (digit != 0 || *length != 0) {
      buffer[(*length)++] = static_cast<char>('0' + digit);
    }
    fractional &= one.f - 1;
    --kappa;
    if (fractional < delta) {
      *K += kappa;
      const int index = -kappa;
      round(buffer, *length, delta, fractional, one.f,
            distance * (index < 9 ? powers10[index] : 0));
      return;
    }
  }
}


// The digits of a positive finite `value` and K with
// value ~= digits * 10^K.
inline void digits(double value, char* buffer, int* length, int* K)
{
  uint64_t bits;
  memcpy(&bits, &value, sizeof(bits));

  const uint64_t hidden = static_cast<uint64_t>(1) << 52;
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  DiyFp v{bits & (hidden - 1), 0};
  if (biased != 0) {
    v.f += hidden;
    v.e = biased - 1075;
  } else {
    v.e = 1 - 1075;
  }

  // The boundaries halfway to the neighbouring doubles.
  const DiyFp plus = normalize(DiyFp{(v.f << 1) + 1, v.e - 1});
  DiyFp minus = v.f == hidden ? DiyFp{(v.f << 2) - 1, v.e - 2}
                              : DiyFp{(v.f << 1) - 1, v.e - 1};
  minus.f <<= minus.e - plus.e;
  minus.e = plus.e;

  const DiyFp cached = cachedPowerFor(plus.e, K);
  const DiyFp w = multiply(normalize(v), cached);
  DiyFp upper = multiply(plus, cached);
  DiyFp lower = multiply(minus, cached);
  lower.f++;
  upper.f--;
  generateDigits(w, upper, upper.f - lower.f, buffer, length, K);
}

} // namespace grisu {

// Appends JSON tokens to a string, inserting the commas and colons.
class Writer
{
public:
  void Null() { prefix(); text += "null"; }

  void Bool(bool value) { prefix(); text += value ? "true" : "false"; }

  void Int64(int64_t value) { prefix(); text += std::to_string(value); }

  void Uint64(uint64_t value) { prefix(); text += std::to_string(value); }

  void Double(double value) { prefix(); appendDouble(value); }

  void String(const char* data, size_t size)
  {
    prefix();
    appendString(data, size);
  }

  void String(const std::string& value) { String(value.data(), value.size()); }

  void Key(const char* data, size_t size)
  {
    prefix();
    appendString(data, size);
    text += ':';
    afterKey = true;
  }

  void StartObject() { prefix(); text += '{'; counts.push_back(0); }
  void EndObject() { counts.pop_back(); text += '}'; }
  void StartArray() { prefix(); text += '['; counts.push_back(0); }
  void EndArray() { counts.pop_back(); text += ']'; }

  const std::string& str() const { return text; }

  static void appendDouble(std::string& out, double value)
  {
    if (std::isnan(value)) {
      out += "NaN";
      return;
    }
    if (std::isinf(value)) {
      // Quoted (Mesos patches rapidjson so), which JSON -> protobuf
      // reads back for floating-point fields.
      out += value < 0 ? "\"-Infinity\"" : "\"Infinity\"";
      return;
    }
    if (value == 0) {
      out += std::signbit(value) ? "-0.0" : "0.0";
      return;
    }
    if (value < 0) {
      out += '-';
      value = -value;
    }

    // Digits d1d2...dn and exponent with value == d1.d2...dn * 10^E.
    char buffer[32];
    int count = 0;
    int K = 0;
    grisu::digits(value, buffer, &count, &K);
    const std::string digits(buffer, static_cast<size_t>(count));
    const int exponent = count + K - 1;

    const int length = static_cast<int>(digits.size());
    const int point = exponent + 1; // Digits before the decimal point.

    if (point >= length && point <= 21) {
      out += digits;
      out.append(static_cast<size_t>(point - length), '0');
      out += ".0";
    } else if (point > 0 && point <= 21) {
      out.append(digits, 0, static_cast<size_t>(point));
      out += '.';
      out.append(digits, static_cast<size_t>(point), std::string::npos);
    } else if (point > -6 && point <= 0) {
      out += "0.";
      out.append(static_cast<size_t>(-point), '0');
      out += digits;
    } else {
      out += digits[0];
      if (length > 1) {
        out += '.';
        out.append(digits, 1, std::string::npos);
      }
      out += 'e';
      out += std::to_string(exponent);
    }
  }

  static void appendString(std::string& out, const char* data, size_t size)
  {
    static const char hex[] = "0123456789ABCDEF";
    out += '"';
    for (size_t i = 0; i < size; ++i) {
      const unsigned char c = static_cast<unsigned char>(data[i]);
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    out += '"';
  }

private:
  void appendDouble(double value) { appendDouble(text, value); }

  void appendString(const char* data, size_t size)
  {
    appendString(text, data, size);
  }

  // A comma before every array element / object key but the first; no
  // comma before the value that follows a key.
  void prefix()
  {
    if (afterKey) {
      afterKey = false;
      return;
    }
    if (!counts.empty() && counts.back()++ > 0) {
      text += ',';
    }
  }

  std::string text;
  std::vector<size_t> counts;
  bool afterKey = false;
};

} // namespace internal {


// The deferred result of jsonify(): converts to the JSON text or streams
// it. It refers to the jsonified value, so use it within the expression
// that created it.
class Proxy
{
public:
  operator std::string() &&
  {
    internal::Writer writer;
    write(&writer);
    return writer.str();
  }

private:
  explicit Proxy(std::function<void(internal::Writer*)> _write)
    : write(std::move(_write)) {}

  Proxy(const Proxy&) = default;
  Proxy(Proxy&&) = default;

  template <typename T>
  friend Proxy (::jsonify)(const T&);

  friend std::ostream& operator<<(std::ostream& stream, Proxy&& that);

public:
  // Public so that nested writers can write into the same output.
  std::function<void(internal::Writer*)> write;
};


inline std::ostream& operator<<(std::ostream& stream, Proxy&& that)
{
  return stream << std::string(std::move(that));
}


class BooleanWriter
{
public:
  BooleanWriter(internal::Writer* writer) : writer_(writer), value_(false) {}

  BooleanWriter(const BooleanWriter&) = delete;
  BooleanWriter(BooleanWriter&&) = delete;
  BooleanWriter& operator=(const BooleanWriter&) = delete;
  BooleanWriter& operator=(BooleanWriter&&) = delete;

  ~BooleanWriter() { writer_->Bool(value_); }

  void set(bool value) { value_ = value; }

private:
  internal::Writer* writer_;
  bool value_;
};


class NumberWriter
{
public:
  NumberWriter(internal::Writer* writer)
    : writer_(writer), type_(INT), int_(0) {}

  NumberWriter(const NumberWriter&) = delete;
  NumberWriter(NumberWriter&&) = delete;
  NumberWriter& operator=(const NumberWriter&) = delete;
  NumberWriter& operator=(NumberWriter&&) = delete;

  ~NumberWriter()
  {
    switch (type_) {
      case INT: writer_->Int64(int_); break;
      case UINT: writer_->Uint64(uint_); break;
      case DOUBLE: writer_->Double(double_); break;
    }
  }

  // One overload per integral type so that no call is ambiguous.
  void set(short int value) { set(static_cast<long long int>(value)); }
  void set(int value) { set(static_cast<long long int>(value)); }
  void set(long int value) { set(static_cast<long long int>(value)); }
  void set(long long int value) { type_ = INT; int_ = value; }

  void set(unsigned short int value)
  {
    set(static_cast<unsigned long long int>(value));
  }
  void set(unsigned int value)
  {
    set(static_cast<unsigned long long int>(value));
  }
  void set(unsigned long int value)
  {
    set(static_cast<unsigned long long int>(value));
  }
  void set(unsigned long long int value) { type_ = UINT; uint_ = value; }

  void set(float value) { set(static_cast<double>(value)); }
  void set(double value) { type_ = DOUBLE; double_ = value; }

private:
  internal::Writer* writer_;

  enum { INT, UINT, DOUBLE } type_;

  union
  {
    long long int int_;
    unsigned long long int uint_;
    double double_;
  };
};


class StringWriter
{
public:
  StringWriter(internal::Writer* writer) : writer_(writer), empty_(true) {}

  StringWriter(const StringWriter&) = delete;
  StringWriter(StringWriter&&) = delete;
  StringWriter& operator=(const StringWriter&) = delete;
  StringWriter& operator=(StringWriter&&) = delete;

  // A writer that was never set writes "".
  ~StringWriter()
  {
    if (empty_) {
      writer_->String("", 0);
    }
  }

  template <std::size_t N>
  void set(const char (&value)[N])
  {
    empty_ = false;
    writer_->String(value, N - 1);
  }

  void set(const std::string& value)
  {
    empty_ = false;
    writer_->String(value);
  }

private:
  internal::Writer* writer_;
  bool empty_;
};


class ArrayWriter
{
public:
  ArrayWriter(internal::Writer* writer) : writer_(writer)
  {
    writer_->StartArray();
  }

  ArrayWriter(const ArrayWriter&) = delete;
  ArrayWriter(ArrayWriter&&) = delete;
  ArrayWriter& operator=(const ArrayWriter&) = delete;
  ArrayWriter& operator=(ArrayWriter&&) = delete;

  ~ArrayWriter() { writer_->EndArray(); }

  template <typename T>
  void element(const T& value) { jsonify(value).write(writer_); }

private:
  internal::Writer* writer_;
};


class ObjectWriter
{
public:
  ObjectWriter(internal::Writer* writer) : writer_(writer)
  {
    writer_->StartObject();
  }

  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter(ObjectWriter&&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;
  ObjectWriter& operator=(ObjectWriter&&) = delete;

  ~ObjectWriter() { writer_->EndObject(); }

  template <typename T>
  void field(const std::string& key, const T& value)
  {
    writer_->Key(key.data(), key.size());
    jsonify(value).write(writer_);
  }

private:
  internal::Writer* writer_;
};


class NullWriter
{
public:
  NullWriter(internal::Writer* writer) : writer_(writer) {}

  NullWriter(const NullWriter&) = delete;
  NullWriter(NullWriter&&) = delete;
  NullWriter& operator=(const NullWriter&) = delete;
  NullWriter& operator=(NullWriter&&) = delete;

  ~NullWriter() { writer_->Null(); }

private:
  internal::Writer* writer_;
};


inline void json(BooleanWriter* writer, bool value) { writer->set(value); }

inline void json(NumberWriter* writer, short int value) { writer->set(value); }
inline void json(NumberWriter* writer, int value) { writer->set(value); }
inline void json(NumberWriter* writer, long int value) { writer->set(value); }
inline void json(NumberWriter* writer, long long int value)
{
  writer->set(value);
}
inline void json(NumberWriter* writer, unsigned short int value)
{
  writer->set(value);
}
inline void json(NumberWriter* writer, unsigned int value)
{
  writer->set(value);
}
inline void json(NumberWriter* writer, unsigned long int value)
{
  writer->set(value);
}
inline void json(NumberWriter* writer, unsigned long long int value)
{
  writer->set(value);
}
inline void json(NumberWriter* writer, float value) { writer->set(value); }
inline void json(NumberWriter* writer, double value) { writer->set(value); }

template <std::size_t N>
void json(StringWriter* writer, const char (&value)[N])
{
  writer->set(value);
}

inline void json(StringWriter* writer, const std::string& value)
{
  writer->set(value);
}


namespace internal {

struct LessPrefer {};
struct Prefer : LessPrefer {};

// Iterable with begin() / end().
template <typename T>
struct IsSequence
{
private:
  template <typename U>
  static auto test(Prefer) -> decltype(
      void(std::begin(std::declval<U&>()) != std::end(std::declval<U&>())),
      ++std::declval<decltype(std::begin(std::declval<U&>()))&>(),
      *std::begin(std::declval<U&>()),
      std::true_type{});

  template <typename U>
  static std::false_type test(LessPrefer);

public:
  static constexpr bool value = decltype(test<T>(Prefer()))::value;
};


// Has a `mapped_type` (std::map, hashmap, ...).
template <typename T>
struct HasMappedType
{
private:
  template <typename U, typename = typename U::mapped_type>
  static std::true_type test(Prefer);

  template <typename U>
  static std::false_type test(LessPrefer);

public:
  static constexpr bool value = decltype(test<T>(Prefer()))::value;
};

} // namespace internal {


// Sequences (but not character arrays) as JSON arrays.
template <
    typename Iterable,
    typename std::enable_if<
        internal::IsSequence<Iterable>::value &&
        !(std::is_array<Iterable>::value &&
          std::rank<Iterable>::value == 1 &&
          std::is_same<
              char, typename std::remove_extent<Iterable>::type>::value) &&
        !internal::HasMappedType<Iterable>::value, int>::type = 0>
void json(ArrayWriter* writer, const Iterable& iterable)
{
  for (const auto& value : iterable) {
    writer->element(value);
  }
}


// Maps as JSON objects (keys must be strings).
template <
    typename Dictionary,
    typename std::enable_if<
        internal::IsSequence<Dictionary>::value &&
        internal::HasMappedType<Dictionary>::value, int>::type = 0>
void json(ObjectWriter* writer, const Dictionary& dictionary)
{
  for (const auto& entry : dictionary) {
    writer->field(entry.first, entry.second);
  }
}


// Stands for "some writer" until overload resolution of a `json(...)`
// call picks the writer kind through one of the conversion operators;
// the chosen writer is created in place and finished (closed) when the
// proxy dies. A proxy that is never converted writes null.
class WriterProxy
{
public:
  WriterProxy(internal::Writer* writer) : writer_(writer), type_(NONE) {}

  WriterProxy(const WriterProxy&) = delete;
  WriterProxy& operator=(const WriterProxy&) = delete;

  ~WriterProxy()
  {
    switch (type_) {
      case BOOLEAN: proxy_.boolean.~BooleanWriter(); break;
      case NUMBER: proxy_.number.~NumberWriter(); break;
      case STRING: proxy_.string.~StringWriter(); break;
      case ARRAY: proxy_.array.~ArrayWriter(); break;
      case OBJECT: proxy_.object.~ObjectWriter(); break;
      case NULL_: proxy_.null.~NullWriter(); break;
      case NONE: writer_->Null(); break;
    }
  }

  operator BooleanWriter*() &&
  {
    new (&proxy_.boolean) BooleanWriter(writer_);
    type_ = BOOLEAN;
    return &proxy_.boolean;
  }

  operator NumberWriter*() &&
  {
    new (&proxy_.number) NumberWriter(writer_);
    type_ = NUMBER;
    return &proxy_.number;
  }

  operator StringWriter*() &&
  {
    new (&proxy_.string) StringWriter(writer_);
    type_ = STRING;
    return &proxy_.string;
  }

  operator ArrayWriter*() &&
  {
    new (&proxy_.array) ArrayWriter(writer_);
    type_ = ARRAY;
    return &proxy_.array;
  }

  operator ObjectWriter*() &&
  {
    new (&proxy_.object) ObjectWriter(writer_);
    type_ = OBJECT;
    return &proxy_.object;
  }

  operator NullWriter*() &&
  {
    new (&proxy_.null) NullWriter(writer_);
    type_ = NULL_;
    return &proxy_.null;
  }

private:
  enum Type { NONE, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT, NULL_ };

  union Storage
  {
    Storage() {}
    ~Storage() {}
    BooleanWriter boolean;
    NumberWriter number;
    StringWriter string;
    ArrayWriter array;
    ObjectWriter object;
    NullWriter null;
  };

  internal::Writer* writer_;
  Type type_;
  Storage proxy_;
};


namespace internal {

// A callable that takes a writer pointer writes itself.
template <
    typename F,
    typename = decltype(std::declval<const F&>()(
        std::declval<WriterProxy>()))>
std::function<void(Writer*)> jsonify(const F& write, Prefer)
{
  return [&write](Writer* writer) { write(WriterProxy(writer)); };
}


template <typename T>
std::function<void(Writer*)> jsonify(const T& value, LessPrefer)
{
  return [&value](Writer* writer) { json(WriterProxy(writer), value); };
}

} // namespace internal {

} // namespace JSON {


template <typename T>
JSON::Proxy jsonify(const T& t)
{
  return JSON::Proxy(JSON::internal::jsonify(t, JSON::internal::Prefer()));
}

#endif // __STOUT_JSONIFY__
