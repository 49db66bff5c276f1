// Mesos module SDK: process::reap().
//
// One reaper thread (started with the first reap, detached, never
// stopped) polls each watched pid with waitpid(pid, WNOHANG) every few
// milliseconds while there is any, and sleeps otherwise. It never calls
// waitpid(-1): children of the hosting program that nobody asked about
// are left to their owner.

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <process/future.hpp>
#include <process/reap.hpp>

#include <stout/none.hpp>
#include <stout/option.hpp>

namespace process {

namespace internal {

// Defined in runtime.cpp.
void startThread(std::function<void()> f);

namespace {

// Whether a process with this pid exists (zombies included).
bool exists(pid_t pid)
{
  return ::kill(pid, 0) == 0 || errno == EPERM;
}


class Reaper
{
public:
  static Reaper* instance()
  {
    static Reaper* reaper = new Reaper();
    return reaper;
  }

  Future<Option<int>> watch(pid_t pid)
  {
    std::unique_ptr<Promise<Option<int>>> promise(
        new Promise<Option<int>>());
    Future<Option<int>> future = promise->future();

    std::lock_guard<std::mutex> lock(mutex);
    watched.emplace(pid, std::move(promise));
    if (!started) {
      started = true;
      startThread([this]() { run(); });
    }
    cv.notify_all();
    return future;
  }

private:
  // How often watched pids are checked.
  static constexpr std::chrono::milliseconds INTERVAL{5};

  void run()
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      if (watched.empty()) {
        cv.wait(lock);
        continue;
      }

      // Pids are checked without the lock (watch() may add more).
      std::vector<pid_t> pids;
      for (auto it = watched.begin(); it != watched.end();
           it = watched.upper_bound(it->first)) {
        pids.push_back(it->first);
      }
      lock.unlock();

      std::vector<std::pair<pid_t, Option<int>>> done;
      for (pid_t pid : pids) {
        int status = 0;
        pid_t result;
        do {
          result = ::waitpid(pid, &status, WNOHANG);
        } while (result < 0 && errno == EINTR);

        if (result > 0) {
          done.emplace_back(pid, Option<int>(status));
        } else if (result < 0 && !exists(pid)) {
          // Not our child, and gone: its status was someone else's.
          done.emplace_back(pid, Option<int>::none());
        }
      }

      std::vector<std::pair<std::unique_ptr<Promise<Option<int>>>,
                            Option<int>>> settled;
      lock.lock();
      for (const auto& entry : done) {
        auto range = watched.equal_range(entry.first);
        for (auto it = range.first; it != range.second; ++it) {
          settled.emplace_back(std::move(it->second), entry.second);
        }
        watched.erase(range.first, range.second);
      }
      lock.unlock();

      // Callbacks run here, without the lock.
      for (auto& entry : settled) {
        entry.first->set(entry.second);
      }
      settled.clear();

      lock.lock();
      if (!watched.empty()) {
        cv.wait_for(lock, INTERVAL);
      }
    }
  }

  std::mutex mutex;
  std::condition_variable cv;
  std::multimap<pid_t, std::unique_ptr<Promise<Option<int>>>> watched;
  bool started = false;
};

constexpr std::chrono::milliseconds Reaper::INTERVAL;

} // namespace {
} // namespace internal {


Duration MAX_REAP_INTERVAL()
{
  return Seconds(1);
}


Future<Option<int>> reap(pid_t pid)
{
  if (!internal::exists(pid)) {
    return None();
  }

  return internal::Reaper::instance()->watch(pid);
}

} // namespace process {
