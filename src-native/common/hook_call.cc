#include "hook_call.h"

#include <map>
#include <mutex>
#include <typeinfo>
#include <vector>

#include <process/future.hpp>

#include "hook_lock.h"
#include "logs.h"
#include "records.h"

using mesos::Attributes;
using mesos::DockerTaskExecutorPrepareInfo;
using mesos::Resources;

namespace mesos_modules {

namespace {

// The value of parameter `number` (from 1), or an error naming it.
const Span& argument(const Fields& args, int number, const char* name, const char* what)
{
  const Span* value = args.find(number);
  if (value == nullptr) {
    throw ConvertError{name, std::string("missing argument (") + what + ")", {}};
  }
  return *value;
}

// Argument messages are reused from call to call: parsing into a message
// that held the previous call's argument keeps its sub-messages and string
// buffers, so a call of the usual shape allocates next to nothing. A pool
// per type keeps a few idle messages; a call leases what it needs and gives
// it back when its Invoke is destroyed (on whichever thread).
template <typename T>
class Pool
{
public:
  static T* take()
  {
    {
      std::lock_guard<std::mutex> lock(mutex());
      std::vector<T*>& idle = pool();
      if (!idle.empty()) {
        T* t = idle.back();
        idle.pop_back();
        return t;
      }
    }
    return make();
  }

  // A message that held a large argument is not kept: the pool would hold
  // on to its memory for good.
  static void give(void* p, size_t bytes)
  {
    T* t = static_cast<T*>(p);
    if (bytes > 64 * 1024) {
      delete t;
      return;
    }
    std::lock_guard<std::mutex> lock(mutex());
    std::vector<T*>& idle = pool();
    if (idle.size() < 8) {
      idle.push_back(t);
    } else {
      delete t;
    }
  }

private:
  static T* make();

  // Leaked on purpose, like the hook library: never torn down at exit while
  // another thread may still give back.
  static std::mutex& mutex()
  {
    static std::mutex* m = new std::mutex();
    return *m;
  }

  static std::vector<T*>& pool()
  {
    static std::vector<T*>* p = new std::vector<T*>();
    return *p;
  }
};

template <typename T>
T* Pool<T>::make()
{
  return new T();
}

// An Option<TaskInfo> stays Some in the pool: its TaskInfo is reused.
template <>
Option<mesos::TaskInfo>* Pool<Option<mesos::TaskInfo>>::make()
{
  return new Option<mesos::TaskInfo>(mesos::TaskInfo());
}

// What one call leased, given back with it.
struct CallLeases
{
  CallLeases() = default;
  CallLeases(const CallLeases&) = delete;
  CallLeases& operator=(const CallLeases&) = delete;

  ~CallLeases()
  {
    for (size_t i = 0; i < count; i++) {
      leases[i].give(leases[i].object, leases[i].bytes);
    }
  }

  // A pooled T for an argument of `bytes` on the wire.
  template <typename T>
  T* lease(size_t bytes)
  {
    T* t = Pool<T>::take();
    leases[count++] = {t, &Pool<T>::give, bytes}; // At most six arguments per method.
    return t;
  }

