// The in-process crash report (crash_report.h). The signal handler reads
// only the fixed slot array and writes with write(2); the lines are made
// when calls start, on their own threads.

#include "crash_report.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace mesos_modules {

namespace {

enum SubjectKind : int
{
  TASK = 1,
  STATUS,
  EXECUTOR,
  CONTAINER,
  AGENT,
};

constexpr size_t kSlots = 64;
constexpr size_t kLine = 448;

// state word: generation << 2 | {0 free, 1 being written, 2 in flight}.
struct Slot
{
  std::atomic<uint64_t> word{0};
  std::atomic<int> phase{0};
  std::atomic<uintptr_t> thread{0};
  std::atomic<size_t> length{0};
  char line[kLine];
};

Slot slots[kSlots];

std::atomic<bool> hint{true};
std::atomic<bool> reporting{false};

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
constexpr size_t kSignalCount = sizeof(kSignals) / sizeof(kSignals[0]);
struct sigaction previous[kSignalCount];

uintptr_t thisThread()
{
  return static_cast<uintptr_t>(pthread_self());
}

// --- Making a call's line (when it starts; not in the handler) ---

// A bounded writer into a slot's line.
struct Line
{
  char* out;
  size_t size = 0;
  size_t capacity;

  void put(const char* text, size_t length)
  {
    for (size_t i = 0; i < length && size < capacity; i++) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      out[size++] = (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
    }
  }
  void put(const char* text) { put(text, std::strlen(text)); }
  void put(const std::string& text) { put(text.data(), text.size()); }
  void quoted(const Span& span)
  {
    put("'");
    put(reinterpret_cast<const char*>(span.data), span.size > 96 ? 96 : span.size);
    if (span.size > 96) put("...");
    put("'");
  }
};

bool varint(const uint8_t** at, const uint8_t* end, uint64_t* out)
{
  uint64_t value = 0;
  for (int shift = 0; shift < 64 && *at < end; shift += 7) {
    uint8_t byte = *(*at)++;
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *out = value;
      return true;
    }
  }
  return false;
}

// The first length-delimited field `number` of a message, skipping fields of
// every other wire type; false when absent or the bytes are not a message.
bool findField(const Span& message, int number, Span* out)
{
  const uint8_t* at = message.data;
  const uint8_t* end = message.data + message.size;
  while (at < end) {
    uint64_t tag = 0;
    uint64_t length = 0;
    if (!varint(&at, end, &tag)) return false;
    switch (tag & 7) {
      case 0:
        if (!varint(&at, end, &length)) return false;
        break;
      case 1:
        if (end - at < 8) return false;
        at += 8;
        break;
      case 5:
        if (end - at < 4) return false;
        at += 4;
        break;
      case 2:
        if (!varint(&at, end, &length) || length > static_cast<uint64_t>(end - at)) return false;
        if (static_cast<int>(tag >> 3) == number) {
          *out = Span{at, static_cast<size_t>(length)};
          return true;
        }
        at += length;
        break;
      default:
        return false;
    }
  }
  return false;
}

// `message`.`outer`.`inner` (e.g. TaskInfo.task_id.value).
bool findNested(const Span& message, int outer, int inner, Span* out)
{
  Span middle;
  return findField(message, outer, &middle) && findField(middle, inner, out);
}

// ", task 'web' (id 'web-1')" and the like, from the first subject present.
void describeSubject(Line& line, const CallSite& site, const Fields& args)
{
  for (const CallSite::Subject& subject : site.subjects) {
    if (subject.argument == 0) return;
    const Span* argument = args.find(subject.argument);
    if (argument == nullptr) continue;
    Span name;
    Span id;
    switch (subject.kind) {
      case TASK: {
        bool hasName = findField(*argument, 1, &name) && name.size > 0; // TaskInfo.name
        bool hasId = findNested(*argument, 2, 1, &id);                  // TaskInfo.task_id.value
        if (!hasName && !hasId) continue;
        line.put(", task ");
        if (hasName) line.quoted(name);
        if (hasName && hasId) line.put(" (id ");
        if (!hasName) line.put("id ");
        if (hasId) line.quoted(id);
        if (hasName && hasId) line.put(")");
        return;
      }
      case STATUS:
        if (!findNested(*argument, 1, 1, &id)) continue; // TaskStatus.task_id.value
        line.put(", task id ");
        line.quoted(id);
        return;
      case EXECUTOR:
        if (!findNested(*argument, 1, 1, &id)) continue; // ExecutorInfo.executor_id.value
        line.put(", executor id ");
        line.quoted(id);
        return;
      case CONTAINER:
        if (!findField(*argument, 1, &id)) continue; // ContainerID.value
        line.put(", container ");
        line.quoted(id);
        return;
      case AGENT:
        if (!findField(*argument, 1, &name)) continue; // SlaveInfo.hostname
        line.put(", agent ");
        line.quoted(name);
        return;
    }
  }
}

