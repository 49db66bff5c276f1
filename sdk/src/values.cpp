// mesos::Value operators and the value text parser (mesos/values.hpp).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <mesos/values.hpp>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>

#include "text.hpp"
#include "values_internal.hpp"

using std::string;
using std::vector;

namespace mesos {

namespace {

// Scalars travel as doubles but are combined as thousandths.
long long thousandths(double value)
{
  return std::llround(value * 1000);
}


// Splits into whole and fractional thousandths before dividing, so that the
// only floating point division is of a number below 1000.
double fromThousandths(long long fixed)
{
  const long long whole = fixed / 1000;
  const long long part = fixed % 1000;
  return static_cast<double>(whole) + static_cast<double>(part) / 1000.0;
}


typedef std::pair<uint64_t, uint64_t> Interval; // [first, second]


vector<Interval> intervalsOf(const Value::Ranges& ranges)
{
  vector<Interval> intervals;
  intervals.reserve(ranges.range_size());
  for (const Value::Range& range : ranges.range()) {
    intervals.emplace_back(range.begin(), range.end());
  }
  return intervals;
}


void store(const vector<Interval>& intervals, Value::Ranges* ranges)
{
  ranges->clear_range();
  for (const Interval& interval : intervals) {
    Value::Range* range = ranges->add_range();
    range->set_begin(interval.first);
    range->set_end(interval.second);
  }
}


// Sorts and merges overlapping or adjacent intervals.
vector<Interval> merged(vector<Interval> intervals)
{
  std::sort(intervals.begin(), intervals.end());

  vector<Interval> result;
  for (const Interval& interval : intervals) {
    if (!result.empty()) {
      Interval& last = result.back();
      const bool touches =
        interval.first == last.first ||
        interval.first <= last.second ||
        interval.first - last.second == 1;
      if (touches) {
        last.second = std::max(last.second, interval.second);
        continue;
      }
    }
    result.push_back(interval);
  }
  return result;
}


bool containsItem(const Value::Set& set, const string& item)
{
  return std::find(set.item().begin(), set.item().end(), item) !=
         set.item().end();
}

} // namespace {


void internal::values::coalesce(Value::Ranges* ranges)
{
  store(merged(intervalsOf(*ranges)), ranges);
}


void internal::values::coalesce(
    Value::Ranges* ranges,
    const Value::Ranges& more)
{
  vector<Interval> intervals = intervalsOf(*ranges);
  for (const Value::Range& range : more.range()) {
    intervals.emplace_back(range.begin(), range.end());
  }
  store(merged(std::move(intervals)), ranges);
}


// --- Scalar ----------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Scalar& scalar)
{
  // Integral digits in full, at most three fractional digits, and no
  // trailing zeros.
  const std::streamsize precision =
    stream.precision(std::numeric_limits<double>::digits10);
  stream << fromThousandths(thousandths(scalar.value()));
  stream.precision(precision);
  return stream;
}


bool operator==(const Value::Scalar& left, const Value::Scalar& right)
{
  return thousandths(left.value()) == thousandths(right.value());
}


bool operator!=(const Value::Scalar& left, const Value::Scalar& right)
{
  return !(left == right);
}


bool operator<(const Value::Scalar& left, const Value::Scalar& right)
{
  return thousandths(left.value()) < thousandths(right.value());
}


bool operator<=(const Value::Scalar& left, const Value::Scalar& right)
{
  return thousandths(left.value()) <= thousandths(right.value());
}


bool operator>(const Value::Scalar& left, const Value::Scalar& right)
{
  return right < left;
}


bool operator>=(const Value::Scalar& left, const Value::Scalar& right)
{
  return right <= left;
}


Value::Scalar operator+(const Value::Scalar& left, const Value::Scalar& right)
{
  Value::Scalar sum = left;
  return sum += right;
}


Value::Scalar operator-(const Value::Scalar& left, const Value::Scalar& right)
{
  Value::Scalar difference = left;
  return difference -= right;
}


Value::Scalar& operator+=(Value::Scalar& left, const Value::Scalar& right)
{
  left.set_value(
      fromThousandths(thousandths(left.value()) + thousandths(right.value())));
  return left;
}


Value::Scalar& operator-=(Value::Scalar& left, const Value::Scalar& right)
{
  left.set_value(
      fromThousandths(thousandths(left.value()) - thousandths(right.value())));
  return left;
}


// --- Ranges ----------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Ranges& ranges)
{
  stream << "[";
  for (int i = 0; i < ranges.range_size(); ++i) {
    if (i > 0) {
      stream << ", ";
    }
    stream << ranges.range(i).begin() << "-" << ranges.range(i).end();
  }
  return stream << "]";
}


bool operator==(const Value::Ranges& left, const Value::Ranges& right)
{
  return merged(intervalsOf(left)) == merged(intervalsOf(right));
}


bool operator<=(const Value::Ranges& left, const Value::Ranges& right)
{
  const vector<Interval> outer = merged(intervalsOf(right));
  for (const Interval& inner : merged(intervalsOf(left))) {
    const bool covered = std::any_of(
        outer.begin(),
        outer.end(),
        [&inner](const Interval& candidate) {
          return candidate.first <= inner.first &&
                 inner.second <= candidate.second;
        });
    if (!covered) {
      return false;
    }
  }
  return true;
}


Value::Ranges operator+(const Value::Ranges& left, const Value::Ranges& right)
{
  Value::Ranges sum = left;
  return sum += right;
}


Value::Ranges operator-(const Value::Ranges& left, const Value::Ranges& right)
{
  // An empty operand leaves the left side exactly as it was.
  if (left.range_size() == 0 || right.range_size() == 0) {
    return left;
  }

  auto byStart = [](const Interval& a, const Interval& b) {
    return a.first < b.first;
  };

  vector<Interval> minuend = intervalsOf(left);
  vector<Interval> subtrahend = intervalsOf(right);
  std::sort(minuend.begin(), minuend.end(), byStart);
  std::sort(subtrahend.begin(), subtrahend.end(), byStart);

  // One sweep over both sorted lists. A subtrahend interval is dropped
  // once nothing after the current minuend piece can overlap it; the
  // current minuend piece shrinks from the left as parts are cut away.
  vector<Interval> pieces;
  size_t m = 0;
  size_t s = 0;
  while (m < minuend.size() && s < subtrahend.size()) {
    Interval& piece = minuend[m];
    const Interval& cut = subtrahend[s];

    if (piece.second < cut.first) {         // Entirely before the cut.
      pieces.push_back(piece);
      ++m;
    } else if (cut.second < piece.first) {  // Entirely after the cut.
      ++s;
    } else {
      if (piece.first < cut.first) {        // Keep what precedes the cut.
        pieces.emplace_back(piece.first, cut.first - 1);
      }
      if (piece.second <= cut.second) {     // Nothing left of this piece.
        ++m;
      } else {                              // The tail survives the cut.
        piece.first = cut.second + 1;
        ++s;
      }
    }
  }
  for (; m < minuend.size(); ++m) {
    pieces.push_back(minuend[m]);
  }

  Value::Ranges difference;
  store(pieces, &difference);
  return difference;
}


Value::Ranges& operator+=(Value::Ranges& left, const Value::Ranges& right)
{
  internal::values::coalesce(&left, right);
  return left;
}


Value::Ranges& operator-=(Value::Ranges& left, const Value::Ranges& right)
{
  left = left - right;
  return left;
}


// --- Set -------------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Set& set)
{
  stream << "{";
  for (int i = 0; i < set.item_size(); ++i) {
    if (i > 0) {
      stream << ", ";
    }
    stream << set.item(i);
  }
  return stream << "}";
}


bool operator==(const Value::Set& left, const Value::Set& right)
{
  // Mesos compares position by position (so {a, b} != {b, a}); kept for
  // identical results.
  if (left.item_size() != right.item_size()) {
    return false;
  }
  for (int i = 0; i < left.item_size(); ++i) {
    if (left.item(i) != right.item(i)) {
      return false;
    }
  }
  return true;
}


bool operator<=(const Value::Set& left, const Value::Set& right)
{
  if (left.item_size() > right.item_size()) {
    return false;
  }
  for (const string& item : left.item()) {
    if (!containsItem(right, item)) {
      return false;
    }
  }
  return true;
}


Value::Set operator+(const Value::Set& left, const Value::Set& right)
{
  Value::Set sum = left;
  return sum += right;
}


Value::Set operator-(const Value::Set& left, const Value::Set& right)
{
  Value::Set difference;
  for (const string& item : left.item()) {
    if (!containsItem(right, item)) {
      difference.add_item(item);
    }
  }
  return difference;
}


Value::Set& operator+=(Value::Set& left, const Value::Set& right)
{
  for (const string& item : right.item()) {
    if (!containsItem(left, item)) {
      left.add_item(item);
    }
  }
  return left;
}


Value::Set& operator-=(Value::Set& left, const Value::Set& right)
{
  // Each item of `right` removes one matching item of `left`.
  for (const string& item : right.item()) {
    auto* items = left.mutable_item();
    for (int j = 0; j < items->size(); ++j) {
      if (items->Get(j) == item) {
        items->DeleteSubrange(j, 1);
        break;
      }
    }
  }
  return left;
}


// --- Text ------------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Text& value)
{
  return stream << value.value();
}


bool operator==(const Value::Text& left, const Value::Text& right)
{
  return left.value() == right.value();
}


// --- Parsing ---------------------------------------------------------------

namespace internal {
namespace values {

Option<Error> validateInputScalarValue(double value)
{
  switch (std::fpclassify(value)) {
    case FP_INFINITE:
      return Error("Infinite values not supported");
    case FP_NAN:
      return Error("NaN not supported");
    case FP_SUBNORMAL:
      return Error("Subnormal values not supported");
    case FP_ZERO:
      return None();
    case FP_NORMAL:
      if (value < 0) {
        return Error("Negative values not supported");
      }
      return None();
  }
  return Error("Unknown error");
}


Try<Value> parse(const string& input)
{
  const string text = mesos::internal::text::removeAll(input, ' ');

  if (text.empty()) {
    return Error("Expecting non-empty string");
  }

  using mesos::internal::text::bracketsBalance;
  if (!bracketsBalance(text, '{', '}') ||
      !bracketsBalance(text, '[', ']') ||
      !bracketsBalance(text, '(', ')')) {
    return Error("Mismatched brackets");
  }

  Value value;

  const size_t squareBracket = text.find('[');
  if (squareBracket == 0) {
    const vector<string> numbers =
      mesos::internal::text::tokenize(text, "[]-,\n");
    if (numbers.size() % 2 != 0) {
      return Error("Expecting one or more \"ranges\"");
    }

    value.set_type(Value::RANGES);
    Value::Ranges* ranges = value.mutable_ranges();
    for (size_t i = 0; i < numbers.size(); i += 2) {
      Try<uint64_t> begin = mesos::internal::text::parseUnsigned(numbers[i]);
      Try<uint64_t> end = mesos::internal::text::parseUnsigned(numbers[i + 1]);
      if (begin.isError() || end.isError()) {
        return Error(
            "Expecting non-negative integers in '" + numbers[i] + "'");
      }
      Value::Range* range = ranges->add_range();
      range->set_begin(begin.get());
      range->set_end(end.get());
    }
    coalesce(ranges);
    return value;
  }

  if (squareBracket != string::npos) {
    return Error("Unexpected '[' found");
  }

  const size_t curlyBracket = text.find('{');
  if (curlyBracket == 0) {
    value.set_type(Value::SET);
    Value::Set* set = value.mutable_set();
    for (const string& item :
         mesos::internal::text::tokenize(text, "{},\n")) {
      set->add_item(item);
    }
    return value;
  }

  if (curlyBracket != string::npos) {
    return Error("Unexpected '{' found");
  }

  Try<double> number = mesos::internal::text::parseDouble(text);
  if (number.isSome()) {
    Option<Error> invalid = validateInputScalarValue(number.get());
    if (invalid.isSome()) {
      return Error(
          "Invalid scalar value '" + text + "':" + invalid->message);
    }
    value.set_type(Value::SCALAR);
    value.mutable_scalar()->set_value(number.get());
    return value;
  }

  value.set_type(Value::TEXT);
  value.mutable_text()->set_value(text);
  return value;
}

} // namespace values {
} // namespace internal {

} // namespace mesos {
