// Mesos module SDK: tests for the libprocess actor runtime (process.hpp,
// dispatch.hpp, defer.hpp, id.hpp, pid.hpp, executor.hpp).

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <process/defer.hpp>
#include <process/dispatch.hpp>
#include <process/executor.hpp>
#include <process/future.hpp>
#include <process/id.hpp>
#include <process/io.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>
#include <process/subprocess.hpp>

#include <stout/duration.hpp>
#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>

#include "test.hpp"

using process::Future;
using process::PID;
using process::Process;
using process::ProcessBase;
using process::Promise;
using process::UPID;

namespace {

// Records what it is asked to do, in order, and on which thread.
class Recorder : public Process<Recorder>
{
public:
  Recorder() : ProcessBase(process::ID::generate("recorder")) {}
  explicit Recorder(const std::string& id) : ProcessBase(id) {}

  void append(int value)
  {
    std::lock_guard<std::mutex> lock(mutex);
    values.push_back(value);
    threads.insert(std::this_thread::get_id());
  }

  void appendTwo(int a, const std::string& b)
  {
    append(a);
    append(static_cast<int>(b.size()));
  }

  int twice(int value) { return value * 2; }

  std::string concat(const std::string& a, std::string b) { return a + b; }

  Future<int> later(int value)
  {
    pending.push_back(std::unique_ptr<Promise<int>>(new Promise<int>()));
    Future<int> future = pending.back()->future();
    future.onReady([this](int) {});
    stored = value;
    return future;
  }

  void release()
  {
    for (auto& promise : pending) {
      promise->set(stored);
    }
    pending.clear();
  }

  Future<Nothing> slow(int milliseconds)
  {
    std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
    append(-1);
    return Nothing();
  }

  bool insideSelf() { return process::__process__ == this; }

  void watch(const UPID& pid) { link(pid); }

  size_t queuedDispatches() { return eventCount<process::DispatchEvent>(); }

  void takeOwned(std::unique_ptr<int> owned) { append(*owned); }

  std::vector<int> snapshot()
  {
    std::lock_guard<std::mutex> lock(mutex);
    return values;
  }

  std::atomic<int> initialized{0};
  std::atomic<int> finalized{0};
  std::vector<UPID> exitedPids;

protected:
  void initialize() override { ++initialized; }
  void finalize() override { ++finalized; }
  void exited(const UPID& pid) override { exitedPids.push_back(pid); }

private:
  std::mutex mutex;
  std::vector<int> values;
  std::set<std::thread::id> threads;
  std::vector<std::unique_ptr<Promise<int>>> pending;
  int stored = 0;
};


// Counts this process's socket descriptors.
int countSockets()
{
  int sockets = 0;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) {
    return -1;
  }
  while (struct dirent* entry = ::readdir(dir)) {
    char target[256] = {};
    const std::string path = std::string("/proc/self/fd/") + entry->d_name;
    ssize_t length = ::readlink(path.c_str(), target, sizeof(target) - 1);
    if (length > 0 && std::string(target, length).find("socket:") == 0) {
      ++sockets;
    }
  }
  ::closedir(dir);
  return sockets;
}


// Number of threads of this process.
int countThreads()
{
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) {
      return std::stoi(line.substr(8));
    }
  }
  return -1;
}


// Listening TCP sockets of the whole network namespace, by inode.
std::set<std::string> listeningInodes()
{
  std::set<std::string> inodes;
  for (const char* file : {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line); // Header.
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string sl, local, remote, state, queues, timer, retr, uid, timeout,
        inode;
      fields >> sl >> local >> remote >> state >> queues >> timer >> retr >>
        uid >> timeout >> inode;
      if (state == "0A") { // TCP_LISTEN
        inodes.insert(inode);
      }
    }
  }
  return inodes;
}


