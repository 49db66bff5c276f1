// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_REPRESENTATION_HPP__
#define __STOUT_REPRESENTATION_HPP__

#include <functional>

// A non-rebindable reference to a T, used to pick a different
// serialization for the same type (e.g. JSON::Protobuf(message)).
template <typename T>
struct Representation : std::reference_wrapper<const T>
{
  using std::reference_wrapper<const T>::reference_wrapper;

  explicit Representation(const T& t) : std::reference_wrapper<const T>(t) {}

  Representation& operator=(const Representation&) = delete;
  Representation& operator=(Representation&&) = delete;
};

#endif // __STOUT_REPRESENTATION_HPP__