// --- The handler: write(2) and the slot array only ---

void writeAll(const char* text, size_t length)
{
  while (length > 0) {
    ssize_t n = ::write(STDERR_FILENO, text, length);
    if (n <= 0) return;
    text += n;
    length -= static_cast<size_t>(n);
  }
}

void writeText(const char* text)
{
  writeAll(text, std::strlen(text));
}

const char* signalName(int signal)
{
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
  }
  return "a fatal signal";
}

const char* phaseText(const Slot& slot, uintptr_t self, bool exiting)
{
  switch (static_cast<CallPhase>(slot.phase.load(std::memory_order_acquire))) {
    case CallPhase::QUEUED: return "queued to run off the JS thread";
    case CallPhase::WAITING_LOCK: return "waiting for the hook lock";
    case CallPhase::WAITING_FUTURE: return "waiting for its future";
    case CallPhase::RETURNED: return "returned, its result on the way to the JS thread";
    case CallPhase::RUNNING:
      if (slot.thread.load(std::memory_order_acquire) != self) return "running on another thread";
      return exiting ? "running on the exiting thread" : "running on the crashing thread";
  }
  return "in flight";
}

// Writes the report when a call is in flight; false when none is. With
// `signal` 0 (exit() called) only a call running on this thread counts.
bool report(int signal)
{
  uintptr_t self = thisThread();
  bool any = false;
  // The call on the crashing thread first: it is the likely culprit.
  for (int pass = 0; pass < (signal == 0 ? 1 : 2); pass++) {
    for (Slot& slot : slots) {
      if ((slot.word.load(std::memory_order_acquire) & 3) != 2) continue;
      bool here = slot.phase.load(std::memory_order_acquire) == static_cast<int>(CallPhase::RUNNING) &&
                  slot.thread.load(std::memory_order_acquire) == self;
      if (here != (pass == 0)) continue;
      if (!any) {
        if (signal == 0) {
          writeText("mesos-modules: exit() was called inside a hook call; the process is ending:\n");
        } else {
          writeText("mesos-modules: fatal signal ");
          writeText(signalName(signal));
          writeText(" while hook calls were in flight in this process:\n");
        }
        any = true;
      }
      size_t length = slot.length.load(std::memory_order_acquire);
      writeText("mesos-modules:   ");
      writeAll(slot.line, length < kLine ? length : kLine);
      writeText(" - ");
      writeText(phaseText(slot, self, signal == 0));
      writeText("\n");
    }
  }
  if (any && hint.load(std::memory_order_relaxed)) {
    writeText(
        "mesos-modules: hint: load the module with `isolate: true` (ModuleManager.load(manifest, { isolate: true })) "
        "to get a HookCrash naming the call instead of a dead process\n");
  }
  return any;
}

bool inCallOnThisThread()
{
  uintptr_t self = thisThread();
  for (Slot& slot : slots) {
    if ((slot.word.load(std::memory_order_acquire) & 3) == 2 &&
        slot.phase.load(std::memory_order_acquire) == static_cast<int>(CallPhase::RUNNING) &&
        slot.thread.load(std::memory_order_acquire) == self) {
      return true;
    }
  }
  return false;
}

size_t indexOf(int signal)
{
  for (size_t i = 0; i < kSignalCount; i++) {
    if (kSignals[i] == signal) return i;
  }
  return 0;
}

bool isHandler(const struct sigaction& action)
{
  return (action.sa_flags & SA_SIGINFO) ? action.sa_sigaction != nullptr
                                        : (action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN);
}

// Runs the handler that was there before ours, as the kernel would have.
void chain(int signal, siginfo_t* info, void* context)
{
  const struct sigaction& before = previous[indexOf(signal)];
  if (isHandler(before)) {
    if (before.sa_flags & SA_SIGINFO) {
      before.sa_sigaction(signal, info, context);
    } else {
      before.sa_handler(signal);
    }
    return;
  }
  // The default action (or ignore): put it back and deliver the signal again
  // once this handler returns (it is blocked until then). A fault re-runs
  // the faulting instruction; a raise()d signal would otherwise be lost.
  sigaction(signal, &before, nullptr);
  if (before.sa_handler == SIG_DFL) {
    raise(signal);
  }
}

