// Mesos module SDK: tests for stout strings, format, numify, base64 and path.

#include <stdint.h>

#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <stout/base64.hpp>
#include <stout/duration.hpp>
#include <stout/format.hpp>
#include <stout/numify.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

#include "test.hpp"

namespace {

typedef std::vector<std::string> Strings;

} // namespace {


TEST(Strings, SplitKeepsEmptyTokens)
{
  EXPECT_TRUE(strings::split("a,b,,c", ",") == Strings({"a", "b", "", "c"}));
  EXPECT_TRUE(strings::split("", ",") == Strings({""}));
  EXPECT_TRUE(strings::split(",", ",") == Strings({"", ""}));
  EXPECT_TRUE(strings::split("a;b,c", ";,") == Strings({"a", "b", "c"}));

  // The last token keeps the unsplit rest.
  EXPECT_TRUE(strings::split("a,b,c,d", ",", 2) == Strings({"a", "b,c,d"}));
  EXPECT_TRUE(strings::split("a,b", ",", 5) == Strings({"a", "b"}));
  EXPECT_TRUE(strings::split("a,b", ",", 0).empty());

  // --hooks parsing relies on this: no trimming, empty entries kept.
  EXPECT_TRUE(strings::split("x, y,", ",") == Strings({"x", " y", ""}));
}


TEST(Strings, TokenizeDropsEmptyTokens)
{
  EXPECT_TRUE(strings::tokenize("  a  b c ", " ") ==
              Strings({"a", "b", "c"}));
  EXPECT_TRUE(strings::tokenize("", " ").empty());
  EXPECT_TRUE(strings::tokenize("   ", " ").empty());
  EXPECT_TRUE(strings::tokenize("a\tb\nc", " \t\n") ==
              Strings({"a", "b", "c"}));

  // With a limit the last token is the rest from its first character.
  EXPECT_TRUE(strings::tokenize(" a  b  c ", " ", 2) ==
              Strings({"a", "b  c "}));
  EXPECT_TRUE(strings::tokenize("a b", " ", 0).empty());
}


TEST(Strings, Pairs)
{
  std::map<std::string, std::vector<std::string>> pairs =
    strings::pairs("foo=1;bar=2;baz;foo=3;bam=1=2", ";&", "=");
  EXPECT_EQ(2u, pairs.size());
  EXPECT_TRUE(pairs["foo"] == Strings({"1", "3"}));
  EXPECT_TRUE(pairs["bar"] == Strings({"2"}));
}


TEST(Strings, Trim)
{
  EXPECT_EQ(std::string("a b"), strings::trim("  \t a b \r\n"));
  EXPECT_EQ(std::string("a b \n"), strings::trim("  a b \n", strings::PREFIX));
  EXPECT_EQ(std::string("  a b"), strings::trim("  a b \n", strings::SUFFIX));
  EXPECT_EQ(std::string("b"), strings::trim("xxbxx", "x"));
  EXPECT_EQ(std::string("b"), strings::trim("xyb", strings::PREFIX, "xy"));
  EXPECT_EQ(std::string(""), strings::trim("   "));
  EXPECT_EQ(std::string(""), strings::trim("   ", strings::PREFIX));
  EXPECT_EQ(std::string(""), strings::trim(""));

  // stout quirk: SUFFIX on an all-whitespace string leaves it alone.
  EXPECT_EQ(std::string("   "), strings::trim("   ", strings::SUFFIX));
}


TEST(Strings, RemoveAndReplace)
{
  EXPECT_EQ(std::string("bar"), strings::remove("foobar", "foo", strings::PREFIX));
  EXPECT_EQ(std::string("foobar"), strings::remove("foobar", "bar", strings::PREFIX));
  EXPECT_EQ(std::string("foo"), strings::remove("foobar", "bar", strings::SUFFIX));
  EXPECT_EQ(std::string("a"), strings::remove("a", "ab", strings::SUFFIX));
  EXPECT_EQ(std::string("ac"), strings::remove("abcb", "b"));
  EXPECT_EQ(std::string(""), strings::remove("aabb", "ab"));

  EXPECT_EQ(std::string("a-b-c"), strings::replace("a.b.c", ".", "-"));
  EXPECT_EQ(std::string("xxxx"), strings::replace("xx", "x", "xx"));
  EXPECT_EQ(std::string("abc"), strings::replace("abc", "", "z"));
  EXPECT_EQ(std::string("/a/b"), strings::replace("//a//b", "//", "/"));
}


