// Mesos module SDK: tests for the stout compatibility headers.

#include <errno.h>
#include <string.h>

#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <stout/abort.hpp>
#include <stout/check.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/foreach.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/some.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include "test.hpp"

namespace {

struct Widget
{
  explicit Widget(int _id) : id(_id) {}
  int id;
};


// Counts live instances to detect leaks or double destruction.
struct Tracked
{
  static int& live() { static int count = 0; return count; }

  explicit Tracked(int _v) : v(_v) { ++live(); }
  Tracked(const Tracked& that) : v(that.v) { ++live(); }
  Tracked(Tracked&& that) : v(that.v) { ++live(); }
  ~Tracked() { --live(); }
  Tracked& operator=(const Tracked&) = delete;

  int v;
};


std::map<int, int> singletonMap() { return {{1, 2}}; }

Option<int> none_default(Option<int> o = None()) { return o; }

Result<int> resultFromNone() { return None(); }
Result<int> resultFromError() { return Error("x"); }
Result<int> resultFromSome() { return Some(7); }
Try<Nothing> tryNothing() { return Nothing(); }
Try<int> tryError() { return Error("broken"); }

} // namespace


// ---------------------------------------------------------------------------
// Option

TEST(Option, States)
{
  Option<int> none = None();
  EXPECT_TRUE(none.isNone());
  EXPECT_FALSE(none.isSome());

  Option<int> some = 5;
  EXPECT_TRUE(some.isSome());
  EXPECT_EQ(5, some.get());
  EXPECT_EQ(5, *some);

  Option<int> factoryNone = Option<int>::none();
  Option<int> factorySome = Option<int>::some(3);
  EXPECT_TRUE(factoryNone.isNone());
  EXPECT_EQ(3, factorySome.get());

  Option<int> defaulted;
  EXPECT_TRUE(defaulted.isNone());

  EXPECT_TRUE(none_default().isNone());
  EXPECT_EQ(4, none_default(4).get());
}


TEST(Option, Conversions)
{
  Option<std::string> fromLiteral = "hello";
  EXPECT_EQ(std::string("hello"), fromLiteral.get());

  Option<std::string> fromSome = Some("world");
  EXPECT_EQ(std::string("world"), fromSome.get());

  Option<std::string> fromMovedSome = Some(std::string("moved"));
  EXPECT_EQ(std::string("moved"), fromMovedSome.get());

  Option<Widget> widget = Widget(9);
  EXPECT_EQ(9, widget->id);

  std::unique_ptr<int> p(new int(42));
  Option<std::unique_ptr<int>> owned = std::move(p);
  EXPECT_EQ(42, **owned);
  std::unique_ptr<int> back = std::move(owned).get();
  EXPECT_EQ(42, *back);

  // Option<Option<int>> keeps None and Some(None) apart.
  Option<Option<int>> nested = Option<int>(None());
  EXPECT_TRUE(nested.isSome());
  EXPECT_TRUE(nested->isNone());
}


TEST(Option, CopyMoveAndAssign)
{
  {
    Option<Tracked> a = Tracked(1);
    Option<Tracked> b = a;
    Option<Tracked> c = std::move(a);
    EXPECT_EQ(1, b->v);
    EXPECT_EQ(1, c->v);

    Option<Tracked> d = None();
    d = b;                 // none <- some
    EXPECT_EQ(1, d->v);
    d = Option<Tracked>(); // some <- none
    EXPECT_TRUE(d.isNone());
    d = Tracked(5);
    d = d;                 // self-assignment keeps the value
    EXPECT_EQ(5, d->v);
  }
  EXPECT_EQ(0, Tracked::live());

  // Works for types without assignment operators (Error has a const
  // member).
  Option<Error> e1 = Error("one");
  Option<Error> e2 = Error("two");
  e1 = e2;
  EXPECT_EQ(std::string("two"), e1->message);
}


