// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_MULTIMAP_HPP__
#define __STOUT_MULTIMAP_HPP__

#include <algorithm>
#include <initializer_list>
#include <list>
#include <map>
#include <set>
#include <utility>

// std::multimap with stout's helper names: put(), get() (all values of a
// key, in insertion order), keys(), remove() and contains().
template <typename K, typename V>
class Multimap : public std::multimap<K, V>
{
  using Base = std::multimap<K, V>;

public:
  Multimap() {}

  Multimap(std::initializer_list<std::pair<const K, V>> list) : Base(list) {}

  void put(const K& key, const V& value) { Base::emplace(key, value); }

  std::list<V> get(const K& key) const
  {
    std::list<V> values;
    auto range = Base::equal_range(key);
    for (auto it = range.first; it != range.second; ++it) {
      values.push_back(it->second);
    }
    return values;
  }

  std::set<K> keys() const
  {
    std::set<K> result;
    for (const auto& entry : *this) {
      result.insert(entry.first);
    }
    return result;
  }

  // Removes every value of `key`; true if there was one.
  bool remove(const K& key) { return Base::erase(key) > 0; }

  // Removes every `value` bound to `key`; true if there was one.
  bool remove(const K& key, const V& value)
  {
    bool removed = false;
    auto range = Base::equal_range(key);
    for (auto it = range.first; it != range.second;) {
      if (it->second == value) {
        it = Base::erase(it);
        removed = true;
      } else {
        ++it;
      }
    }
    return removed;
  }

  bool contains(const K& key) const { return Base::count(key) > 0; }

  bool contains(const K& key, const V& value) const
  {
    const std::list<V> values = get(key);
    return std::find(values.begin(), values.end(), value) != values.end();
  }
};

#endif // __STOUT_MULTIMAP_HPP__
