// Mesos module SDK: tests for process/loop.hpp (loop, Continue, Break) and
// process/queue.hpp (Queue).

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <process/future.hpp>
#include <process/id.hpp>
#include <process/loop.hpp>
#include <process/process.hpp>
#include <process/queue.hpp>

#include <stout/duration.hpp>
#include <stout/nothing.hpp>

#include "test.hpp"

using process::Break;
using process::Continue;
using process::ControlFlow;
using process::Future;
using process::Promise;
using process::Queue;

namespace {

class Host : public process::Process<Host>
{
public:
  Host() : ProcessBase(process::ID::generate("loop-host")) {}
};

} // namespace {


TEST(ProcessLoop, ReadyStepsRunWithoutRecursion)
{
  int i = 0;
  Future<int> done = process::loop(
      [&i]() { return ++i; },
      [](int n) -> ControlFlow<int> {
        if (n == 200000) {
          return Break(n * 2);
        }
        return Continue();
      });
  ASSERT_TRUE(done.isReady());
  EXPECT_EQ(400000, done.get());
}


TEST(ProcessLoop, WaitsOnPendingSteps)
{
  std::vector<Promise<std::string>> promises(3);
  size_t next = 0;
  std::string seen;

  Future<std::string> done = process::loop(
      [&]() { return promises[next++].future(); },
      [&](const std::string& s) -> Future<ControlFlow<std::string>> {
        seen += s;
        if (seen.size() == 3) {
          return ControlFlow<std::string>(Break(seen));
        }
        return ControlFlow<std::string>(Continue());
      });

  EXPECT_TRUE(done.isPending());
  promises[0].set(std::string("a"));
  EXPECT_TRUE(done.isPending());
  promises[1].set(std::string("b"));
  promises[2].set(std::string("c"));
  ASSERT_TRUE(done.isReady());
  EXPECT_EQ(std::string("abc"), done.get());
}


TEST(ProcessLoop, FailsWithTheFailedStep)
{
  Promise<int> pending;
  int calls = 0;
  Future<Nothing> done = process::loop(
      [&]() -> Future<int> {
        return ++calls == 1 ? Future<int>(1) : pending.future();
      },
      [](int) -> ControlFlow<Nothing> { return Continue(); });
  EXPECT_TRUE(done.isPending());
  pending.fail("disk on fire");
  ASSERT_TRUE(done.isFailed());
  EXPECT_EQ(std::string("disk on fire"), done.failure());

  Future<Nothing> thrown = process::loop(
      []() { return 1; },
      [](int) -> ControlFlow<Nothing> { throw std::runtime_error("bad body"); });
  ASSERT_TRUE(thrown.isFailed());
  EXPECT_EQ(std::string("bad body"), thrown.failure());
}


TEST(ProcessLoop, DiscardReachesTheWaitedStep)
{
  Promise<int> pending;
  Future<Nothing> done = process::loop(
      [&]() { return pending.future(); },
      [](int) -> ControlFlow<Nothing> { return Break(); });
  done.discard();
  EXPECT_TRUE(pending.future().hasDiscard());
  pending.discard();
  EXPECT_TRUE(done.isDiscarded());
}


TEST(ProcessLoop, ResumesThroughTheGivenProcess)
{
  Host host;
  process::spawn(host);

  Promise<int> first;
  std::atomic<int> steps{0};
  Future<int> done = process::loop(
      host.self(),
      [&]() -> Future<int> {
        return steps++ == 0 ? first.future() : Future<int>(steps.load());
      },
      [](int n) -> ControlFlow<int> {
        if (n >= 3) {
          return Break(n);
        }
        return Continue();
      });

  first.set(1);
  ASSERT_TRUE(done.await(Seconds(5)));
  EXPECT_EQ(3, done.get());

  process::terminate(host);
  process::wait(host);
}


TEST(ProcessQueue, HandsElementsToWaitersInOrder)
{
  Queue<int> queue;
  queue.put(1);
  queue.put(2);
  EXPECT_EQ(static_cast<size_t>(2), queue.size());
  EXPECT_EQ(1, queue.get().get());

  Future<int> second = queue.get();
  Future<int> third = queue.get();
  Future<int> fourth = queue.get();
  EXPECT_EQ(2, second.get());
  EXPECT_TRUE(third.isPending());

  // A withdrawn waiter is skipped.
  third.discard();
  EXPECT_TRUE(third.isDiscarded());
  queue.put(4);
  ASSERT_TRUE(fourth.isReady());
  EXPECT_EQ(4, fourth.get());
  EXPECT_EQ(static_cast<size_t>(0), queue.size());

  // Copies share the queue, across threads.
  Queue<int> copy = queue;
  Future<int> later = queue.get();
  std::thread producer([copy]() mutable { copy.put(5); });
  producer.join();
  ASSERT_TRUE(later.isReady());
  EXPECT_EQ(5, later.get());
}
