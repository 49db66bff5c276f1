// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_ABORT_HPP__
#define __STOUT_ABORT_HPP__

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>

#include <stout/attributes.hpp>

#define STOUT_ABORT_STRINGIZE_(x) #x
#define STOUT_ABORT_STRINGIZE(x) STOUT_ABORT_STRINGIZE_(x)

// Every abort message starts with "ABORT: (<file>:<line>): ".
#define _ABORT_PREFIX \
  "ABORT: (" __FILE__ ":" STOUT_ABORT_STRINGIZE(__LINE__) "): "

// ABORT(message): writes the prefix, the message and a newline to stderr
// using only write(2) (async-signal-safe), then calls abort().
#define ABORT(...) _Abort(_ABORT_PREFIX, __VA_ARGS__)


namespace stout_internal {

inline void abortWrite(const char* text, size_t length)
{
  while (length > 0) {
    ssize_t written = ::write(STDERR_FILENO, text, length);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return; // Nothing better to do while aborting.
    }
    text += written;
    length -= static_cast<size_t>(written);
  }
}

} // namespace stout_internal {


STOUT_NORETURN inline void _Abort(const char* prefix, const char* message)
{
  stout_internal::abortWrite(prefix, strlen(prefix));
  if (message != nullptr) {
    stout_internal::abortWrite(message, strlen(message));
  }
  stout_internal::abortWrite("\n", 1);
  abort();
}


STOUT_NORETURN inline void _Abort(const char* prefix, const std::string& message)
{
  _Abort(prefix, message.c_str());
}

#endif // __STOUT_ABORT_HPP__
