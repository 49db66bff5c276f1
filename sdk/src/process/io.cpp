// Mesos module SDK: process::io.
//
// One poller thread (started with the first poll, detached, never
// stopped) runs poll(2) over the watched descriptors plus an eventfd used
// to wake it up when the set changes. Reads and writes are done right away
// on non-blocking descriptors and only wait (io::poll) when they would
// block; the longer operations (read to EOF, write all, redirect) are
// small state machines driven from the poll completions, so their
// callbacks never nest.

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/future.hpp>
#include <process/io.hpp>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

#include <stout/os/strerror.hpp>

namespace process {

namespace internal {

// Defined in runtime.cpp.
void startThread(std::function<void()> f);

namespace {

class Poller
{
public:
  static Poller* instance()
  {
    static Poller* poller = new Poller();
    return poller;
  }

  Future<short> poll(int fd, short events)
  {
    std::unique_ptr<Promise<short>> promise(new Promise<short>());
    Future<short> future = promise->future();

    uint64_t id;
    {
      std::lock_guard<std::mutex> lock(mutex);
      id = nextId++;
      watches.emplace(id, Watch{fd, events, std::move(promise)});
      if (!started) {
        started = true;
        startThread([this]() { run(); });
      }
    }
    wake();

    future.onDiscard([this, id]() { cancel(id); });
    return future;
  }

private:
  struct Watch
  {
    int fd;
    short events;
    std::unique_ptr<Promise<short>> promise;
  };

  Poller()
  {
    wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    PCHECK(wakeFd >= 0) << "Failed to create the I/O poller's eventfd";
  }

  void wake()
  {
    const uint64_t one = 1;
    ssize_t written;
    do {
      written = ::write(wakeFd, &one, sizeof(one));
    } while (written < 0 && errno == EINTR);
  }

  // Stops watching (a discarded poll).
  void cancel(uint64_t id)
  {
    std::unique_ptr<Promise<short>> promise;
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto it = watches.find(id);
      if (it == watches.end()) {
        return;
      }
      promise = std::move(it->second.promise);
      watches.erase(it);
    }
    wake();
    promise->discard();
  }

  void run()
  {
    std::vector<struct pollfd> fds;
    std::vector<uint64_t> ids;

    while (true) {
      fds.clear();
      ids.clear();
      fds.push_back({wakeFd, POLLIN, 0});
      ids.push_back(0);
      {
        std::lock_guard<std::mutex> lock(mutex);
        for (const auto& entry : watches) {
          short events = 0;
          if (entry.second.events & io::READ) {
            events |= POLLIN;
          }
          if (entry.second.events & io::WRITE) {
            events |= POLLOUT;
          }
          fds.push_back({entry.second.fd, events, 0});
          ids.push_back(entry.first);
        }
      }

      int count;
      do {
        count = ::poll(fds.data(), fds.size(), -1);
      } while (count < 0 && errno == EINTR);

      if (count < 0) {
        PLOG(ERROR) << "I/O poller: poll() failed";
        continue;
      }

      if (fds[0].revents != 0) {
        uint64_t value;
        while (::read(wakeFd, &value, sizeof(value)) > 0) {}
      }

      std::vector<std::pair<std::unique_ptr<Promise<short>>, short>> ready;
      {
        std::lock_guard<std::mutex> lock(mutex);
        for (size_t i = 1; i < fds.size(); ++i) {
          const short revents = fds[i].revents;
          if (revents == 0) {
            continue;
          }
          auto it = watches.find(ids[i]);
          if (it == watches.end()) {
            continue; // Cancelled meanwhile.
          }

          // Errors and hang-ups count as ready: the read or write that
          // follows reports them.
          const short trouble = POLLERR | POLLHUP | POLLNVAL;
          short result = 0;
          if ((it->second.events & io::READ) && (revents & (POLLIN | trouble))) {
            result |= io::READ;
          }
          if ((it->second.events & io::WRITE) &&
              (revents & (POLLOUT | trouble))) {
            result |= io::WRITE;
          }
          if (result != 0) {
            ready.emplace_back(std::move(it->second.promise), result);
            watches.erase(it);
          }
        }
      }

      // Callbacks run here, without the lock.
      for (auto& entry : ready) {
        entry.first->set(entry.second);
      }
    }
  }

  std::mutex mutex;
  std::map<uint64_t, Watch> watches;
  uint64_t nextId = 1;
  bool started = false;
  int wakeFd = -1;
};


Try<Nothing> setCloexec(int fd)
{
  const int flags = ::fcntl(fd, F_GETFD);
  if (flags == -1 || ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC) == -1) {
    return ErrnoError();
  }
  return Nothing();
}


// Duplicates `fd` for an operation that owns the copy: close-on-exec and
// non-blocking.
Try<int> duplicate(int fd)
{
  if (fd < 0) {
    return Error(os::strerror(EBADF));
  }

  const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) {
    return ErrnoError();
  }