TEST(Option, GetOrElseAndComparison)
{
  Option<int> none = None();
  Option<int> five = 5;
  EXPECT_EQ(7, none.getOrElse(7));
  EXPECT_EQ(5, five.getOrElse(7));

  Option<std::string> s = None();
  EXPECT_EQ(std::string("dflt"), s.getOrElse("dflt"));

  EXPECT_TRUE(five == 5);
  EXPECT_TRUE(five != 6);
  EXPECT_FALSE(none == 5);
  EXPECT_TRUE(none != 5);
  EXPECT_TRUE(none == Option<int>::none());
  EXPECT_TRUE(five == Option<int>(5));
  EXPECT_TRUE(five != none);
  EXPECT_TRUE(five != Option<int>(4));
}


TEST(Option, MinMax)
{
  Option<int> none = None();
  EXPECT_EQ(Option<int>(2), min(Option<int>(2), Option<int>(3)));
  EXPECT_EQ(Option<int>(3), max(Option<int>(2), Option<int>(3)));
  EXPECT_EQ(Option<int>(2), min(none, Option<int>(2)));
  EXPECT_EQ(Option<int>(2), max(Option<int>(2), none));
  EXPECT_TRUE(min(none, none).isNone());
  EXPECT_EQ(Option<int>(1), min(Option<int>(4), 1));
  EXPECT_EQ(Option<int>(4), max(1, Option<int>(4)));
}


TEST(Option, Hash)
{
  std::hash<Option<std::string>> hasher;
  EXPECT_EQ(hasher(Option<std::string>("a")), hasher(Option<std::string>("a")));
  EXPECT_EQ(size_t(0), hasher(None()));

  std::unordered_set<Option<int>> set;
  set.insert(None());
  set.insert(1);
  set.insert(1);
  set.insert(2);
  EXPECT_EQ(size_t(3), set.size());
  EXPECT_EQ(size_t(1), set.count(None()));
}


// ---------------------------------------------------------------------------
// Error / ErrnoError

TEST(Error, Messages)
{
  Error e("boom");
  EXPECT_EQ(std::string("boom"), e.message);
  EXPECT_TRUE(e == Error("boom"));
  EXPECT_EQ(std::string("boom"), stringify(e));

  ErrnoError byCode(ENOENT);
  EXPECT_EQ(ENOENT, byCode.code);
  EXPECT_EQ(std::string(strerror(ENOENT)), byCode.message);

  ErrnoError withPrefix(EACCES, "open failed");
  EXPECT_EQ(std::string("open failed: ") + strerror(EACCES),
            withPrefix.message);

  errno = EINVAL;
  ErrnoError fromErrno;
  EXPECT_EQ(EINVAL, fromErrno.code);

  errno = EPERM;
  ErrnoError fromErrnoWithPrefix("chown");
  EXPECT_EQ(EPERM, fromErrnoWithPrefix.code);
  EXPECT_EQ(std::string("chown: ") + strerror(EPERM),
            fromErrnoWithPrefix.message);
}


// ---------------------------------------------------------------------------
// Try

TEST(Try, States)
{
  Try<int> some = 5;
  EXPECT_TRUE(some.isSome());
  EXPECT_FALSE(some.isError());
  EXPECT_EQ(5, some.get());
  EXPECT_EQ(5, *some);

  Try<int> error = Error("bad");
  EXPECT_TRUE(error.isError());
  EXPECT_EQ(std::string("bad"), error.error());

  Try<Nothing> nothing = Nothing();
  EXPECT_TRUE(nothing.isSome());
  EXPECT_TRUE(tryNothing().isSome());
  EXPECT_EQ(std::string("broken"), tryError().error());

  Try<int> factory = Try<int>::some(3);
  Try<int> factoryError = Try<int>::error(Error("e"));
  EXPECT_EQ(3, factory.get());
  EXPECT_EQ(std::string("e"), factoryError.error());

  Try<std::string> fromLiteral = "text";
  EXPECT_EQ(std::string("text"), fromLiteral.get());
  EXPECT_EQ(size_t(4), fromLiteral->size());

  Try<std::string> fromSome = Some("s");
  EXPECT_EQ(std::string("s"), fromSome.get());
}


