// The in-process crash report. Mesos's agent installs glog's failure signal
// handler (src/logging/logging.cpp, logging::initialize), so a hook that
// crashes the agent leaves a stack trace; a test process has none of that,
// and a dead test worker names nothing. Here every hook call in flight holds
// a slot with a line written when the call starts ("module.method, task …");
// on a fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) the handler
// writes those lines and a hint to use isolated mode to stderr with write(2)
// only, then hands the signal to the handler installed before it (node's,
// glog's, or the default action), so the process ends as it would have.
// exit() called inside a hook method is reported the same way (at exit).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "wire.h"

namespace mesos_modules {

// Where a call is, as the report words it.
enum class CallPhase : int
{
  QUEUED = 0,       // off-thread call not started yet
  WAITING_LOCK = 1, // waiting for the hook lock
  RUNNING = 2,      // inside the hook method, on the thread recorded
  WAITING_FUTURE = 3, // the method returned a future that is still pending
  RETURNED = 4,     // off-thread call returned; its result is on its way
};

// What a method's arguments say about its subject: the argument numbers of
// its TaskInfo, TaskStatus, ExecutorInfo, ContainerID and SlaveInfo
// (hook_methods.h), tried in that order; the first one present is named.
struct CallSite
{
  const char* method;
  struct Subject
  {
    int argument; // from 1; 0 ends the list
    int kind;
  } subjects[6];
};

// The CallSite of a method from its argument list ("name: mesos.Type", …).
CallSite makeCallSite(const char* method, std::initializer_list<const char*> arguments);

// One hook call's slot: a value that can be copied to whatever ends the call
// (a finished call, a delivered or abandoned future). Ending it twice, or
// ending a ticket whose slot was reused, does nothing.
struct CallTicket
{
  int slot = -1;
  uint64_t generation = 0;

  // Claims a slot and writes the call's line; an invalid ticket when all
  // slots are taken (the call then goes unreported).
  static CallTicket begin(const std::string& module, const CallSite& site, const Fields& args);

  void phase(CallPhase phase) const; // recorded as on no thread
  void running() const;              // RUNNING on the calling thread
  void end();
};

// Installs the handlers once per process (first addon load, child start).
void installCrashReport();

// Whether the report ends with the hint to use isolated mode (off in the
// isolated child, whose crash the parent reports as a HookCrash).
void setCrashHint(bool hint);

} // namespace mesos_modules
