// Mesos module SDK: the libprocess clock, timers and Time formatting.
//
// Timers wait in a deadline-ordered table served by one timer thread
// (started with the first timer, detached, never stopped), which runs the
// due thunks outside its lock. While the clock is paused, "now" is the
// paused time and timers fire only as it is advanced past them.

#include <time.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/clock.hpp>
#include <process/process.hpp>
#include <process/time.hpp>
#include <process/timeout.hpp>
#include <process/timer.hpp>

namespace process {

namespace internal {

// Defined in runtime.cpp.
void startThread(std::function<void()> f);
bool runtimeIdle();

namespace {

Time realNow()
{
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return Time::epoch() + Nanoseconds(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since).count());
}


class Timers
{
public:
  static Timers* instance()
  {
    static Timers* timers = new Timers();
    return timers;
  }

  std::mutex mutex;
  std::condition_variable cv;

  bool paused = false;
  Time pausedAt;

  struct Entry
  {
    uint64_t id;
    lambda::function<void()> thunk;
  };

  std::multimap<Time, Entry> pending;
  std::unordered_map<uint64_t, std::multimap<Time, Entry>::iterator> byId;
  uint64_t nextId = 1;
  size_t firing = 0; // Due thunks taken out but not finished yet.
  bool started = false;

  // Call with `mutex` held.
  Time nowLocked() const { return paused ? pausedAt : realNow(); }

  // Call with `mutex` held.
  bool settledLocked() const
  {
    return firing == 0 &&
      (pending.empty() || pending.begin()->first > nowLocked());
  }

  // Call with `mutex` held.
  void startLocked()
  {
    if (!started) {
      started = true;
      startThread([this]() { run(); });
    }
  }

private:
  void run()
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      if (pending.empty()) {
        cv.wait(lock);
        continue;
      }

      const Time now = nowLocked();
      const Time first = pending.begin()->first;

      if (first <= now) {
        std::vector<lambda::function<void()>> due;
        while (!pending.empty() && pending.begin()->first <= now) {
          auto it = pending.begin();
          byId.erase(it->second.id);
          due.push_back(std::move(it->second.thunk));
          pending.erase(it);
        }

        firing += due.size();
        lock.unlock();

        for (lambda::function<void()>& thunk : due) {
          thunk();
          thunk = nullptr; // Release what it holds outside the lock.
        }

        lock.lock();
        firing -= due.size();
        cv.notify_all();
        continue;
      }

      if (paused) {
        cv.wait(lock);
      } else {
        // Re-checked on every wake-up (new timers, resume, clock jumps).
        const Duration left = first - now;
        cv.wait_for(
            lock,
            std::chrono::nanoseconds(
                std::min(left.ns(), Hours(1).ns())));
      }
    }
  }
};

} // namespace {
} // namespace internal {


using internal::Timers;


Time Clock::now()
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  return timers->nowLocked();
}


Time Clock::now(ProcessBase*)
{
  return now();
}


Timer Clock::timer(
    const Duration& duration,
    const lambda::function<void()>& thunk)
{
  Timers* timers = Timers::instance();

  uint64_t id;
  Time deadline;
  {
    std::lock_guard<std::mutex> lock(timers->mutex);
    const Time now = timers->nowLocked();
    deadline = now.duration() < Duration::max() - duration
      ? now + duration
      : Time::max();

    id = timers->nextId++;
    auto it = timers->pending.emplace(deadline, Timers::Entry{id, thunk});
    timers->byId[id] = it;
    timers->startLocked();
    timers->cv.notify_all();
  }

  const UPID creator = __process__ != nullptr ? __process__->self() : UPID();
  return Timer(id, Timeout(deadline), creator, thunk);
}


bool Clock::cancel(const Timer& timer)
{
  Timers* timers = Timers::instance();

  lambda::function<void()> thunk;
  {
    std::lock_guard<std::mutex> lock(timers->mutex);
    auto it = timers->byId.find(timer.id);
    if (it == timers->byId.end()) {
      return false;
    }
    thunk = std::move(it->second->second.thunk);
    timers->pending.erase(it->second);
    timers->byId.erase(it);
    timers->cv.notify_all();
  }
  // `thunk` is released here, outside the lock.
  return true;
}


void Clock::pause()
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  if (!timers->paused) {
    timers->pausedAt = internal::realNow();
    timers->paused = true;
    timers->cv.notify_all();
  }
}


bool Clock::paused()
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  return timers->paused;
}


void Clock::resume()
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  timers->paused = false;
  timers->cv.notify_all();
}


void Clock::advance(const Duration& duration)
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  if (timers->paused) {
    timers->pausedAt += duration;
    timers->cv.notify_all();
  }
}


void Clock::advance(ProcessBase*, const Duration& duration)
{
  advance(duration);
}


void Clock::update(const Time& time)
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  if (timers->paused && timers->pausedAt < time) {
    timers->pausedAt = time;
    timers->cv.notify_all();
  }
}


void Clock::update(ProcessBase*, const Time& time, Update update)
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  if (timers->paused && (update == FORCE || timers->pausedAt < time)) {
    timers->pausedAt = time;
    timers->cv.notify_all();
  }
}


void Clock::order(ProcessBase*, ProcessBase*) {}


bool Clock::settled()
{
  Timers* timers = Timers::instance();
  std::lock_guard<std::mutex> lock(timers->mutex);
  CHECK(timers->paused);
  return timers->settledLocked();
}


void Clock::settle()
{
  CHECK(paused());

  // Settled when the timers are, then the processes are idle, then the
  // timers still are (an idle runtime cannot create new timers).
  while (!(settled() && internal::runtimeIdle() && settled())) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}


// ---------------------------------------------------------------------------
// Time formatting.

// `secs` as UTC calendar parts; false (logged) when it cannot be.
static bool utc(time_t secs, struct tm* parts)
{
  if (::gmtime_r(&secs, parts) == nullptr) {
    PLOG(ERROR) << "Failed to convert from 'time_t' to a 'tm' struct "
                << "using os::gmtime_r()";
    return false;
  }
  return true;
}


std::ostream& operator<<(std::ostream& stream, const RFC1123& formatter)
{
  static const char* DAYS[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* MONTHS[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  const time_t secs = static_cast<time_t>(formatter.time.secs());
  struct tm parts = {};
  if (!utc(secs, &parts)) {
    return stream;
  }

  char buffer[64] = {};
  ::snprintf(
      buffer,
      sizeof(buffer),
      "%s, %02d %s %d %02d:%02d:%02d GMT",
      DAYS[parts.tm_wday],
      parts.tm_mday,
      MONTHS[parts.tm_mon],
      parts.tm_year + 1900,
      parts.tm_hour,
      parts.tm_min,
      parts.tm_sec);
  return stream << buffer;
}


std::ostream& operator<<(std::ostream& stream, const RFC3339& formatter)
{
  const time_t secs = static_cast<time_t>(formatter.time.secs());
  struct tm parts = {};
  if (!utc(secs, &parts)) {
    return stream;
  }

  char buffer[64] = {};
  ::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M:%S", &parts);
  stream << buffer;

  const int64_t nanos =
    (formatter.time.duration() - Seconds(static_cast<int64_t>(secs))).ns();
  if (nanos != 0) {
    const char fill = stream.fill();
    stream << "." << std::setfill('0') << std::setw(9) << nanos;
    stream.fill(fill);
  }

  return stream << "+00:00";
}

} // namespace process {
