// Mesos module SDK: clean-room libprocess compatibility header.
//
// Processes (actors). A process is spawned into the runtime, which then
// serves its events -- dispatches, messages, exit notifications,
// termination -- one at a time, in arrival order, on a small pool of
// worker threads. The runtime starts on first use inside the hosting
// program, opens no socket, and its threads never hold the program back
// from exiting.
#ifndef __PROCESS_PROCESS_HPP__
#define __PROCESS_PROCESS_HPP__

#include <stdint.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <typeinfo>

#include <process/address.hpp>
#include <process/clock.hpp>
#include <process/event.hpp>
#include <process/message.hpp>
#include <process/owned.hpp>
#include <process/pid.hpp>
#include <process/shared.hpp>

#include <stout/duration.hpp>
#include <stout/lambda.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>

// Reachable through <process/process.hpp> in Mesos (much of it by way of
// process/http.hpp, which this SDK does not carry); published hooks rely on it.
#include <queue>
#include <vector>

#include <stout/bytes.hpp>
#include <stout/hashmap.hpp>
#include <stout/json.hpp>
#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/strings.hpp>
#include <stout/synchronized.hpp>

namespace process {

namespace internal {
class Runtime;
} // namespace internal {


class ProcessBase : public EventConsumer
{
public:
  // `id` names the process (its UPID is "<id>@<ip>:<port>"); an empty id
  // is replaced by ID::generate().
  explicit ProcessBase(const std::string& id = "");

  // A spawned process may only be destroyed once it has terminated (or
  // while it is terminating); otherwise this dies, as in libprocess.
  ~ProcessBase() override;

  const UPID& self() const { return pid; }

protected:
  // Serves one event; the default hands it to the matching consume().
  virtual void serve(Event&& event) { std::move(event).consume(this); }

  // Messages go to the handler installed for their name (or to the
  // delegate for that name); dispatches run their function; exits call
  // exited(); termination calls finalize().
  void consume(MessageEvent&& event) override;
  void consume(DispatchEvent&& event) override;
  void consume(HttpEvent&& event) override;
  void consume(ExitedEvent&& event) override;
  void consume(TerminateEvent&& event) override;

  // Runs in the process, before any event is served.
  virtual void initialize() {}

  // Runs in the process when it terminates (from consume(TerminateEvent)).
  virtual void finalize() {}

  // A linked process has terminated.
  virtual void exited(const UPID&) {}

  // Never called (as in libprocess).
  virtual void lost(const UPID&) {}

  // Sends a message from this process. Delivery is local (processes of
  // this runtime, by id); messages to other addresses are dropped with a
  // warning, as there is no network transport. An empty `to` is ignored.
  void send(
      const UPID& to,
      const std::string& name,
      const char* data = nullptr,
      size_t length = 0);

  void send(const UPID& to, std::string&& name);

  void send(const UPID& to, std::string&& name, std::string&& data);

  enum class RemoteConnection
  {
    REUSE,
    RECONNECT,
  };

  // Asks to be told (exited()) when `pid` terminates. A process that does
  // not exist (or is not in this runtime) counts as exited at once.
  UPID link(
      const UPID& pid,
      const RemoteConnection remote = RemoteConnection::REUSE);

  typedef lambda::function<void(const UPID&, const std::string&)>
    MessageHandler;

  // Handles messages named `name`: called with the sender and the body.
  void install(const std::string& name, const MessageHandler& handler)
  {
    messageHandlers[name] = handler;
  }

  template <typename T>
  void install(
      const std::string& name,
      void (T::*method)(const UPID&, const std::string&))
  {
    T* t = dynamic_cast<T*>(this);
    install(name, [t, method](const UPID& from, const std::string& body) {
      (t->*method)(from, body);
    });
  }

  // Forwards messages named `name` (with no installed handler) to `pid`.
  void delegate(const std::string& name, const UPID& pid)
  {
    delegates[name] = pid;
  }

  // How many events of type T are queued for this process. Only valid
  // from within the process itself.
  template <typename T>
  size_t eventCount()
  {
    return countEvents([](const Event& event) { return event.is<T>(); });
  }

private:
  friend class internal::Runtime;

