// mesos-modules-child: the isolated child, native. Loads hook modules with
// the libmesos it links (as the addon does) and serves the requests that
// lib/isolate-protocol.ts describes (lib/isolate.ts sends them) in frames of
// frame.h: fd 3 carries requests, fd 4 answers. Every operation is the
// addon's own, from common/ (modules.h, hook_call.h, logs.h, crash_report.h);
// this file only reads requests and writes answers.

#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <mesos/hook.hpp>

#include "common/crash_report.h"
#include "common/error_codes.h"
#include "common/hook_call.h"
#include "common/hook_lock.h"
#include "common/json.h"
#include "common/logs.h"
#include "common/modules.h"
#include "common/records.h"
#include "common/runtime.h"
#include "common/threads.h"
#include "common/wire.h"
#include "frame.h"

namespace mesos_modules {
namespace child {

namespace {

// The frame pipes, once main() has moved them off fd 3 and 4 (frame.h).
int requestsFd = -1;
int answersFd = -1;

// Request tags (the protocol file).
constexpr uint32_t kCall = 2;
constexpr uint32_t kOpen = 3;
constexpr uint32_t kRead = 4;
constexpr uint32_t kCompatible = 5;
constexpr uint32_t kCreate = 6;

// ---- Answers: written whole, one at a time, from any thread.

std::mutex* writeMutex = new std::mutex(); // Leaked: threads may answer while the process ends.

void answer(uint32_t id, uint32_t tag, const std::string& payload)
{
  std::lock_guard<std::mutex> lock(*writeMutex);
  // A parent that is gone closes fd 3 too: the main loop ends the process.
  writeFrame(answersFd, id, tag, payload);
}

// ---- JSON text (the payloads lib/ parses).

// Log lines, flat as the addon appends them after a result (logs_js.cc):
// [severity, file, line, message, ...], the severity by name.
std::string logsJson(const std::vector<LogLine>& lines)
{
  std::string out = "[";
  for (const LogLine& line : lines) {
    if (out.size() > 1) out.push_back(',');
    appendJsonString(&out, severityName(line.severity));
    out.push_back(',');
    appendJsonString(&out, line.file);
    out.append(",").append(std::to_string(line.line)).append(",");
    appendJsonString(&out, line.message);
  }
  out.push_back(']');
  return out;
}

// A FAILED payload: {"code", "message", ...extra}; `extra` is more members,
// each starting with a comma.
std::string failure(ErrorCode code, const std::string& message, const std::string& extra = "")
{
  return "{\"code\":" + jsonString(errorCodeName(code)) + ",\"message\":" + jsonString(message) + extra + "}";
}

// A ConvertError as the addon's BAD_MESSAGE error (wire_js.cc): its message,
// path and missing fields.
std::string convertFailure(const ConvertError& error, const std::string& extra = "")
{
  std::string members = ",\"path\":" + jsonString(error.path) + ",\"missing\":[";
  for (size_t i = 0; i < error.missing.size(); i++) {
    if (i > 0) members.push_back(',');
    appendJsonString(&members, error.missing[i]);
  }
  members.push_back(']');
  return failure(ErrorCode::BAD_MESSAGE, convertErrorText(error), members + extra);
}

// ---- State (main thread only, but for what calls hold on to).

std::map<std::string, void*> libraries;

struct HookEntry
{
  std::unique_ptr<mesos::Hook> hook; // Never deleted: the child ends with its hooks.
  std::string module;
};

std::map<uint32_t, std::shared_ptr<HookEntry>> hooks;

void* openedLibrary(const std::string& library)
{
  auto found = libraries.find(library);
  if (found == libraries.end()) {
    throw ModuleFailure{ErrorCode::NOT_OPEN, "library '" + library + "' is not open"};
  }
  return found->second;
}

// ---- OPEN, READ, COMPATIBLE, CREATE: strings in, one answer out.

void open(uint32_t id, const std::vector<std::string>& args)
{
  if (args.size() != 1) {
    answer(id, kAnswerFailed, failure(ErrorCode::PROTOCOL, "OPEN takes [library]"));
    return;
  }
  if (libraries.count(args[0]) == 0) {
    try {
      libraries[args[0]] = openModuleLibrary(args[0]);
    } catch (const ModuleFailure& f) {
      answer(id, kAnswerFailed, failure(f.code, f.message));
      return;
    }
  }
  answer(id, kAnswerOk, "");
}

// ModuleRecord.info()'s object, key for key.
std::string infoJson(const RecordInfo& info)
{
  std::string out = "{";
  for (size_t i = 0; i < 6; i++) {
    appendJsonString(&out, kRecordFieldNames[i]);
    out.push_back(':');
    if (info.fields[i]) {
      appendJsonString(&out, *info.fields[i]);
    } else {
      out.append("null");
    }
    out.push_back(',');
  }
  out.append("\"hasCompatible\":").append(info.hasCompatible ? "true" : "false");
  out.append(",\"compatibleAddress\":").append(jsonString(info.compatibleAddress));
  out.append(",\"address\":").append(jsonString(info.address));
  out.append(",\"hasCreate\":").append(info.hasCreate ? "true" : "false");
  out.push_back('}');
  return out;
}

// READ and COMPATIBLE: [library, symbol] → the record as info() has it, or
// compatible()'s answer as one byte.
void answerRecord(uint32_t id, uint32_t tag, const std::vector<std::string>& args)
{
  const char* name = tag == kRead ? "READ" : "COMPATIBLE";
  if (args.size() != 2) {
    answer(id, kAnswerFailed, failure(ErrorCode::PROTOCOL, std::string(name) + " takes [library, symbol]"));
    return;
  }
  try {
    RecordRef record = readModuleRecord(openedLibrary(args[0]), args[1]);
    answer(id, kAnswerOk,
           tag == kRead ? infoJson(moduleRecordInfo(record)) : std::string(1, callCompatible(record) ? '\1' : '\0'));
  } catch (const ModuleFailure& f) {
    answer(id, kAnswerFailed, failure(f.code, f.message));
  }
}

bool parseHookId(const std::string& text, uint32_t* out)
{
  if (text.empty() || text.size() > 10) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > UINT32_MAX) return false;
  *out = static_cast<uint32_t>(value);
  return true;
}

void create(uint32_t id, const std::vector<std::string>& args)
{
  const std::string noLogs = ",\"logs\":[]";
  uint32_t hookId = 0;
  if (args.size() != 4 || !parseHookId(args[2], &hookId)) {
    answer(id, kAnswerFailed,
           failure(ErrorCode::PROTOCOL, "CREATE takes [library, symbol, hookId (decimal), parameters]", noLogs));
    return;
  }
  mesos::modules::Module<mesos::Hook>* module = nullptr;
  RecordRef record;
  mesos::Parameters parameters;
  try {
    record = readModuleRecord(openedLibrary(args[0]), args[1]);
    module = hookModule(record);
    parameters = parseParameters(reinterpret_cast<const uint8_t*>(args[3].data()), args[3].size());
  } catch (const ModuleFailure& f) {
    answer(id, kAnswerFailed, failure(f.code, f.message, noLogs));
    return;
  } catch (const ConvertError& e) {
    answer(id, kAnswerFailed, convertFailure(e, noLogs));
    return;
  }

  auto capture = std::make_shared<LogCapture>();
  Created created = callCreate(module, parameters, record.name, capture);
  std::string logs = logsJson(capture->take());
  if (created.threw) {
    answer(id, kAnswerFailed, failure(ErrorCode::MODULE_EXCEPTION, created.thrown, ",\"logs\":" + logs));
    return;
  }
  if (created.hook != nullptr) {
    auto entry = std::make_shared<HookEntry>();
    entry->hook.reset(created.hook);
    entry->module = record.name;
    auto& slot = hooks[hookId];
    if (slot) slot->hook.release(); // A calls in flight may still use a replaced hook: never deleted.
    slot = std::move(entry);
  }
  answer(id, kAnswerOk,
         std::string("{\"created\":") + (created.hook != nullptr ? "true" : "false") + ",\"logs\":" + logs + "}");
}

// ---- CALL.

void appendU32(std::string* out, uint32_t value)
{
  unsigned char bytes[4];
  writeU32(bytes, value);
  out->append(reinterpret_cast<const char*>(bytes), 4);
}

// The layout lib/isolate-protocol.ts decodeSettled reads: kind, number,
// first bytes, second bytes, then the logs when the call logged.
std::string settledPayload(const Outcome& outcome, const std::vector<LogLine>& lines)
{
  const std::string* first = nullptr;
  const std::string* second = nullptr;
  switch (outcome.kind) {
    case Outcome::SOME: first = &outcome.bytes; break;
    case Outcome::ERROR:
    case Outcome::FAILURE: first = &outcome.message; break;
    case Outcome::EXCEPTION:
      first = &outcome.message;
      second = &outcome.type;
      break;
    default: break;
  }
  std::string out;
  out.reserve(13 + (first ? first->size() : 0) + (second ? second->size() : 0));
  out.push_back(static_cast<char>(outcome.kind == Outcome::PENDING ? Outcome::CANCELLED : outcome.kind));
  appendU32(&out, outcome.kind == Outcome::NUMBER ? static_cast<uint32_t>(outcome.number) : 0);
  appendU32(&out, first ? static_cast<uint32_t>(first->size()) : 0);
  if (first) out.append(*first);
  appendU32(&out, second ? static_cast<uint32_t>(second->size()) : 0);
  if (second) out.append(*second);
  if (!lines.empty()) out.append(logsJson(lines));
  return out;
}

// Answers a call once its outcome is settled: now, or when its future
// completes (from the thread that completes it), with the lines the call
// and its future's helpers logged meanwhile.
void settle(uint32_t id, Outcome outcome, const std::shared_ptr<LogCapture>& capture, CallTicket ticket)
{
  if (outcome.kind == Outcome::PENDING) {
    ticket.phase(CallPhase::WAITING_FUTURE);
    registerPending(capture);
    std::shared_ptr<PendingOutcome> pending = std::move(outcome.pending);
    pending->onSettled([id, capture, ticket](Outcome settled) mutable {
      unregisterPending(capture);
      ticket.end();
      answer(id, kAnswerOk, settledPayload(settled, capture->take()));
    });
    return;
  }
  ticket.end();
  answer(id, kAnswerOk, settledPayload(outcome, capture->take()));
}

void call(uint32_t id, const std::string& payload)
{
  if (payload.size() < 10) {
    answer(id, kAnswerFailed, failure(ErrorCode::PROTOCOL, "a CALL starts with a 10-byte head"));
    return;
  }
  const auto* head = reinterpret_cast<const unsigned char*>(payload.data());
  uint32_t hookId = readU32(head);
  const HookMethod* method = hookMethod(head[4]);
  bool offThread = head[5] != 0;
  // head[6..10): the timeout, which the parent enforces by killing the child.
  if (method == nullptr || head[5] > 1) {
    answer(id, kAnswerFailed, failure(ErrorCode::PROTOCOL, "a CALL head names method #" + std::to_string(head[4]) +
                                                               " with offThread " + std::to_string(head[5])));
    return;
  }
  auto found = hooks.find(hookId);
  if (found == hooks.end()) {
    answer(id, kAnswerFailed, failure(ErrorCode::INTERNAL, "no hook #" + std::to_string(hookId) + " in this child"));
    return;
  }
  std::shared_ptr<HookEntry> entry = found->second;

  Invoke invoke;
  CallTicket ticket;
  try {
    Fields fields(head + 10, payload.size() - 10, "");
    invoke = method->prepare(entry->hook.get(), fields);
    ticket = CallTicket::begin(entry->module, *method->site, fields);
  } catch (const ConvertError& e) {
    answer(id, kAnswerFailed, convertFailure(e));
    return;
  }

  auto capture = std::make_shared<LogCapture>();
  // The main thread never waits for the hook lock: a call that finds it
  // taken (an off-thread call still running) waits on a thread of its own.
  if (!offThread && hookLock().tryAcquire(&entry->module, method->name)) {
    settle(id, invokeHoldingLock(invoke, capture), capture, ticket);
    return;
  }

  ticket.phase(CallPhase::QUEUED);
  try {
    runOnOwnThread([id, entry, method, invoke = std::move(invoke), capture, ticket]() mutable {
      ticket.phase(CallPhase::WAITING_LOCK);
      LockWait wait; // Never abandoned here: the parent kills the child at its deadline.
      hookLock().acquire(&entry->module, method->name, wait);
      ticket.running();
      Outcome outcome = invokeHoldingLock(invoke, capture);
      invoke = nullptr; // Give the call's arguments back now.
      settle(id, std::move(outcome), capture, ticket);
    });
  } catch (const std::exception& e) {
    ticket.end();
    answer(id, kAnswerFailed,
           failure(ErrorCode::INTERNAL, std::string("cannot start a thread for module code: ") + e.what()));
  }
}

// ---- The loop.

[[noreturn]] void end(int status)
{
  fflush(nullptr);
  // Not exit(): module code may still run on other threads, and static
  // destructors (libprocess's, the hooks') must not run under it.
  _exit(status);
}

[[noreturn]] void malformed(const std::string& why)
{
  std::string text = "mesos-modules-child: malformed request frame: " + why + "\n";
  ssize_t ignored = write(STDERR_FILENO, text.data(), text.size());
  (void)ignored;
  end(2);
}

// Requests, read in large chunks: a burst of pipelined requests costs one
// read(2), not two per frame.
class Requests
{
public:
  // The next frame; ends the process at the end of the requests (0) or on a
  // frame that cannot be read (2).
  void next(Frame* frame)
  {
    if (!fill(kFrameHeader)) {
      if (filled == unread) end(0);
      malformed("the requests end inside a frame header");
    }
    const auto* header = reinterpret_cast<const unsigned char*>(buffer.data() + unread);
    uint32_t length = readU32(header);
    if (length > kMaxPayload) malformed("a payload of " + std::to_string(length) + " bytes");
    frame->id = readU32(header + 4);
    frame->tag = readU32(header + 8);
    if (!fill(kFrameHeader + length)) malformed("the requests end inside a payload");
    frame->payload.assign(buffer.data() + unread + kFrameHeader, length);
    unread += kFrameHeader + length;
  }

private:
  // At least `size` unread bytes in the buffer; false at the end of input.
  bool fill(size_t size)
  {
    if (filled - unread >= size) return true;
    if (unread > 0) { // Move what is left to the front.
      std::memmove(&buffer[0], &buffer[unread], filled - unread);
      filled -= unread;
      unread = 0;
    }
    if (filled == 0 && buffer.size() > 4 * kChunk) {
      std::string().swap(buffer); // Do not keep a large payload's memory.
    }
    if (buffer.size() < std::max(size, kChunk)) buffer.resize(std::max(size, kChunk));
    while (filled < size) {
      awaitRequests();
      ssize_t n = ::read(requestsFd, &buffer[filled], buffer.size() - filled);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) malformed(std::string("reading fd 3: ") + strerror(errno));
      if (n == 0) return false;
      filled += static_cast<size_t>(n);
    }
    return true;
  }

