// Mesos module SDK: mesos/values.hpp, with the results Mesos's own value
// tests document (src/tests/values_tests.cpp, 1.11.0).

#include <sstream>
#include <string>

#include <mesos/values.hpp>

#include "test.hpp"

using mesos::Value;
using mesos::internal::values::parse;

namespace {

Value::Ranges ranges(const std::string& text)
{
  return parse(text)->ranges();
}


Value::Set set(const std::string& text)
{
  return parse(text)->set();
}


Value::Scalar scalar(double value)
{
  Value::Scalar result;
  result.set_value(value);
  return result;
}


template <typename T>
std::string print(const T& value)
{
  std::ostringstream out;
  out << value;
  return out.str();
}

} // namespace {


TEST(MesosValues, ParsesEachType)
{
  Try<Value> number = parse("45.55");
  ASSERT_TRUE(number.isSome());
  EXPECT_EQ(Value::SCALAR, number->type());
  EXPECT_EQ(45.55, number->scalar().value());

  Try<Value> span = parse("[10000-20000, 30000-50000]");
  ASSERT_TRUE(span.isSome());
  ASSERT_EQ(Value::RANGES, span->type());
  ASSERT_EQ(2, span->ranges().range_size());
  EXPECT_EQ(10000u, span->ranges().range(0).begin());
  EXPECT_EQ(20000u, span->ranges().range(0).end());
  EXPECT_EQ(30000u, span->ranges().range(1).begin());
  EXPECT_EQ(50000u, span->ranges().range(1).end());

  Try<Value> items = parse("{sda1, sda2}");
  ASSERT_TRUE(items.isSome());
  ASSERT_EQ(Value::SET, items->type());
  ASSERT_EQ(2, items->set().item_size());
  EXPECT_EQ("sda1", items->set().item(0));
  EXPECT_EQ("sda2", items->set().item(1));

  Try<Value> text = parse("123abc,s");
  ASSERT_TRUE(text.isSome());
  ASSERT_EQ(Value::TEXT, text->type());
  EXPECT_EQ("123abc,s", text->text().value());

  // Spaces are dropped everywhere, also inside text.
  EXPECT_EQ("rack1", parse(" rack 1 ")->text().value());
}


TEST(MesosValues, RefusesInvalidInput)
{
  EXPECT_TRUE(parse("{aa,b}}").isError());
  EXPECT_TRUE(parse("[1-2]]").isError());
  EXPECT_TRUE(parse("[1-2b]").isError());
  EXPECT_TRUE(parse("  ").isError());

  for (const char* special :
       {"nan", "-nan", "inf", "-inf", "infinity", "-infinity"}) {
    EXPECT_TRUE(parse(special).isError());
  }
}


TEST(MesosValues, ParseErrorMessages)
{
  EXPECT_EQ("Expecting non-empty string", parse("  ").error());
  EXPECT_EQ("Mismatched brackets", parse("{aa,b}}").error());
  EXPECT_EQ("Mismatched brackets", parse("(a").error());
  EXPECT_EQ("Expecting non-negative integers in '1'", parse("[1-2b]").error());
  EXPECT_EQ("Expecting one or more \"ranges\"", parse("[1-2-3]").error());
  EXPECT_EQ("Unexpected '[' found", parse("a[1-2]").error());
  EXPECT_EQ("Unexpected '{' found", parse("a{b}").error());
  EXPECT_EQ(
      "Invalid scalar value '-1':Negative values not supported",
      parse("-1").error());
  EXPECT_EQ(
      "Invalid scalar value 'inf':Infinite values not supported",
      parse("inf").error());
  EXPECT_EQ("Invalid scalar value 'nan':NaN not supported", parse("nan").error());
}


