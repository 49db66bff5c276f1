// Mesos module SDK: the in-process actor runtime behind process.hpp.
//
// A registry of live processes (by id), one mailbox per process, and a
// pool of worker threads taking runnable processes from a run queue and
// serving their events one at a time. A process is in the run queue (or
// being served) iff its mailbox is `scheduled`, so no two threads ever
// serve the same process.
//
// There is no network transport: UPIDs carry a fixed address
// (LIBPROCESS_IP:LIBPROCESS_PORT, default 127.0.0.1:5051) and messages are
// delivered by id to processes of this runtime. Nothing listens anywhere.
//
// All runtime objects are created on first use and never destroyed, and
// every thread is detached with all signals blocked: the hosting program
// may exit at any time, with work pending, and its signal handling is
// left alone.

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <netdb.h>

#include <glog/logging.h>

#include <process/dispatch.hpp>
#include <process/event.hpp>
#include <process/executor.hpp>
#include <process/id.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>

#include <stout/duration.hpp>
#include <stout/stringify.hpp>

namespace process {

thread_local ProcessBase* __process__ = nullptr;

thread_local Executor* _executor_ = nullptr;


namespace ID {

std::string generate(const std::string& prefix)
{
  static std::mutex* mutex = new std::mutex();
  static std::map<std::string, int>* counts = new std::map<std::string, int>();

  int count;
  {
    std::lock_guard<std::mutex> lock(*mutex);
    count = ++(*counts)[prefix];
  }
  return prefix + "(" + stringify(count) + ")";
}

} // namespace ID {


namespace internal {

// Starts a detached thread running `f`, with every signal blocked in it
// (they stay with the hosting program's own threads).
void startThread(std::function<void()> f)
{
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  std::thread(std::move(f)).detach();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}


// Opened once, when a process has terminated; wait() blocks on it.
class Gate
{
public:
  void open()
  {
    std::lock_guard<std::mutex> lock(mutex);
    opened = true;
    cv.notify_all();
  }

  void wait()
  {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [this]() { return opened; });
  }

  bool waitFor(const Duration& duration)
  {
    std::unique_lock<std::mutex> lock(mutex);
    return cv.wait_for(
        lock,
        std::chrono::nanoseconds(duration.ns()),
        [this]() { return opened; });
  }

private:
  std::mutex mutex;
  std::condition_variable cv;
  bool opened = false;
};


// The address of this runtime, from LIBPROCESS_IP / LIBPROCESS_PORT.
static const network::inet::Address& localAddress()
{
  static const network::inet::Address* address = []() {
    network::inet::IP ip(INADDR_LOOPBACK);
    if (const char* value = ::getenv("LIBPROCESS_IP")) {
      Try<network::inet::IP> parsed = network::inet::IP::parse(value);
      if (parsed.isSome() && !parsed->isAny()) {
        ip = parsed.get();
      }
    }

    uint16_t port = 5051;
    if (const char* value = ::getenv("LIBPROCESS_PORT")) {
      char* end = nullptr;
      long parsed = ::strtol(value, &end, 10);
      if (end != value && *end == '\0' && parsed > 0 && parsed < 65536) {
        port = static_cast<uint16_t>(parsed);
      }
    }

    return new network::inet::Address(ip, port);
  }();
  return *address;
}


// Marks the worker threads (for wait()'s thread compensation).
static thread_local bool isWorker = false;


class Runtime
{
public:
  typedef ProcessBase::Mailbox Mailbox;

  // The runtime, started on first call.
  static Runtime* instance()
  {
    static Runtime* runtime = new Runtime();
    return runtime;
  }

  static bool started() { return startedFlag().load(); }

  UPID spawn(ProcessBase* process, bool manage);

  // Queues `event` for the process `to`; false (and the event destroyed,
  // outside any lock) if there is no such live process.
  bool deliver(const UPID& to, std::unique_ptr<Event> event);

  void transport(Message&& message);

