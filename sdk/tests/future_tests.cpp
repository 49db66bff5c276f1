// Mesos module SDK: tests for process/future.hpp (Future / Promise).

#include <errno.h>
#include <string.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <process/check.hpp>
#include <process/future.hpp>

#include <stout/duration.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

#include "test.hpp"

using process::ErrnoFailure;
using process::Failure;
using process::Future;
using process::Promise;

namespace {

struct Label
{
  std::string key;
  std::string value;
};


// Hook-style functions: these are the shapes hook modules return.
Future<Option<Label>> noLabel() { return None(); }
Future<Option<Label>> someLabel() { return Label{"k", "v"}; }
Future<Nothing> done() { return Nothing(); }
Future<int> failing() { return Failure("hook failed"); }
Future<std::string> fromLiteral() { return "literal"; }


std::string str(const Future<int>& future)
{
  std::ostringstream out;
  out << future;
  return out.str();
}

} // namespace


// ---------------------------------------------------------------------------
// Construction and states

TEST(Future, ReadyFromValues)
{
  Future<int> ready = 5;
  EXPECT_TRUE(ready.isReady());
  EXPECT_FALSE(ready.isPending());
  EXPECT_FALSE(ready.isFailed());
  EXPECT_FALSE(ready.isDiscarded());
  EXPECT_FALSE(ready.isAbandoned());
  EXPECT_EQ(5, ready.get());

  Future<std::string> text = fromLiteral();
  EXPECT_EQ(std::string("literal"), text.get());
  EXPECT_EQ(size_t(7), text->size());

  Future<Nothing> nothing = done();
  EXPECT_TRUE(nothing.isReady());

  std::unique_ptr<int> owned(new int(3));
  Future<std::shared_ptr<int>> shared = std::shared_ptr<int>(std::move(owned));
  EXPECT_EQ(3, *shared.get());
}


TEST(Future, OptionResults)
{
  Future<Option<Label>> none = noLabel();
  ASSERT_TRUE(none.isReady());
  EXPECT_TRUE(none.get().isNone());

  Future<Option<Label>> some = someLabel();
  ASSERT_TRUE(some.isReady());
  ASSERT_TRUE(some.get().isSome());
  EXPECT_EQ(std::string("v"), some.get()->value);

  Future<Option<int>> direct = None();
  EXPECT_TRUE(direct.get().isNone());

  Future<Option<int>> fromSome = Some(4);
  EXPECT_EQ(Option<int>(4), fromSome.get());
}


TEST(Future, Failures)
{
  Future<int> f = failing();
  EXPECT_TRUE(f.isFailed());
  EXPECT_FALSE(f.isPending());
  EXPECT_EQ(std::string("hook failed"), f.failure());

  Future<int> fromFactory = Future<int>::failed("factory");
  EXPECT_TRUE(fromFactory.isFailed());
  EXPECT_EQ(std::string("factory"), fromFactory.failure());

  Future<int> fromError = Failure(Error("from error"));
  EXPECT_EQ(std::string("from error"), fromError.failure());

  Future<int> fromErrno = ErrnoFailure(ENOENT, "open");
  EXPECT_EQ(std::string("open: ") + strerror(ENOENT), fromErrno.failure());

  ErrnoFailure code(EACCES);
  EXPECT_EQ(EACCES, code.code);
  EXPECT_EQ(std::string(strerror(EACCES)), code.message);
}


TEST(Future, FromTry)
{
  Try<int> ok = 3;
  Future<int> fromOk = ok;
  EXPECT_EQ(3, fromOk.get());

  Try<int> bad = Error("try error");
  Future<int> fromBad = bad;
  EXPECT_TRUE(fromBad.isFailed());
  EXPECT_EQ(std::string("try error"), fromBad.failure());

  Try<int, ErrnoError> errnoBad = ErrnoError(EPERM, "x");
  Future<int> fromErrnoBad = errnoBad;
  EXPECT_EQ(std::string("x: ") + strerror(EPERM), fromErrnoBad.failure());

  Promise<int> promise;
  Try<Future<int>> wrapped = promise.future();
  Future<int> unwrapped = wrapped;
  EXPECT_TRUE(unwrapped == promise.future());
  promise.set(8);
  EXPECT_EQ(8, unwrapped.get());

  Try<Future<int>> wrappedError = Error("no future");
  Future<int> failed = wrappedError;
  EXPECT_EQ(std::string("no future"), failed.failure());
}