  Try<Nothing> cloexec = setCloexec(copy);
  if (cloexec.isError()) {
    ::close(copy);
    return Error(
        "Failed to set close-on-exec on duplicated file descriptor: " +
        cloexec.error());
  }

  Try<Nothing> async = io::prepare_async(copy);
  if (async.isError()) {
    ::close(copy);
    return Error(
        "Failed to make duplicated file descriptor asynchronous: " +
        async.error());
  }

  return copy;
}


// One read or write (`Op`: ::read or ::write) on a non-blocking
// descriptor, waiting (poll for `events`) while it would block.
template <typename Data, ssize_t (*Op)(int, Data, size_t)>
Future<size_t> once(int fd, Data data, size_t size, short events)
{
  if (size == 0) {
    return static_cast<size_t>(0);
  }

  while (true) {
    const ssize_t length = Op(fd, data, size);
    if (length >= 0) {
      return static_cast<size_t>(length);
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      return io::poll(fd, events).then([fd, data, size, events]() {
        return once<Data, Op>(fd, data, size, events);
      });
    }
    return Failure(ErrnoError().message);
  }
}


// A multi-step operation producing a T: step() does as much as it can
// without blocking and either settles `promise` or waits for a poll, after
// which step() runs again (on the poller thread). Discarding the result
// discards the pending poll and then the result.
template <typename T>
class Operation : public std::enable_shared_from_this<Operation<T>>
{
public:
  virtual ~Operation() {}

  Future<T> start()
  {
    Future<T> future = promise.future();
    std::weak_ptr<Operation> weak = this->shared_from_this();
    future.onDiscard([weak]() {
      if (std::shared_ptr<Operation> self = weak.lock()) {
        self->discard();
      }
    });
    step();
    return future;
  }

protected:
  virtual void step() = 0;

  // Waits until `fd` is ready for `events`, then steps again.
  void await(int fd, short events)
  {
    Future<short> polling = io::poll(fd, events);

    bool discarded = false;
    {
      std::lock_guard<std::mutex> lock(mutex);
      discarded = discardRequested;
      current = polling;
    }
    if (discarded) {
      polling.discard();
    }

    std::shared_ptr<Operation> self = this->shared_from_this();
    polling.onAny([self](const Future<short>& f) {
      if (f.isReady()) {
        self->step();
      } else if (f.isFailed()) {
        self->promise.fail(f.failure());
      } else {
        self->promise.discard();
      }
    });
  }

  Promise<T> promise;

private:
  void discard()
  {
    Option<Future<short>> polling;
    {
      std::lock_guard<std::mutex> lock(mutex);
      discardRequested = true;
      polling = current;
    }
    if (polling.isSome()) {
      Future<short> f = polling.get();
      f.discard();
    }
  }

  std::mutex mutex;
  bool discardRequested = false;
  Option<Future<short>> current;
};


// Everything up to EOF.
class ReadAll : public Operation<std::string>
{
public:
  explicit ReadAll(int _fd) : fd(_fd), chunk(io::BUFFERED_READ_SIZE) {}
  ~ReadAll() override { ::close(fd); }

protected:
  void step() override
  {
    while (true) {
      const ssize_t length = ::read(fd, chunk.data(), chunk.size());
      if (length > 0) {
        buffer.append(chunk.data(), static_cast<size_t>(length));
      } else if (length == 0) {
        promise.set(std::move(buffer));
        return;
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        await(fd, io::READ);
        return;
      } else if (errno != EINTR) {
        promise.fail(ErrnoError().message);
        return;
      }
    }
  }

private:
  const int fd;
  std::vector<char> chunk;
  std::string buffer;
};


// All of a string.
class WriteAll : public Operation<Nothing>
{
public:
  WriteAll(int _fd, const std::string& _data) : fd(_fd), data(_data) {}
  ~WriteAll() override { ::close(fd); }

protected:
  void step() override
  {
    while (offset < data.size()) {
      const ssize_t length =
        ::write(fd, data.data() + offset, data.size() - offset);
      if (length >= 0) {
        offset += static_cast<size_t>(length);
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        await(fd, io::WRITE);
        return;
      } else if (errno != EINTR) {
        promise.fail(ErrnoError().message);
        return;
      }
    }
    promise.set(Nothing());
  }

private:
  const int fd;
  const std::string data;
  size_t offset = 0;
};


