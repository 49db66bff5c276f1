// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_UNIMPLEMENTED_HPP__
#define __STOUT_UNIMPLEMENTED_HPP__

#ifdef ENABLE_STATIC_UNIMPLEMENTED
#define UNIMPLEMENTED static_assert(false, "Unimplemented function");
#else

#include <stdlib.h>

#include <iostream>

#include <stout/attributes.hpp>

// UNIMPLEMENTED: prints "Reached unimplemented function '<function>' at
// <file>:<line>" and aborts.
#define UNIMPLEMENTED Unimplemented(__func__, __FILE__, __LINE__)

STOUT_NORETURN inline void Unimplemented(
    const char* function,
    const char* file,
    const int line)
{
  std::cerr << "Reached unimplemented function '" << function << "' at "
            << file << ':' << line << std::endl;
  abort();
}

#endif // ENABLE_STATIC_UNIMPLEMENTED

#endif // __STOUT_UNIMPLEMENTED_HPP__
