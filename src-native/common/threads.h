// Threads of their own for module code that may block (own_thread.h says why
// not libuv's pool): detached, never joined, reused while idle. Shared by the
// addon and the native child.
#pragma once

#include <functional>

namespace mesos_modules {

// Runs `job` on an idle detached thread, or on a new one when none is idle
// (threads.cc). Throws std::system_error when no thread can be started.
void runOnOwnThread(std::function<void()> job);

} // namespace mesos_modules
