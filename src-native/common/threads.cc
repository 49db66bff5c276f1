// The threads of threads.h: detached, never joined (a job that never
// returns keeps its thread, and process exit does not wait for it); one that
// finishes its job waits up to 30 s for another, then ends.

#include "threads.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace mesos_modules {

namespace {

struct Threads
{
  std::mutex mutex;
  std::condition_variable posted;
  std::deque<std::function<void()>> jobs;
  size_t idle = 0; // Threads waiting in next(), not yet given a job.

  // The next job for a thread that finished one; empty when it should end.
  std::function<void()> next()
  {
    std::unique_lock<std::mutex> lock(mutex);
    idle++;
    posted.wait_for(lock, std::chrono::seconds(30), [&] { return !jobs.empty(); });
    idle--;
    if (jobs.empty()) return nullptr;
    std::function<void()> job = std::move(jobs.front());
    jobs.pop_front();
    return job;
  }

  void run(std::function<void()> job)
  {
    while (job) {
      job();
      job = nullptr; // Release what the job held before waiting.
      job = next();
    }
  }
};

// Leaked on purpose: idle threads may still wait on it while the process exits.
Threads& threads()
{
  static Threads* instance = new Threads();
  return *instance;
}

} // namespace


void runOnOwnThread(std::function<void()> job)
{
  Threads& pool = threads();
  {
    std::lock_guard<std::mutex> lock(pool.mutex);
    // Every queued job has an idle thread of its own to take it.
    if (pool.idle > pool.jobs.size()) {
      pool.jobs.push_back(std::move(job));
      pool.posted.notify_one();
      return;
    }
  }
  std::thread([job = std::move(job)]() mutable { threads().run(std::move(job)); }).detach();
}

} // namespace mesos_modules