  void terminate(const UPID& pid, bool inject);

  bool wait(const UPID& pid, const Duration& duration);

  void link(ProcessBase* process, const UPID& to);

  // No process runnable or running.
  bool idle()
  {
    std::lock_guard<std::mutex> lock(runMutex);
    return runq.empty() && running == 0;
  }

  long workerCount()
  {
    std::lock_guard<std::mutex> lock(runMutex);
    return static_cast<long>(workers);
  }

  static std::atomic<bool>& startedFlag()
  {
    static std::atomic<bool>* flag = new std::atomic<bool>(false);
    return *flag;
  }

private:
  Runtime();

  // Matches `pid` to a live process; call with `registryMutex` held.
  ProcessBase* find(const UPID& pid)
  {
    if (pid.address != localAddress()) {
      return nullptr;
    }
    auto it = processes.find(static_cast<const std::string&>(pid.id));
    return it == processes.end() ? nullptr : it->second;
  }

  void enqueue(ProcessBase* process)
  {
    std::lock_guard<std::mutex> lock(runMutex);
    runq.push_back(process);
    runCv.notify_one();
  }

  // Call with `runMutex` held.
  void startWorkerLocked()
  {
    ++workers;
    startThread([this]() { work(); });
  }

  void work();
  void resume(ProcessBase* process);
  void cleanup(
      ProcessBase* process,
      const std::shared_ptr<Mailbox>& mailbox,
      const UPID& pid,
      bool manage);

  std::mutex registryMutex;
  std::unordered_map<std::string, ProcessBase*> processes;

  std::mutex runMutex;
  std::condition_variable runCv;
  std::deque<ProcessBase*> runq;
  size_t running = 0;  // Workers serving a process.
  size_t workers = 0;  // Worker threads started.
  size_t blocked = 0;  // Workers blocked in wait().
  size_t baseWorkers = 4;
};

} // namespace internal {


struct ProcessBase::Mailbox
{
  enum class State
  {
    BOTTOM,      // Not spawned.
    RUNNING,     // Spawned: accepts events.
    TERMINATING, // Terminate served: accepts nothing, cleaning up.
    TERMINATED,  // Gone from the runtime.
  };

  std::mutex mutex;
  State state = State::BOTTOM;
  bool scheduled = false;   // In the run queue or being served.
  bool initialized = false; // initialize() has run.
  bool injected = false;    // An injected TerminateEvent is queued.
  std::deque<std::unique_ptr<Event>> events;
  std::vector<UPID> linkers; // Processes to tell when this one exits.
  const std::shared_ptr<internal::Gate> gate =
    std::make_shared<internal::Gate>();
};