TEST(Try, ErrorTypes)
{
  // error() is the message string for plain Error ...
  Try<int> plain = Error("msg");
  const std::string& message = plain.error();
  EXPECT_EQ(std::string("msg"), message);

  // ... and the error object otherwise.
  Try<int, ErrnoError> errno_ = ErrnoError(ENOENT, "stat");
  const ErrnoError& e = errno_.error();
  EXPECT_EQ(ENOENT, e.code);
  EXPECT_EQ(std::string("stat: ") + strerror(ENOENT), e.message);
}


TEST(Try, FromErrorSubclasses)
{
  // `return ErrnoError(...)` from a function returning Try<T> keeps the
  // message (the error is stored as a plain Error).
  Try<Nothing> t = ErrnoError(ENOENT, "open");
  ASSERT_TRUE(t.isError());
  EXPECT_EQ(std::string("open: ") + strerror(ENOENT), t.error());

  Try<int> socket = SocketError(ECONNREFUSED);
  EXPECT_EQ(std::string(strerror(ECONNREFUSED)), socket.error());
}


TEST(Option, ConstValue)
{
  Option<const int> o = 5;
  EXPECT_EQ(5, o.get());
  o = Option<const int>(6);
  EXPECT_EQ(6, *o);
  o = None();
  EXPECT_TRUE(o.isNone());
}


TEST(Try, OptionValueKeepsNone)
{
  // A Try holding an empty Option is a *some* Try.
  Try<Option<int>> t = None();
  EXPECT_TRUE(t.isSome());
  EXPECT_TRUE(t->isNone());

  Try<Option<int>> s = Some(3);
  EXPECT_TRUE(s.isSome());
  EXPECT_EQ(3, s->get());
}


TEST(Try, CopyAssignWithErrors)
{
  Try<std::string> a = Error("first");
  Try<std::string> b = std::string("value");
  a = b;
  EXPECT_EQ(std::string("value"), a.get());
  b = Error("second");
  EXPECT_EQ(std::string("second"), b.error());

  Try<std::unique_ptr<int>> owned = std::unique_ptr<int>(new int(8));
  std::unique_ptr<int> out = std::move(owned).get();
  EXPECT_EQ(8, *out);
}


TEST(Try, GetOnErrorAborts)
{
  sdk_test::ChildOutcome outcome = sdk_test::runInChild([]() {
    Try<int> t = Error("kaput");
    t.get();
  });
  EXPECT_TRUE(outcome.aborted);
  EXPECT_CONTAINS(outcome.output, "ABORT: (");
  EXPECT_CONTAINS(outcome.output, "try.hpp:");
  EXPECT_CONTAINS(outcome.output, "): Try::get() but state == ERROR: kaput");
}


// ---------------------------------------------------------------------------
// Result

TEST(Result, States)
{
  Result<int> none = None();
  EXPECT_TRUE(none.isNone());
  EXPECT_FALSE(none.isSome());
  EXPECT_FALSE(none.isError());

  Result<int> error = Error("x");
  EXPECT_TRUE(error.isError());
  EXPECT_EQ(std::string("x"), error.error());

  Result<int> some = Some(4);
  EXPECT_TRUE(some.isSome());
  EXPECT_EQ(4, some.get());
  EXPECT_EQ(4, *some);

  Result<int> plain = 6;
  EXPECT_EQ(6, plain.get());

  EXPECT_TRUE(resultFromNone().isNone());
  EXPECT_EQ(std::string("x"), resultFromError().error());
  EXPECT_EQ(7, resultFromSome().get());

  EXPECT_TRUE(Result<int>::none().isNone());
  EXPECT_EQ(1, Result<int>::some(1).get());
  EXPECT_EQ(std::string("e"), Result<int>::error("e").error());

  Result<std::string> text = "abc";
  EXPECT_EQ(size_t(3), text->size());
}


