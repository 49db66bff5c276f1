// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_CHECK_HPP__
#define __STOUT_CHECK_HPP__

#include <ostream>
#include <sstream>
#include <string>
#include <utility>

#include <glog/logging.h>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/some.hpp>

template <typename T>
class Result;

template <typename T, typename E>
class Try;

// CHECK_SOME / CHECK_NONE / CHECK_ERROR: glog-fatal checks on the state of
// an Option, Try or Result. On failure the process dies through glog's
// fatal logging with "<CHECK_X>(<expression>): <what is wrong> " followed
// by anything streamed onto the macro, e.g.
//   CHECK_SOME(parsed) << "while reading flags";
// The "what is wrong" part is the Try/Result error message, or "is NONE",
// "is SOME", "is ERROR".
//
// CHECK_STATE(name, predicate, expression) is the shared building block;
// `predicate(expression)` returns None() when the check passes and an
// Error describing the problem otherwise.
#define CHECK_STATE(name, predicate, expression)                          \
  for (const Option<Error> stout_check_problem = predicate(expression);   \
       stout_check_problem.isSome();)                                     \
    ::stout_internal::CheckFailure(                                       \
        __FILE__, __LINE__, #name, #expression,                           \
        stout_check_problem.get()).stream()

#define CHECK_SOME(expression) \
  CHECK_STATE(CHECK_SOME, _check_some, expression)

#define CHECK_NONE(expression) \
  CHECK_STATE(CHECK_NONE, _check_none, expression)

#define CHECK_ERROR(expression) \
  CHECK_STATE(CHECK_ERROR, _check_error, expression)

// CHECK_NOTNONE(option): dies with "'<expression>' Must be SOME" when the
// Option is none, otherwise yields its value (an lvalue for lvalue input,
// moved out for rvalue input).
#define CHECK_NOTNONE(expression)                      \
  _check_not_none(                                     \
      __FILE__, __LINE__,                              \
      "'" #expression "' Must be SOME",                \
      (expression))

// CHECK_NOTERROR(try): dies with "'<expression>' Must be SOME: <error>"
// when the Try is an error, otherwise yields its value.
#define CHECK_NOTERROR(expression)                     \
  _check_not_error(                                    \
      __FILE__, __LINE__,                              \
      "'" #expression "' Must be SOME",                \
      (expression))

// Fatal unless `container.contains(key)` (resp. does not contain it).
#define CHECK_CONTAINS(container, key)                                   \
  if ((container).contains(key)) {} else                                 \
    google::LogMessageFatal(__FILE__, __LINE__).stream()                 \
      << "Check failed: " << #container << " does not contain " << (key)

#define CHECK_NOT_CONTAINS(container, key)                               \
  if (!(container).contains(key)) {} else                                \
    google::LogMessageFatal(__FILE__, __LINE__).stream()                 \
      << "Check failed: " << #container << " already contains " << (key)


namespace stout_internal {

// Collects the message of a failed CHECK_STATE; its destructor hands the
// whole text to glog as a FATAL message (which aborts the process).
class CheckFailure
{
public:
  CheckFailure(
      const char* file,
      int line,
      const char* name,
      const char* expression,
      const Error& problem)
    : file_(file), line_(line)
  {
    text << name << "(" << expression << "): " << problem.message << " ";
  }

  ~CheckFailure()
  {
    google::LogMessageFatal(file_.c_str(), line_).stream() << text.str();
  }

  std::ostream& stream() { return text; }

private:
  const std::string file_;
  const int line_;
  std::ostringstream text;
};


[[noreturn]] inline void checkFatal(
    const char* file, int line, const std::string& message)
{
  google::LogMessageFatal(file, line).stream() << message;
  abort(); // Not reached: the fatal message aborts in its destructor.
}

} // namespace stout_internal {


// Predicates used by CHECK_SOME / CHECK_NONE / CHECK_ERROR.

template <typename T>
Option<Error> _check_some(const Option<T>& o)
{
  if (o.isNone()) {
    return Error("is NONE");
  }
  return None();
}


template <typename T, typename E>
Option<Error> _check_some(const Try<T, E>& t)
{
  if (t.isError()) {
    return Error(Error(t.error()).message);
  }
  return None();
}


template <typename T>
Option<Error> _check_some(const Result<T>& r)
{
  if (r.isError()) {
    return Error(r.error());
  }
  if (r.isNone()) {
    return Error("is NONE");
  }
  return None();
}


template <typename T>
Option<Error> _check_none(const Option<T>& o)
{
  if (o.isSome()) {
    return Error("is SOME");
  }
  return None();
}


template <typename T>
Option<Error> _check_none(const Result<T>& r)
{
  if (r.isError()) {
    return Error("is ERROR");
  }
  if (r.isSome()) {
    return Error("is SOME");
  }
  return None();
}


template <typename T, typename E>
Option<Error> _check_error(const Try<T, E>& t)
{
  if (t.isSome()) {
    return Error("is SOME");
  }
  return None();
}


template <typename T>
Option<Error> _check_error(const Result<T>& r)
{
  if (r.isNone()) {
    return Error("is NONE");
  }
  if (r.isSome()) {
    return Error("is SOME");
  }
  return None();
}


// Helpers behind CHECK_NOTNONE.

template <typename T>
T& _check_not_none(const char* file, int line, const char* message, Option<T>& o)
{
  if (o.isNone()) {
    stout_internal::checkFatal(file, line, message);
  }
  return o.get();
}


template <typename T>
const T& _check_not_none(
    const char* file, int line, const char* message, const Option<T>& o)
{
  if (o.isNone()) {
    stout_internal::checkFatal(file, line, message);
  }
  return o.get();
}


template <typename T>
T&& _check_not_none(
    const char* file, int line, const char* message, Option<T>&& o)
{
  if (o.isNone()) {
    stout_internal::checkFatal(file, line, message);
  }
  return std::move(o).get();
}


// Helpers behind CHECK_NOTERROR.

template <typename T, typename E>
T& _check_not_error(
    const char* file, int line, const char* message, Try<T, E>& t)
{
  if (t.isError()) {
    stout_internal::checkFatal(
        file, line, std::string(message) + ": " + Error(t.error()).message);
  }
  return t.get();
}


template <typename T, typename E>
const T& _check_not_error(
    const char* file, int line, const char* message, const Try<T, E>& t)
{
  if (t.isError()) {
    stout_internal::checkFatal(
        file, line, std::string(message) + ": " + Error(t.error()).message);
  }
  return t.get();
}


template <typename T, typename E>
T&& _check_not_error(
    const char* file, int line, const char* message, Try<T, E>&& t)
{
  if (t.isError()) {
    stout_internal::checkFatal(
        file, line, std::string(message) + ": " + Error(t.error()).message);
  }
  return std::move(t).get();
}

#endif // __STOUT_CHECK_HPP__
