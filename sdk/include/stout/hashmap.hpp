// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_HASHMAP_HPP__
#define __STOUT_HASHMAP_HPP__

#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <iterator>
#include <map>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <stout/foreach.hpp>
#include <stout/hashset.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>

// std::unordered_map with stout's additions: contains(), contains_value(),
// put() (insert or replace), get() (an Option), keys(), values(), and
// construction from a std::map or an initializer list.
template <typename Key,
          typename Value,
          typename Hash = typename std::conditional<
            std::is_enum<Key>::value,
            EnumClassHash,
            std::hash<Key>>::type,
          typename Equal = std::equal_to<Key>>
class hashmap : public std::unordered_map<Key, Value, Hash, Equal>
{
  using Base = std::unordered_map<Key, Value, Hash, Equal>;

public:
  hashmap() {}

  hashmap(const std::map<Key, Value>& map) : Base(map.begin(), map.end()) {}

  hashmap(std::map<Key, Value>&& map)
    : Base(std::make_move_iterator(map.begin()),
           std::make_move_iterator(map.end())) {}

  // For duplicate keys the first binding is kept (as with emplace).
  hashmap(std::initializer_list<std::pair<Key, Value>> list)
  {
    Base::reserve(list.size());
    for (const std::pair<Key, Value>& entry : list) {
      Base::emplace(entry.first, entry.second);
    }
  }

  bool contains(const Key& key) const { return Base::count(key) > 0; }

  bool contains_value(const Value& value) const
  {
    for (const auto& entry : *this) {
      if (entry.second == value) {
        return true;
      }
    }
    return false;
  }

  // Binds `key` to `value`, replacing any earlier binding.
  void put(const Key& key, Value&& value)
  {
    Base::erase(key);
    Base::emplace(key, std::move(value));
  }

  void put(const Key& key, const Value& value)
  {
    Base::erase(key);
    Base::emplace(key, value);
  }

  Option<Value> get(const Key& key) const
  {
    auto it = Base::find(key);
    if (it == Base::end()) {
      return None();
    }
    return it->second;
  }

  hashset<Key> keys() const
  {
    hashset<Key> result;
    for (const auto& entry : *this) {
      result.insert(entry.first);
    }
    return result;
  }

  std::vector<Value> values() const
  {
    std::vector<Value> result;
    result.reserve(Base::size());
    for (const auto& entry : *this) {
      result.push_back(entry.second);
    }
    return result;
  }
};


// Printed as stringify(map) does: "{ k1: v1, k2: v2 }" (hash order).
template <typename K, typename V, typename H, typename E>
std::ostream& operator<<(std::ostream& stream, const hashmap<K, V, H, E>& map)
{
  return stream << stringify(map);
}

#endif // __STOUT_HASHMAP_HPP__