TEST(Result, Conversions)
{
  Result<int> fromNoneOption = Option<int>(None());
  EXPECT_TRUE(fromNoneOption.isNone());

  Result<int> fromSomeOption = Option<int>(3);
  EXPECT_EQ(3, fromSomeOption.get());

  Result<int> fromTry = Try<int>(8);
  EXPECT_EQ(8, fromTry.get());

  Result<int> fromErrorTry = Try<int>(Error("try failed"));
  EXPECT_TRUE(fromErrorTry.isError());
  EXPECT_EQ(std::string("try failed"), fromErrorTry.error());

  Result<int> fromErrno = ErrnoError(ENOENT, "read");
  EXPECT_TRUE(fromErrno.isError());
  EXPECT_EQ(std::string("read: ") + strerror(ENOENT), fromErrno.error());

  Result<std::unique_ptr<int>> owned = std::unique_ptr<int>(new int(2));
  std::unique_ptr<int> out = std::move(owned).get();
  EXPECT_EQ(2, *out);

  Result<int> copy = fromErrorTry;
  EXPECT_EQ(std::string("try failed"), copy.error());
  copy = fromTry;
  EXPECT_EQ(8, copy.get());
}


TEST(Result, GetAborts)
{
  sdk_test::ChildOutcome error = sdk_test::runInChild([]() {
    Result<int> r = Error("bad result");
    r.get();
  });
  EXPECT_TRUE(error.aborted);
  EXPECT_CONTAINS(error.output, "Result::get() but state == ERROR: bad result");

  sdk_test::ChildOutcome none = sdk_test::runInChild([]() {
    Result<int> r = None();
    r.get();
  });
  EXPECT_TRUE(none.aborted);
  EXPECT_CONTAINS(none.output, "Result::get() but state == NONE");
}


// ---------------------------------------------------------------------------
// Some / None / Nothing

TEST(Some, ConvertsEverywhere)
{
  Option<int> o = Some(1);
  Try<int> t = Some(2);
  Result<int> r = Some(3);
  EXPECT_EQ(1, o.get());
  EXPECT_EQ(2, t.get());
  EXPECT_EQ(3, r.get());

  // Some() decays: arrays become pointers, references become values.
  const std::string s = "ref";
  auto holder = Some(s);
  static_assert(std::is_same<decltype(holder), _Some<std::string>>::value,
                "Some() must decay its argument");
  EXPECT_EQ(std::string("ref"), holder.t);
}


// ---------------------------------------------------------------------------
// foreach

TEST(Foreach, VectorAndBreak)
{
  std::vector<int> values = {1, 2, 3, 4, 5};
  int sum = 0;
  foreach (int v, values) {
    sum += v;
  }
  EXPECT_EQ(15, sum);

  sum = 0;
  foreach (const auto& v, values) {
    if (v == 4) {
      break;
    }
    if (v == 2) {
      continue;
    }
    sum += v;
  }
  EXPECT_EQ(4, sum);

  foreach (int& v, values) {
    v *= 2;
  }
  EXPECT_EQ(10, values.back());
}


TEST(Foreach, PairOverMaps)
{
  std::map<std::string, int> ordered = {{"a", 1}, {"b", 2}, {"c", 3}};
  std::string keys;
  int total = 0;
  foreachpair (const std::string& key, int value, ordered) {
    keys += key;
    total += value;
  }
  EXPECT_EQ(std::string("abc"), keys);
  EXPECT_EQ(6, total);

  // `const auto&` declarations and mutation through a reference.
  foreachpair (const auto& key, auto& value, ordered) {
    (void) key;
    value *= 10;
  }
  EXPECT_EQ(30, ordered["c"]);

  std::unordered_map<int, std::string> unordered = {{1, "x"}, {2, "y"}};
  int keySum = 0;
  size_t length = 0;
  foreachpair (int key, const std::string& value, unordered) {
    keySum += key;
    length += value.size();
  }
  EXPECT_EQ(3, keySum);
  EXPECT_EQ(size_t(2), length);

  // A temporary container lives for the whole loop.
  int count = 0;
  foreachpair (const auto& k, const auto& v, singletonMap()) {
    count += k + v;
  }
  EXPECT_EQ(3, count);
}


