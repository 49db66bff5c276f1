// The child end of the child room's frames (lib/child/frame.ts): a 12-byte
// header (payload length, request id, tag; unsigned 32-bit little-endian)
// followed by the payload. Requests arrive on one descriptor, answers leave
// on another, each in one writev. Header-only; no Mesos logic.

#ifndef MESOS_MODULES_CHILD_FRAME_H
#define MESOS_MODULES_CHILD_FRAME_H

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

namespace mesos_modules {
namespace child {

constexpr size_t kFrameHeader = 12;
constexpr uint32_t kMaxPayload = 256u * 1024u * 1024u;

// Answer tags: 0 is success, anything else the protocol's failure.
constexpr uint32_t kAnswerOk = 0;
constexpr uint32_t kAnswerFailed = 1;

struct Frame
{
  uint32_t id = 0;
  uint32_t tag = 0;
  std::string payload;
};

inline uint32_t readU32(const unsigned char* p)
{
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

inline void writeU32(unsigned char* p, uint32_t value)
{
  p[0] = static_cast<unsigned char>(value);
  p[1] = static_cast<unsigned char>(value >> 8);
  p[2] = static_cast<unsigned char>(value >> 16);
  p[3] = static_cast<unsigned char>(value >> 24);
}

// Reads exactly `size` bytes; false at end of input or on an error.
inline bool readFully(int fd, void* into, size_t size)
{
  char* p = static_cast<char*>(into);
  while (size > 0) {
    ssize_t n = read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The next frame; false when the parent closed the pipe or announced a
// payload larger than kMaxPayload.
inline bool readFrame(int fd, Frame* frame)
{
  unsigned char header[kFrameHeader];
  if (!readFully(fd, header, sizeof(header))) return false;
  uint32_t length = readU32(header);
  if (length > kMaxPayload) return false;
  frame->id = readU32(header + 4);
  frame->tag = readU32(header + 8);
  frame->payload.resize(length);
  return length == 0 || readFully(fd, &frame->payload[0], length);
}

// Writes one frame (header and payload in one writev, continued if the pipe
// takes part of it); false if the parent is gone.
inline bool writeFrame(int fd, uint32_t id, uint32_t tag, const std::string& payload)
{
  unsigned char header[kFrameHeader];
  writeU32(header, static_cast<uint32_t>(payload.size()));
  writeU32(header + 4, id);
  writeU32(header + 8, tag);
  size_t done = 0;
  const size_t total = sizeof(header) + payload.size();
  while (done < total) {
    struct iovec parts[2];
    int count = 0;
    if (done < sizeof(header)) {
      parts[count++] = {header + done, sizeof(header) - done};
      parts[count++] = {const_cast<char*>(payload.data()), payload.size()};
    } else {
      parts[count++] = {const_cast<char*>(payload.data()) + (done - sizeof(header)), total - done};
    }
    ssize_t n = writev(fd, parts, count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// What a child of the room does first: it dies with the parent that started
// it (SIGKILL when that thread or process ends, so a hook stuck in a loop is
// not left running as an orphan), and the frame pipes move from fd 3 and 4
// to private descriptors that module code and the processes it starts do not
// inherit (a grandchild holding the answers pipe would hide the child's
// end). False when fd 3 or 4 is not there (not started by lib/child/).
inline bool adoptFramePipes(int* requests, int* answers)
{
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(0); // The parent ended before the line above.
  *requests = fcntl(3, F_DUPFD_CLOEXEC, 10);
  *answers = fcntl(4, F_DUPFD_CLOEXEC, 10);
  if (*requests < 0 || *answers < 0) return false;
  close(3);
  close(4);
  return true;
}

// A payload of strings, each a 32-bit little-endian byte length and its
// bytes (lib/child/frame.ts encodeStrings); false if it does not parse.
inline bool splitStrings(const std::string& payload, std::vector<std::string>* out)
{
  size_t at = 0;
  while (at < payload.size()) {
    if (payload.size() - at < 4) return false;
    uint32_t length = readU32(reinterpret_cast<const unsigned char*>(payload.data() + at));
    at += 4;
    if (payload.size() - at < length) return false;
    out->emplace_back(payload, at, length);
    at += length;
  }
  return true;
}

} // namespace child
} // namespace mesos_modules

#endif // MESOS_MODULES_CHILD_FRAME_H