// Copies `from` to `to` chunk by chunk until EOF.
class Splice : public Operation<Nothing>
{
public:
  Splice(
      int _from,
      int _to,
      size_t chunk,
      const std::vector<lambda::function<void(const std::string&)>>& _hooks)
    : from(_from), to(_to), buffer(chunk == 0 ? 1 : chunk), hooks(_hooks) {}

  ~Splice() override
  {
    ::close(from);
    ::close(to);
  }

protected:
  void step() override
  {
    while (true) {
      // Flush what was read.
      while (offset < pending.size()) {
        const ssize_t length =
          ::write(to, pending.data() + offset, pending.size() - offset);
        if (length >= 0) {
          offset += static_cast<size_t>(length);
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
          await(to, io::WRITE);
          return;
        } else if (errno != EINTR) {
          promise.fail(ErrnoError().message);
          return;
        }
      }

      const ssize_t length = ::read(from, buffer.data(), buffer.size());
      if (length > 0) {
        pending.assign(buffer.data(), static_cast<size_t>(length));
        offset = 0;
        for (const auto& hook : hooks) {
          hook(pending);
        }
      } else if (length == 0) {
        promise.set(Nothing());
        return;
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        await(from, io::READ);
        return;
      } else if (errno != EINTR) {
        promise.fail(ErrnoError().message);
        return;
      }
    }
  }

private:
  const int from;
  const int to;
  std::vector<char> buffer;
  const std::vector<lambda::function<void(const std::string&)>> hooks;
  std::string pending;
  size_t offset = 0;
};

} // namespace {
} // namespace internal {


namespace io {

Try<Nothing> prepare_async(int_fd fd)
{
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags == -1) {
    return ErrnoError();
  }
  if (::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
    return ErrnoError();
  }
  return Nothing();
}


Try<bool> is_async(int_fd fd)
{
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags == -1) {
    return ErrnoError();
  }
  return (flags & O_NONBLOCK) != 0;
}


Future<short> poll(int_fd fd, short events)
{
  return internal::Poller::instance()->poll(fd, events);
}


// Why `fd` cannot be read or written asynchronously, if it cannot.
static Option<std::string> notAsync(int_fd fd)
{
  Try<bool> async = is_async(fd);
  if (async.isError()) {
    return "Failed to check if file descriptor was asynchronous: " + async.error();
  } else if (!async.get()) {
    return std::string("Expected an asynchronous file descriptor.");
  }
  return None();
}


Future<size_t> read(int_fd fd, void* data, size_t size)
{
  Option<std::string> problem = notAsync(fd);
  if (problem.isSome()) {
    return Failure(problem.get());
  }
  return internal::once<void*, ::read>(fd, data, size, READ);
}


Future<size_t> write(int_fd fd, const void* data, size_t size)
{
  Option<std::string> problem = notAsync(fd);
  if (problem.isSome()) {
    return Failure(problem.get());
  }
  return internal::once<const void*, ::write>(fd, data, size, WRITE);
}


Future<std::string> read(int_fd fd)
{
  Try<int> copy = internal::duplicate(fd);
  if (copy.isError()) {
    return Failure(copy.error());
  }

  return std::make_shared<internal::ReadAll>(copy.get())->start();
}


Future<Nothing> write(int_fd fd, const std::string& data)
{
  Try<int> copy = internal::duplicate(fd);
  if (copy.isError()) {
    return Failure(copy.error());
  }

  return std::make_shared<internal::WriteAll>(copy.get(), data)->start();
}


Future<Nothing> redirect(
    int_fd from,
    Option<int_fd> to,
    size_t chunk,
    const std::vector<lambda::function<void(const std::string&)>>& hooks)
{
  if (from < 0 || (to.isSome() && to.get() < 0)) {
    return Failure(os::strerror(EBADF));
  }

  int target;
  if (to.isNone()) {
    target = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (target < 0) {
      return Failure(
          "Failed to open /dev/null for writing: " + ErrnoError().message);
    }
  } else {
    target = ::fcntl(to.get(), F_DUPFD_CLOEXEC, 0);
    if (target < 0) {
      return Failure(ErrnoError().message);
    }
  }

  const int source = ::fcntl(from, F_DUPFD_CLOEXEC, 0);
  if (source < 0) {
    const ErrnoError error("Failed to duplicate 'from' file descriptor");
    ::close(target);
    return Failure(error.message);
  }

  Try<Nothing> async = prepare_async(source);
  if (async.isError()) {
    ::close(source);
    ::close(target);
    return Failure("Failed to make 'from' asynchronous: " + async.error());
  }

  async = prepare_async(target);
  if (async.isError()) {
    ::close(source);
    ::close(target);
    return Failure("Failed to make 'to' asynchronous: " + async.error());
  }

  return std::make_shared<internal::Splice>(source, target, chunk, hooks)
    ->start();
}

} // namespace io {
} // namespace process {