TEST(Foreach, PairBreakAndContinue)
{
  std::map<int, int> m = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};

  std::vector<int> seen;
  foreachpair (int key, int value, m) {
    if (key == 2) {
      continue;
    }
    if (key == 4) {
      break;
    }
    seen.push_back(value);
  }
  EXPECT_EQ(size_t(2), seen.size());
  EXPECT_EQ(10, seen[0]);
  EXPECT_EQ(30, seen[1]);

  // break on the first element stops immediately.
  int visits = 0;
  foreachpair (int key, int value, m) {
    (void) key;
    (void) value;
    ++visits;
    break;
  }
  EXPECT_EQ(1, visits);

  // A break in an inner loop only leaves the inner loop.
  int outer = 0;
  foreachpair (int key, int value, m) {
    (void) key;
    (void) value;
    ++outer;
    for (int i = 0; i < 3; ++i) {
      break;
    }
  }
  EXPECT_EQ(4, outer);

  // Nested foreachpair with break in the inner one.
  int pairs = 0;
  foreachpair (int k1, int v1, m) {
    (void) k1;
    (void) v1;
    foreachpair (int k2, int v2, m) {
      (void) v2;
      if (k2 == 2) {
        break;
      }
      ++pairs;
    }
  }
  EXPECT_EQ(4, pairs);
}


TEST(Foreach, KeysAndValues)
{
  std::map<std::string, int> m = {{"x", 1}, {"y", 2}};

  std::string keys;
  foreachkey (const std::string& key, m) {
    keys += key;
  }
  EXPECT_EQ(std::string("xy"), keys);

  int sum = 0;
  foreachvalue (int value, m) {
    sum += value;
  }
  EXPECT_EQ(3, sum);

  foreachvalue (int& value, m) {
    value = 0;
  }
  EXPECT_EQ(0, m["y"]);

  // Dangling-else safety: the macro nests inside an if/else.
  bool elseTaken = false;
  if (m.empty())
    foreachkey (const std::string& key, m) { (void) key; }
  else
    elseTaken = true;
  EXPECT_TRUE(elseTaken);
}


// ---------------------------------------------------------------------------
// stringify

TEST(Stringify, Basics)
{
  EXPECT_EQ(std::string("42"), stringify(42));
  EXPECT_EQ(std::string("-1.5"), stringify(-1.5));
  EXPECT_EQ(std::string("true"), stringify(true));
  EXPECT_EQ(std::string("false"), stringify(false));
  EXPECT_EQ(std::string("text"), stringify(std::string("text")));
  EXPECT_EQ(std::string("chars"), stringify("chars"));
  EXPECT_EQ(std::string("oops"), stringify(Error("oops")));
  EXPECT_EQ(std::string("10secs"), stringify(Seconds(10)));

  EXPECT_EQ(std::string("[ 1, 2, 3 ]"), stringify(std::vector<int>{1, 2, 3}));
  EXPECT_EQ(std::string("[ a, b ]"),
            stringify(std::list<std::string>{"a", "b"}));
  EXPECT_EQ(std::string("{ 1, 2 }"), stringify(std::set<int>{2, 1}));
  EXPECT_EQ(std::string("{ a: 1, b: 2 }"),
            stringify(std::map<std::string, int>{{"b", 2}, {"a", 1}}));
  EXPECT_EQ(std::string("[ true, false ]"),
            stringify(std::vector<bool>{true, false}));
  EXPECT_EQ(std::string("[  ]"), stringify(std::vector<int>{}));
  EXPECT_EQ(std::string("[ { k: [ 1 ] } ]"),
            stringify(std::vector<std::map<std::string, std::vector<int>>>{
                {{"k", {1}}}}));
}


// ---------------------------------------------------------------------------
// Duration