  size_t countEvents(const std::function<bool(const Event&)>& predicate);

  // Runtime bookkeeping (queue, state, links); defined by the runtime.
  struct Mailbox;
  std::shared_ptr<Mailbox> mailbox;

  std::map<std::string, MessageHandler> messageHandlers;
  std::map<std::string, UPID> delegates;

  // Delete the process once it has terminated.
  bool manage = false;

  UPID pid;
};


template <typename T>
class Process : public virtual ProcessBase
{
public:
  ~Process() override {}

  // The typed PID of this process (valid before spawn too).
  PID<T> self() const { return PID<T>(static_cast<const T*>(this)); }

protected:
  typedef T Self;
  typedef T This;
};


// Starts the runtime if it is not running (it also starts by itself on
// first use). Returns true if this call started it. The arguments exist
// for source compatibility: there is no HTTP server to configure.
bool initialize(
    const Option<std::string>& delegate = None(),
    const Option<std::string>& readwriteAuthenticationRealm = None(),
    const Option<std::string>& readonlyAuthenticationRealm = None());

// Kept for source compatibility: the runtime lives as long as the hosting
// program and needs no cleanup.
void finalize(bool finalize_wsa = false);

// `path` itself (no delegate is ever configured).
std::string absolutePath(const std::string& path);

// The address in every UPID of this runtime: LIBPROCESS_IP (default
// 127.0.0.1) and LIBPROCESS_PORT (default 5051, the agent's port). Nothing
// listens on it.
network::inet::Address address();

// Number of worker threads serving processes.
long workers();

// Spawns a process: it gets initialize()d and then serves events until it
// is terminated. With `manage`, the runtime deletes it after it
// terminates. Returns its UPID, or an empty UPID if it could not be
// spawned (already spawned, or another live process has the same id).
UPID spawn(ProcessBase* process, bool manage = false);

inline UPID spawn(ProcessBase& process, bool manage = false)
{
  return spawn(&process, manage);
}

template <typename T>
PID<T> spawn(T* t, bool manage = false)
{
  // Taken first: a managed process may be gone once spawn returns.
  PID<T> pid(t);

  if (!spawn(static_cast<ProcessBase*>(t), manage)) {
    return PID<T>();
  }

  return pid;
}

template <typename T>
PID<T> spawn(T& t, bool manage = false)
{
  return spawn(&t, manage);
}


// Asks a process to terminate. With `inject` (the default) the
// termination is served next, dropping the events queued before it;
// otherwise it is served after them.
void terminate(const UPID& pid, bool inject = true);
void terminate(const ProcessBase& process, bool inject = true);
void terminate(const ProcessBase* process, bool inject = true);

// Blocks until the process has terminated, or for at most `duration`
// (a negative duration waits forever). Returns true if a process was
// waited for until its end; false if there is no such process or the
// time ran out.
bool wait(const UPID& pid, const Duration& duration = Seconds(-1));
bool wait(const ProcessBase& process, const Duration& duration = Seconds(-1));
bool wait(const ProcessBase* process, const Duration& duration = Seconds(-1));

// Sends a message without a sender (or from `from`), with a copy of
// `data`.
void post(const UPID& to,
          const std::string& name,
          const char* data = nullptr,
          size_t length = 0);

void post(const UPID& from,
          const UPID& to,
          const std::string& name,
          const char* data = nullptr,
          size_t length = 0);


inline void terminate(const ProcessBase& process, bool inject)
{
  terminate(process.self(), inject);
}

inline void terminate(const ProcessBase* process, bool inject)
{
  terminate(process->self(), inject);
}

inline bool wait(const ProcessBase& process, const Duration& duration)
{
  return process::wait(process.self(), duration);
}

inline bool wait(const ProcessBase* process, const Duration& duration)
{
  return process::wait(process->self(), duration);
}


// The process whose event the calling thread is serving, or nullptr.
extern thread_local ProcessBase* __process__;


namespace inject {

// Delivers an ExitedEvent for `from` to `to`; false if `to` is unknown.
bool exited(const UPID& from, const UPID& to);

} // namespace inject {

} // namespace process {

#endif // __PROCESS_PROCESS_HPP__