TEST(Strings, StartsEndsContains)
{
  EXPECT_TRUE(strings::startsWith("file:///x", "file://"));
  EXPECT_TRUE(strings::startsWith("file:///x", std::string("file")));
  EXPECT_TRUE(strings::startsWith("/x", '/'));
  EXPECT_FALSE(strings::startsWith("", '/'));
  EXPECT_FALSE(strings::startsWith("fi", "file"));
  EXPECT_TRUE(strings::startsWith("abc", ""));

  EXPECT_TRUE(strings::endsWith("lib.so", ".so"));
  EXPECT_TRUE(strings::endsWith("a/", '/'));
  EXPECT_FALSE(strings::endsWith("so", ".so"));
  EXPECT_TRUE(strings::endsWidth("lib.so", ".so"));

  EXPECT_TRUE(strings::contains("privileged", "vile"));
  EXPECT_FALSE(strings::contains("privileged", "x"));

  EXPECT_EQ(std::string("abc-1"), strings::lower("AbC-1"));
  EXPECT_EQ(std::string("ABC-1"), strings::upper("aBc-1"));

  EXPECT_TRUE(strings::checkBracketsMatching("(a(b)c)", '(', ')'));
  EXPECT_FALSE(strings::checkBracketsMatching(")(", '(', ')'));
  EXPECT_FALSE(strings::checkBracketsMatching("((", '(', ')'));
}


