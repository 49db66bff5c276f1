// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_OWNED_HPP__
#define __PROCESS_OWNED_HPP__

#include <atomic>
#include <cstddef>
#include <memory>

#include <glog/logging.h>

namespace process {

template <typename T>
class Shared;


// A pointer with a single owner: copies of an Owned refer to the same
// object, which is deleted with the last copy. share() turns the
// ownership into a Shared (read-only) pointer, release() into a raw one;
// after either, every copy is unusable ("already been shared").
template <typename T>
class Owned
{
public:
  Owned() {}

  explicit Owned(T* t)
  {
    if (t != nullptr) {
      data = std::make_shared<Data>(t);
    }
  }

  /*implicit*/ Owned(std::nullptr_t) : Owned(static_cast<T*>(nullptr)) {}

  bool operator==(const Owned<T>& that) const { return data == that.data; }
  bool operator<(const Owned<T>& that) const { return data < that.data; }

  T& operator*() const { return *CHECK_NOTNULL(get()); }
  T* operator->() const { return CHECK_NOTNULL(get()); }

  T* get() const
  {
    if (data == nullptr) {
      return nullptr;
    }
    T* t = data->t.load();
    CHECK(t != static_cast<T*>(nullptr))
      << "This owned pointer has already been shared";
    return t;
  }

  void reset() { data.reset(); }

  void reset(T* t)
  {
    if (t == nullptr) {
      data.reset();
    } else {
      data = std::make_shared<Data>(t);
    }
  }

  void swap(Owned<T>& that) { data.swap(that.data); }

  // Gives the object to a Shared (include <process/shared.hpp>); this
  // Owned is reset. Returns an empty
  // Shared if the ownership was already given away.
  Shared<T> share()
  {
    T* t = take();
    return Shared<T>(t);
  }

  // Gives the object to the caller; this Owned is reset. Returns nullptr
  // if the ownership was already given away.
  T* release() { return take(); }

private:
  struct Data
  {
    explicit Data(T* _t) : t(CHECK_NOTNULL(_t)) {}
    ~Data() { delete t.load(); }

    std::atomic<T*> t;
  };

  T* take()
  {
    if (data == nullptr) {
      return nullptr;
    }
    T* t = data->t.exchange(nullptr);
    if (t != nullptr) {
      data.reset();
    }
    return t;
  }

  std::shared_ptr<Data> data;
};

} // namespace process {

#endif // __PROCESS_OWNED_HPP__
