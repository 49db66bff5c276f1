// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_ERROR_BASE_HPP__
#define __STOUT_ERROR_BASE_HPP__

#include <errno.h>

#include <ostream>
#include <string>

#include <stout/os/strerror.hpp>

// An error message, used to build an errored Try or Result:
//   Try<int> t = Error("bad input");
class Error
{
public:
  explicit Error(const std::string& _message) : message(_message) {}

  bool operator==(const Error& that) const { return message == that.message; }

  const std::string message;
};


// An Error whose message is taken from an errno value:
//   ErrnoError()            -> strerror(errno)
//   ErrnoError(code)        -> strerror(code)
//   ErrnoError(msg)         -> "msg: " + strerror(errno)
//   ErrnoError(code, msg)   -> "msg: " + strerror(code)
// The code is kept in `code`.
class ErrnoError : public Error
{
public:
  ErrnoError() : ErrnoError(errno) {}

  explicit ErrnoError(int _code)
    : Error(os::strerror(_code)), code(_code) {}

  explicit ErrnoError(const std::string& prefix)
    : ErrnoError(errno, prefix) {}

  ErrnoError(int _code, const std::string& prefix)
    : Error(prefix + ": " + os::strerror(_code)), code(_code) {}

  const int code;
};


inline std::ostream& operator<<(std::ostream& stream, const Error& error)
{
  return stream << error.message;
}

#endif // __STOUT_ERROR_BASE_HPP__