TEST(Duration, Printing)
{
  EXPECT_EQ(std::string("10secs"), stringify(Seconds(10)));
  EXPECT_EQ(std::string("100ms"), stringify(Milliseconds(100)));
  EXPECT_EQ(std::string("1500ms"), stringify(Milliseconds(1500)));
  EXPECT_EQ(std::string("999ns"), stringify(Nanoseconds(999)));
  EXPECT_EQ(std::string("1us"), stringify(Microseconds(1)));
  EXPECT_EQ(std::string("1001ns"), stringify(Nanoseconds(1001)));
  EXPECT_EQ(std::string("1500us"), stringify(Microseconds(1500)));
  EXPECT_EQ(std::string("1500ns"), stringify(Nanoseconds(1500)));
  EXPECT_EQ(std::string("1.000001ms"),
            stringify(Milliseconds(1) + Nanoseconds(1)));
  EXPECT_EQ(std::string("2mins"), stringify(Minutes(2)));
  EXPECT_EQ(std::string("90secs"), stringify(Seconds(90)));
  EXPECT_EQ(std::string("3hrs"), stringify(Hours(3)));
  EXPECT_EQ(std::string("1days"), stringify(Days(1)));
  EXPECT_EQ(std::string("10days"), stringify(Days(10)));
  EXPECT_EQ(std::string("2weeks"), stringify(Weeks(2)));
  EXPECT_EQ(std::string("0ns"), stringify(Duration::zero()));
  EXPECT_EQ(std::string("-10secs"), stringify(Seconds(-10)));
  EXPECT_EQ(std::string("-1secs"), stringify(Seconds(-1)));
  EXPECT_EQ(std::string("1.000000001secs"),
            stringify(Seconds(1) + Nanoseconds(1)));
  EXPECT_EQ(std::string("15250.2844524715weeks"), stringify(Duration::max()));
  EXPECT_EQ(std::string("-15250.2844524715weeks"),
            stringify(Duration::min()));

  // Printing restores the stream's precision.
  std::ostringstream out;
  out.precision(3);
  out << Seconds(1) << " " << 3.14159;
  EXPECT_EQ(std::string("1secs 3.14"), out.str());
}


TEST(Duration, Arithmetic)
{
  EXPECT_EQ(Seconds(1), Milliseconds(1000));
  EXPECT_TRUE(Milliseconds(999) < Seconds(1));
  EXPECT_TRUE(Minutes(1) > Seconds(59));
  EXPECT_TRUE(Seconds(1) <= Seconds(1));
  EXPECT_TRUE(Seconds(1) >= Seconds(1));
  EXPECT_TRUE(Seconds(1) != Seconds(2));

  EXPECT_EQ(Seconds(3), Seconds(1) + Seconds(2));
  EXPECT_EQ(Milliseconds(500), Seconds(1) - Milliseconds(500));
  EXPECT_EQ(Seconds(6), Seconds(2) * 3);
  EXPECT_EQ(Milliseconds(1500), Seconds(1) * 1.5);
  EXPECT_EQ(Milliseconds(250), Seconds(1) / 4);

  Duration d = Seconds(1);
  d += Seconds(1);
  d -= Milliseconds(500);
  d *= 2;
  d /= 3;
  EXPECT_EQ(Seconds(1), d);

  EXPECT_EQ(int64_t(2000000000), Seconds(2).ns());
  EXPECT_EQ(2000000.0, Seconds(2).us());
  EXPECT_EQ(2000.0, Seconds(2).ms());
  EXPECT_EQ(0.5, Milliseconds(500).secs());
  EXPECT_EQ(1.5, Seconds(90).mins());
  EXPECT_EQ(2.0, Hours(48).days());
  EXPECT_EQ(1.0, Days(7).weeks());

  EXPECT_EQ(std::string("secs"), Seconds::units());
  EXPECT_EQ(2.5, Seconds(Milliseconds(2500)).value());

  EXPECT_TRUE(Duration::max() > Weeks(1000));
  EXPECT_TRUE(Duration::min() < Weeks(-1000));

  timeval tv = (Seconds(3) + Microseconds(25)).timeval();
  EXPECT_EQ(3, static_cast<int>(tv.tv_sec));
  EXPECT_EQ(25, static_cast<int>(tv.tv_usec));
  EXPECT_EQ(Seconds(3) + Microseconds(25), Duration(tv));
}