TEST(Future, DefaultIsPendingAndAbandoned)
{
  Future<int> f;
  EXPECT_TRUE(f.isPending());
  EXPECT_TRUE(f.isAbandoned());
  EXPECT_FALSE(f.await(Milliseconds(1)));

  bool abandoned = false;
  f.onAbandoned([&]() { abandoned = true; });
  EXPECT_TRUE(abandoned);
}


TEST(Future, IdentityAndPrinting)
{
  Promise<int> promise;
  Future<int> a = promise.future();
  Future<int> b = a;
  Future<int> other = 1;
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(a != other);
  EXPECT_TRUE((a < other) != (other < a));

  EXPECT_EQ(std::string("Pending"), str(a));
  a.discard();
  EXPECT_EQ(std::string("Pending (with discard)"), str(a));
  EXPECT_EQ(std::string("Ready"), str(other));
  EXPECT_EQ(std::string("Failed: x"), str(Future<int>::failed("x")));
  EXPECT_EQ(std::string("Abandoned"), str(Future<int>()));
  promise.discard();
  EXPECT_EQ(std::string("Discarded (with discard)"), str(a));
}


// ---------------------------------------------------------------------------
// Promise

TEST(Promise, SetOnce)
{
  Promise<int> promise;
  Future<int> future = promise.future();
  EXPECT_TRUE(future.isPending());
  EXPECT_FALSE(future.isAbandoned());

  EXPECT_TRUE(promise.set(1));
  EXPECT_FALSE(promise.set(2));
  EXPECT_FALSE(promise.fail("late"));
  EXPECT_FALSE(promise.discard());
  EXPECT_EQ(1, future.get());

  Promise<std::string> moved;
  std::string value = "moved in";
  EXPECT_TRUE(moved.set(std::move(value)));
  EXPECT_EQ(std::string("moved in"), moved.future().get());

  Promise<int> preset(9);
  EXPECT_EQ(9, preset.future().get());
  EXPECT_FALSE(preset.set(10));
}


TEST(Promise, FailAndDiscard)
{
  Promise<int> failed;
  EXPECT_TRUE(failed.fail("nope"));
  EXPECT_FALSE(failed.set(1));
  EXPECT_TRUE(failed.future().isFailed());
  EXPECT_EQ(std::string("nope"), failed.future().failure());

  Promise<int> discarded;
  EXPECT_TRUE(discarded.discard());
  EXPECT_FALSE(discarded.discard());
  EXPECT_TRUE(discarded.future().isDiscarded());
  EXPECT_FALSE(discarded.future().hasDiscard());
}


TEST(Promise, MoveKeepsFuture)
{
  Promise<int> first;
  Future<int> future = first.future();
  Promise<int> second(std::move(first));
  EXPECT_FALSE(future.isAbandoned());
  second.set(12);
  EXPECT_EQ(12, future.get());

  std::unique_ptr<Promise<int>> heap(new Promise<int>());
  Future<int> f2 = heap->future();
  heap.reset();
  EXPECT_TRUE(f2.isAbandoned());
  EXPECT_TRUE(f2.isPending());
}