TEST(Strings, Join)
{
  EXPECT_EQ(std::string("a, b, c"),
            strings::join(", ", std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(std::string(""), strings::join(",", std::vector<int>{}));
  EXPECT_EQ(std::string("1.2.3"), strings::join(".", std::set<int>{3, 1, 2}));
  EXPECT_EQ(std::string("x"), strings::join(",", std::string("x")));

  // Variadic: any stringifiable values.
  EXPECT_EQ(std::string("a/1/true/10secs"),
            strings::join("/", "a", 1, true, Seconds(10)));
  EXPECT_EQ(std::string("a b"), strings::join(" ", std::string("a"), "b"));

  std::stringstream stream;
  strings::join(stream, "-", 1, 2, 3);
  EXPECT_EQ(std::string("1-2-3"), stream.str());
}


TEST(Strings, Format)
{
  Try<std::string> text =
    strings::format("%s has %d cpus (%.1f)", std::string("agent"), 4, 0.5);
  ASSERT_TRUE(text.isSome());
  EXPECT_EQ(std::string("agent has 4 cpus (0.5)"), text.get());

  // Non-POD arguments are stringified.
  EXPECT_EQ(std::string("wait 5secs"),
            strings::format("wait %s", Seconds(5)).get());
  EXPECT_EQ(std::string("literal"), strings::format("%s", "literal").get());
}


TEST(Numify, Integers)
{
  EXPECT_EQ(42, numify<int>("42").get());
  EXPECT_EQ(-42, numify<int>("-42").get());
  EXPECT_EQ(7, numify<int>("+7").get());
  EXPECT_EQ(8, numify<int>("008").get());
  EXPECT_EQ(std::numeric_limits<int>::min(),
            numify<int>("-2147483648").get());

  EXPECT_TRUE(numify<int>("2147483648").isError());
  EXPECT_TRUE(numify<int>("").isError());
  EXPECT_TRUE(numify<int>(" 1").isError());
  EXPECT_TRUE(numify<int>("1 ").isError());
  EXPECT_TRUE(numify<int>("1.5").isError());
  EXPECT_TRUE(numify<int>("12abc").isError());
  EXPECT_EQ(std::string("Failed to convert 'abc' to number"),
            numify<int>("abc").error());

  // A minus sign on an unsigned type wraps.
  EXPECT_EQ(std::numeric_limits<uint32_t>::max(),
            numify<uint32_t>("-1").get());
  EXPECT_EQ(std::numeric_limits<uint64_t>::max(),
            numify<uint64_t>("18446744073709551615").get());
  EXPECT_TRUE(numify<uint64_t>("18446744073709551616").isError());
}


TEST(Numify, Hexadecimal)
{
  EXPECT_EQ(16, numify<int>("0x10").get());
  EXPECT_EQ(255, numify<int>("0XfF").get());
  EXPECT_EQ(-16, numify<int>("-0x10").get());
  EXPECT_EQ(0xdeadbeefu, numify<uint32_t>("0xdeadbeef").get());
  EXPECT_TRUE(numify<int>("0x").isError() || numify<int>("0x").get() == 0);
  EXPECT_TRUE(numify<int>("0xg").isError());
  EXPECT_TRUE(numify<int>("0x1.8").isError());
  EXPECT_TRUE(numify<int>("0x1p3").isError());
  EXPECT_TRUE(numify<double>("0x10").isError());
  EXPECT_TRUE(numify<int>("0xffffffff").isError()); // Out of int range.
}


TEST(Numify, FloatingAndOthers)
{
  EXPECT_EQ(1.5, numify<double>("1.5").get());
  EXPECT_EQ(-0.25, numify<double>("-.25").get());
  EXPECT_EQ(100.0, numify<double>("1e2").get());
  EXPECT_EQ(2.0, numify<double>("2.").get());
  EXPECT_TRUE(numify<double>("inf").isSome());
  EXPECT_TRUE(numify<double>("1e").isError());
  EXPECT_TRUE(numify<double>(".").isError());
  EXPECT_TRUE(numify<double>("1.5x").isError());
  EXPECT_TRUE(numify<double>("1e999").isError());

  EXPECT_TRUE(numify<bool>("1").get());
  EXPECT_FALSE(numify<bool>("0").get());
  EXPECT_TRUE(numify<bool>("true").isError());

  EXPECT_EQ(std::string(" x "), numify<std::string>(" x ").get());

  Result<int> none = numify<int>(Option<std::string>::none());
  EXPECT_TRUE(none.isNone());
  Result<int> some = numify<int>(Option<std::string>("3"));
  EXPECT_EQ(3, some.get());
  Result<int> bad = numify<int>(Option<std::string>("q"));
  EXPECT_TRUE(bad.isError());
}


TEST(Base64, EncodeDecode)
{
  EXPECT_EQ(std::string(""), base64::encode(""));
  EXPECT_EQ(std::string("Zg=="), base64::encode("f"));
  EXPECT_EQ(std::string("Zm8="), base64::encode("fo"));
  EXPECT_EQ(std::string("Zm9v"), base64::encode("foo"));
  EXPECT_EQ(std::string("Zm9vYmFy"), base64::encode("foobar"));
  EXPECT_EQ(std::string("/+8="), base64::encode("\xff\xef"));
  EXPECT_EQ(std::string("_-8"), base64::encode_url_safe("\xff\xef", false));

  EXPECT_EQ(std::string("foobar"), base64::decode("Zm9vYmFy").get());
  EXPECT_EQ(std::string("fo"), base64::decode("Zm8=").get());
  EXPECT_EQ(std::string("fo"), base64::decode("Zm8").get());
  EXPECT_EQ(std::string("foobar"), base64::decode("Zm9v\nYmFy\n").get());
  EXPECT_EQ(std::string("\xff\xef"), base64::decode_url_safe("_-8=").get());
  EXPECT_EQ(std::string("Invalid character '!'"),
            base64::decode("Zm9!").error());
  EXPECT_TRUE(base64::decode_url_safe("/+8=").isError());

  std::string binary;
  for (int i = 0; i < 256; ++i) {
    binary += static_cast<char>(i);
  }
  EXPECT_EQ(binary, base64::decode(base64::encode(binary)).get());
}


TEST(Path, Join)
{
  EXPECT_EQ(std::string("a/b"), path::join("a", "b"));
  EXPECT_EQ(std::string("a/b"), path::join("a/", "/b"));
  EXPECT_EQ(std::string("a//b"), path::join("a//", "b"));
  EXPECT_EQ(std::string("/a/b/c"), path::join("/a", "b", "c"));
  EXPECT_EQ(std::string("/"), path::join("", ""));
  EXPECT_EQ(std::string("a/b/c"),
            path::join(std::vector<std::string>{"a", "b/", "c"}));
  EXPECT_EQ(std::string(""), path::join(std::vector<std::string>{}));
  EXPECT_TRUE(path::is_absolute("/x"));
  EXPECT_FALSE(path::is_absolute("x"));
  EXPECT_EQ(std::string("/etc/m.json"), path::from_uri("file:///etc/m.json"));
}


TEST(Path, Normalize)
{
  EXPECT_EQ(std::string("a/c"), path::normalize("a//./b/../c/").get());
  EXPECT_EQ(std::string("."), path::normalize("").get());
  EXPECT_EQ(std::string("."), path::normalize("a/..").get());
  EXPECT_EQ(std::string("/"), path::normalize("/./").get());
  EXPECT_EQ(std::string("../../x"), path::normalize("../../x").get());
  EXPECT_EQ(std::string("Absolute path '/..' tries to escape root"),
            path::normalize("/..").error());

  EXPECT_EQ(std::string("../b/c"), path::relative("/a/b/c", "/a/d").get());
  EXPECT_EQ(std::string("."), path::relative("/a/", "/a").get());
  EXPECT_TRUE(path::relative("/a", "b").isError());
}


TEST(Path, BasenameDirnameExtension)
{
  struct Case { const char* path; const char* base; const char* dir; };
  const Case cases[] = {
    {"/usr/lib", "lib", "/usr"},
    {"/usr/", "usr", "/"},
    {"usr", "usr", "."},
    {"/", "/", "/"},
    {".", ".", "."},
    {"..", "..", "."},
    {"", ".", "."},
    {"//a//b//", "b", "//a"},
    {"a/b", "b", "a"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(std::string(c.base), Path(c.path).basename());
    EXPECT_EQ(std::string(c.dir), Path(c.path).dirname());
  }

  EXPECT_EQ(std::string(".gz"), Path("a.tar.gz").extension().get());
  EXPECT_EQ(std::string(".bashrc"), Path("/home/.bashrc").extension().get());
  EXPECT_TRUE(Path("a").extension().isNone());
  EXPECT_TRUE(Path("..").extension().isNone());

  EXPECT_EQ(std::string("/x/y"), Path("file:///x/y").string());
  EXPECT_TRUE(Path("/x").is_absolute());

  std::vector<std::string> components;
  const Path path("/a/b");
  for (const std::string& component : path) {
    components.push_back(component);
  }
  EXPECT_TRUE(components == Strings({"", "a", "b"}));
}