  struct Lease
  {
    void* object;
    void (*give)(void*, size_t);
    size_t bytes;
  };
  Lease leases[8];
  size_t count = 0;
};

// The agent hands hooks resources in the post-reservation-refinement
// format (the master converts what frameworks send: a `role` becomes a
// reservation), and Resources CHECK-fails on the deprecated fields. Inputs
// given with `role`/`reservation` are converted the same way here.
// Reading and clearing the deprecated fields is the point here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
void agentFormat(
    google::protobuf::RepeatedPtrField<mesos::Resource>* resources,
    const std::string& base,
    const char* field = "")
{
  for (int i = 0; i < resources->size(); i++) {
    mesos::Resource* resource = resources->Mutable(i);
    if (resource->reservations_size() > 0) {
      resource->clear_role();
      resource->clear_reservation();
      continue;
    }
    if (resource->role() == "*") {
      if (resource->has_reservation()) {
        throw ConvertError{base + field + "[" + std::to_string(i) + "].reservation",
                           "a reservation needs a role other than '*'", {}};
      }
      resource->clear_role();
      continue;
    }
    mesos::Resource::ReservationInfo* reservation = resource->add_reservations();
    if (resource->has_reservation()) {
      reservation->CopyFrom(resource->reservation());
      reservation->set_type(mesos::Resource::ReservationInfo::DYNAMIC);
      resource->clear_reservation();
    } else {
      reservation->set_type(mesos::Resource::ReservationInfo::STATIC);
    }
    reservation->set_role(resource->role());
    resource->clear_role();
  }
}

#pragma GCC diagnostic pop

void agentFormat(mesos::TaskInfo* task, const std::string& path)
{
  agentFormat(task->mutable_resources(), path, ".resources");
  if (task->has_executor()) {
    agentFormat(task->mutable_executor()->mutable_resources(), path, ".executor.resources");
  }
}

void agentFormat(mesos::ExecutorInfo* executor, const std::string& path)
{
  agentFormat(executor->mutable_resources(), path, ".resources");
}

void agentFormat(mesos::SlaveInfo* agent, const std::string& path)
{
  agentFormat(agent->mutable_resources(), path, ".resources");
}

void agentFormat(google::protobuf::Message*, const std::string&) {}

template <typename M>
M* message(CallLeases& leases, const Fields& args, int number, const char* name)
{
  const Span& span = argument(args, number, name, M::descriptor()->full_name().c_str());
  M* m = leases.lease<M>(span.size);
  parseMessage(span, m, name);
  agentFormat(m, name);
  return m;
}

std::string text(const Fields& args, int number, const char* name)
{
  return argument(args, number, name, "a string").text();
}

Resources resourcesArg(const Fields& args, int number, const char* name)
{
  google::protobuf::RepeatedPtrField<mesos::Resource> field;
  std::vector<Span> spans = args.all(number);
  for (size_t i = 0; i < spans.size(); i++) {
    parseMessage(spans[i], field.Add(), std::string(name) + "[" + std::to_string(i) + "]");
  }
  agentFormat(&field, name);
  return Resources(field);
}

template <typename Collection>
void serializeList(std::string* out, const Collection& items)
{
  for (const auto& item : items) {
    appendElement(out, item);
  }
}

void serializeResources(std::string* out, const Resources& resources)
{
  serializeList(out, resources);
}

void serializeAttributes(std::string* out, const Attributes& attributes)
{
  serializeList(out, attributes);
}

template <typename M>
void serializeMessage(std::string* out, const M& m)
{
  appendMessage(out, m);
}

// Result<T> → outcome; `some` serializes the value.
template <typename T>
Outcome fromResult(const Result<T>& result, void (*serialize)(std::string*, const T&))
{
  if (result.isError()) return Outcome::of(Outcome::ERROR, result.error());
  if (result.isNone()) return Outcome::none();
  Outcome out;
  out.kind = Outcome::SOME;
  serialize(&out.bytes, result.get());
  return out;
}

Outcome fromTry(const Try<Nothing>& result)
{
  if (result.isError()) return Outcome::of(Outcome::ERROR, result.error());
  return Outcome::nothing();
}

// A completed Future<Option<T>> → outcome.
template <typename T>
Outcome settled(const process::Future<Option<T>>& future)
{
  if (future.isFailed()) return Outcome::of(Outcome::FAILURE, future.failure());
  if (future.isDiscarded()) return Outcome::of(Outcome::DISCARDED);
  if (future.get().isNone()) return Outcome::none();
  Outcome out;
  out.kind = Outcome::SOME;
  appendMessage(&out.bytes, future.get().get());
  return out;
}

template <typename T>
class PendingFuture : public PendingOutcome
{
public:
  explicit PendingFuture(process::Future<Option<T>> _future) : future(std::move(_future)) {}

  void onSettled(std::function<void(Outcome)> done) override
  {
    future.onAny([done = std::move(done)](const process::Future<Option<T>>& f) { done(settled(f)); });
  }