  // Returns when fd 3 has bytes (or its end) to read. After an answer the
  // parent usually sends the next request within tens of microseconds: the
  // child polls for it that long, yielding its core to anything else that
  // wants it, before it sleeps in read(2), so the parent's write does not
  // have to wake a sleeping process. On the 2-core build machine that
  // wake-up was most of a round trip: sequential slaveRunTaskLabelDecorator
  // calls went from ~22,000/s to ~28,000/s quiet, and from 4,000-7,000/s to
  // 3,000-19,000/s with both cores busy.
  static void awaitRequests()
  {
    struct pollfd ready = {requestsFd, POLLIN, 0};
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
      int n = poll(&ready, 1, 0);
      if (n != 0) return; // Readable, at its end, or an error read(2) will report.
      struct timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      long elapsed = (now.tv_sec - start.tv_sec) * 1000000L + (now.tv_nsec - start.tv_nsec) / 1000L;
      if (elapsed >= kPollMicros) return; // read(2) sleeps from here.
      sched_yield(); // Whatever else wants this core (the parent, on a busy machine) goes first.
    }
  }

  static constexpr long kPollMicros = 200;
  static constexpr size_t kChunk = 64 * 1024;
  std::string buffer;
  size_t unread = 0; // First unread byte.
  size_t filled = 0; // Past the last byte read.
};

