// Mesos module SDK: tests for stout Bytes, hashmap, hashset, Multimap,
// UUID, Version and synchronized.

#include <stdint.h>

#include <algorithm>
#include <list>
#include <sstream>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include <stout/bytes.hpp>
#include <stout/foreach.hpp>
#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/multimap.hpp>
#include <stout/stringify.hpp>
#include <stout/synchronized.hpp>
#include <stout/uuid.hpp>
#include <stout/version.hpp>

#include "test.hpp"


TEST(Bytes, ParseAndPrint)
{
  EXPECT_EQ(Bytes(512), Bytes::parse("512B").get());
  EXPECT_EQ(Kilobytes(3), Bytes::parse("3KB").get());
  EXPECT_EQ(Megabytes(64), Bytes::parse("64mb").get());
  EXPECT_EQ(Gigabytes(2), Bytes::parse("2Gb").get());
  EXPECT_EQ(Terabytes(1), Bytes::parse("1TB").get());

  EXPECT_EQ(std::string("Fractional bytes '1.5GB'"),
            Bytes::parse("1.5GB").error());
  EXPECT_EQ(std::string("Unknown bytes unit 'PB'"), Bytes::parse("1PB").error());
  EXPECT_EQ(std::string("Invalid bytes '10'"), Bytes::parse("10").error());
  EXPECT_EQ(std::string("Failed to convert '' to number"),
            Bytes::parse("MB").error());

  EXPECT_EQ(std::string("0B"), stringify(Bytes(0)));
  EXPECT_EQ(std::string("1023B"), stringify(Bytes(1023)));
  EXPECT_EQ(std::string("1KB"), stringify(Bytes(1024)));
  EXPECT_EQ(std::string("1536KB"), stringify(Kilobytes(1536)));
  EXPECT_EQ(std::string("128MB"), stringify(Megabytes(128)));
  EXPECT_EQ(std::string("2GB"), stringify(Megabytes(2048)));
  EXPECT_EQ(std::string("3TB"), stringify(Terabytes(3)));
}


TEST(Bytes, Arithmetic)
{
  EXPECT_EQ(Megabytes(3), Megabytes(1) + Megabytes(2));
  EXPECT_EQ(Megabytes(1), Megabytes(3) - Megabytes(2));
  EXPECT_EQ(Megabytes(6), Megabytes(3) * 2);
  EXPECT_EQ(Kilobytes(512), Megabytes(1) / 2);
  EXPECT_TRUE(Megabytes(1) < Gigabytes(1));
  EXPECT_TRUE(Megabytes(1024) == Gigabytes(1));
  EXPECT_EQ(1048576u, Megabytes(1).bytes());
}


TEST(Hashmap, Basics)
{
  hashmap<std::string, int> map;
  EXPECT_FALSE(map.contains("a"));
  EXPECT_TRUE(map.get("a").isNone());

  map.put("a", 1);
  map.put("b", 2);
  map.put("a", 3); // Replaces.
  EXPECT_EQ(2u, map.size());
  EXPECT_TRUE(map.contains("a"));
  EXPECT_EQ(3, map.get("a").get());
  EXPECT_TRUE(map.contains_value(2));
  EXPECT_FALSE(map.contains_value(1));

  hashset<std::string> keys = map.keys();
  EXPECT_EQ(2u, keys.size());
  EXPECT_TRUE(keys.contains("a") && keys.contains("b"));

  std::vector<int> values = map.values();
  std::sort(values.begin(), values.end());
  EXPECT_TRUE(values == std::vector<int>({2, 3}));

  hashmap<std::string, int> fromMap(std::map<std::string, int>{{"x", 9}});
  EXPECT_EQ(9, fromMap.get("x").get());

  hashmap<int, std::string> list = {{1, "one"}, {1, "uno"}, {2, "two"}};
  EXPECT_EQ(2u, list.size());
  EXPECT_EQ(std::string("one"), list.get(1).get());

  int sum = 0;
  foreachvalue (int value, map) {
    sum += value;
  }
  EXPECT_EQ(5, sum);

  hashmap<std::string, int> single = {{"k", 1}};
  EXPECT_EQ(std::string("{ k: 1 }"), stringify(single));
  std::ostringstream out;
  out << single;
  EXPECT_EQ(std::string("{ k: 1 }"), out.str());
}


namespace {

enum class Color { RED, GREEN };

struct Named
{
  std::string name;
  std::string getName() { return name; }
};

} // namespace {