// The socket inodes this process holds.
std::set<std::string> ownSocketInodes()
{
  std::set<std::string> inodes;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) {
    return inodes;
  }
  while (struct dirent* entry = ::readdir(dir)) {
    char target[256] = {};
    const std::string path = std::string("/proc/self/fd/") + entry->d_name;
    ssize_t length = ::readlink(path.c_str(), target, sizeof(target) - 1);
    std::string link(target, length > 0 ? length : 0);
    if (link.find("socket:[") == 0) {
      inodes.insert(link.substr(8, link.size() - 9));
    }
  }
  ::closedir(dir);
  return inodes;
}

} // namespace {


TEST(ProcessRuntime, SpawnDispatchAndValues)
{
  Recorder recorder;
  PID<Recorder> pid = process::spawn(recorder);
  ASSERT_TRUE(static_cast<bool>(pid));
  EXPECT_EQ(recorder.self(), pid);

  process::dispatch(pid, &Recorder::append, 1);
  process::dispatch(recorder, &Recorder::appendTwo, 2, "abc");
  process::dispatch(&recorder, &Recorder::append, 4);

  Future<int> doubled = process::dispatch(pid, &Recorder::twice, 21);
  Future<std::string> joined =
    process::dispatch(pid, &Recorder::concat, "a", std::string("b"));
  Future<bool> inside = process::dispatch(pid, &Recorder::insideSelf);

  EXPECT_EQ(42, doubled.get());
  EXPECT_EQ(std::string("ab"), joined.get());
  EXPECT_TRUE(inside.get());
  EXPECT_TRUE(process::__process__ == nullptr);

  std::vector<int> expected = {1, 2, 3, 4};
  EXPECT_TRUE(recorder.snapshot() == expected);

  // A move-only argument.
  std::unique_ptr<int> owned(new int(5));
  process::dispatch(pid, &Recorder::takeOwned, std::move(owned));

  // dispatch of a lambda: void, value and future results.
  std::atomic<bool> ran{false};
  process::dispatch(pid, [&ran]() { ran = true; });
  Future<int> value = process::dispatch(pid, []() { return 7; });
  Future<int> followed =
    process::dispatch(pid, []() { return Future<int>(8); });
  EXPECT_EQ(7, value.get());
  EXPECT_EQ(8, followed.get());
  EXPECT_TRUE(ran.load());
  EXPECT_EQ(5, recorder.snapshot().back());

  EXPECT_EQ(1, recorder.initialized.load());

  process::terminate(pid);
  process::wait(pid); // May find it gone already (then returns false).
  EXPECT_EQ(1, recorder.finalized.load());
}


TEST(ProcessRuntime, EventCountFromInside)
{
  Recorder recorder;
  process::spawn(recorder);

  // The first dispatch holds the process until three more are queued.
  Promise<Nothing> go;
  Future<size_t> counted = process::dispatch(recorder.self(), [&]() {
    go.future().await();
    return recorder.queuedDispatches();
  });
  for (int i = 0; i < 3; ++i) {
    process::dispatch(recorder, &Recorder::append, i);
  }
  go.set(Nothing());
  EXPECT_EQ(static_cast<size_t>(3), counted.get());

  process::terminate(recorder);
  process::wait(recorder);
}


TEST(ProcessRuntime, DispatchReturningFutureFollowsIt)
{
  Recorder recorder;
  process::spawn(recorder);

  Future<int> a = process::dispatch(recorder, &Recorder::later, 9);
  Future<int> b = process::dispatch(recorder, &Recorder::later, 9);
  EXPECT_FALSE(a.await(Milliseconds(50)));
  process::dispatch(recorder, &Recorder::release);
  EXPECT_EQ(9, a.get());
  EXPECT_EQ(9, b.get());

  process::terminate(recorder);
  process::wait(recorder);
}


