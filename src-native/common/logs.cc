#include "logs.h"

#include <algorithm>
#include <set>

#include <glog/logging.h>

namespace mesos_modules {

namespace {

thread_local std::shared_ptr<LogCapture> current;

std::mutex pendingMutex;
std::vector<std::shared_ptr<LogCapture>>* pending = new std::vector<std::shared_ptr<LogCapture>>();

class Sink : public google::LogSink
{
public:
  void send(
      google::LogSeverity severity,
      const char* fullFilename,
      const char* baseFilename,
      int line,
      const struct ::tm*,
      const char* message,
      size_t length) override
  {
    LogLine record{severity, baseFilename != nullptr ? baseFilename : (fullFilename ? fullFilename : ""), line,
                   std::string(message, length)};
    if (current) {
      current->add(std::move(record));
      return;
    }
    std::lock_guard<std::mutex> lock(pendingMutex);
    for (const auto& capture : *pending) {
      capture->add(record);
    }
  }
};

} // namespace


void installLogSink()
{
  static std::once_flag once;
  std::call_once(once, [] { google::AddLogSink(new Sink()); }); // Never removed.
}


ScopedCapture::ScopedCapture(std::shared_ptr<LogCapture> capture) : previous(current)
{
  // Lines the call's own helpers (actors, threads) write while it runs
  // belong to it too.
  registerPending(capture);
  current = std::move(capture);
}


ScopedCapture::~ScopedCapture()
{
  unregisterPending(current);
  current = previous;
}


void registerPending(const std::shared_ptr<LogCapture>& capture)
{
  std::lock_guard<std::mutex> lock(pendingMutex);
  pending->push_back(capture);
}


void unregisterPending(const std::shared_ptr<LogCapture>& capture)
{
  std::lock_guard<std::mutex> lock(pendingMutex);
  pending->erase(std::remove(pending->begin(), pending->end(), capture), pending->end());
}


const char* severityName(int severity)
{
  static const char* names[] = {"INFO", "WARNING", "ERROR", "FATAL"};
  return names[severity >= 0 && severity < 4 ? severity : 0];
}


void setLogEcho(bool echo)
{
  FLAGS_stderrthreshold = echo ? google::GLOG_INFO : google::GLOG_WARNING;
}

} // namespace mesos_modules
