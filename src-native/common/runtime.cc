#include "runtime.h"

#include <dlfcn.h>
#include <stdlib.h>

#include <mutex>

#include <glog/logging.h>
#include <google/protobuf/stubs/common.h>

#include <mesos/mesos.hpp>
#include <mesos/version.hpp>

#ifndef MESOS_MODULES_MODE
#define MESOS_MODULES_MODE "sdk"
#endif

namespace mesos_modules {

namespace {

// Takes the place of glog's log-file writers: hook lines reach stderr (by
// severity) and the capture sink, never files.
class NoFiles : public google::base::Logger
{
public:
  void Write(bool, time_t, const char*, size_t) override {}
  void Flush() override {}
  google::uint32 LogSize() override { return 0; }
};

Runtime* initialize()
{
  // libprocess binds to LIBPROCESS_IP when a hook first starts it, and to
  // 0.0.0.0 when that is unset (process::initialize in process.cpp): keep its
  // unauthenticated endpoints on loopback unless the user chose an address.
  ::setenv("LIBPROCESS_IP", "127.0.0.1", 0);

  Runtime* r = new Runtime();
  r->mode = MESOS_MODULES_MODE;
  r->mesosVersion = MESOS_VERSION;
  r->protobufVersion = google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION);

  // Find libmesos through an object it defines (the default TaskInfo; the
  // generated accessors are inline, the object is not), then reopen it global so
  // that module libraries (which are not linked against it, in Mesos's own
  // build) resolve protobuf, glog and Mesos symbols at dlopen time.
  Dl_info info;
  const void* anchor = static_cast<const void*>(&mesos::TaskInfo::default_instance());
  if (dladdr(anchor, &info) == 0 || info.dli_fname == nullptr) {
    r->error = "cannot locate libmesos in this process";
  } else {
    r->library = info.dli_fname;
    if (dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD) == nullptr) {
      const char* e = dlerror();
      r->error = std::string("cannot make '") + info.dli_fname + "' global: " + (e ? e : "unknown");
    }
  }

  // glog aborts on a second InitGoogleLogging: the host may have done it.
  if (!google::IsGoogleLoggingInitialized()) {
    FLAGS_logtostderr = false;
    FLAGS_stderrthreshold = google::GLOG_WARNING;
    google::InitGoogleLogging("mesos-modules");
    for (int severity = 0; severity < google::NUM_SEVERITIES; severity++) {
      google::base::SetLogger(severity, new NoFiles());
    }
  }
  return r;
}

} // namespace

const Runtime& runtime()
{
  static std::once_flag once;
  static Runtime* instance = nullptr;
  std::call_once(once, [] { instance = initialize(); });
  return *instance;
}

} // namespace mesos_modules