TEST(MesosValues, NumberForms)
{
  EXPECT_EQ(Value::SCALAR, parse("1e3")->type());
  EXPECT_EQ(1000.0, parse("1e3")->scalar().value());
  EXPECT_EQ(0.5, parse(".5")->scalar().value());
  EXPECT_EQ(Value::SCALAR, parse("+2")->type());

  // Not numbers: text.
  EXPECT_EQ(Value::TEXT, parse("0x10")->type());
  EXPECT_EQ(Value::TEXT, parse("1e")->type());
  EXPECT_EQ(Value::TEXT, parse("1.2.3")->type());

  // Range bounds may be hexadecimal.
  Value::Ranges hex = ranges("[0x10-0x1f]");
  ASSERT_EQ(1, hex.range_size());
  EXPECT_EQ(16u, hex.range(0).begin());
  EXPECT_EQ(31u, hex.range(0).end());

  // An empty range list is a valid (empty) RANGES value.
  Try<Value> empty = parse("[]");
  ASSERT_TRUE(empty.isSome());
  EXPECT_EQ(Value::RANGES, empty->type());
  EXPECT_EQ(0, empty->ranges().range_size());
}


TEST(MesosValues, SetSubtraction)
{
  Value::Set set1 = set("{sda1, sda2, sda3}");
  Value::Set set2 = set("{sda2, sda3}");
  Value::Set set3 = set("{sda4}");

  set1 -= set2;
  EXPECT_EQ(set("{sda1}"), set1);

  set3 -= set1;
  EXPECT_EQ(set("{sda4}"), set3);
}


TEST(MesosValues, SetOperators)
{
  EXPECT_TRUE(set("{a}") <= set("{a, b}"));
  EXPECT_FALSE(set("{a, c}") <= set("{a, b}"));
  EXPECT_EQ(set("{a, b, c}"), set("{a, b}") + set("{b, c}"));
  EXPECT_EQ(set("{a}"), set("{a, b}") - set("{b, c}"));

  // As in Mesos, == compares position by position.
  EXPECT_TRUE(set("{a, b}") == set("{a, b}"));
  EXPECT_FALSE(set("{a, b}") == set("{b, a}"));

  EXPECT_EQ(std::string("{a, b}"), print(set("{a,b}")));
}


TEST(MesosValues, RangesParseAndCoalesce)
{
  Value::Ranges expected;
  Value::Range* range = expected.add_range();
  range->set_begin(1);
  range->set_end(10);

  EXPECT_EQ(expected, ranges("[1-10]"));

  Value::Ranges parsed = ranges("[4-6, 6-8, 5-9, 3-4, 2-5, 4-6, 1-1, 10-10, 4-6]");
  EXPECT_EQ(expected, parsed);
  EXPECT_EQ(1, parsed.range_size());

  struct Case { const char* input; const char* coalesced; int count; };
  const Case cases[] = {
    {"[4-6, 6-8]", "[4-8]", 1},
    {"[6-8, 4-6]", "[4-8]", 1},
    {"[1-10, 8-10]", "[1-10]", 1},
    {"[1-11, 8-10]", "[1-11]", 1},
    {"[1-4, 4-5, 7-8, 8-10]", "[1-5, 7-10]", 2},
    {"[7-8, 1-4, [8-10], 4-5]", "[1-5, 7-10]", 2},
    {"[4-6, 7-8]", "[4-8]", 1},
    {"[4-6, 7-7]", "[4-7]", 1},
    {"[4-6, 7-7, 8-8, 9-9]", "[4-9]", 1},
    {"[4-6, 7-7, 9-10, 9-11]", "[4-7, 9-11]", 2},
    {"[6-8, 6-8, 4-6, 6-8]", "[4-8]", 1},
  };

  for (const Case& c : cases) {
    Value::Ranges value = ranges(c.input);
    EXPECT_EQ(ranges(c.coalesced), value);
    EXPECT_EQ(c.count, value.range_size());
    EXPECT_EQ(std::string(c.coalesced), print(value));
  }
}


TEST(MesosValues, RangesAddition)
{
  struct Case { const char* left; const char* right; const char* sum; };
  const Case cases[] = {
    {"[3-8]", "[4-10]", "[3-10]"},
    {"[3-8]", "[1-4]", "[1-8]"},
    {"[2-3]", "[1-4]", "[1-4]"},
    {"[2-3]", "[4-6]", "[2-6]"},
    {"[3-5]", "[1-2]", "[1-5]"},
    {"[3-5, 7-8]", "[6-6]", "[3-8]"},
    {"[1-4, 9-10, 20-22, 26-30]", "[5-8, 23-25]", "[1-10, 20-30]"},
  };

  for (const Case& c : cases) {
    EXPECT_EQ(ranges(c.sum), ranges(c.left) + ranges(c.right));

    Value::Ranges accumulated = ranges(c.left);
    accumulated += ranges(c.right);
    EXPECT_EQ(std::string(c.sum), print(accumulated));
  }
}