TEST(Promise, Abandoned)
{
  Future<int> future;
  std::vector<std::string> events;
  {
    Promise<int> promise;
    future = promise.future();
    future.onAbandoned([&]() { events.push_back("abandoned"); });
    future.onAny([&]() { events.push_back("any"); });
    EXPECT_FALSE(future.isAbandoned());
  }
  EXPECT_TRUE(future.isAbandoned());
  EXPECT_TRUE(future.isPending());
  ASSERT_EQ(size_t(1), events.size());
  EXPECT_EQ(std::string("abandoned"), events[0]);

  // Registered after the fact: runs immediately.
  bool late = false;
  future.onAbandoned([&]() { late = true; });
  EXPECT_TRUE(late);

  // A completed promise does not abandon on destruction.
  Future<int> completed;
  {
    Promise<int> promise;
    completed = promise.future();
    promise.set(1);
  }
  EXPECT_FALSE(completed.isAbandoned());

  // Abandonment flows down `then` chains.
  Future<int> chained;
  {
    Promise<int> promise;
    chained = promise.future().then([](int x) { return x + 1; });
  }
  EXPECT_TRUE(chained.isAbandoned());
}


TEST(Promise, Associate)
{
  Promise<int> source;
  Promise<int> promise;
  Future<int> future = promise.future();

  EXPECT_TRUE(promise.associate(source.future()));
  EXPECT_FALSE(promise.associate(source.future()));
  EXPECT_FALSE(promise.set(1));
  EXPECT_FALSE(promise.fail("x"));
  EXPECT_FALSE(promise.discard());
  EXPECT_TRUE(future.isPending());

  // A discard request on the associated future reaches the source.
  future.discard();
  EXPECT_TRUE(source.future().hasDiscard());

  source.set(5);
  EXPECT_EQ(5, future.get());

  // set(Future) is associate.
  Promise<int> viaSet;
  Promise<int> failingSource;
  EXPECT_TRUE(viaSet.set(failingSource.future()));
  failingSource.fail("source failed");
  EXPECT_EQ(std::string("source failed"), viaSet.future().failure());

  Promise<int> viaDiscard;
  Promise<int> discardedSource;
  viaDiscard.associate(discardedSource.future());
  discardedSource.discard();
  EXPECT_TRUE(viaDiscard.future().isDiscarded());

  // Associating with an already ready future completes immediately.
  Promise<int> immediate;
  immediate.associate(Future<int>(3));
  EXPECT_EQ(3, immediate.future().get());
}


TEST(Promise, AssociateAbandonment)
{
  std::unique_ptr<Promise<int>> p1(new Promise<int>());
  std::unique_ptr<Promise<int>> p2(new Promise<int>());
  Future<int> f1 = p1->future();
  Future<int> f2 = p2->future();

  p1->associate(f2);
  p1.reset();
  EXPECT_FALSE(f1.isAbandoned()); // Its outcome now comes from f2.

  p2.reset();
  EXPECT_TRUE(f2.isAbandoned());
  EXPECT_TRUE(f1.isAbandoned());
}


// ---------------------------------------------------------------------------
// Callbacks

TEST(Callbacks, ReadyOrderAndArguments)
{
  Promise<int> promise;
  Future<int> future = promise.future();
  std::vector<std::string> events;

  future
    .onReady([&](int v) { events.push_back("ready1:" + stringify(v)); })
    .onAny([&](const Future<int>& f) {
      events.push_back("any:" + stringify(f.get()));
    })
    .onReady([&]() { events.push_back("ready2"); })
    .onFailed([&](const std::string&) { events.push_back("failed"); })
    .onDiscarded([&]() { events.push_back("discarded"); })
    .onAny([&]() { events.push_back("any2"); });

  EXPECT_TRUE(events.empty());
  promise.set(7);

  ASSERT_EQ(size_t(4), events.size());
  EXPECT_EQ(std::string("ready1:7"), events[0]);
  EXPECT_EQ(std::string("any:7"), events[1]);
  EXPECT_EQ(std::string("ready2"), events[2]);
  EXPECT_EQ(std::string("any2"), events[3]);

  // After completion: matching callbacks run at once, others never.
  events.clear();
  future.onReady([&](const int& v) { events.push_back(stringify(v)); });
  future.onFailed([&]() { events.push_back("failed"); });
  ASSERT_EQ(size_t(1), events.size());
  EXPECT_EQ(std::string("7"), events[0]);
}


