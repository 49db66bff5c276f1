// Mesos module SDK: clean-room stout compatibility header.
#ifndef __STOUT_OS_READ_HPP__
#define __STOUT_OS_READ_HPP__

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

#include <stout/os/int_fd.hpp>

namespace os {

using ::read;


// Reads up to `size` bytes from the current offset, retrying after
// EINTR. Fewer bytes mean end of file was reached; None means end of
// file before any byte.
inline Result<std::string> read(int_fd fd, size_t size)
{
  std::vector<char> buffer(size);
  size_t offset = 0;
  while (offset < size) {
    const ssize_t length = ::read(fd, buffer.data() + offset, size - offset);
    if (length < 0) {
      if (errno == EINTR) {
        continue;
      }
      return ErrnoError();
    }
    if (length == 0) {
      if (offset == 0) {
        return None();
      }
      return std::string(buffer.data(), offset);
    }
    offset += static_cast<size_t>(length);
  }
  return std::string(buffer.data(), size);
}


// The whole contents of the file at `path` (works for /proc files,
// whose size is not known in advance). Errors are the errno text, e.g.
// "No such file or directory".
inline Try<std::string> read(const std::string& path)
{
  FILE* file = ::fopen(path.c_str(), "r");
  if (file == nullptr) {
    return ErrnoError();
  }

  std::string result;
  char buffer[BUFSIZ];
  while (true) {
    const size_t count = ::fread(buffer, 1, sizeof(buffer), file);
    if (::ferror(file)) {
      ErrnoError error;
      ::fclose(file);
      return error;
    }
    result.append(buffer, count);
    if (count < sizeof(buffer)) {
      break;
    }
  }

  ::fclose(file);
  return result;
}

} // namespace os {

#endif // __STOUT_OS_READ_HPP__
