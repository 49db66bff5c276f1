// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_FOREACH_HPP__
#define __STOUT_FOREACH_HPP__

#include <tuple>
#include <utility>

#include <stout/preprocessor.hpp>

// foreach(ELEM, ELEMS): a range-based for, e.g.
//   foreach (const std::string& s, names) { ... }
#define foreach(ELEM, ELEMS) for (ELEM : ELEMS)


// Per-use hidden identifiers (made unique per source line).
#define STOUT_FOREACHPAIR_ID(name) \
  STOUT_PP_CAT(STOUT_PP_CAT(stout_foreachpair_, name), __LINE__)

// foreachpair(KEY, VALUE, ELEMS) walks a sequence of pairs (std::map,
// std::unordered_map, hashmap, ...) and binds the first and second member
// of each element to the KEY and VALUE declarations, e.g.
//   foreachpair (const std::string& key, int value, counts) { ... }
// KEY or VALUE may be `std::ignore`. `break` and `continue` in the body
// behave as in an ordinary loop.
//
// How it works: the body sits inside two single-pass `for` statements
// (one declares KEY, the other VALUE). On entering an element the
// `stopped` flag is raised; the inner loop's increment lowers it again,
// which only happens when the body finishes normally or `continue`s.
// A `break` leaves the flag raised and the outer loop stops before the
// next element.
#define foreachpair(KEY, VALUE, ELEMS)                                       \
  if (bool STOUT_FOREACHPAIR_ID(stopped) = false) {} else                    \
  for (auto&& STOUT_FOREACHPAIR_ID(elem) : ELEMS)                            \
    if (STOUT_FOREACHPAIR_ID(stopped)) break; else                           \
    if (bool STOUT_FOREACHPAIR_ID(keyed) =                                   \
          !(STOUT_FOREACHPAIR_ID(stopped) = true)) {} else                   \
    for (KEY = std::get<0>(std::forward<decltype(                            \
             STOUT_FOREACHPAIR_ID(elem))>(STOUT_FOREACHPAIR_ID(elem)));      \
         !STOUT_FOREACHPAIR_ID(keyed);                                       \
         STOUT_FOREACHPAIR_ID(keyed) = true)                                 \
      for (VALUE = std::get<1>(std::forward<decltype(                        \
               STOUT_FOREACHPAIR_ID(elem))>(STOUT_FOREACHPAIR_ID(elem)));    \
           STOUT_FOREACHPAIR_ID(stopped);                                    \
           STOUT_FOREACHPAIR_ID(stopped) = false)


#define foreachkey(KEY, ELEMS) foreachpair (KEY, std::ignore, ELEMS)


#define foreachvalue(VALUE, ELEMS) foreachpair (std::ignore, VALUE, ELEMS)

#endif // __STOUT_FOREACH_HPP__
