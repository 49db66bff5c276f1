// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_SHELL_HPP__
#define __STOUT_OS_SHELL_HPP__

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>
#include <string>

#include <glog/logging.h>

#include <stout/error.hpp>
#include <stout/format.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

namespace os {

namespace Shell {

constexpr const char* name = "sh";
constexpr const char* arg0 = "sh";
constexpr const char* arg1 = "-c";

} // namespace Shell {


// Runs strings::format(fmt, t...) with `sh -c` and returns its stdout.
// A non-zero exit is "Failed to execute '<cmd>'; the command was either
// not found or exited with a non-zero exit status: <status>".
template <typename... T>
Try<std::string> shell(const std::string& fmt, const T&... t)
{
  const Try<std::string> command = strings::format(fmt, t...);
  if (command.isError()) {
    return Error(command.error());
  }

  FILE* file = ::popen(command->c_str(), "r");
  if (file == nullptr) {
    return Error("Failed to run '" + command.get() + "'");
  }

  std::ostringstream output;
  char line[1024];
  while (::fgets(line, sizeof(line), file) != nullptr) {
    output << line;
  }

  if (::ferror(file) != 0) {
    ::pclose(file);
    return Error("Error reading output of '" + command.get() + "'");
  }

  const int status = ::pclose(file);
  if (status == -1) {
    return Error("Failed to get status of '" + command.get() + "'");
  }

  if (WIFSIGNALED(status)) {
    return Error(
        "Running '" + command.get() + "' was interrupted by signal '" +
        ::strsignal(WTERMSIG(status)) + "'");
  }

  if (WEXITSTATUS(status) != EXIT_SUCCESS) {
    LOG(ERROR) << "Command '" << command.get()
               << "' failed; this is the output:\n" << output.str();
    return Error(
        "Failed to execute '" + command.get() + "'; the command was either "
        "not found or exited with a non-zero exit status: " +
        stringify(WEXITSTATUS(status)));
  }

  return output.str();
}


// Runs `command` with `sh -c` and returns its wait status, or None if
// it could not be started or waited for.
inline Option<int> system(const std::string& command)
{
  const pid_t pid = ::fork();
  if (pid == -1) {
    return None();
  }

  if (pid == 0) {
    ::execlp(
        Shell::name, Shell::arg0, Shell::arg1, command.c_str(),
        static_cast<char*>(nullptr));
    ::_exit(127);
  }

  int status;
  while (::waitpid(pid, &status, 0) == -1) {
    if (errno != EINTR) {
      return None();
    }
  }
  return status;
}

} // namespace os {

#endif // __STOUT_OS_SHELL_HPP__
