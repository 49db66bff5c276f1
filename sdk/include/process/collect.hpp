// Mesos module SDK: clean-room libprocess compatibility header.
//
// collect(futures): all the values, once every future is ready; fails as
//   soon as one fails ("Collect failed: <message>") or is discarded
//   ("Collect failed: future discarded").
// await(futures): the futures themselves, once every one has completed in
//   any way.
// For both: discarding the result discards every input (and then the
// result); an abandoned input abandons the result; an empty input gives a
// ready result at once.
#ifndef __PROCESS_COLLECT_HPP__
#define __PROCESS_COLLECT_HPP__

#include <functional>
#include <memory>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

#include <process/check.hpp>
#include <process/defer.hpp>
#include <process/future.hpp>
#include <process/id.hpp>
#include <process/owned.hpp>
#include <process/process.hpp>

#include <stout/lambda.hpp>
#include <stout/nothing.hpp>

namespace process {

template <typename T>
Future<std::vector<T>> collect(const std::vector<Future<T>>& futures);

template <typename... Ts>
Future<std::tuple<Ts...>> collect(const Future<Ts>&... futures);

template <typename T>
Future<std::vector<Future<T>>> await(const std::vector<Future<T>>& futures);

template <typename... Ts>
Future<std::tuple<Future<Ts>...>> await(const Future<Ts>&... futures);

template <typename T>
Future<Future<T>> await(const Future<T>& future);


namespace internal {

// Waits for a set of futures. `Outcome` decides, for each completed
// input, whether the whole is settled (see collect/await below). Input
// callbacks may run concurrently on any thread, so all state is guarded.
template <typename T, typename R>
class Gather : public std::enable_shared_from_this<Gather<T, R>>
{
public:
  // Called with the lock held for each completed input (counted in
  // `completed`); returns true once it has settled `promise` (which is
  // then completed outside the lock by `settle`).
  typedef std::function<bool(Gather&, const Future<T>&)> Outcome;

  Gather(const std::vector<Future<T>>& _futures, Outcome _outcome)
    : futures(_futures),
      outcome(std::move(_outcome)),
      promise(new Promise<R>()) {}

  Future<R> start()
  {
    Future<R> result = promise->future();
    std::weak_ptr<Gather> weak = this->shared_from_this();

    result.onDiscard([weak]() {
      if (std::shared_ptr<Gather> self = weak.lock()) {
        self->discarded();
      }
    });

    std::shared_ptr<Gather> self = this->shared_from_this();
    for (const Future<T>& future : std::vector<Future<T>>(futures)) {
      future
        .onAny([self](const Future<T>& f) { self->completed(f); })
        .onAbandoned([self]() { self->abandoned(); });
    }

    return result;
  }

  std::vector<Future<T>> futures;
  size_t ready = 0;

  // Set by an Outcome (under the lock) to settle the result.
  Option<R> value;
  Option<std::string> failure;

private:
  void completed(const Future<T>& future)
  {
    std::unique_ptr<Promise<R>> settled;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!promise) {
        return;
      }
      ++ready;
      if (!outcome(*this, future)) {
        return;
      }
      settled = std::move(promise);
      futures.clear(); // Breaks the cycle with inputs still pending.
    }

    if (failure.isSome()) {
      settled->fail(failure.get());
    } else {
      settled->set(std::move(value.get()));
    }
  }

  void abandoned()
  {
    std::unique_ptr<Promise<R>> dropped;
    {
      std::lock_guard<std::mutex> lock(mutex);
      dropped = std::move(promise);
      futures.clear();
    }
    // Destroying a pending promise abandons its future.
  }

  void discarded()
  {
    std::vector<Future<T>> inputs;
    std::unique_ptr<Promise<R>> settled;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!promise) {
        return;
      }
      inputs = futures;
      settled = std::move(promise);
      futures.clear();
    }

    for (Future<T>& input : inputs) {
      input.discard();
    }
    settled->discard();
  }

  std::mutex mutex;
  Outcome outcome;
  std::unique_ptr<Promise<R>> promise; // Reset once settled.
};

} // namespace internal {


template <typename T>
Future<std::vector<T>> collect(const std::vector<Future<T>>& futures)
{
  if (futures.empty()) {
    return std::vector<T>();
  }

  typedef internal::Gather<T, std::vector<T>> Gather;

  auto outcome = [](Gather& gather, const Future<T>& future) {
    if (future.isFailed()) {
      gather.failure = "Collect failed: " + future.failure();
      return true;
    }
    if (future.isDiscarded()) {
      gather.failure = std::string("Collect failed: future discarded");
      return true;
    }
    if (gather.ready < gather.futures.size()) {
      return false;
    }
    std::vector<T> values;
    values.reserve(gather.futures.size());
    for (const Future<T>& f : gather.futures) {
      values.push_back(f.get());
    }
    gather.value = std::move(values);
    return true;
  };

  return std::make_shared<Gather>(futures, outcome)->start();
}


template <typename T>
Future<std::vector<Future<T>>> await(const std::vector<Future<T>>& futures)
{
  if (futures.empty()) {
    return futures;
  }

  typedef internal::Gather<T, std::vector<Future<T>>> Gather;

  auto outcome = [](Gather& gather, const Future<T>&) {
    if (gather.ready < gather.futures.size()) {
      return false;
    }
    gather.value = gather.futures;
    return true;
  };

  return std::make_shared<Gather>(futures, outcome)->start();
}


template <typename... Ts>
Future<std::tuple<Ts...>> collect(const Future<Ts>&... futures)
{
  std::vector<Future<Nothing>> wrappers = {
    futures.then([]() { return Nothing(); })...
  };

  return collect(wrappers).then(
      [futures...](const std::vector<Nothing>&) {
        return std::make_tuple(futures.get()...);
      });
}


template <typename... Ts>
Future<std::tuple<Future<Ts>...>> await(const Future<Ts>&... futures)
{
  std::vector<Future<Nothing>> wrappers = {
    futures.then([]() { return Nothing(); })...
  };

  return await(wrappers).then(
      [futures...](const std::vector<Future<Nothing>>&) {
        return std::make_tuple(futures...);
      });
}


template <typename T>
Future<Future<T>> await(const Future<T>& future)
{
  return await(std::vector<Future<T>>{future})
    .then([future](const std::vector<Future<T>>&) {
      return Future<Future<T>>(future);
    });
}

} // namespace process {

#endif // __PROCESS_COLLECT_HPP__