TEST(Callbacks, FailedAndDiscarded)
{
  Promise<int> promise;
  std::vector<std::string> events;
  promise.future()
    .onReady([&]() { events.push_back("ready"); })
    .onFailed([&](const std::string& m) { events.push_back("failed:" + m); })
    .onFailed([&]() { events.push_back("failed2"); })
    .onAny([&](const Future<int>& f) {
      events.push_back(f.isFailed() ? "any-failed" : "any-other");
    });
  promise.fail("boom");
  ASSERT_EQ(size_t(3), events.size());
  EXPECT_EQ(std::string("failed:boom"), events[0]);
  EXPECT_EQ(std::string("failed2"), events[1]);
  EXPECT_EQ(std::string("any-failed"), events[2]);

  Promise<int> discarded;
  events.clear();
  discarded.future()
    .onDiscarded([&]() { events.push_back("discarded"); })
    .onReady([&]() { events.push_back("ready"); })
    .onAny([&]() { events.push_back("any"); });
  discarded.discard();
  ASSERT_EQ(size_t(2), events.size());
  EXPECT_EQ(std::string("discarded"), events[0]);
  EXPECT_EQ(std::string("any"), events[1]);
}


TEST(Callbacks, DiscardRequest)
{
  Promise<int> promise;
  Future<int> future = promise.future();
  int discardCalls = 0;
  future.onDiscard([&]() { ++discardCalls; });

  EXPECT_FALSE(future.hasDiscard());
  EXPECT_TRUE(future.discard());
  EXPECT_FALSE(future.discard());
  EXPECT_TRUE(future.hasDiscard());
  EXPECT_TRUE(future.isPending()); // Only a request.
  EXPECT_EQ(1, discardCalls);

  future.onDiscard([&]() { ++discardCalls; }); // Runs at once.
  EXPECT_EQ(2, discardCalls);

  promise.discard();
  EXPECT_TRUE(future.isDiscarded());

  Future<int> ready = 1;
  EXPECT_FALSE(ready.discard());
  EXPECT_FALSE(ready.hasDiscard());
}


TEST(Callbacks, MoveOnlyCallbacksAndExactlyOnce)
{
  Promise<int> promise;
  std::unique_ptr<int> token(new int(10));
  int result = 0;
  promise.future().onReady(
      [token = std::move(token), &result](int v) { result = v + *token; });

  int count = 0;
  for (int i = 0; i < 100; ++i) {
    promise.future().onAny([&]() { ++count; });
  }

  promise.set(5);
  promise.set(6);
  promise.fail("x");
  EXPECT_EQ(15, result);
  EXPECT_EQ(100, count);
}


TEST(Callbacks, ExceptionDoesNotSkipOthers)
{
  Promise<int> promise;
  int ran = 0;
  promise.future()
    .onAny([&]() { ++ran; })
    .onAny([&]() { throw std::runtime_error("callback threw"); })
    .onAny([&]() { ++ran; });

  bool rethrown = false;
  try {
    promise.set(1);
  } catch (const std::runtime_error& e) {
    rethrown = std::string(e.what()) == "callback threw";
  }
  EXPECT_TRUE(rethrown);
  EXPECT_EQ(2, ran);
  EXPECT_TRUE(promise.future().isReady());
}


TEST(Callbacks, CallbackMayDropLastReference)
{
  // The only handle on the future lives inside its own callback.
  std::unique_ptr<Promise<int>> promise(new Promise<int>());
  int value = 0;
  {
    auto holder = std::make_shared<Future<int>>(promise->future());
    holder->onReady([holder, &value](int v) mutable {
      value = v;
      holder.reset();
    });
  }
  promise->set(3);
  EXPECT_EQ(3, value);
}