TEST(MesosValues, RangesSubtraction)
{
  struct Case { const char* left; const char* right; const char* difference; };
  const Case cases[] = {
    {"[]", "[1-10]", "[]"},
    {"[3-8]", "[]", "[3-8]"},
    {"[3-8]", "[1-10]", "[]"},
    {"[3-8]", "[3-5]", "[6-8]"},
    {"[3-8]", "[5-8]", "[3-4]"},
    {"[3-8]", "[5-6]", "[3-4, 7-8]"},
    {"[3-8]", "[1-3]", "[4-8]"},
    {"[3-8]", "[5-10]", "[3-4]"},
    {"[3-8]", "[9-10]", "[3-8]"},
    {"[3-8]", "[1-2]", "[3-8]"},
    {"[1-10, 20-30]", "[5-25]", "[1-4, 26-30]"},
  };

  for (const Case& c : cases) {
    EXPECT_EQ(ranges(c.difference), ranges(c.left) - ranges(c.right));

    Value::Ranges remaining = ranges(c.left);
    remaining -= ranges(c.right);
    EXPECT_EQ(std::string(c.difference), print(remaining));
  }
}


TEST(MesosValues, RangesContainment)
{
  EXPECT_TRUE(ranges("[2-3]") <= ranges("[1-4]"));
  EXPECT_TRUE(ranges("[1-2, 5-6]") <= ranges("[1-6]"));
  EXPECT_FALSE(ranges("[1-5]") <= ranges("[1-2, 4-6]"));
  EXPECT_TRUE(ranges("[]") <= ranges("[1-2]"));
}


TEST(MesosValues, ScalarFixedPoint)
{
  // Three decimal digits, rounded half away from zero.
  EXPECT_TRUE(scalar(0.1) + scalar(0.2) == scalar(0.3));
  EXPECT_TRUE(scalar(1.0004) == scalar(1.0));
  EXPECT_FALSE(scalar(1.0006) == scalar(1.0));
  EXPECT_TRUE(scalar(1.5015) == scalar(1.502));
  EXPECT_TRUE(scalar(0.0004) <= scalar(0));
  EXPECT_TRUE(scalar(1) < scalar(1.001));
  EXPECT_TRUE(scalar(2) > scalar(1.999));
  EXPECT_TRUE(scalar(2) >= scalar(2.0004));
  EXPECT_TRUE(scalar(1) != scalar(2));

  EXPECT_EQ(1.5, (scalar(2) - scalar(0.5)).value());

  Value::Scalar total = scalar(1.001);
  for (int i = 0; i < 1000; ++i) {
    total += scalar(1.001);
  }
  for (int i = 0; i < 1000; ++i) {
    total -= scalar(1.001);
  }
  EXPECT_EQ(1.001, total.value());
}


TEST(MesosValues, ScalarPrinting)
{
  EXPECT_EQ(std::string("1.234"), print(scalar(1.234)));
  EXPECT_EQ(std::string("1.235"), print(scalar(1.2345)));
  EXPECT_EQ(std::string("1.234"), print(scalar(1.2344)));
  EXPECT_EQ(std::string("1.1"), print(scalar(1.1)));
  EXPECT_EQ(std::string("1000001"), print(scalar(1000001)));
  EXPECT_EQ(std::string("99999999999.999"), print(scalar(99999999999.9994)));

  // The stream's own precision is left as it was.
  std::ostringstream out;
  out.precision(3);
  out << scalar(1.25) << " " << 3.14159;
  EXPECT_EQ(std::string("1.25 3.14"), out.str());
}


TEST(MesosValues, TextOperators)
{
  Value::Text a;
  a.set_value("x");
  Value::Text b;
  b.set_value("x");
  EXPECT_TRUE(a == b);
  EXPECT_EQ(std::string("x"), print(a));
}
