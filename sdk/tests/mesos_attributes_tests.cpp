// Mesos module SDK: mesos/attributes.hpp, with the results Mesos's own
// attribute tests document (src/tests/attributes_tests.cpp, 1.11.0).

#include <sstream>
#include <string>

#include <mesos/attributes.hpp>

#include "test.hpp"

using mesos::Attribute;
using mesos::Attributes;
using mesos::Value;

namespace {

std::string print(const Attribute& attribute)
{
  std::ostringstream out;
  out << attribute;
  return out.str();
}

} // namespace {


TEST(MesosAttributes, Parsing)
{
  Attributes a = Attributes::parse(
      "cpus:45.55;ports:[10000-20000, 30000-50000];rack:rack1,rack2");

  ASSERT_EQ(3u, a.size());

  EXPECT_EQ(Value::SCALAR, a.get(0).type());
  EXPECT_EQ("cpus", a.get(0).name());
  EXPECT_EQ(45.55, a.get(0).scalar().value());

  EXPECT_EQ(Value::RANGES, a.get(1).type());
  EXPECT_EQ("ports", a.get(1).name());
  ASSERT_EQ(2, a.get(1).ranges().range_size());
  EXPECT_EQ(10000u, a.get(1).ranges().range(0).begin());
  EXPECT_EQ(20000u, a.get(1).ranges().range(0).end());
  EXPECT_EQ(30000u, a.get(1).ranges().range(1).begin());
  EXPECT_EQ(50000u, a.get(1).ranges().range(1).end());

  EXPECT_EQ(Value::TEXT, a.get(2).type());
  EXPECT_EQ("rack", a.get(2).name());
  EXPECT_EQ("rack1,rack2", a.get(2).text().value());

  // Only the first ':' separates name and value.
  Attributes b = Attributes::parse("attr1:foo:bar;attr2:baz:qux:");
  EXPECT_EQ(Value::TEXT, b.get(0).type());
  EXPECT_EQ("attr1", b.get(0).name());
  EXPECT_EQ("foo:bar", b.get(0).text().value());
  EXPECT_EQ(Value::TEXT, b.get(1).type());
  EXPECT_EQ("attr2", b.get(1).name());
  EXPECT_EQ("baz:qux:", b.get(1).text().value());

  // Newlines separate too; empty entries are skipped.
  EXPECT_EQ(2u, Attributes::parse("a:1\nb:2;;").size());
  EXPECT_EQ(0u, Attributes::parse("").size());
}


TEST(MesosAttributes, Equality)
{
  Attributes a = Attributes::parse(
      "cpus:45.55;ports:[10000-20000, 30000-50000];rack:rack1,rack2");

  EXPECT_TRUE(a == Attributes::parse(
      "cpus:45.55;ports:[10000-20000,30000-50000];rack:rack1,rack2"));
  EXPECT_TRUE(Attributes::parse("") == Attributes::parse(""));
  EXPECT_TRUE(a != Attributes::parse(""));
  EXPECT_TRUE(a != Attributes::parse("cpus:45.55;ports:45.55;rack:45.55"));
  EXPECT_TRUE(Attributes::parse("") != a);
  EXPECT_TRUE(
      Attributes::parse("rack:rack1;dedicated:customer1;dedicated:customer2") ==
      Attributes::parse("dedicated:customer2;dedicated:customer1;rack:rack1"));
}


TEST(MesosAttributes, GetAndContains)
{
  Attributes a = Attributes::parse("rack:r1;zone:[1-3];weight:2.5");

  // By name and type; the value is not compared.
  Option<Attribute> rack = a.get(Attributes::parse("rack", "other"));
  ASSERT_TRUE(rack.isSome());
  EXPECT_EQ("r1", rack->text().value());
  EXPECT_TRUE(a.get(Attributes::parse("rack", "7")).isNone());

  EXPECT_EQ("r1", a.get<Value::Text>("rack", Value::Text()).value());
  EXPECT_EQ(2.5, a.get<Value::Scalar>("weight", Value::Scalar()).value());
  EXPECT_EQ(1, a.get<Value::Ranges>("zone", Value::Ranges()).range_size());

  Value::Text fallback;
  fallback.set_value("none");
  EXPECT_EQ("none", a.get<Value::Text>("missing", fallback).value());
  EXPECT_EQ("none", a.get<Value::Text>("weight", fallback).value());

  EXPECT_TRUE(a.contains(Attributes::parse("rack", "r1")));
  EXPECT_FALSE(a.contains(Attributes::parse("rack", "r2")));
  EXPECT_TRUE(a.contains(Attributes::parse("zone", "[1-2,3-3]")));
  EXPECT_TRUE(a.contains(Attributes::parse("weight", "2.5004")));
}


TEST(MesosAttributes, AddIterateConvert)
{
  Attributes a;
  a.add(Attributes::parse("rack", "rack1"));
  a.add(Attributes::parse("cores", "8"));

  std::string names;
  for (const Attribute& attribute : a) {
    names += attribute.name() + ";";
  }
  EXPECT_EQ("rack;cores;", names);

  const google::protobuf::RepeatedPtrField<Attribute>& field = a;
  EXPECT_EQ(2, field.size());

  Attributes copy = Attributes(field);
  EXPECT_TRUE(copy == a);

  EXPECT_EQ("rack=rack1", print(a.get(0)));
  EXPECT_EQ("cores=8", print(a.get(1)));
  EXPECT_EQ("zone=[1-3]", print(Attributes::parse("zone", "[1-3]")));
}


TEST(MesosAttributes, Validity)
{
  EXPECT_TRUE(Attributes::isValid(Attributes::parse("rack", "r1")));

  Attribute set;
  set.set_name("disks");
  set.set_type(Value::SET);
  set.mutable_set()->add_item("a");
  EXPECT_FALSE(Attributes::isValid(set));

  Attribute unnamed = Attributes::parse("x", "1");
  unnamed.set_name("");
  EXPECT_FALSE(Attributes::isValid(unnamed));

  Attribute valueless;
  valueless.set_name("x");
  valueless.set_type(Value::SCALAR);
  EXPECT_FALSE(Attributes::isValid(valueless));
}


TEST(MesosAttributes, BadTextIsFatal)
{
  sdk_test::ChildOutcome pair = sdk_test::runInChild([] {
    Attributes::parse("rack");
  });
  EXPECT_TRUE(pair.aborted);
  EXPECT_CONTAINS(pair.output, "Invalid attribute key:value pair 'rack'");

  sdk_test::ChildOutcome value = sdk_test::runInChild([] {
    Attributes::parse("ports", "[1-2");
  });
  EXPECT_TRUE(value.aborted);
  EXPECT_CONTAINS(
      value.output,
      "Failed to parse attribute ports text [1-2 error Mismatched brackets");

  sdk_test::ChildOutcome set = sdk_test::runInChild([] {
    Attributes::parse("disks", "{a,b}");
  });
  EXPECT_TRUE(set.aborted);
  EXPECT_CONTAINS(set.output, "Bad type for attribute disks text {a,b} type 2");
}