// ---------------------------------------------------------------------------
// then / recover / repair

TEST(Then, ValueAndFutureContinuations)
{
  Promise<int> promise;
  Promise<std::string> inner;

  Future<std::string> result = promise.future()
    .then([](int x) { return x * 2; })
    .then([](const int& x) { return stringify(x); })
    .then([&](const std::string& s) -> Future<std::string> {
      return inner.future().then([s](const std::string& t) { return s + t; });
    })
    .then([](std::string s) { return s + "!"; });

  EXPECT_TRUE(result.isPending());
  promise.set(21);
  EXPECT_TRUE(result.isPending());
  inner.set(std::string("x"));
  ASSERT_TRUE(result.isReady());
  EXPECT_EQ(std::string("42x!"), result.get());
}


TEST(Then, NoArgumentAndVoid)
{
  Future<Nothing> start = Nothing();
  int calls = 0;

  Future<int> value = start.then([&]() { ++calls; return 3; });
  EXPECT_EQ(3, value.get());

  Future<Nothing> fromVoid = value.then([&](int) { ++calls; });
  EXPECT_TRUE(fromVoid.isReady());

  Future<Nothing> fromFuture = fromVoid.then([&]() -> Future<Nothing> {
    ++calls;
    return Nothing();
  });
  EXPECT_TRUE(fromFuture.isReady());
  EXPECT_EQ(3, calls);
}


TEST(Then, OnOptionFutures)
{
  Future<Option<Label>> labels = someLabel();
  Future<std::string> value = labels.then([](const Option<Label>& label) {
    return label.isSome() ? label->value : std::string("none");
  });
  EXPECT_EQ(std::string("v"), value.get());

  Future<Option<int>> none = noLabel().then(
      [](const Option<Label>&) -> Option<int> { return None(); });
  EXPECT_TRUE(none.get().isNone());

  // Returning a T where a Future<Option<T>> is expected.
  Future<Option<int>> wrapped = Future<int>(5).then(
      [](int x) -> Future<Option<int>> { return x; });
  EXPECT_EQ(Option<int>(5), wrapped.get());
}


TEST(Then, FailurePropagation)
{
  Promise<int> promise;
  int calls = 0;
  Future<int> result = promise.future()
    .then([&](int x) { ++calls; return x; })
    .then([&](int x) { ++calls; return x; });

  promise.fail("upstream broke");
  EXPECT_TRUE(result.isFailed());
  EXPECT_EQ(std::string("upstream broke"), result.failure());
  EXPECT_EQ(0, calls);

  // A continuation returning a failed future fails the chain.
  Future<int> failedInner = Future<int>(1)
    .then([](int) -> Future<int> { return Failure("inner failure"); })
    .then([](int x) { return x + 1; });
  EXPECT_EQ(std::string("inner failure"), failedInner.failure());

  // An exception in a continuation fails the returned future.
  Future<int> thrown = Future<int>(1).then([](int) -> int {
    throw std::runtime_error("continuation threw");
  });
  EXPECT_EQ(std::string("continuation threw"), thrown.failure());
}


TEST(Then, DiscardPropagation)
{
  Promise<int> promise;
  bool upstreamDiscardRequested = false;
  promise.future().onDiscard([&]() { upstreamDiscardRequested = true; });

  Future<int> result = promise.future().then([](int x) { return x; });
  result.discard();
  EXPECT_TRUE(upstreamDiscardRequested);
  EXPECT_TRUE(promise.future().hasDiscard());

  promise.discard();
  EXPECT_TRUE(result.isDiscarded());

  // A ready upstream with a pending discard request discards downstream.
  Promise<int> p2;
  Future<int> r2 = p2.future().then([](int x) { return x; });
  r2.discard();
  p2.set(1);
  EXPECT_TRUE(r2.isDiscarded());
}


