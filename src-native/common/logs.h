// glog lines written by hooks, captured per call. A LogSink sees every line
// (whatever stderr shows); a line belongs to the call running on its thread,
// or, from any other thread, to every call still running or waiting for its
// future.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mesos_modules {

struct LogLine
{
  int severity;
  std::string file;
  int line;
  std::string message;
};

class LogCapture
{
public:
  void add(LogLine line)
  {
    std::lock_guard<std::mutex> lock(mutex);
    lines.push_back(std::move(line));
  }

  std::vector<LogLine> take()
  {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<LogLine> out;
    out.swap(lines);
    return out;
  }

private:
  std::mutex mutex;
  std::vector<LogLine> lines;
};

// Installs the sink once.
void installLogSink();

// While alive, lines logged on this thread go to `capture`, and so do lines
// from threads that are in no call.
class ScopedCapture
{
public:
  explicit ScopedCapture(std::shared_ptr<LogCapture> capture);
  ~ScopedCapture();

private:
  std::shared_ptr<LogCapture> previous;
};

// While registered, lines from threads that are not in a call go to `capture`.
void registerPending(const std::shared_ptr<LogCapture>& capture);
void unregisterPending(const std::shared_ptr<LogCapture>& capture);

// The severity's name as JS sees it: INFO, WARNING, ERROR or FATAL.
const char* severityName(int severity);

// Whether captured lines are also printed to stderr (glog's own output).
void setLogEcho(bool echo);

} // namespace mesos_modules
