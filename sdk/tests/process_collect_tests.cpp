// Mesos module SDK: tests for process/collect.hpp (collect, await) and
// process/owned.hpp / process/shared.hpp.

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <process/collect.hpp>
#include <process/future.hpp>
#include <process/owned.hpp>
#include <process/shared.hpp>

#include <stout/nothing.hpp>

#include "test.hpp"

using process::Future;
using process::Owned;
using process::Promise;
using process::Shared;

TEST(ProcessCollect, AllReady)
{
  std::vector<std::unique_ptr<Promise<int>>> promises;
  std::vector<Future<int>> futures;
  for (int i = 0; i < 5; ++i) {
    promises.emplace_back(new Promise<int>());
    futures.push_back(promises.back()->future());
  }

  Future<std::vector<int>> all = process::collect(futures);
  EXPECT_TRUE(all.isPending());

  // Completed out of order, from several threads: values keep the input
  // order.
  std::vector<std::thread> threads;
  for (int i = 4; i >= 0; --i) {
    threads.emplace_back([&promises, i]() { promises[i]->set(i * 10); });
  }
  for (std::thread& t : threads) {
    t.join();
  }

  ASSERT_TRUE(all.await(Seconds(10)));
  std::vector<int> expected = {0, 10, 20, 30, 40};
  EXPECT_TRUE(all.get() == expected);

  // Empty input: ready at once.
  Future<std::vector<int>> none = process::collect(std::vector<Future<int>>());
  EXPECT_TRUE(none.isReady());
  EXPECT_TRUE(none.get().empty());
}


TEST(ProcessCollect, OneFailureFailsCollect)
{
  Promise<int> a;
  Promise<int> b;
  Future<std::vector<int>> all = process::collect(
      std::vector<Future<int>>{a.future(), b.future()});

  b.fail("disk full");
  ASSERT_TRUE(all.isFailed());
  EXPECT_EQ(std::string("Collect failed: disk full"), all.failure());

  // Later completions change nothing.
  a.set(1);
  EXPECT_TRUE(all.isFailed());

  // A discarded input fails it as well.
  Promise<int> c;
  Promise<int> d;
  Future<std::vector<int>> other = process::collect(
      std::vector<Future<int>>{c.future(), d.future()});
  c.set(1);
  d.discard();
  ASSERT_TRUE(other.isFailed());
  EXPECT_EQ(std::string("Collect failed: future discarded"), other.failure());
}


TEST(ProcessCollect, DiscardAndAbandon)
{
  // Discarding the result discards every input, then the result.
  Promise<int> a;
  Promise<int> b;
  Future<std::vector<int>> all = process::collect(
      std::vector<Future<int>>{a.future(), b.future()});
  all.discard();
  EXPECT_TRUE(a.future().hasDiscard());
  EXPECT_TRUE(b.future().hasDiscard());
  EXPECT_TRUE(all.isDiscarded());

  // An abandoned input abandons the result.
  Promise<int> kept;
  Future<std::vector<int>> abandoned;
  {
    Promise<int> dropped;
    abandoned = process::collect(
        std::vector<Future<int>>{kept.future(), dropped.future()});
  }
  EXPECT_TRUE(abandoned.isAbandoned());
  EXPECT_TRUE(abandoned.isPending());
}


TEST(ProcessCollect, VariadicCollect)
{
  Promise<int> number;
  Promise<std::string> text;
  Future<std::tuple<int, std::string>> both =
    process::collect(number.future(), text.future());

  number.set(3);
  EXPECT_TRUE(both.isPending());
  text.set(std::string("three"));
  ASSERT_TRUE(both.await(Seconds(10)));
  EXPECT_EQ(3, std::get<0>(both.get()));
  EXPECT_EQ(std::string("three"), std::get<1>(both.get()));

  Promise<int> failing;
  Future<std::tuple<int, std::string>> failed =
    process::collect(failing.future(), Future<std::string>("x"));
  failing.fail("nope");
  ASSERT_TRUE(failed.await(Seconds(10)));
  EXPECT_EQ(std::string("Collect failed: nope"), failed.failure());
}


