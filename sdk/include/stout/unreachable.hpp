// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_UNREACHABLE_HPP__
#define __STOUT_UNREACHABLE_HPP__

#include <stdlib.h>

#include <iostream>

#include <stout/attributes.hpp>

// UNREACHABLE(): prints "Reached unreachable statement at <file>:<line>"
// to stderr and aborts.
#define UNREACHABLE() Unreachable(__FILE__, __LINE__)

STOUT_NORETURN inline void Unreachable(const char* file, int line)
{
  std::cerr << "Reached unreachable statement at " << file << ':' << line
            << std::endl;
  abort();
}

#endif // __STOUT_UNREACHABLE_HPP__