// exit() from inside a hook method (node's own exits never run inside one).
void onExit()
{
  if (!reporting.exchange(true)) report(0);
}

void onFatalSignal(int signal, siginfo_t* info, void* context)
{
  int saved = errno;
  if (!inCallOnThisThread() && signal == SIGSEGV) {
    // A fault outside any hook call may be one node handles and survives
    // (V8's WebAssembly bounds checks trap as SIGSEGV): let the previous
    // handler decide, and report only if it gave up (put back the default
    // action to die by it).
    chain(signal, info, context);
    struct sigaction now;
    if (sigaction(signal, nullptr, &now) == 0 && !(now.sa_flags & SA_SIGINFO && now.sa_sigaction == onFatalSignal)) {
      if (!reporting.exchange(true)) report(signal);
    }
    errno = saved;
    return;
  }
  if (!reporting.exchange(true)) report(signal);
  chain(signal, info, context);
  errno = saved;
}

} // namespace


CallSite makeCallSite(const char* method, std::initializer_list<const char*> arguments)
{
  CallSite site{method, {}};
  const struct
  {
    const char* type;
    int kind;
  } order[] = {
    {"mesos.TaskInfo", TASK},
    {"mesos.TaskStatus", STATUS},
    {"mesos.ExecutorInfo", EXECUTOR},
    {"mesos.ContainerID", CONTAINER},
    {"mesos.SlaveInfo", AGENT},
  };
  size_t count = 0;
  for (const auto& wanted : order) {
    int number = 0;
    for (const char* argument : arguments) {
      number++;
      const char* type = std::strchr(argument, ':');
      if (type == nullptr) continue;
      type += 2; // "name: type"
      size_t length = std::strlen(wanted.type);
      // The type exactly, or as an Option (a trailing '?').
      if (std::strncmp(type, wanted.type, length) == 0 && (type[length] == '\0' || type[length] == '?')) {
        site.subjects[count++] = {number, wanted.kind};
        break;
      }
    }
  }
  return site;
}


CallTicket CallTicket::begin(const std::string& module, const CallSite& site, const Fields& args)
{
  CallTicket ticket;
  for (size_t i = 0; i < kSlots; i++) {
    Slot& slot = slots[i];
    uint64_t word = slot.word.load(std::memory_order_relaxed);
    if ((word & 3) != 0) continue;
    if (!slot.word.compare_exchange_strong(word, word | 1, std::memory_order_acquire)) continue;
    Line line{slot.line, 0, kLine};
    line.put(module);
    line.put(".");
    line.put(site.method);
    describeSubject(line, site, args);
    slot.length.store(line.size, std::memory_order_relaxed);
    slot.phase.store(static_cast<int>(CallPhase::RUNNING), std::memory_order_relaxed);
    slot.thread.store(thisThread(), std::memory_order_relaxed);
    slot.word.store((word & ~uint64_t{3}) | 2, std::memory_order_release);
    ticket.slot = static_cast<int>(i);
    ticket.generation = word >> 2;
    return ticket;
  }
  return ticket;
}


void CallTicket::phase(CallPhase phase) const
{
  if (slot < 0) return;
  slots[slot].thread.store(0, std::memory_order_relaxed);
  slots[slot].phase.store(static_cast<int>(phase), std::memory_order_release);
}


void CallTicket::running() const
{
  if (slot < 0) return;
  slots[slot].thread.store(thisThread(), std::memory_order_relaxed);
  slots[slot].phase.store(static_cast<int>(CallPhase::RUNNING), std::memory_order_release);
}


void CallTicket::end()
{
  if (slot < 0) return;
  Slot& s = slots[slot];
  uint64_t expected = (generation << 2) | 2;
  uint64_t next = (generation + 1) << 2;
  s.word.compare_exchange_strong(expected, next, std::memory_order_acq_rel);
  slot = -1;
}


void installCrashReport()
{
  static std::once_flag once;
  std::call_once(once, [] {
    for (size_t i = 0; i < kSignalCount; i++) {
      struct sigaction action;
      std::memset(&action, 0, sizeof(action));
      action.sa_sigaction = onFatalSignal;
      sigemptyset(&action.sa_mask);
      action.sa_flags = SA_SIGINFO | SA_ONSTACK;
      sigaction(kSignals[i], &action, &previous[i]);
    }
    std::atexit(onExit);
  });
}


void setCrashHint(bool enabled)
{
  hint.store(enabled, std::memory_order_relaxed);
}

} // namespace mesos_modules