TEST(Hashset, Basics)
{
  hashset<int> a = {1, 2, 3};
  hashset<int> b(std::set<int>{3, 4});
  EXPECT_TRUE(a.contains(2));
  EXPECT_FALSE(a.contains(4));

  hashset<int> united = a | b;
  EXPECT_EQ(4u, united.size());
  hashset<int> difference = a - b;
  EXPECT_EQ(2u, difference.size());
  EXPECT_FALSE(difference.contains(3));

  a |= b;
  EXPECT_TRUE(a.contains(4));
  a -= hashset<int>{1};
  EXPECT_FALSE(a.contains(1));

  EXPECT_TRUE(hashset<int>::EMPTY.empty());
  EXPECT_EQ(std::string("{ 5 }"), stringify(hashset<int>{5}));

  hashset<Color> colors = {Color::RED};
  EXPECT_TRUE(colors.contains(Color::RED));
  hashmap<Color, int> byColor = {{Color::GREEN, 2}};
  EXPECT_EQ(2, byColor.get(Color::GREEN).get());

  hashset<Named*> named;
  Named n{"x"};
  named.insert(&n);
  EXPECT_TRUE(named.exists(&Named::name, std::string("x")));
  EXPECT_FALSE(named.exists(&Named::name, std::string("y")));
  EXPECT_TRUE(named.exists(&Named::getName, std::string("x")));
}


TEST(Multimap, Basics)
{
  Multimap<std::string, int> map;
  map.put("a", 1);
  map.put("a", 2);
  map.put("b", 3);
  EXPECT_EQ(3u, map.size());
  EXPECT_TRUE(map.get("a") == std::list<int>({1, 2}));
  EXPECT_TRUE(map.keys() == std::set<std::string>({"a", "b"}));
  EXPECT_TRUE(map.contains("a", 2));
  EXPECT_TRUE(map.remove("a", 1));
  EXPECT_FALSE(map.contains("a", 1));
  EXPECT_TRUE(map.remove("b"));
  EXPECT_FALSE(map.contains("b"));
}


TEST(UUID, RandomAndStrings)
{
  const id::UUID a = id::UUID::random();
  const id::UUID b = id::UUID::random();
  EXPECT_TRUE(a != b);
  EXPECT_EQ(id::UUID::version_random_number_based, a.version());
  EXPECT_EQ(id::UUID::variant_rfc_4122, a.variant());
  EXPECT_FALSE(a.is_nil());

  const std::string text = a.toString();
  EXPECT_EQ(36u, text.size());
  EXPECT_EQ('-', text[8]);
  EXPECT_EQ('4', text[14]);
  EXPECT_EQ(text, stringify(a));

  Try<id::UUID> parsed = id::UUID::fromString(text);
  ASSERT_TRUE(parsed.isSome());
  EXPECT_TRUE(parsed.get() == a);

  const std::string canonical = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
  EXPECT_EQ(canonical, id::UUID::fromString(canonical)->toString());
  EXPECT_EQ(canonical,
            id::UUID::fromString("{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}")
              ->toString());
  EXPECT_EQ(canonical,
            id::UUID::fromString("0f1e2d3c4b5a49688776a5b4c3d2e1f0")
              ->toString());

  EXPECT_EQ(std::string("invalid uuid string"),
            id::UUID::fromString("not-a-uuid").error());
  EXPECT_TRUE(id::UUID::fromString("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f").isError());
  EXPECT_TRUE(id::UUID::fromString("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f00").isError());
  EXPECT_TRUE(id::UUID::fromString("0f1e2d3c4b5a-4968-8776-a5b4c3d2e1f0").isError());
  EXPECT_TRUE(id::UUID::fromString("{0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0").isError());
}


TEST(UUID, Bytes)
{
  const id::UUID a = id::UUID::random();
  const std::string bytes = a.toBytes();
  EXPECT_EQ(16u, bytes.size());

  Try<id::UUID> back = id::UUID::fromBytes(bytes);
  ASSERT_TRUE(back.isSome());
  EXPECT_TRUE(back.get() == a);

  EXPECT_EQ(std::string("Not a valid UUID"),
            id::UUID::fromBytes("short").error());
  EXPECT_EQ(std::string("Not a valid UUID"),
            id::UUID::fromBytes(std::string(16, '\0')).error()); // Version 0.

  std::unordered_set<id::UUID> set = {a, a};
  EXPECT_EQ(1u, set.size());
  hashmap<id::UUID, int> byId;
  byId.put(a, 1);
  EXPECT_TRUE(byId.contains(back.get()));
}


TEST(Version, ParseAndPrint)
{
  EXPECT_EQ(std::string("1.11.0"), stringify(Version::parse("1.11").get()));
  EXPECT_EQ(std::string("1.11.0"), stringify(Version::parse("01.11.0").get()));
  EXPECT_EQ(std::string("1.0.0"), stringify(Version::parse("1").get()));
  EXPECT_EQ(std::string("1.11.0-rc1"),
            stringify(Version::parse("1.11.0-rc1").get()));
  EXPECT_EQ(std::string("1.11.0-sdk+build.5"),
            stringify(Version::parse("1.11.0-sdk+build.5").get()));
  EXPECT_EQ(std::string("1.2.3-a-b.c"),
            stringify(Version::parse("1.2.3-a-b.c").get()));

  Version v = Version::parse("1.11.0-rc1+b7").get();
  EXPECT_EQ(1u, v.majorVersion);
  EXPECT_EQ(11u, v.minorVersion);
  EXPECT_EQ(0u, v.patchVersion);
  EXPECT_TRUE(v.prerelease == std::vector<std::string>({"rc1"}));
  EXPECT_TRUE(v.build == std::vector<std::string>({"b7"}));

  EXPECT_EQ(std::string("1.2.3"), stringify(Version(1, 2, 3)));
}