TEST(ProcessRuntime, OrderingWithinOneProcess)
{
  Recorder recorder;
  process::spawn(recorder);

  // Dispatches from several threads: each thread's own calls stay in
  // order.
  const int threads = 4;
  const int perThread = 500;
  std::vector<std::thread> senders;
  for (int t = 0; t < threads; ++t) {
    senders.emplace_back([&recorder, t]() {
      for (int i = 0; i < perThread; ++i) {
        process::dispatch(recorder, &Recorder::append, t * 100000 + i);
      }
    });
  }
  for (std::thread& sender : senders) {
    sender.join();
  }

  // A dispatch queued after all of them runs after all of them.
  process::dispatch(recorder, &Recorder::twice, 1).await();

  std::vector<int> values = recorder.snapshot();
  ASSERT_EQ(static_cast<size_t>(threads * perThread), values.size());
  std::vector<int> last(threads, -1);
  int outOfOrder = 0;
  for (int value : values) {
    int t = value / 100000;
    int i = value % 100000;
    if (i != last[t] + 1) {
      ++outOfOrder;
    }
    last[t] = i;
  }
  EXPECT_EQ(0, outOfOrder);

  process::terminate(recorder);
  process::wait(recorder);
}


TEST(ProcessRuntime, EventsAreServedOneAtATime)
{
  // Many dispatches to one process from many threads never overlap.
  class Counter : public Process<Counter>
  {
  public:
    void enter()
    {
      if (inside.exchange(true)) {
        overlaps++;
      }
      std::this_thread::yield();
      count++;
      inside = false;
    }

    std::atomic<bool> inside{false};
    std::atomic<int> overlaps{0};
    int count = 0;
  };

  Counter counter;
  process::spawn(counter);
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t) {
    senders.emplace_back([&counter]() {
      for (int i = 0; i < 300; ++i) {
        process::dispatch(counter, &Counter::enter);
      }
    });
  }
  for (std::thread& sender : senders) {
    sender.join();
  }
  process::terminate(counter, false); // After everything queued.
  process::wait(counter);

  EXPECT_EQ(0, counter.overlaps.load());
  EXPECT_EQ(1200, counter.count);
}


TEST(ProcessRuntime, TerminateInjectVersusQueued)
{
  // Injected: events queued before the termination are dropped, and the
  // futures of dropped dispatches are abandoned.
  Recorder blocked;
  process::spawn(blocked);
  process::dispatch(blocked, &Recorder::slow, 100);
  Future<int> dropped = process::dispatch(blocked, &Recorder::twice, 1);
  process::terminate(blocked); // inject = true
  process::wait(blocked);
  EXPECT_TRUE(dropped.isPending());
  EXPECT_TRUE(dropped.isAbandoned());

  // Not injected: they run first.
  Recorder queued;
  process::spawn(queued);
  process::dispatch(queued, &Recorder::slow, 50);
  Future<int> kept = process::dispatch(queued, &Recorder::twice, 2);
  process::terminate(queued, false);
  process::wait(queued);
  EXPECT_TRUE(kept.isReady());
  EXPECT_EQ(4, kept.get());

  // Dispatching to a terminated process drops the call: an abandoned
  // future.
  Future<int> late = process::dispatch(queued, &Recorder::twice, 3);
  EXPECT_TRUE(late.isAbandoned());
}


