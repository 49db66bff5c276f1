// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_SHARED_HPP__
#define __PROCESS_SHARED_HPP__

#include <atomic>
#include <cstddef>
#include <memory>

#include <glog/logging.h>

#include <process/future.hpp>
#include <process/owned.hpp>

namespace process {

// A reference-counted pointer with read-only access. own() turns it back
// into an Owned once every other copy is gone.
template <typename T>
class Shared
{
public:
  Shared() {}

  explicit Shared(T* t)
  {
    if (t != nullptr) {
      data = std::make_shared<Data>(t);
    }
  }

  /*implicit*/ Shared(std::nullptr_t) : Shared(static_cast<T*>(nullptr)) {}

  bool operator==(const Shared<T>& that) const { return data == that.data; }
  bool operator<(const Shared<T>& that) const { return data < that.data; }

  const T& operator*() const { return *CHECK_NOTNULL(get()); }
  const T* operator->() const { return CHECK_NOTNULL(get()); }

  const T* get() const { return data == nullptr ? nullptr : data->t; }

  bool unique() const { return data.use_count() == 1; }

  void reset() { data.reset(); }

  void reset(T* t)
  {
    if (t == nullptr) {
      data.reset();
    } else {
      data = std::make_shared<Data>(t);
    }
  }

  void swap(Shared<T>& that) { data.swap(that.data); }

  // A future Owned of the object, ready once the last other Shared copy
  // is gone; this Shared is reset. Only one copy may ask: later ones get
  // the failure "Ownership has already been transferred". An empty Shared
  // gives an empty Owned at once.
  Future<Owned<T>> own()
  {
    if (data == nullptr) {
      return Owned<T>(nullptr);
    }

    bool expected = false;
    if (!data->owned.compare_exchange_strong(expected, true)) {
      return Failure("Ownership has already been transferred");
    }

    Future<Owned<T>> future = data->promise.future();
    data.reset();
    return future;
  }

private:
  struct Data
  {
    explicit Data(T* _t) : t(CHECK_NOTNULL(_t)), owned(false) {}

    ~Data()
    {
      if (owned.load()) {
        promise.set(Owned<T>(t));
      } else {
        delete t;
      }
    }

    T* t;
    std::atomic<bool> owned;
    Promise<Owned<T>> promise;
  };

  std::shared_ptr<Data> data;
};

} // namespace process {

#endif // __PROCESS_SHARED_HPP__
