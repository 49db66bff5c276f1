// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_STRINGIFY_HPP__
#define __STOUT_STRINGIFY_HPP__

#include <iostream>
#include <list>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/set.hpp>

// stringify(x): the text `operator<<` produces for x. Aborts with
// "Failed to stringify!" if the stream ends up in a failed state.
template <typename T>
std::string stringify(const T& t)
{
  std::ostringstream out;
  out << t;
  if (!out.good()) {
    ABORT("Failed to stringify!");
  }
  return out.str();
}


// Strings are returned as they are.
inline std::string stringify(const std::string& str)
{
  return str;
}


// Booleans print as "true" / "false" (not 1 / 0).
inline std::string stringify(bool b)
{
  return b ? "true" : "false";
}


// An Error prints as its message.
inline std::string stringify(const Error& error)
{
  return error.message;
}


// Container overloads are declared up front so that nested containers
// (e.g. a vector of maps) find each other.
template <typename T> std::string stringify(const std::vector<T>& values);
template <typename T> std::string stringify(const std::list<T>& values);
template <typename T> std::string stringify(const std::set<T>& values);
template <typename T, typename H, typename Eq>
std::string stringify(const std::unordered_set<T, H, Eq>& values);
template <typename K, typename V>
std::string stringify(const std::map<K, V>& values);
template <typename K, typename V, typename H, typename Eq>
std::string stringify(const std::unordered_map<K, V, H, Eq>& values);
template <typename T, typename H, typename Eq>
std::string stringify(const hashset<T, H, Eq>& values);
template <typename K, typename V, typename H, typename Eq>
std::string stringify(const hashmap<K, V, H, Eq>& values);


namespace stout_internal {

// Joins stringified elements as "<open> a, b, c <close>".
template <typename Iterator, typename Print>
std::string stringifyRange(
    Iterator begin,
    Iterator end,
    const char* open,
    const char* close,
    Print print)
{
  std::string text = open;
  text += " ";
  bool first = true;
  for (Iterator it = begin; it != end; ++it) {
    if (!first) {
      text += ", ";
    }
    first = false;
    text += print(*it);
  }
  text += " ";
  text += close;
  return text;
}

} // namespace stout_internal {


// Sequences print as "[ a, b ]", sets as "{ a, b }" and maps as
// "{ k1: v1, k2: v2 }", with elements stringified recursively.
template <typename T>
std::string stringify(const std::vector<T>& values)
{
  return stout_internal::stringifyRange(
      values.begin(), values.end(), "[", "]",
      [](const T& v) { return stringify(v); });
}


template <typename T>
std::string stringify(const std::list<T>& values)
{
  return stout_internal::stringifyRange(
      values.begin(), values.end(), "[", "]",
      [](const T& v) { return stringify(v); });
}


template <typename T>
std::string stringify(const std::set<T>& values)
{
  return stout_internal::stringifyRange(
      values.begin(), values.end(), "{", "}",
      [](const T& v) { return stringify(v); });
}


template <typename T, typename H, typename Eq>
std::string stringify(const std::unordered_set<T, H, Eq>& values)
{
  return stout_internal::stringifyRange(
      values.begin(), values.end(), "{", "}",
      [](const T& v) { return stringify(v); });
}


template <typename K, typename V>
std::string stringify(const std::map<K, V>& values)
{
  return stout_internal::stringifyRange(
      values.begin(), values.end(), "{", "}",
      [](const std::pair<const K, V>& kv) {
        return stringify(kv.first) + ": " + stringify(kv.second);
      });
}


template <typename K, typename V, typename H, typename Eq>
std::string stringify(const std::unordered_map<K, V, H, Eq>& values)
{
  return stout_internal::stringifyRange(
      values.begin(), values.end(), "{", "}",
      [](const std::pair<const K, V>& kv) {
        return stringify(kv.first) + ": " + stringify(kv.second);
      });
}


// stout's hash containers print like their std bases (in hash order).
template <typename T, typename H, typename Eq>
std::string stringify(const hashset<T, H, Eq>& values)
{
  return stringify(static_cast<const std::unordered_set<T, H, Eq>&>(values));
}


template <typename K, typename V, typename H, typename Eq>
std::string stringify(const hashmap<K, V, H, Eq>& values)
{
  return stringify(
      static_cast<const std::unordered_map<K, V, H, Eq>&>(values));
}

#endif // __STOUT_STRINGIFY_HPP__