TEST(Duration, ParseAndCreate)
{
  Try<Duration> ten = Duration::parse("10secs");
  ASSERT_TRUE(ten.isSome());
  EXPECT_EQ(Seconds(10), ten.get());

  EXPECT_EQ(Milliseconds(1500), Duration::parse("1.5secs").get());
  EXPECT_EQ(Nanoseconds(7), Duration::parse("7ns").get());
  EXPECT_EQ(Weeks(2), Duration::parse("2weeks").get());
  EXPECT_EQ(Hours(1), Duration::parse("60mins").get());

  Try<Duration> badUnit = Duration::parse("5parsecs");
  ASSERT_TRUE(badUnit.isError());
  EXPECT_CONTAINS(badUnit.error(), "Unknown duration unit 'parsecs'");

  EXPECT_TRUE(Duration::parse("42").isError());
  EXPECT_TRUE(Duration::parse("").isError());
  EXPECT_TRUE(Duration::parse("secs").isError());
  EXPECT_TRUE(Duration::parse("1.2.3secs").isError());
  EXPECT_TRUE(Duration::parse("99999999999weeks").isError());

  EXPECT_EQ(Milliseconds(250), Duration::create(0.25).get());
  EXPECT_TRUE(Duration::create(1e30).isError());
}


// ---------------------------------------------------------------------------
// CHECK_* macros and ABORT

TEST(Check, PassingChecks)
{
  Option<int> some = 1;
  Option<int> none = None();
  Try<int> ok = 2;
  Try<int> bad = Error("bad");
  Result<int> rnone = None();

  CHECK_SOME(some);
  CHECK_SOME(ok) << "never printed";
  CHECK_NONE(none);
  CHECK_NONE(rnone);
  CHECK_ERROR(bad);

  EXPECT_EQ(1, CHECK_NOTNONE(some));
  EXPECT_EQ(2, CHECK_NOTERROR(ok));
  int& ref = CHECK_NOTNONE(some);
  ref = 5;
  EXPECT_EQ(5, some.get());
  EXPECT_EQ(3, CHECK_NOTNONE(Option<int>(3)));
  EXPECT_EQ(4, CHECK_NOTERROR(Try<int>(4)));
}


TEST(Check, FailingChecksDie)
{
  sdk_test::ChildOutcome some = sdk_test::runInChild([]() {
    Try<int> t = Error("it broke");
    CHECK_SOME(t) << "extra context";
  });
  EXPECT_TRUE(some.aborted);
  EXPECT_CONTAINS(some.output, "CHECK_SOME(t): it broke extra context");

  sdk_test::ChildOutcome none = sdk_test::runInChild([]() {
    Option<int> o = 3;
    CHECK_NONE(o);
  });
  EXPECT_TRUE(none.aborted);
  EXPECT_CONTAINS(none.output, "CHECK_NONE(o): is SOME");

  sdk_test::ChildOutcome notNone = sdk_test::runInChild([]() {
    Option<int> missing = None();
    CHECK_NOTNONE(missing);
  });
  EXPECT_TRUE(notNone.aborted);
  EXPECT_CONTAINS(notNone.output, "'missing' Must be SOME");

  sdk_test::ChildOutcome notError = sdk_test::runInChild([]() {
    Try<int> t = Error("nope");
    CHECK_NOTERROR(t);
  });
  EXPECT_TRUE(notError.aborted);
  EXPECT_CONTAINS(notError.output, "'t' Must be SOME: nope");
}


TEST(Abort, PrefixAndMessage)
{
  sdk_test::ChildOutcome outcome = sdk_test::runInChild([]() {
    ABORT("custom " + std::string("message"));
  });
  EXPECT_TRUE(outcome.aborted);
  EXPECT_CONTAINS(outcome.output, "ABORT: (");
  EXPECT_CONTAINS(outcome.output, "stout_tests.cpp:");
  EXPECT_CONTAINS(outcome.output, "): custom message\n");
}