TEST(ProcessAwait, WaitsForEveryOutcome)
{
  Promise<int> a;
  Promise<int> b;
  Promise<int> c;
  Future<std::vector<Future<int>>> all = process::await(
      std::vector<Future<int>>{a.future(), b.future(), c.future()});

  a.fail("one failed");
  EXPECT_TRUE(all.isPending());
  b.discard();
  EXPECT_TRUE(all.isPending());
  c.set(3);

  ASSERT_TRUE(all.await(Seconds(10)));
  ASSERT_EQ(static_cast<size_t>(3), all.get().size());
  EXPECT_TRUE(all.get()[0].isFailed());
  EXPECT_TRUE(all.get()[1].isDiscarded());
  EXPECT_EQ(3, all.get()[2].get());

  // Variadic and single forms.
  Promise<int> x;
  Promise<std::string> y;
  Future<std::tuple<Future<int>, Future<std::string>>> pair =
    process::await(x.future(), y.future());
  x.fail("bad");
  y.set(std::string("good"));
  ASSERT_TRUE(pair.await(Seconds(10)));
  EXPECT_TRUE(std::get<0>(pair.get()).isFailed());
  EXPECT_EQ(std::string("good"), std::get<1>(pair.get()).get());

  Promise<int> single;
  Future<Future<int>> one = process::await(single.future());
  single.fail("failed");
  ASSERT_TRUE(one.await(Seconds(10)));
  EXPECT_EQ(std::string("failed"), one.get().failure());

  // Discarding the result discards the inputs.
  Promise<int> p;
  Future<std::vector<Future<int>>> discarded =
    process::await(std::vector<Future<int>>{p.future()});
  discarded.discard();
  EXPECT_TRUE(p.future().hasDiscard());
  EXPECT_TRUE(discarded.isDiscarded());
}


namespace {

struct Tracked
{
  explicit Tracked(std::atomic<int>* _deleted) : deleted(_deleted) {}
  ~Tracked() { ++*deleted; }

  int value = 7;
  std::atomic<int>* deleted;
};

} // namespace {


TEST(ProcessOwned, OwnershipShareRelease)
{
  std::atomic<int> deleted{0};
  {
    Owned<Tracked> owned(new Tracked(&deleted));
    Owned<Tracked> copy = owned;
    EXPECT_EQ(7, copy->value);
    EXPECT_TRUE(owned == copy);
    EXPECT_TRUE(owned.get() == copy.get());
  }
  EXPECT_EQ(1, deleted.load());

  // release(): the caller owns the object.
  Owned<Tracked> owned(new Tracked(&deleted));
  Tracked* raw = owned.release();
  EXPECT_TRUE(owned.get() == nullptr);
  EXPECT_TRUE(owned.release() == nullptr);
  delete raw;
  EXPECT_EQ(2, deleted.load());

  // share(): a copy made before sharing can no longer be used.
  Owned<Tracked> first(new Tracked(&deleted));
  Owned<Tracked> second = first;
  Shared<Tracked> shared = first.share();
  EXPECT_EQ(7, shared->value);
  EXPECT_TRUE(first.get() == nullptr);
  sdk_test::ChildOutcome outcome = sdk_test::runInChild([&second]() {
    second.get();
  });
  EXPECT_TRUE(outcome.aborted);
  EXPECT_CONTAINS(outcome.output, "This owned pointer has already been shared");

  Owned<Tracked> empty(nullptr);
  EXPECT_TRUE(empty.get() == nullptr);
  EXPECT_TRUE(empty.share().get() == nullptr);
}


TEST(ProcessShared, ReadOnlyAndOwnBack)
{
  std::atomic<int> deleted{0};

  Shared<Tracked> shared(new Tracked(&deleted));
  Shared<Tracked> copy = shared;
  EXPECT_FALSE(shared.unique());
  EXPECT_EQ(7, (*copy).value);

  // own() completes once every other copy is gone.
  Future<Owned<Tracked>> owned = shared.own();
  EXPECT_TRUE(shared.get() == nullptr);
  EXPECT_TRUE(owned.isPending());

  // Only one copy may ask.
  Future<Owned<Tracked>> second = copy.own();
  ASSERT_TRUE(second.isFailed());
  EXPECT_EQ(std::string("Ownership has already been transferred"),
            second.failure());

  copy.reset();
  ASSERT_TRUE(owned.isReady());
  EXPECT_EQ(7, owned.get()->value);
  EXPECT_EQ(0, deleted.load());

  owned = Future<Owned<Tracked>>();
  EXPECT_EQ(1, deleted.load());

  // Without own(), the last copy deletes.
  {
    Shared<Tracked> last(new Tracked(&deleted));
    EXPECT_TRUE(last.unique());
  }
  EXPECT_EQ(2, deleted.load());
}