void serve()
{
  Requests requests;
  Frame frame;
  std::vector<std::string> args;
  for (;;) {
    requests.next(&frame);
    if (frame.tag == kCall) {
      call(frame.id, frame.payload);
      continue;
    }
    args.clear();
    if (frame.tag < kOpen || frame.tag > kCreate) {
      answer(frame.id, kAnswerFailed, failure(ErrorCode::PROTOCOL, "unknown request tag " + std::to_string(frame.tag)));
      continue;
    }
    if (!splitStrings(frame.payload, &args)) {
      answer(frame.id, kAnswerFailed, failure(ErrorCode::PROTOCOL, "a request's strings do not parse",
                                              frame.tag == kCreate ? ",\"logs\":[]" : ""));
      continue;
    }
    switch (frame.tag) {
      case kOpen: open(frame.id, args); break;
      case kRead:
      case kCompatible: answerRecord(frame.id, frame.tag, args); break;
      case kCreate: create(frame.id, args); break;
    }
  }
}

} // namespace

} // namespace child
} // namespace mesos_modules


int main()
{
  using namespace mesos_modules;
  // A parent that goes away must not kill the child mid-answer with SIGPIPE
  // (node ignores it too): its requests' EOF ends the child.
  signal(SIGPIPE, SIG_IGN);
  // Private frame pipes (a process a hook starts does not inherit them), and
  // no life after the parent's: a hook stuck in a loop dies with it.
  if (!child::adoptFramePipes(&child::requestsFd, &child::answersFd)) {
    static const char message[] = "mesos-modules-child: start it through lib/child/link.ts, which gives it fd 3 and fd 4\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof(message) - 1);
    (void)ignored;
    return 2;
  }
  // As the addon at load (addon.cc): libmesos global and glog set up, the
  // crash report (without the hint: the parent reports the crash), the
  // capture sink.
  runtime();
  installCrashReport();
  setCrashHint(false);
  installLogSink();
  child::serve();
}
