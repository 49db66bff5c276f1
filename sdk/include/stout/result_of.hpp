// result_of (Mesos 1.11.0 3rdparty/stout/include/stout/result_of.hpp): on
// POSIX, stout names the standard trait in the global namespace, so that
// `result_of<F(Args...)>::type` is the type of calling F with Args (C++17
// still has std::result_of; it is deprecated there, removed in C++20).

#ifndef __STOUT_RESULT_OF_HPP__
#define __STOUT_RESULT_OF_HPP__

#include <type_traits>

using std::result_of;

#endif // __STOUT_RESULT_OF_HPP__