  bool poll(Outcome* out) override
  {
    if (future.isPending()) return false;
    *out = settled(future);
    return true;
  }

private:
  process::Future<Option<T>> future;
};

// Future<Option<T>> → outcome now, or PENDING.
template <typename T>
Outcome fromFuture(const process::Future<Option<T>>& future)
{
  if (!future.isPending()) return settled(future);
  Outcome out;
  out.kind = Outcome::PENDING;
  out.pending = std::make_shared<PendingFuture<T>>(future);
  return out;
}

} // namespace


// --- One preparation per Hook method: convert the arguments (any thread),
// --- return the call (any thread).

Invoke prepare::masterLaunchTaskLabelDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* taskInfo = message<mesos::TaskInfo>(*leases, args, 1, "taskInfo");
  auto* frameworkInfo = message<mesos::FrameworkInfo>(*leases, args, 2, "frameworkInfo");
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 3, "slaveInfo");
  return [hook, leases, taskInfo, frameworkInfo, slaveInfo]() {
    return fromResult<mesos::Labels>(
        hook->masterLaunchTaskLabelDecorator(*taskInfo, *frameworkInfo, *slaveInfo), serializeMessage<mesos::Labels>);
  };
}

Invoke prepare::masterLaunchTaskResourceDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* task = message<mesos::TaskInfo>(*leases, args, 1, "task");
  Resources slaveResources = resourcesArg(args, 2, "slaveResources");
  return [hook, leases, task, slaveResources = std::move(slaveResources)]() {
    return fromResult<Resources>(hook->masterLaunchTaskResourceDecorator(*task, slaveResources), serializeResources);
  };
}

Invoke prepare::slaveRunTaskLabelDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* taskInfo = message<mesos::TaskInfo>(*leases, args, 1, "taskInfo");
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 2, "executorInfo");
  auto* frameworkInfo = message<mesos::FrameworkInfo>(*leases, args, 3, "frameworkInfo");
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 4, "slaveInfo");
  return [hook, leases, taskInfo, executorInfo, frameworkInfo, slaveInfo]() {
    return fromResult<mesos::Labels>(
        hook->slaveRunTaskLabelDecorator(*taskInfo, *executorInfo, *frameworkInfo, *slaveInfo), serializeMessage<mesos::Labels>);
  };
}

Invoke prepare::masterSlaveLostHook(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 1, "slaveInfo");
  return [hook, leases, slaveInfo]() { return fromTry(hook->masterSlaveLostHook(*slaveInfo)); };
}

Invoke prepare::slaveExecutorEnvironmentDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 1, "executorInfo");
  return [hook, leases, executorInfo]() {
    return fromResult<mesos::Environment>(
        hook->slaveExecutorEnvironmentDecorator(*executorInfo), serializeMessage<mesos::Environment>);
  };
}

Invoke prepare::slavePreLaunchDockerTaskExecutorDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  // An Option holds its TaskInfo by value: read straight into it.
  static const Option<mesos::TaskInfo>* none = new Option<mesos::TaskInfo>(None());
  const Option<mesos::TaskInfo>* taskInfo = none;
  if (args.find(1) != nullptr) {
    Option<mesos::TaskInfo>* some = leases->lease<Option<mesos::TaskInfo>>(args.find(1)->size);
    parseMessage(*args.find(1), &some->get(), "taskInfo");
    agentFormat(&some->get(), "taskInfo");
    taskInfo = some;
  }
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 2, "executorInfo");
  std::string containerName = text(args, 3, "containerName");
  std::string containerWorkDirectory = text(args, 4, "containerWorkDirectory");
  std::string mappedSandboxDirectory = text(args, 5, "mappedSandboxDirectory");

  // The environment map: one entry (key = 1, value = 2) per field 6.
  Option<std::map<std::string, std::string>> environment = None();
  if (args.find(6) != nullptr) {
    std::map<std::string, std::string> map;
    for (const Span& span : args.all(6)) {
      mesos::Parameter entry; // The same two string fields as a map entry.
      parseMessage(span, &entry, "env");
      map[entry.key()] = entry.value();
    }
    environment = std::move(map);
  }

  return [hook, leases, taskInfo, executorInfo, containerName = std::move(containerName), containerWorkDirectory = std::move(containerWorkDirectory), mappedSandboxDirectory = std::move(mappedSandboxDirectory), environment = std::move(environment)]() {
    return fromFuture<DockerTaskExecutorPrepareInfo>(hook->slavePreLaunchDockerTaskExecutorDecorator(
        *taskInfo, *executorInfo, containerName, containerWorkDirectory, mappedSandboxDirectory, environment));
  };
}

