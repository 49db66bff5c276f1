// Mesos module SDK: clean-room stout compatibility header.
//
// Only the token-pasting helper is provided; stout's boost-based
// repetition macros (REPEAT, ENUM_PARAMS, ...) are not.
#ifndef __STOUT_PREPROCESSOR_HPP__
#define __STOUT_PREPROCESSOR_HPP__

#define STOUT_PP_CAT_(a, b) a##b
#define STOUT_PP_CAT(a, b) STOUT_PP_CAT_(a, b)

#ifndef CAT
#define CAT(a, b) STOUT_PP_CAT(a, b)
#endif

#endif // __STOUT_PREPROCESSOR_HPP__
