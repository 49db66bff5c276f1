// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_HASHSET_HPP__
#define __STOUT_HASHSET_HPP__

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <set>
#include <type_traits>
#include <unordered_set>
#include <utility>

#include <stout/foreach.hpp>

// Hash for enum (class) keys, usable where std::hash lacks one.
struct EnumClassHash
{
  template <typename T>
  std::size_t operator()(T t) const
  {
    return static_cast<std::size_t>(t);
  }
};


namespace stout_internal {

// The object an element designates: the element itself, or what a
// (smart) pointer element points to.
template <typename T>
const T* pointee(const T& t) { return &t; }

template <typename T>
const T* pointee(T* const& t) { return t; }

template <typename T>
const T* pointee(const std::shared_ptr<T>& t) { return t.get(); }

template <typename T>
const T* pointee(const std::unique_ptr<T>& t) { return t.get(); }

} // namespace stout_internal {


// std::unordered_set with stout's additions: contains(), exists(),
// construction from a std::set, and the set operators | |= - -=.
template <typename Elem,
          typename Hash = typename std::conditional<
            std::is_enum<Elem>::value,
            EnumClassHash,
            std::hash<Elem>>::type,
          typename Equal = std::equal_to<Elem>>
class hashset : public std::unordered_set<Elem, Hash, Equal>
{
  using Base = std::unordered_set<Elem, Hash, Equal>;

public:
  // A shared empty set.
  static const hashset<Elem, Hash, Equal>& EMPTY;

  hashset() {}

  hashset(const std::set<Elem>& set) : Base(set.begin(), set.end()) {}

  hashset(std::set<Elem>&& set) : Base(set.begin(), set.end()) {}

  hashset(std::initializer_list<Elem> list) : Base(list) {}

  bool contains(const Elem& elem) const { return Base::count(elem) > 0; }

  // Whether some element (or what it points to) returns `r` from
  // `method`, resp. has `member` equal to `r`.
  template <typename R, typename T>
  bool exists(R (T::*method)(), R r) const
  {
    for (const Elem& elem : *this) {
      const T* t = stout_internal::pointee(elem);
      if ((const_cast<T*>(t)->*method)() == r) {
        return true;
      }
    }
    return false;
  }

  template <typename R, typename T>
  bool exists(R (T::*member), R r) const
  {
    for (const Elem& elem : *this) {
      const T* t = stout_internal::pointee(elem);
      if (t->*member == r) {
        return true;
      }
    }
    return false;
  }
};


template <typename Elem, typename Hash, typename Equal>
const hashset<Elem, Hash, Equal>& hashset<Elem, Hash, Equal>::EMPTY =
  *new hashset<Elem, Hash, Equal>();


// Union.
template <typename Elem, typename Hash, typename Equal>
hashset<Elem, Hash, Equal>& operator|=(
    hashset<Elem, Hash, Equal>& left,
    const hashset<Elem, Hash, Equal>& right)
{
  left.insert(right.begin(), right.end());
  return left;
}


template <typename Elem, typename Hash, typename Equal>
hashset<Elem, Hash, Equal> operator|(
    const hashset<Elem, Hash, Equal>& left,
    const hashset<Elem, Hash, Equal>& right)
{
  hashset<Elem, Hash, Equal> result = left;
  return result |= right;
}


// Difference.
template <typename Elem, typename Hash, typename Equal>
hashset<Elem, Hash, Equal>& operator-=(
    hashset<Elem, Hash, Equal>& left,
    const hashset<Elem, Hash, Equal>& right)
{
  for (const Elem& elem : right) {
    left.erase(elem);
  }
  return left;
}


template <typename Elem, typename Hash, typename Equal>
hashset<Elem, Hash, Equal> operator-(
    const hashset<Elem, Hash, Equal>& left,
    const hashset<Elem, Hash, Equal>& right)
{
  hashset<Elem, Hash, Equal> result = left;
  return result -= right;
}

#endif // __STOUT_HASHSET_HPP__
