// Mesos module SDK: clean-room libprocess compatibility header.
//
// Asynchronous I/O on file descriptors (pipes, files, terminals), served
// by one poll() thread of the runtime. Futures complete on that thread.
#ifndef __PROCESS_IO_HPP__
#define __PROCESS_IO_HPP__

#include <cstring>
#include <string>
#include <vector>

#include <process/future.hpp>

#include <stout/lambda.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

// A file descriptor (an int on POSIX systems; as stout's os/int_fd.hpp).
using int_fd = int;

namespace process {
namespace io {

// Events to poll for.
const short READ = 0x01;
const short WRITE = 0x02;

// Chunk size of the reads done by read(fd).
const size_t BUFFERED_READ_SIZE = 16 * 4096;

// Makes `fd` non-blocking, as the single-operation reads and writes below
// require.
Try<Nothing> prepare_async(int_fd fd);

// Whether `fd` is non-blocking; an error for an invalid descriptor.
Try<bool> is_async(int_fd fd);

// The subset of `events` that `fd` is ready for, once it is ready for at
// least one. Discarding the future stops the polling.
Future<short> poll(int_fd fd, short events);

// One read of at most `size` bytes from a non-blocking `fd`, once data
// (or end of file) is available: the number of bytes read, 0 at end of
// file or for size 0.
Future<size_t> read(int_fd fd, void* data, size_t size);

// Everything up to end of file. Works on a duplicate of `fd` (made
// close-on-exec and non-blocking), so the caller's descriptor is left as
// it is and may be closed once this returns.
Future<std::string> read(int_fd fd);

// One write of at most `size` bytes to a non-blocking `fd`: the number of
// bytes written.
Future<size_t> write(int_fd fd, const void* data, size_t size);

// All of `data`, on a duplicate of `fd` (as read(fd)).
Future<Nothing> write(int_fd fd, const std::string& data);

// Copies everything from `from` to `to` (or discards it, for None) until
// end of file, passing each chunk to `hooks` first. Works on duplicates
// of both descriptors.
Future<Nothing> redirect(
    int_fd from,
    Option<int_fd> to,
    size_t chunk = 4096,
    const std::vector<lambda::function<void(const std::string&)>>& hooks = {});

} // namespace io {
} // namespace process {

#endif // __PROCESS_IO_HPP__