namespace internal {

Runtime::Runtime()
{
  long count = static_cast<long>(std::thread::hardware_concurrency());
  if (const char* value = ::getenv("LIBPROCESS_NUM_WORKER_THREADS")) {
    char* end = nullptr;
    long parsed = ::strtol(value, &end, 10);
    if (end != value && *end == '\0' && parsed > 0 && parsed <= 1024) {
      count = parsed;
    }
  } else {
    count = std::max(4L, count);
  }
  baseWorkers = static_cast<size_t>(count);

  std::lock_guard<std::mutex> lock(runMutex);
  for (size_t i = 0; i < baseWorkers; ++i) {
    startWorkerLocked();
  }
  startedFlag().store(true);
}


UPID Runtime::spawn(ProcessBase* process, bool manage)
{
  const UPID pid = process->pid;

  bool spawned = false;
  {
    std::lock_guard<std::mutex> registry(registryMutex);
    std::lock_guard<std::mutex> lock(process->mailbox->mutex);
    if (process->mailbox->state != Mailbox::State::BOTTOM) {
      LOG(WARNING) << "Attempted to spawn a process (" << pid
                   << ") that has already been initialized";
    } else if (processes.count(static_cast<const std::string&>(pid.id)) > 0) {
      LOG(WARNING) << "Attempted to spawn already running process " << pid;
    } else {
      processes[pid.id] = process;
      process->manage = manage;
      process->mailbox->state = Mailbox::State::RUNNING;
      process->mailbox->scheduled = true; // For initialize().
      spawned = true;
    }
  }

  if (!spawned) {
    if (manage) {
      delete process;
    }
    return UPID();
  }

  enqueue(process);
  return pid;
}


bool Runtime::deliver(const UPID& to, std::unique_ptr<Event> event)
{
  ProcessBase* schedule = nullptr;
  {
    std::lock_guard<std::mutex> registry(registryMutex);
    ProcessBase* process = find(to);
    if (process != nullptr) {
      Mailbox& mailbox = *process->mailbox;
      std::lock_guard<std::mutex> lock(mailbox.mutex);
      if (mailbox.state == Mailbox::State::RUNNING) {
        const TerminateEvent* terminate =
          dynamic_cast<const TerminateEvent*>(event.get());
        if (terminate != nullptr && terminate->inject) {
          mailbox.injected = true;
        }
        mailbox.events.push_back(std::move(event));
        if (!mailbox.scheduled) {
          mailbox.scheduled = true;
          schedule = process;
        }
      }
    }
  }

  if (event) {
    VLOG(2) << "Dropping event for process " << to;
    event.reset(); // May run callbacks (abandoned futures): no lock held.
    return false;
  }

  if (schedule != nullptr) {
    enqueue(schedule);
  }
  return true;
}


void Runtime::transport(Message&& message)
{
  if (message.to.address != localAddress()) {
    LOG(WARNING) << "Failed to send '" << message.name << "' to '"
                 << message.to.address << "': the bundled Mesos SDK has no "
                 << "network transport (only processes of this runtime, at "
                 << localAddress() << ", can be reached)";
    return;
  }

  const UPID to = message.to;
  deliver(to, std::unique_ptr<Event>(new MessageEvent(std::move(message))));
}


void Runtime::terminate(const UPID& pid, bool inject)
{
  const UPID from = __process__ != nullptr ? __process__->self() : UPID();
  deliver(pid, std::unique_ptr<Event>(new TerminateEvent(from, inject)));
}


bool Runtime::wait(const UPID& pid, const Duration& duration)
{
  if (!pid) {
    return false;
  }

  if (__process__ != nullptr && __process__->self() == pid) {
    LOG(ERROR) << "\n**** DEADLOCK DETECTED! ****\nYou are waiting on process "
               << pid << " that it is currently executing.";
  }

  std::shared_ptr<Gate> gate;
  {
    std::lock_guard<std::mutex> registry(registryMutex);
    ProcessBase* process = find(pid);
    if (process != nullptr) {
      gate = process->mailbox->gate;
    }
  }

  if (!gate) {
    return false;
  }

  // A worker blocking here could leave the process it waits for without
  // a thread: keep the number of unblocked workers up.
  if (isWorker) {
    std::lock_guard<std::mutex> lock(runMutex);
    ++blocked;
    if (workers - blocked < baseWorkers) {
      startWorkerLocked();
    }
  }

  bool waited = true;
  if (duration < Duration::zero()) {
    gate->wait();
  } else {
    waited = gate->waitFor(duration);
  }

  if (isWorker) {
    std::lock_guard<std::mutex> lock(runMutex);
    --blocked;
  }

  return waited;
}


void Runtime::link(ProcessBase* process, const UPID& to)
{
  bool linked = false;
  {
    std::lock_guard<std::mutex> registry(registryMutex);
    ProcessBase* target = find(to);
    if (target != nullptr) {
      Mailbox& mailbox = *target->mailbox;
      std::lock_guard<std::mutex> lock(mailbox.mutex);
      if (mailbox.state == Mailbox::State::RUNNING) {
        if (std::find(mailbox.linkers.begin(),
                      mailbox.linkers.end(),
                      process->pid) == mailbox.linkers.end()) {
          mailbox.linkers.push_back(process->pid);
        }
        linked = true;
      }
    }
  }

  if (!linked) {
    deliver(process->pid, std::unique_ptr<Event>(new ExitedEvent(to)));
  }
}


void Runtime::work()
{
  isWorker = true;

  while (true) {
    ProcessBase* process = nullptr;
    {
      std::unique_lock<std::mutex> lock(runMutex);
      runCv.wait(lock, [this]() { return !runq.empty(); });
      process = runq.front();
      runq.pop_front();
      ++running;
    }

    resume(process);

    {
      std::lock_guard<std::mutex> lock(runMutex);
      --running;
    }
  }
}


void Runtime::resume(ProcessBase* process)
{
  // Events served in a row before other processes get a turn.
  const int BATCH = 64;

  // Copies: the process may be deleted (managed) or destroyed by its owner
  // (once terminating) while it is being cleaned up.
  const std::shared_ptr<Mailbox> mailbox = process->mailbox;
  const UPID pid = process->pid;
  const bool manage = process->manage;

  __process__ = process;

  bool initialize = false;
  {
    std::lock_guard<std::mutex> lock(mailbox->mutex);
    initialize = !mailbox->initialized;
    mailbox->initialized = true;
  }

  if (initialize) {
    try {
      process->initialize();
    } catch (const std::exception& e) {
      LOG(FATAL) << "Aborting libprocess: '" << pid << "'"
                 << " threw exception during initialization: " << e.what();
    } catch (...) {
      LOG(FATAL) << "Aborting libprocess: '" << pid << "'"
                 << " threw exception during initialization: unknown";
    }
  }

  for (int served = 0; ; ++served) {
    std::unique_ptr<Event> event;
    std::deque<std::unique_ptr<Event>> skipped;
    bool yield = false;
    {
      std::lock_guard<std::mutex> lock(mailbox->mutex);
      if (mailbox->events.empty()) {
        mailbox->scheduled = false;
        break;
      }

      if (served >= BATCH) {
        yield = true; // Stays scheduled; goes to the back of the queue.
      } else {
        if (mailbox->injected) {
          // An injected termination overtakes everything queued before it.
          while (!mailbox->events.front()->is<TerminateEvent>()) {
            skipped.push_back(std::move(mailbox->events.front()));
            mailbox->events.pop_front();
          }
        }
        event = std::move(mailbox->events.front());
        mailbox->events.pop_front();
      }
    }

    if (yield) {
      enqueue(process);
      break;
    }

    skipped.clear(); // May run callbacks: no lock held.

    const bool terminate = event->is<TerminateEvent>();

    try {
      process->serve(std::move(*event));
    } catch (const std::exception& e) {
      LOG(FATAL) << "Aborting libprocess: '" << pid << "'"
                 << " threw exception: " << e.what();
    } catch (...) {
      LOG(FATAL) << "Aborting libprocess: '" << pid << "'"
                 << " threw unknown exception";
    }

    event.reset();

    if (terminate) {
      __process__ = nullptr;
      cleanup(process, mailbox, pid, manage);
      return;
    }
  }

  __process__ = nullptr;
}


void Runtime::cleanup(
    ProcessBase* process,
    const std::shared_ptr<Mailbox>& mailbox,
    const UPID& pid,
    bool manage)
{
  std::deque<std::unique_ptr<Event>> leftover;
  std::vector<UPID> linkers;
  {
    std::lock_guard<std::mutex> lock(mailbox->mutex);
    mailbox->state = Mailbox::State::TERMINATING;
    leftover.swap(mailbox->events);
    linkers.swap(mailbox->linkers);
  }

  leftover.clear(); // May run callbacks: no lock held.

  for (const UPID& linker : linkers) {
    deliver(linker, std::unique_ptr<Event>(new ExitedEvent(pid)));
  }

  {
    std::lock_guard<std::mutex> registry(registryMutex);
    auto it = processes.find(static_cast<const std::string&>(pid.id));
    if (it != processes.end() && it->second == process) {
      processes.erase(it);
    }
    std::lock_guard<std::mutex> lock(mailbox->mutex);
    mailbox->state = Mailbox::State::TERMINATED;
  }

  // From here on the process is its owner's again (or deleted).
  if (manage) {
    delete process;
  }

  mailbox->gate->open();
}


bool runtimeIdle()
{
  return !Runtime::started() || Runtime::instance()->idle();
}


void dispatch(
    const UPID& pid,
    std::unique_ptr<lambda::CallableOnce<void(ProcessBase*)>> f,
    const Option<const std::type_info*>& functionType)
{
  Runtime::instance()->deliver(
      pid,
      std::unique_ptr<Event>(new DispatchEvent(std::move(f), functionType)));
}

} // namespace internal {


