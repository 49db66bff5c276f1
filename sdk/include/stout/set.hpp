// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_SET_HPP__
#define __STOUT_SET_HPP__

#include <algorithm>
#include <iterator>
#include <set>

// Set algebra on std::set: union (|), adding one element (+),
// intersection (&) and difference (-).
template <typename T>
std::set<T> operator|(const std::set<T>& left, const std::set<T>& right)
{
  std::set<T> result = left;
  result.insert(right.begin(), right.end());
  return result;
}


template <typename T>
std::set<T> operator+(const std::set<T>& left, const T& t)
{
  std::set<T> result = left;
  result.insert(t);
  return result;
}


template <typename T>
std::set<T> operator&(const std::set<T>& left, const std::set<T>& right)
{
  std::set<T> result;
  std::set_intersection(
      left.begin(), left.end(), right.begin(), right.end(),
      std::inserter(result, result.end()));
  return result;
}


template <typename T>
std::set<T> operator-(const std::set<T>& left, const std::set<T>& right)
{
  std::set<T> result;
  std::set_difference(
      left.begin(), left.end(), right.begin(), right.end(),
      std::inserter(result, result.end()));
  return result;
}

#endif // __STOUT_SET_HPP__
