// Mesos module SDK: tests for the libprocess clock and everything timed
// (clock.hpp, timer.hpp, timeout.hpp, time.hpp, delay.hpp, after.hpp,
// Future::after).

#include <atomic>
#include <chrono>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <process/after.hpp>
#include <process/clock.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/id.hpp>
#include <process/process.hpp>
#include <process/time.hpp>
#include <process/timeout.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>
#include <stout/nothing.hpp>
#include <stout/stringify.hpp>

#include "test.hpp"

using process::Clock;
using process::Future;
using process::Process;
using process::Promise;
using process::Time;
using process::Timeout;
using process::Timer;

namespace {

class Ticker : public Process<Ticker>
{
public:
  Ticker() : ProcessBase(process::ID::generate("ticker")) {}

  void tick() { ++ticks; }
  void add(int value, const std::string& tag)
  {
    std::lock_guard<std::mutex> lock(mutex);
    total += value;
    tags += tag;
  }

  std::atomic<int> ticks{0};
  std::mutex mutex;
  int total = 0;
  std::string tags;
};


// Restores a running clock whatever happens in a test.
struct ResumeClock
{
  ~ResumeClock()
  {
    if (Clock::paused()) {
      Clock::resume();
    }
  }
};

} // namespace {


TEST(ProcessClock, RealTimeTimersAndCancel)
{
  std::atomic<int> fired{0};
  Timer quick = Clock::timer(Milliseconds(10), [&]() { ++fired; });
  Timer cancelled = Clock::timer(Seconds(5), [&]() { fired += 100; });

  EXPECT_TRUE(Clock::cancel(cancelled));
  EXPECT_FALSE(Clock::cancel(cancelled)); // Already gone.

  for (int i = 0; i < 200 && fired.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(1, fired.load());
  EXPECT_FALSE(Clock::cancel(quick)); // Already fired.

  // Timers compare by identity; the timeout is when they fire.
  Timer copy = quick;
  EXPECT_TRUE(copy == quick);
  EXPECT_FALSE(copy == cancelled);
  EXPECT_TRUE(quick.timeout().time() <= Clock::now());
}


TEST(ProcessClock, PauseAdvanceSettle)
{
  ResumeClock resume;

  Clock::pause();
  EXPECT_TRUE(Clock::paused());
  const Time start = Clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(Clock::now() == start); // Frozen.

  Ticker ticker;
  process::spawn(ticker);

  process::delay(Seconds(10), ticker.self(), &Ticker::tick);
  process::delay(Seconds(20), ticker, &Ticker::add, 5, std::string("a"));
  Timer cancelled =
    process::delay(Seconds(15), &ticker, &Ticker::add, 100, std::string("x"));
  Future<Nothing> later = process::after(Seconds(30));

  Clock::settle();
  EXPECT_EQ(0, ticker.ticks.load());

  Clock::advance(Seconds(10));
  Clock::settle();
  EXPECT_EQ(1, ticker.ticks.load());
  EXPECT_TRUE(Clock::now() == start + Seconds(10));

  EXPECT_TRUE(Clock::cancel(cancelled));

  Clock::advance(Seconds(10));
  Clock::settle();
  {
    std::lock_guard<std::mutex> lock(ticker.mutex);
    EXPECT_EQ(5, ticker.total);
    EXPECT_EQ(std::string("a"), ticker.tags);
  }
  EXPECT_TRUE(later.isPending());
  EXPECT_TRUE(Clock::settled());

  Clock::update(start + Seconds(30));
  Clock::settle();
  EXPECT_TRUE(later.isReady());

  // Timeouts follow the paused clock.
  Timeout timeout = Timeout::in(Seconds(5));
  EXPECT_FALSE(timeout.expired());
  EXPECT_TRUE(timeout.remaining() == Seconds(5));
  Clock::advance(Seconds(5));
  EXPECT_TRUE(timeout.expired());
  EXPECT_TRUE(timeout.remaining() == Duration::zero());

  Clock::resume();
  EXPECT_FALSE(Clock::paused());

  process::terminate(ticker);
  process::wait(ticker);
}


TEST(ProcessClock, ResumeFiresOverdueTimers)
{
  ResumeClock resume;

  Clock::pause();
  Future<Nothing> soon = process::after(Milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_TRUE(soon.isPending()); // Real time passed, clock time did not.

  Clock::resume();
  EXPECT_TRUE(soon.await(Seconds(10)));
}


TEST(ProcessClock, SettleDiesWhenNotPaused)
{
  sdk_test::ChildOutcome outcome = sdk_test::runInChild([]() {
    Clock::settle();
  });
  EXPECT_TRUE(outcome.aborted);
  EXPECT_CONTAINS(outcome.output, "paused");
}


TEST(ProcessAfter, AfterAndDiscard)
{
  Future<Nothing> ready = process::after(Milliseconds(10));
  EXPECT_TRUE(ready.await(Seconds(10)));
  EXPECT_TRUE(ready.isReady());

  // Discarding cancels the timer and discards the future.
  Future<Nothing> discarded = process::after(Seconds(3600));
  discarded.discard();
  EXPECT_TRUE(discarded.isDiscarded());
}


TEST(ProcessAfter, FutureAfterTimesOut)
{
  // A future that stays pending: f runs with it after the duration.
  Promise<int> slow;
  std::atomic<bool> sawPending{false};
  Future<int> timedOut = slow.future().after(
      Milliseconds(20), [&](const Future<int>& f) -> Future<int> {
        sawPending = f.isPending();
        return process::Failure("Timed out");
      });
  ASSERT_TRUE(timedOut.await(Seconds(10)));
  EXPECT_TRUE(sawPending.load());
  EXPECT_EQ(std::string("Timed out"), timedOut.failure());

  // Typical use: discard the slow future and recover with a value.
  Promise<int> slow2;
  bool discardRequested = false;
  slow2.future().onDiscard([&]() { discardRequested = true; });
  Future<int> recovered = slow2.future().after(
      Milliseconds(10), [](Future<int> f) -> Future<int> {
        f.discard();
        return -1;
      });
  EXPECT_EQ(-1, recovered.get());
  EXPECT_TRUE(discardRequested);

  // A future completing in time wins; f never runs.
  Promise<int> fast;
  std::atomic<bool> called{false};
  Future<int> inTime = fast.future().after(
      Seconds(3600), [&](const Future<int>&) -> Future<int> {
        called = true;
        return 0;
      });
  fast.set(7);
  EXPECT_EQ(7, inTime.get());
  EXPECT_FALSE(called.load());

  // Failures pass through too.
  Promise<int> failing;
  Future<int> failed = failing.future().after(
      Seconds(3600), [](const Future<int>&) -> Future<int> { return 0; });
  failing.fail("broken");
  EXPECT_EQ(std::string("broken"), failed.failure());

  // Discarding the result requests a discard upstream.
  Promise<int> upstream;
  Future<int> downstream = upstream.future().after(
      Seconds(3600), [](const Future<int>&) -> Future<int> { return 0; });
  downstream.discard();
  EXPECT_TRUE(upstream.future().hasDiscard());
  upstream.discard();
  EXPECT_TRUE(downstream.isDiscarded());
}


TEST(ProcessAfter, FutureAfterWithPausedClock)
{
  ResumeClock resume;
  Clock::pause();

  Promise<int> promise;
  Future<int> guarded = promise.future().after(
      Minutes(1), [](const Future<int>&) -> Future<int> { return 42; });

  Clock::advance(Seconds(59));
  Clock::settle();
  EXPECT_TRUE(guarded.isPending());

  Clock::advance(Seconds(1));
  Clock::settle();
  ASSERT_TRUE(guarded.isReady());
  EXPECT_EQ(42, guarded.get());

  // Setting the promise later changes nothing.
  promise.set(1);
  EXPECT_EQ(42, guarded.get());
}


TEST(ProcessTime, FormattingAndArithmetic)
{
  const Time epoch = Time::epoch();
  EXPECT_EQ(std::string("1970-01-01 00:00:00+00:00"), stringify(epoch));

  Try<Time> t = Time::create(1234567890.5);
  ASSERT_TRUE(t.isSome());
  EXPECT_EQ(std::string("2009-02-13 23:31:30.500000000+00:00"),
            stringify(t.get()));

  std::ostringstream rfc1123;
  rfc1123 << process::RFC1123(t.get());
  EXPECT_EQ(std::string("Fri, 13 Feb 2009 23:31:30 GMT"), rfc1123.str());

  EXPECT_TRUE(t.get() - epoch == Seconds(1234567890) + Milliseconds(500));
  EXPECT_TRUE(epoch < t.get());
  EXPECT_TRUE(Time::max() > t.get());

  // now() is real time when not paused.
  const double now = Clock::now().secs();
  const double real = std::chrono::duration<double>(
      std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_TRUE(now > real - 5 && now < real + 5);
}