// ---------------------------------------------------------------------------
// ProcessBase.

ProcessBase::ProcessBase(const std::string& id)
  : mailbox(std::make_shared<Mailbox>())
{
  pid.id = id != "" ? id : ID::generate();
  pid.address = internal::localAddress();
}


ProcessBase::~ProcessBase()
{
  Mailbox::State state;
  {
    std::lock_guard<std::mutex> lock(mailbox->mutex);
    state = mailbox->state;
  }
  CHECK(state == Mailbox::State::BOTTOM ||
        state == Mailbox::State::TERMINATING ||
        state == Mailbox::State::TERMINATED)
    << "Process " << pid << " destroyed while still running "
    << "(terminate() and wait() for it first)";
}


size_t ProcessBase::countEvents(
    const std::function<bool(const Event&)>& predicate)
{
  CHECK_EQ(this, __process__);
  std::lock_guard<std::mutex> lock(mailbox->mutex);
  size_t count = 0;
  for (const std::unique_ptr<Event>& event : mailbox->events) {
    if (predicate(*event)) {
      ++count;
    }
  }
  return count;
}


void ProcessBase::send(
    const UPID& to,
    const std::string& name,
    const char* data,
    size_t length)
{
  send(to,
       std::string(name),
       data != nullptr ? std::string(data, length) : std::string());
}