TEST(ProcessRuntime, WaitSemantics)
{
  // Unknown and empty pids: nothing to wait for.
  EXPECT_FALSE(process::wait(UPID()));
  EXPECT_FALSE(process::wait(UPID("nobody(1)", process::address())));

  // A timed wait that runs out.
  Recorder recorder;
  process::spawn(recorder);
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(process::wait(recorder, Milliseconds(50)));
  EXPECT_TRUE(std::chrono::steady_clock::now() - start >=
              std::chrono::milliseconds(45));

  // Waiting from another process (a worker thread) does not starve the
  // runtime, even with more waiters than workers.
  std::vector<std::unique_ptr<Recorder>> waiters;
  std::vector<Future<bool>> waited;
  std::atomic<int> waiting{0};
  const int count = 2 * process::workers() + 2;
  for (int i = 0; i < count; ++i) {
    waiters.emplace_back(new Recorder());
    process::spawn(waiters.back().get());
    UPID target = recorder.self();
    waited.push_back(process::dispatch(
        waiters.back()->self(),
        [target, &waiting]() {
          ++waiting;
          return process::wait(target);
        }));
  }
  // The runtime still serves other processes meanwhile.
  EXPECT_EQ(6, process::dispatch(recorder, &Recorder::twice, 3).get());
  for (int i = 0; i < 1000 && waiting.load() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(count, waiting.load());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  process::terminate(recorder);
  process::wait(recorder, Seconds(10));
  for (Future<bool>& w : waited) {
    EXPECT_TRUE(w.await(Seconds(10)));
    EXPECT_TRUE(w.get());
  }
  for (auto& waiter : waiters) {
    process::terminate(waiter.get());
    process::wait(waiter.get());
  }
}


TEST(ProcessRuntime, ManagedSpawnAndDuplicateIds)
{
  // A managed process is deleted by the runtime once it terminates.
  static std::atomic<int> destroyed{0};
  class Managed : public Process<Managed>
  {
  public:
    ~Managed() override { ++destroyed; }
    int ping() { return 1; }
  };

  Managed* managed = new Managed();
  PID<Managed> pid = process::spawn(managed, true);
  EXPECT_EQ(1, process::dispatch(pid, &Managed::ping).get());
  process::terminate(pid);
  process::wait(pid);
  for (int i = 0; i < 100 && destroyed.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(1, destroyed.load());

  // Two live processes cannot share an id; spawning twice fails too.
  Recorder first("same-id");
  Recorder second("same-id");
  EXPECT_TRUE(static_cast<bool>(process::spawn(first)));
  EXPECT_FALSE(static_cast<bool>(process::spawn(second)));
  EXPECT_FALSE(static_cast<bool>(process::spawn(first)));
  process::terminate(first);
  process::wait(first);

  // The id is free again afterwards.
  Recorder third("same-id");
  EXPECT_TRUE(static_cast<bool>(process::spawn(third)));
  process::terminate(third);
  process::wait(third);
}


TEST(ProcessRuntime, LinkAndExited)
{
  Recorder watcher;
  Recorder watched;
  process::spawn(watcher);
  process::spawn(watched);

  UPID target = watched.self();
  process::dispatch(watcher, &Recorder::watch, target);

  // Linking to a process that does not exist reports it exited at once.
  UPID ghost("ghost(1)", process::address());
  process::dispatch(watcher, &Recorder::watch, ghost);
  process::dispatch(watcher, &Recorder::twice, 0).await();

  process::terminate(watched);
  process::wait(watched);

  // The ExitedEvents are served by the watcher.
  auto count = [&watcher]() {
    return process::dispatch(watcher.self(), [&watcher]() {
      return watcher.exitedPids.size();
    }).get();
  };
  for (int i = 0; i < 200 && count() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::vector<UPID> exited = process::dispatch(watcher.self(), [&watcher]() {
    return watcher.exitedPids;
  }).get();
  ASSERT_EQ(static_cast<size_t>(2), exited.size());
  EXPECT_EQ(ghost, exited[0]);
  EXPECT_EQ(target, exited[1]);

  process::terminate(watcher);
  process::wait(watcher);
}


TEST(ProcessRuntime, DeferToProcesses)
{
  Recorder recorder;
  process::spawn(recorder);

  // defer(pid, &T::method, lambda::_1) as an onReady callback.
  Promise<int> promise;
  promise.future().onReady(
      process::defer(recorder, &Recorder::append, lambda::_1));

  // A defer with a bound argument ignores the callback's value.
  promise.future().onAny(process::defer(recorder, &Recorder::append, 11));

  // then(defer(...)) continues in the process; the result follows.
  Future<int> doubled = promise.future().then(
      process::defer(recorder.self(), &Recorder::twice, lambda::_1));

  // defer of a lambda to a pid.
  Future<bool> insideLambda = promise.future().then(
      process::defer(recorder.self(), [&recorder](int) {
        return process::__process__ == &recorder;
      }));

  // A void lambda gives a Future<Nothing>.
  Future<Nothing> voidLambda = promise.future().then(
      process::defer(recorder.self(), [](const int&) {}));

  // Zero-argument method defers are Deferred<...> std::functions.
  process::Deferred<Future<bool>()> check =
    process::defer(recorder.self(), &Recorder::insideSelf);

  promise.set(5);

  EXPECT_EQ(10, doubled.get());
  EXPECT_TRUE(insideLambda.get());
  EXPECT_TRUE(voidLambda.await(Seconds(10)));
  EXPECT_TRUE(check().get());

  process::dispatch(recorder, &Recorder::twice, 0).await();
  std::vector<int> values = recorder.snapshot();
  ASSERT_EQ(static_cast<size_t>(2), values.size());
  EXPECT_EQ(5, values[0]);
  EXPECT_EQ(11, values[1]);

  // A deferred callback converts to std::function / CallableOnce too.
  std::function<void(int)> f =
    process::defer(recorder.self(), [&recorder](int x) { recorder.append(x); });
  f(12);
  lambda::CallableOnce<Future<int>(int)> g =
    process::defer(recorder.self(), [](int x) { return x + 1; });
  EXPECT_EQ(13, std::move(g)(12).get());
  process::dispatch(recorder, &Recorder::twice, 0).await();
  EXPECT_EQ(12, recorder.snapshot().back());

  process::terminate(recorder);
  process::wait(recorder);
}


TEST(ProcessRuntime, DeferWithoutProcessUsesExecutor)
{
  // Outside of a process, defer(f) runs f on this thread's executor
  // process, one callback at a time.
  Promise<int> promise;
  std::atomic<bool> inProcess{false};
  Future<int> result = promise.future().then(process::defer([&](int x) {
    inProcess = process::__process__ != nullptr;
    return x + 1;
  }));
  promise.set(1);
  EXPECT_EQ(2, result.get());
  EXPECT_TRUE(inProcess.load());

  // Inside a process, defer(f) goes to that process.
  Recorder recorder;
  process::spawn(recorder);
  Future<bool> same = process::dispatch(recorder.self(), [&recorder]() {
    return Future<Nothing>(Nothing()).then(process::defer([&recorder]() {
      return process::__process__ == &recorder;
    }));
  });
  EXPECT_TRUE(same.get());
  process::terminate(recorder);
  process::wait(recorder);

  // Executor::execute.
  process::Executor executor;
  EXPECT_EQ(3, executor.execute([]() { return 3; }).get());
  EXPECT_TRUE(executor.execute([]() {}).await(Seconds(10)));
}


TEST(ProcessRuntime, FuturesCompleteOnRuntimeThreads)
{
  // The test thread blocks in await() while runtime threads (workers and
  // the timer thread) complete the futures.
  Recorder recorder;
  process::spawn(recorder);

  const std::thread::id self = std::this_thread::get_id();
  Promise<bool> otherThread;
  Promise<int> promise;
  promise.future().onReady([&](int) {
    otherThread.set(std::this_thread::get_id() != self);
  });

  process::dispatch(recorder.self(), [&promise]() {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    promise.set(1);
  });

  EXPECT_TRUE(promise.future().await(Seconds(10)));
  ASSERT_TRUE(otherThread.future().await(Seconds(10)));
  EXPECT_TRUE(otherThread.future().get());

  process::terminate(recorder);
  process::wait(recorder);
}


TEST(ProcessRuntime, HookStylePattern)
{
  // The shape of Mesos's test hook: a stack process, a future from a
  // dispatch, a signal, await, terminate, wait -- repeated.
  class HookProcess : public Process<HookProcess>
  {
  public:
    HookProcess() : ProcessBase(process::ID::generate("example-hook")) {}
    Future<Nothing> await() { return promise.future(); }
    void signal() { promise.set(Nothing()); }

  private:
    Promise<Nothing> promise;
  };

  for (int i = 0; i < 50; ++i) {
    HookProcess hookProcess;
    process::spawn(&hookProcess);
    Future<Nothing> future =
      process::dispatch(hookProcess, &HookProcess::await);
    process::dispatch(hookProcess, &HookProcess::signal);
    EXPECT_TRUE(future.await(Seconds(10)));
    process::terminate(hookProcess);
    process::wait(hookProcess);
  }
}


TEST(ProcessId, GenerateAndFormat)
{
  const std::string a = process::ID::generate("unique-prefix");
  const std::string b = process::ID::generate("unique-prefix");
  EXPECT_EQ(std::string("unique-prefix(1)"), a);
  EXPECT_EQ(std::string("unique-prefix(2)"), b);

  // Counters are per prefix and thread-safe.
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<std::string> ids;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&]() {
      for (int i = 0; i < 250; ++i) {
        std::string id = process::ID::generate("parallel");
        std::lock_guard<std::mutex> lock(mutex);
        ids.insert(id);
      }
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  EXPECT_EQ(static_cast<size_t>(1000), ids.size());
  EXPECT_TRUE(ids.count("parallel(1000)") == 1);

  // A process without an id gets "(<n>)".
  ProcessBase anonymous;
  const std::string id = anonymous.self().id;
  EXPECT_EQ('(', id.front());
  EXPECT_EQ(')', id.back());
}


TEST(ProcessPid, FormatParseAndCompare)
{
  Recorder recorder("pid-format");
  const UPID pid = recorder.self();
  EXPECT_EQ(std::string("pid-format@127.0.0.1:5051"), stringify(pid));
  EXPECT_EQ(std::string("pid-format@127.0.0.1:5051"), std::string(pid));
  EXPECT_TRUE(static_cast<bool>(pid));
  EXPECT_FALSE(!pid);

  UPID parsed("pid-format@127.0.0.1:5051");
  EXPECT_EQ(pid, parsed);
  EXPECT_TRUE(pid.id == "pid-format");
  EXPECT_TRUE(std::string("pid-format") == pid.id);
  EXPECT_EQ(std::string("pid-format!"), pid.id + "!");
  EXPECT_EQ(5051, pid.address.port);
  EXPECT_TRUE(pid.address.ip.isLoopback());

  UPID bad("no-at-sign");
  EXPECT_TRUE(!bad);
  EXPECT_FALSE(static_cast<bool>(bad));
  UPID noPort("x@127.0.0.1");
  EXPECT_TRUE(!noPort);

  UPID empty;
  EXPECT_TRUE(!empty);
  EXPECT_EQ(std::string("@0.0.0.0:0"), stringify(empty));

  // A UPID with a port of 0 is not "true" (but not empty either).
  UPID zeroPort("a", process::network::inet::IP(INADDR_LOOPBACK), 0);
  EXPECT_FALSE(static_cast<bool>(zeroPort));
  EXPECT_FALSE(!zeroPort);

  std::set<UPID> ordered = {parsed, UPID("a@127.0.0.1:5051")};
  EXPECT_EQ(std::string("a"), std::string(ordered.begin()->id));
  EXPECT_EQ(std::hash<UPID>()(pid), std::hash<UPID>()(parsed));

  // PID<T> upcasts to PID<Base>.
  PID<Recorder> typed = recorder.self();
  PID<ProcessBase> base = typed;
  EXPECT_EQ(pid, base);
}


TEST(ProcessRuntime, NoListeningSocket)
{
  // Exercise the runtime: processes, messages, timers, I/O, subprocesses.
  Recorder recorder;
  process::spawn(recorder);
  EXPECT_EQ(2, process::dispatch(recorder, &Recorder::twice, 1).get());
  process::post(recorder.self(), "unhandled");
  Try<process::Subprocess> child = process::subprocess(
      "echo hi", process::Subprocess::PATH("/dev/null"),
      process::Subprocess::PIPE(), process::Subprocess::FD(STDERR_FILENO));
  ASSERT_TRUE(child.isSome());
  EXPECT_EQ(std::string("hi\n"), process::io::read(child->out().get()).get());
  EXPECT_TRUE(child->status().await(Seconds(10)));
  process::terminate(recorder);
  process::wait(recorder);

  // Sockets inherited from the parent (a test runner's pipes and IPC
  // channel) may be there; none of this process's sockets may listen.
  std::set<std::string> listening = listeningInodes();
  for (const std::string& inode : ownSocketInodes()) {
    EXPECT_TRUE(listening.count(inode) == 0);
  }
}


// Runs in a fresh copy of this test program (see FreshProcess below): the
// runtime starts on first use, opens no socket, and the program can exit
// with work pending.
TEST(ProcessRuntime, FreshProcess)
{
  const char* mode = ::getenv("SDK_PROCESS_FRESH");
  if (mode != nullptr) {
    // In the child copy.
    const int threadsBefore = countThreads();
    const int socketsBefore = countSockets();

    Recorder idle; // Constructing a process starts nothing.
    if (countThreads() != threadsBefore) {
      std::cout << "runtime started by a constructor" << std::endl;
      ::_exit(3);
    }

    Recorder busy;
    process::spawn(busy);
    process::dispatch(busy, &Recorder::twice, 1).await();
    if (countThreads() <= threadsBefore) {
      std::cout << "no runtime threads after spawn" << std::endl;
      ::_exit(4);
    }
    if (countSockets() != socketsBefore) {
      std::cout << "a socket was opened" << std::endl;
      ::_exit(5);
    }
    if (process::initialize()) {
      std::cout << "initialize() claims to have started the runtime"
                << std::endl;
      ::_exit(6);
    }

    if (std::string(mode) == "exit") {
      // Leave with a busy worker, queued work and a pending timer.
      process::dispatch(busy, &Recorder::slow, 60 * 1000);
      process::dispatch(busy, &Recorder::append, 1);
      process::Clock::timer(Seconds(3600), []() {});
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::cout << "exiting with work pending" << std::endl;
      ::exit(0); // Static destructors run: none may block or crash.
    }

    process::terminate(busy);
    process::wait(busy);
    return;
  }

  // In the test program: run the test in fresh copies of itself.
  for (const std::string fresh : {"check", "exit"}) {
    std::map<std::string, std::string> environment;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string entry(*e);
      size_t eq = entry.find('=');
      if (eq != std::string::npos) {
        environment[entry.substr(0, eq)] = entry.substr(eq + 1);
      }
    }
    environment["SDK_PROCESS_FRESH"] = fresh;

    char self[4096] = {};
    ssize_t length = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
    ASSERT_TRUE(length > 0);

    auto start = std::chrono::steady_clock::now();
    Try<process::Subprocess> child = process::subprocess(
        std::string(self, length),
        {"sdk_tests", "ProcessRuntime.FreshProcess"},
        process::Subprocess::PATH("/dev/null"),
        process::Subprocess::PIPE(),
        process::Subprocess::FD(STDERR_FILENO),
        nullptr,
        environment);
    ASSERT_TRUE(child.isSome());

    Future<std::string> output = process::io::read(child->out().get());
    ASSERT_TRUE(child->status().await(Seconds(30)));
    ASSERT_TRUE(child->status()->isSome());
    const int status = child->status()->get();
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(0, WEXITSTATUS(status));
    EXPECT_TRUE(std::chrono::steady_clock::now() - start <
                std::chrono::seconds(20));

    ASSERT_TRUE(output.await(Seconds(10)));
    if (fresh == std::string("exit")) {
      EXPECT_CONTAINS(output.get(), "exiting with work pending");
    } else {
      EXPECT_CONTAINS(output.get(), "1 passed, 0 failed");
    }
  }
}
