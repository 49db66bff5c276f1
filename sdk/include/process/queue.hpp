// process::Queue<T> (Mesos 1.11.0 3rdparty/libprocess/include/process/queue.hpp):
// an unbounded queue whose get() returns a future. A put() completes the
// oldest pending get() if there is one, else keeps the element; a get()
// returns the oldest kept element at once, else a pending future. Discarding
// a pending get()'s future withdraws it (its promise is discarded), so a later
// put() goes to the next waiter. Copies share one queue; safe across threads.

#ifndef __PROCESS_QUEUE_HPP__
#define __PROCESS_QUEUE_HPP__

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <queue>
#include <utility>

#include <process/future.hpp>
#include <process/owned.hpp>

namespace process {

template <typename T>
class Queue
{
public:
  Queue() : data(std::make_shared<Data>()) {}

  void put(const T& t)
  {
    Owned<Promise<T>> waiter;
    {
      std::lock_guard<std::mutex> guard(data->mutex);
      if (data->waiters.empty()) {
        data->elements.push(t);
      } else {
        waiter = data->waiters.front();
        data->waiters.pop_front();
      }
    }
    // Completed outside the lock: callbacks may use the queue.
    if (waiter.get() != nullptr) {
      waiter->set(t);
    }
  }

  Future<T> get()
  {
    Future<T> future;
    {
      std::lock_guard<std::mutex> guard(data->mutex);
      if (!data->elements.empty()) {
        T t = std::move(data->elements.front());
        data->elements.pop();
        return Future<T>(std::move(t));
      }
      data->waiters.emplace_back(new Promise<T>());
      future = data->waiters.back()->future();
    }

    std::weak_ptr<Data> weak = data;
    future.onDiscard([weak, future]() {
      std::shared_ptr<Data> shared = weak.lock();
      if (!shared) {
        return;
      }
      Owned<Promise<T>> withdrawn;
      {
        std::lock_guard<std::mutex> guard(shared->mutex);
        for (auto it = shared->waiters.begin(); it != shared->waiters.end(); ++it) {
          if ((*it)->future() == future) {
            withdrawn = *it;
            shared->waiters.erase(it);
            break;
          }
        }
      }
      if (withdrawn.get() != nullptr) {
        withdrawn->discard();
      }
    });

    return future;
  }

  // The number of kept elements (not of pending gets).
  size_t size() const
  {
    std::lock_guard<std::mutex> guard(data->mutex);
    return data->elements.size();
  }

private:
  struct Data
  {
    mutable std::mutex mutex;
    std::deque<Owned<Promise<T>>> waiters;
    std::queue<T> elements;
  };

  std::shared_ptr<Data> data;
};

} // namespace process {

#endif // __PROCESS_QUEUE_HPP__