void ProcessBase::send(const UPID& to, std::string&& name)
{
  send(to, std::move(name), std::string());
}


void ProcessBase::send(const UPID& to, std::string&& name, std::string&& data)
{
  if (!to) {
    return;
  }

  internal::Runtime::instance()->transport(
      Message{std::move(name), pid, to, std::move(data)});
}


UPID ProcessBase::link(const UPID& to, const RemoteConnection)
{
  if (!to) {
    return to;
  }

  internal::Runtime::instance()->link(this, to);
  return to;
}


void ProcessBase::consume(MessageEvent&& event)
{
  auto handler = messageHandlers.find(event.message.name);
  if (handler != messageHandlers.end()) {
    handler->second(event.message.from, event.message.body);
    return;
  }

  auto delegate = delegates.find(event.message.name);
  if (delegate != delegates.end()) {
    VLOG(1) << "Delegating message '" << event.message.name
            << "' to " << delegate->second;
    Message message = event.message;
    message.to = delegate->second;
    internal::Runtime::instance()->transport(std::move(message));
  }
}


void ProcessBase::consume(DispatchEvent&& event)
{
  std::move(*event.f)(this);
}


void ProcessBase::consume(HttpEvent&&)
{
  // Never delivered: the bundled runtime serves no HTTP.
}


void ProcessBase::consume(ExitedEvent&& event)
{
  exited(event.pid);
}


void ProcessBase::consume(TerminateEvent&&)
{
  finalize();
}


// ---------------------------------------------------------------------------
// UPID.

UPID::UPID(const char* s)
{
  std::istringstream in(s);
  in >> *this;
}


UPID::UPID(const std::string& s)
{
  std::istringstream in(s);
  in >> *this;
}


UPID::UPID(const ProcessBase& process) : UPID(process.self()) {}