TEST(Then, ExplicitCallableOnce)
{
  Future<int> start = 2;

  lambda::CallableOnce<Future<int>(const int&)> f = [](const int& x) {
    return Future<int>(x + 1);
  };
  Future<int> a = start.then(std::move(f));
  EXPECT_EQ(3, a.get());

  Future<std::string> b = start.then<std::string>(
      lambda::CallableOnce<std::string(const int&)>(
          [](const int& x) { return stringify(x); }));
  EXPECT_EQ(std::string("2"), b.get());

  std::unique_ptr<int> owned(new int(40));
  Future<int> c = start.then(
      [owned = std::move(owned)](int x) { return x + *owned; });
  EXPECT_EQ(42, c.get());
}


TEST(Recover, FromFailureDiscardAndAbandon)
{
  Future<int> recovered = failing().recover(
      [](const Future<int>& f) { return f.isFailed() ? -1 : 0; });
  EXPECT_EQ(-1, recovered.get());

  Promise<int> discarded;
  Future<int> r2 = discarded.future().recover(
      [](const Future<int>&) -> Future<int> { return 7; });
  discarded.discard();
  EXPECT_EQ(7, r2.get());

  Future<int> r3;
  {
    Promise<int> abandoned;
    r3 = abandoned.future().recover(
        [](const Future<int>& f) { return f.isAbandoned() ? 8 : 0; });
  }
  EXPECT_EQ(8, r3.get());

  // Success passes straight through, f is not called.
  bool called = false;
  Future<int> r4 = Future<int>(4).recover(
      [&](const Future<int>&) { called = true; return 0; });
  EXPECT_EQ(4, r4.get());
  EXPECT_FALSE(called);

  // A failure returned from the recovery is kept.
  Future<int> r5 = failing().recover(
      [](const Future<int>&) { return Failure("still failing"); });
  EXPECT_EQ(std::string("still failing"), r5.failure());

  // Discarding the recovered future requests a discard upstream.
  Promise<int> upstream;
  Future<int> r6 = upstream.future().recover(
      [](const Future<int>&) { return 1; });
  r6.discard();
  EXPECT_TRUE(upstream.future().hasDiscard());
  upstream.discard();
  EXPECT_EQ(1, r6.get());
}


TEST(Repair, OnlyFailures)
{
  Future<int> repaired = failing().repair(
      [](const Future<int>& f) -> Future<int> {
        return f.failure() == "hook failed" ? 99 : 0;
      });
  EXPECT_EQ(99, repaired.get());

  Future<int> untouched = Future<int>(1).repair(
      [](const Future<int>&) -> Future<int> { return 2; });
  EXPECT_EQ(1, untouched.get());

  Promise<int> discarded;
  Future<int> stillDiscarded = discarded.future().repair(
      [](const Future<int>&) -> Future<int> { return 2; });
  discarded.discard();
  EXPECT_TRUE(stillDiscarded.isDiscarded());
}


TEST(Undiscardable, BlocksDiscard)
{
  Promise<int> promise;
  Future<int> guarded = process::undiscardable(promise.future());
  guarded.discard();
  EXPECT_FALSE(promise.future().hasDiscard());
  promise.set(3);
  EXPECT_EQ(3, guarded.get());
}


// ---------------------------------------------------------------------------
// Waiting and threads

TEST(Await, TimeoutAndCompletion)
{
  Promise<int> promise;
  Future<int> future = promise.future();

  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(future.await(Milliseconds(50)));
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(waited >= std::chrono::milliseconds(45));

  EXPECT_TRUE(Future<int>(1).await(Milliseconds(0)));

  std::thread setter([&]() {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    promise.set(11);
  });
  EXPECT_TRUE(future.await(Seconds(10)));
  EXPECT_EQ(11, future.get());
  setter.join();

  // Negative durations wait forever; get() waits too.
  Promise<std::string> slow;
  std::thread failer([&]() {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    slow.set(std::string("late"));
  });
  EXPECT_TRUE(slow.future().await());
  EXPECT_EQ(std::string("late"), slow.future().get());
  failer.join();

  Promise<int> blocking;
  std::thread later([&]() {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    blocking.set(4);
  });
  EXPECT_EQ(4, blocking.future().get()); // Blocks until set.
  later.join();

  // Duration::max() is accepted (treated as forever).
  Promise<int> maxWait;
  std::thread maxSetter([&]() { maxWait.discard(); });
  EXPECT_TRUE(maxWait.future().await(Duration::max()));
  maxSetter.join();
}