Invoke prepare::slavePostFetchHook(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* containerId = message<mesos::ContainerID>(*leases, args, 1, "containerId");
  std::string directory = text(args, 2, "directory");
  return [hook, leases, containerId, directory = std::move(directory)]() { return fromTry(hook->slavePostFetchHook(*containerId, directory)); };
}

Invoke prepare::slaveRemoveExecutorHook(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* frameworkInfo = message<mesos::FrameworkInfo>(*leases, args, 1, "frameworkInfo");
  auto* executorInfo = message<mesos::ExecutorInfo>(*leases, args, 2, "executorInfo");
  return [hook, leases, frameworkInfo, executorInfo]() { return fromTry(hook->slaveRemoveExecutorHook(*frameworkInfo, *executorInfo)); };
}

Invoke prepare::slaveTaskStatusDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* frameworkId = message<mesos::FrameworkID>(*leases, args, 1, "frameworkId");
  auto* status = message<mesos::TaskStatus>(*leases, args, 2, "status");
  return [hook, leases, frameworkId, status]() {
    return fromResult<mesos::TaskStatus>(
        hook->slaveTaskStatusDecorator(*frameworkId, *status), serializeMessage<mesos::TaskStatus>);
  };
}

Invoke prepare::slaveResourcesDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 1, "slaveInfo");
  return [hook, leases, slaveInfo]() { return fromResult<Resources>(hook->slaveResourcesDecorator(*slaveInfo), serializeResources); };
}

Invoke prepare::slaveAttributesDecorator(mesos::Hook* hook, const Fields& args)
{
  auto leases = std::make_shared<CallLeases>();
  auto* slaveInfo = message<mesos::SlaveInfo>(*leases, args, 1, "slaveInfo");
  return [hook, leases, slaveInfo]() { return fromResult<Attributes>(hook->slaveAttributesDecorator(*slaveInfo), serializeAttributes); };
}


Outcome guardedInvoke(const Invoke& invoke)
{
  try {
    return invoke();
  } catch (const std::exception& e) {
    Outcome out = Outcome::of(Outcome::EXCEPTION, e.what());
    out.type = demangle(typeid(e).name());
    return out;
  } catch (...) {
    Outcome out = Outcome::of(Outcome::EXCEPTION, "a non-standard C++ exception");
    out.type = "unknown";
    return out;
  }
}


Outcome invokeHoldingLock(const Invoke& invoke, const std::shared_ptr<LogCapture>& capture)
{
  Outcome outcome;
  {
    ScopedCapture scope(capture);
    outcome = guardedInvoke(invoke);
  }
  hookLock().release();
  return outcome;
}


#define MESOS_MODULES_HOOK_SITE(method, returns, result, ...) \
  const CallSite sites::method = makeCallSite(#method, {__VA_ARGS__});
MESOS_MODULES_HOOK_METHODS(MESOS_MODULES_HOOK_SITE)
#undef MESOS_MODULES_HOOK_SITE


const HookMethod* hookMethod(size_t index)
{
  static const HookMethod methods[] = {
#define MESOS_MODULES_HOOK_ENTRY(method, ...) {#method, &prepare::method, &sites::method},
    MESOS_MODULES_HOOK_METHODS(MESOS_MODULES_HOOK_ENTRY)
#undef MESOS_MODULES_HOOK_ENTRY
  };
  return index < sizeof(methods) / sizeof(methods[0]) ? &methods[index] : nullptr;
}

} // namespace mesos_modules
