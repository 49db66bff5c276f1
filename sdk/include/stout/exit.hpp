// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_EXIT_HPP__
#define __STOUT_EXIT_HPP__

#include <stdlib.h>
#include <unistd.h>

#include <ostream>

#include <glog/logging.h>
#include <glog/raw_logging.h>

#include <stout/attributes.hpp>

// EXIT(status) << "message": logs "EXIT with status <status>: message"
// through glog (INFO for EXIT_SUCCESS, ERROR otherwise; no stack trace)
// and then calls exit(status).
#define EXIT(status) __Exit(__FILE__, __LINE__, status).stream()

// Async-signal-safe variant: RAW_LOG the printf-style message, _exit().
#define SAFE_EXIT(status, fmt, ...)                                        \
  do {                                                                     \
    if (status) {                                                          \
      RAW_LOG(ERROR, "EXIT with status %d: " fmt, status, ##__VA_ARGS__);  \
    } else {                                                               \
      RAW_LOG(INFO, "EXIT with status %d: " fmt, status, ##__VA_ARGS__);   \
    }                                                                      \
    ::_exit(status);                                                       \
  } while (0)


struct __Exit
{
  __Exit(const char* file, int line, int _status)
    : status(_status),
      message(
          file,
          line,
          _status == EXIT_SUCCESS ? google::GLOG_INFO : google::GLOG_ERROR)
  {
    stream() << "EXIT with status " << _status << ": ";
  }

  STOUT_NORETURN ~__Exit()
  {
    message.Flush();
    exit(status);
  }

  std::ostream& stream() { return message.stream(); }

  const int status;
  google::LogMessage message;
};

#endif // __STOUT_EXIT_HPP__
