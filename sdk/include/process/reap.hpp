// Mesos module SDK: clean-room libprocess compatibility header.
#ifndef __PROCESS_REAP_HPP__
#define __PROCESS_REAP_HPP__

#include <sys/types.h>

#include <process/future.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/duration.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>

namespace process {

// The longest time between two checks of a watched pid (libprocess's
// value; the bundled runtime checks far more often).
Duration MAX_REAP_INTERVAL();

// A future of the exit status (as from waitpid(), for WIFEXITED and
// friends) of process `pid`: ready once it has terminated. For a process
// that is not a child of this one the status is None (it is someone
// else's to reap), as it is at once for a pid that does not exist. Never
// fails; discarding it has no effect on the process. Each pid is polled
// individually (waitpid(pid, WNOHANG)), so other children of the hosting
// program are never reaped behind its back.
Future<Option<int>> reap(pid_t pid);

} // namespace process {

#endif // __PROCESS_REAP_HPP__