TEST(Version, Errors)
{
  EXPECT_EQ(
      std::string("Invalid version component 'x': Failed to convert 'x' to number"),
      Version::parse("x").error());
  EXPECT_EQ(
      std::string("Version has 4 components; maximum 3 components allowed"),
      Version::parse("1.2.3.4").error());
  EXPECT_EQ(
      std::string("Invalid version component '': Failed to convert '' to number"),
      Version::parse("1..2").error());
  EXPECT_EQ(std::string("Invalid prerelease label: Empty label"),
            Version::parse("1.2.3-").error());
  EXPECT_EQ(std::string("Invalid build label: Empty identifier"),
            Version::parse("1.2.3+a..b").error());
  EXPECT_EQ(
      std::string("Invalid prerelease label: Identifier contains illegal "
                  "character: '_'"),
      Version::parse("1.2.3-a_b").error());
  EXPECT_TRUE(Version::parse("").isError());
  EXPECT_TRUE(Version::parse("1.2.3 ").isError());
}


TEST(Version, Compare)
{
  auto v = [](const std::string& s) { return Version::parse(s).get(); };

  // SemVer 2.0 precedence chain.
  const std::vector<std::string> order = {
    "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
    "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1",
    "1.1.0", "2.0.0"};
  for (size_t i = 0; i + 1 < order.size(); ++i) {
    EXPECT_TRUE(v(order[i]) < v(order[i + 1]));
    EXPECT_FALSE(v(order[i + 1]) < v(order[i]));
    EXPECT_TRUE(v(order[i + 1]) > v(order[i]));
    EXPECT_TRUE(v(order[i]) <= v(order[i + 1]));
  }

  // mesos-facts §2.4: build metadata ignored, prerelease counted.
  EXPECT_TRUE(v("1.11.0") == v("1.11"));
  EXPECT_TRUE(v("1.11.0") == v("01.11.0"));
  EXPECT_TRUE(v("1.11.0") == v("1.11.0+anything"));
  EXPECT_TRUE(v("1.11.0-rc1") != v("1.11.0"));
  EXPECT_TRUE(v("1.11.0-rc1") < v("1.11.0"));
  EXPECT_TRUE(v("1.11.0-sdk") < v("1.11.0"));
  EXPECT_TRUE(v("1.10.0") < v("1.11.0"));
  EXPECT_TRUE(v("1.12.0") > v("1.11.0"));
  EXPECT_TRUE(v("1.11.0+a") >= v("1.11.0+b"));
  EXPECT_TRUE(v("1.11.0+a") <= v("1.11.0+b"));

  // Numeric identifiers sort before alphanumeric ones.
  EXPECT_TRUE(v("1.0.0-2") < v("1.0.0-a"));
  EXPECT_TRUE(v("1.0.0-10") > v("1.0.0-9"));
  EXPECT_TRUE(v("1.0.0--1") > v("1.0.0-1")); // "-1" is not numeric.
}


TEST(Synchronized, MutexAndFlag)
{
  std::mutex mutex;
  int counter = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&]() {
      for (int i = 0; i < 10000; ++i) {
        synchronized (mutex) {
          ++counter;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(40000, counter);

  // The lock is released when the block is left, also by return.
  auto locked = [&]() -> int {
    synchronized (mutex) {
      return 7;
    }
  };
  EXPECT_EQ(7, locked());
  EXPECT_TRUE(mutex.try_lock());
  mutex.unlock();

  std::atomic_flag flag = ATOMIC_FLAG_INIT;
  synchronized (flag) {
    EXPECT_TRUE(flag.test_and_set()); // Held.
  }
  EXPECT_FALSE(flag.test_and_set());
  flag.clear();

  std::recursive_mutex recursive;
  std::recursive_mutex* pointer = &recursive;
  synchronized (pointer) {
    synchronized (recursive) {
      counter = 1;
    }
  }
  EXPECT_EQ(1, counter);
}


TEST(Set, Operators)
{
  const std::set<int> a = {1, 2, 3};
  const std::set<int> b = {3, 4};
  EXPECT_TRUE((a | b) == std::set<int>({1, 2, 3, 4}));
  EXPECT_TRUE((a & b) == std::set<int>({3}));
  EXPECT_TRUE((a - b) == std::set<int>({1, 2}));
  EXPECT_TRUE((a + 9) == std::set<int>({1, 2, 3, 9}));
}