UPID::operator std::string() const
{
  std::ostringstream out;
  out << *this;
  return out.str();
}


std::ostream& operator<<(std::ostream& stream, const UPID& pid)
{
  return stream << pid.id << "@" << pid.address;
}


std::istream& operator>>(std::istream& stream, UPID& pid)
{
  pid.id = std::string();
  pid.address = network::inet::Address::ANY_ANY();
  pid.host = None();

  std::string text;
  if (!(stream >> text) || text.empty()) {
    stream.setstate(std::ios_base::badbit);
    return stream;
  }

  const size_t at = text.find('@');
  if (at == std::string::npos) {
    stream.setstate(std::ios_base::badbit);
    return stream;
  }

  const std::string id = text.substr(0, at);
  const std::string rest = text.substr(at + 1);

  const size_t colon = rest.find(':');
  if (colon == std::string::npos) {
    stream.setstate(std::ios_base::badbit);
    return stream;
  }

  const std::string host = rest.substr(0, colon);
  Option<std::string> hostname;

  Try<network::inet::IP> ip = network::inet::IP::parse(host);
  if (ip.isError()) {
    // A host name: resolve it (IPv4 only).
    struct addrinfo hints = {};
    hints.ai_family = AF_INET;
    struct addrinfo* result = nullptr;
    if (host.empty() ||
        ::getaddrinfo(host.c_str(), nullptr, &hints, &result) != 0 ||
        result == nullptr) {
      stream.setstate(std::ios_base::badbit);
      return stream;
    }
    ip = network::inet::IP(
        reinterpret_cast<struct sockaddr_in*>(result->ai_addr)->sin_addr);
    ::freeaddrinfo(result);
    hostname = host;
  }

  const std::string portText = rest.substr(colon + 1);
  char* end = nullptr;
  const unsigned long port = ::strtoul(portText.c_str(), &end, 10);
  if (portText.empty() || end == portText.c_str() || port > 65535) {
    stream.setstate(std::ios_base::badbit);
    return stream;
  }

  pid.id = id;
  pid.address = network::inet::Address(ip.get(), static_cast<uint16_t>(port));
  pid.host = hostname;
  return stream;
}


// ---------------------------------------------------------------------------
// Free functions.

bool initialize(
    const Option<std::string>&,
    const Option<std::string>&,
    const Option<std::string>&)
{
  // True only for the call that starts the runtime (it also starts by
  // itself on first use, after which this returns false).
  static std::atomic<bool>* first = new std::atomic<bool>(true);
  const bool started = internal::Runtime::started();
  internal::Runtime::instance();
  return !started && first->exchange(false);
}


void finalize(bool) {}


std::string absolutePath(const std::string& path)
{
  return path;
}


network::inet::Address address()
{
  return internal::localAddress();
}


long workers()
{
  return internal::Runtime::instance()->workerCount();
}


UPID spawn(ProcessBase* process, bool manage)
{
  if (process == nullptr) {
    return UPID();
  }
  return internal::Runtime::instance()->spawn(process, manage);
}


void terminate(const UPID& pid, bool inject)
{
  internal::Runtime::instance()->terminate(pid, inject);
}


bool wait(const UPID& pid, const Duration& duration)
{
  return internal::Runtime::instance()->wait(pid, duration);
}


void post(const UPID& to, const std::string& name, const char* data, size_t length)
{
  post(UPID(), to, name, data, length);
}


void post(
    const UPID& from,
    const UPID& to,
    const std::string& name,
    const char* data,
    size_t length)
{
  if (!to) {
    return;
  }

  internal::Runtime::instance()->transport(Message{
      name,
      from,
      to,
      data != nullptr ? std::string(data, length) : std::string()});
}


namespace inject {

bool exited(const UPID& from, const UPID& to)
{
  return internal::Runtime::instance()->deliver(
      to, std::unique_ptr<Event>(new ExitedEvent(from)));
}

} // namespace inject {

} // namespace process {