TEST(Future, GetAndFailureDie)
{
  sdk_test::ChildOutcome failed = sdk_test::runInChild([]() {
    Future<int> f = Failure("no value here");
    f.get();
  });
  EXPECT_TRUE(failed.aborted);
  EXPECT_CONTAINS(failed.output,
                  "Future::get() but state == FAILED: no value here");

  sdk_test::ChildOutcome discarded = sdk_test::runInChild([]() {
    Promise<int> p;
    p.discard();
    p.future().get();
  });
  EXPECT_TRUE(discarded.aborted);
  EXPECT_CONTAINS(discarded.output, "Future::get() but state == DISCARDED");

  sdk_test::ChildOutcome failure = sdk_test::runInChild([]() {
    Future<int>(1).failure();
  });
  EXPECT_TRUE(failure.aborted);
  EXPECT_CONTAINS(failure.output, "Future::failure() but state != FAILED");
}


TEST(Future, ProcessChecks)
{
  Promise<int> pending;
  CHECK_PENDING(pending.future());
  CHECK_READY(Future<int>(1));
  CHECK_FAILED(Future<int>::failed("x"));
  CHECK_ABANDONED(Future<int>());

  sdk_test::ChildOutcome outcome = sdk_test::runInChild([]() {
    Future<int> f = Failure("bad");
    CHECK_READY(f);
  });
  EXPECT_TRUE(outcome.aborted);
  EXPECT_CONTAINS(outcome.output, "CHECK_READY(f): is FAILED: bad");
}


TEST(Threads, CompleteFromOtherThread)
{
  Promise<int> promise;
  std::atomic<int> calls{0};
  std::thread::id callbackThread;
  promise.future().onReady([&](int) {
    callbackThread = std::this_thread::get_id();
    ++calls;
  });

  std::thread::id setterThread;
  std::thread setter([&]() {
    setterThread = std::this_thread::get_id();
    promise.set(1);
  });
  setter.join();

  EXPECT_EQ(1, calls.load());
  EXPECT_TRUE(callbackThread == setterThread);
}


TEST(Threads, ConcurrentRegistrationStress)
{
  const int iterations = 3000;
  const int callbacksPerIteration = 16;
  int bad = 0;
  int interleaved = 0; // Iterations where completion hit mid-registration.

  for (int i = 0; i < iterations; ++i) {
    std::unique_ptr<Promise<int>> promise(new Promise<int>());
    Future<int> future = promise->future();

    std::vector<std::atomic<int>> runs(callbacksPerIteration);
    for (auto& r : runs) {
      r.store(0);
    }

    // Records, per thread, the order in which callbacks ran.
    std::mutex orderMutex;
    std::vector<std::pair<std::thread::id, int>> order;

    // Handshake so both threads start together; the completer then waits
    // a varying little while so completion lands at different points of
    // the registration sequence.
    std::atomic<bool> ready{false};
    std::atomic<bool> go{false};
    std::thread completer([&]() {
      ready.store(true);
      while (!go.load()) {}
      for (volatile int spin = 0; spin < (i % 64) * 20; spin = spin + 1) {}
      if (i % 3 == 0) {
        promise->set(i);
      } else if (i % 3 == 1) {
        promise->fail("f");
      } else {
        promise->discard();
      }
    });

    while (!ready.load()) {}
    go.store(true);
    for (int c = 0; c < callbacksPerIteration; ++c) {
      future.onAny([&, c](const Future<int>& f) {
        if (f.isPending()) {
          return; // Must never happen.
        }
        runs[c].fetch_add(1);
        std::lock_guard<std::mutex> lock(orderMutex);
        order.emplace_back(std::this_thread::get_id(), c);
      });
    }

    completer.join();

    for (auto& r : runs) {
      if (r.load() != 1) {
        ++bad;
      }
    }

    bool onMain = false;
    bool onCompleter = false;
    for (const auto& entry : order) {
      (entry.first == std::this_thread::get_id() ? onMain : onCompleter) = true;
    }
    if (onMain && onCompleter) {
      ++interleaved;
    }

    // Within each thread, callbacks ran in registration order.
    std::vector<std::pair<std::thread::id, int>> last;
    for (const auto& entry : order) {
      for (auto& l : last) {
        if (l.first == entry.first) {
          if (l.second >= entry.second) {
            ++bad;
          }
          l.second = entry.second;
          goto next;
        }
      }
      last.push_back(entry);
    next:;
    }
  }

  EXPECT_EQ(0, bad);
  std::cout << "  (" << interleaved << " of " << iterations
            << " iterations completed mid-registration)" << std::endl;
}


TEST(Threads, RacingCompletersStress)
{
  const int iterations = 2000;
  int bad = 0;

  for (int i = 0; i < iterations; ++i) {
    Promise<int> promise;
    std::atomic<int> wins{0};
    std::atomic<int> anyCalls{0};
    std::atomic<int> thenCalls{0};

    Future<int> chained = promise.future().then([&](int x) {
      thenCalls.fetch_add(1);
      return x + 1;
    });
    promise.future().onAny([&]() { anyCalls.fetch_add(1); });

    std::thread a([&]() { if (promise.set(1)) wins.fetch_add(1); });
    std::thread b([&]() { if (promise.fail("lost")) wins.fetch_add(1); });
    std::thread c([&]() { if (promise.discard()) wins.fetch_add(1); });
    std::thread d([&]() {
      promise.future().onAny([&]() { anyCalls.fetch_add(1); });
    });
    a.join();
    b.join();
    c.join();
    d.join();

    if (wins.load() != 1 || anyCalls.load() != 2 || chained.isPending()) {
      ++bad;
    }
    if (promise.future().isReady()) {
      if (thenCalls.load() != 1 || chained.get() != 2) {
        ++bad;
      }
    } else if (thenCalls.load() != 0) {
      ++bad;
    }
  }

  EXPECT_EQ(0, bad);
}


TEST(Threads, ThenChainAcrossThreads)
{
  const int iterations = 1000;
  int bad = 0;

  for (int i = 0; i < iterations; ++i) {
    Promise<int> first;
    Promise<int> second;

    Future<int> result = first.future()
      .then([&](int x) {
        return second.future().then([x](int y) { return x + y; });
      })
      .then([](int z) { return z * 2; });

    std::thread t1([&]() { first.set(i); });
    std::thread t2([&]() { second.set(1); });
    t1.join();
    t2.join();

    if (!result.await(Seconds(10)) || result.get() != (i + 1) * 2) {
      ++bad;
    }
  }

  EXPECT_EQ(0, bad);
}


TEST(Threads, AbandonFromOtherThread)
{
  const int iterations = 1000;
  int bad = 0;

  for (int i = 0; i < iterations; ++i) {
    std::unique_ptr<Promise<int>> promise(new Promise<int>());
    Future<int> future = promise->future();
    std::atomic<int> abandonedCalls{0};

    std::thread t([&]() { promise.reset(); });
    future.onAbandoned([&]() { abandonedCalls.fetch_add(1); });
    future.onAbandoned([&]() { abandonedCalls.fetch_add(1); });
    t.join();

    if (!future.isAbandoned() || abandonedCalls.load() != 2) {
      ++bad;
    }
  }

  EXPECT_EQ(0, bad);
}
