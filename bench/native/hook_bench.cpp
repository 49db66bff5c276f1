// The same hook calls as bench/run.mjs, made from C++ with messages built in
// C++ (once, outside the timed loop): the floor the JS path is compared to.
//
//   hook_bench <library> <module> <method> <inputs.json> <seconds> [copy|parse]
//
// With `copy`, every call first copies its argument messages (what building
// them afresh, as an agent does per task, costs at least). With `parse`,
// every call parses them from their serialized bytes into fresh messages, as
// the agent does with a task that arrives over the wire.
//
// <inputs> holds the call's arguments in Mesos's JSON form, one per line as
// `name<TAB>json` (bench/run.mjs writes it from the same objects the JS side
// uses). Prints one JSON line: {"calls": N, "seconds": S, "callsPerSecond": R}.

#include <dlfcn.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <glog/logging.h>
#include <google/protobuf/util/json_util.h>

#include <mesos/hook.hpp>
#include <mesos/module/hook.hpp>

using namespace mesos;

namespace {

class NoFiles : public google::base::Logger
{
public:
  void Write(bool, time_t, const char*, size_t) override {}
  void Flush() override {}
  google::uint32 LogSize() override { return 0; }
};

std::string slurp(const char* path)
{
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One argument of the inputs file, parsed into its message.
template <typename M>
M argument(const std::string& inputs, const std::string& name)
{
  std::istringstream lines(inputs);
  std::string line;
  while (std::getline(lines, line)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos && line.substr(0, tab) == name) {
      M message;
      auto status = google::protobuf::util::JsonStringToMessage(line.substr(tab + 1), &message);
      if (!status.ok()) {
        fprintf(stderr, "bad %s: %s\n", name.c_str(), status.ToString().c_str());
        exit(2);
      }
      return message;
    }
  }
  fprintf(stderr, "missing argument %s\n", name.c_str());
  exit(2);
}

} // namespace


int main(int argc, char** argv)
{
  if (argc != 6 && argc != 7) {
    fprintf(stderr, "usage: hook_bench <library> <module> <method> <inputs> <seconds> [copy|parse]\n");
    return 2;
  }
  const std::string mode = argc == 7 ? argv[6] : "prebuilt";
  const bool copy = mode == "copy";
  const bool parse = mode == "parse";
  void* library = dlopen(argv[1], RTLD_NOW);
  if (library == nullptr) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  auto* module = static_cast<mesos::modules::Module<Hook>*>(dlsym(library, argv[2]));
  if (module == nullptr) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  // Like the addon: glog initialised, lines kept out of stderr and files.
  FLAGS_logtostderr = false;
  FLAGS_stderrthreshold = google::GLOG_WARNING;
  google::InitGoogleLogging("hook_bench");
  for (int severity = 0; severity < google::NUM_SEVERITIES; severity++) {
    google::base::SetLogger(severity, new NoFiles());
  }

  const std::string inputs = slurp(argv[4]);
  Parameters parameters;
  if (inputs.find("parameters\t") != std::string::npos) {
    parameters = argument<Parameters>(inputs, "parameters");
  }
  // The driver owns the hook create() returns and deletes it before exiting
  // (npm run test:sanitize runs this driver with LeakSanitizer on).
  std::unique_ptr<Hook> owned(module->create(parameters));
  if (owned == nullptr) {
    fprintf(stderr, "create() returned nullptr\n");
    return 1;
  }
  Hook* hook = owned.get();

  const std::string method = argv[3];
  const double seconds = std::stod(argv[5]);

  std::function<void()> call;
  if (method == "slaveRunTaskLabelDecorator") {
    auto taskInfo = argument<TaskInfo>(inputs, "taskInfo");
    auto executorInfo = argument<ExecutorInfo>(inputs, "executorInfo");
    auto frameworkInfo = argument<FrameworkInfo>(inputs, "frameworkInfo");
    auto slaveInfo = argument<SlaveInfo>(inputs, "slaveInfo");
    const std::string taskBytes = taskInfo.SerializeAsString();
    const std::string executorBytes = executorInfo.SerializeAsString();
    const std::string frameworkBytes = frameworkInfo.SerializeAsString();
    const std::string slaveBytes = slaveInfo.SerializeAsString();
    call = [=]() {
      if (parse) {
        TaskInfo t;
        ExecutorInfo e;
        FrameworkInfo f;
        SlaveInfo s;
        if (!t.ParseFromString(taskBytes) || !e.ParseFromString(executorBytes) || !f.ParseFromString(frameworkBytes) ||
            !s.ParseFromString(slaveBytes)) {
          abort();
        }
        Result<Labels> labels = hook->slaveRunTaskLabelDecorator(t, e, f, s);
        if (!labels.isSome() || labels->labels_size() == 0) abort();
        return;
      }
      Result<Labels> labels = copy
        ? hook->slaveRunTaskLabelDecorator(TaskInfo(taskInfo), ExecutorInfo(executorInfo), FrameworkInfo(frameworkInfo), SlaveInfo(slaveInfo))
        : hook->slaveRunTaskLabelDecorator(taskInfo, executorInfo, frameworkInfo, slaveInfo);
      if (!labels.isSome() || labels->labels_size() == 0) abort();
    };
  } else if (method == "slavePreLaunchDockerTaskExecutorDecorator") {
    Option<TaskInfo> taskInfo = argument<TaskInfo>(inputs, "taskInfo");
    auto executorInfo = argument<ExecutorInfo>(inputs, "executorInfo");
    std::map<std::string, std::string> env = {{"MESOS_SANDBOX", "/mnt/mesos/sandbox"}};
    Option<std::map<std::string, std::string>> environment = env;
    const std::string taskBytes = taskInfo->SerializeAsString();
    const std::string executorBytes = executorInfo.SerializeAsString();
    call = [=]() {
      if (parse) {
        Option<TaskInfo> t = TaskInfo();
        ExecutorInfo e;
        if (!t->ParseFromString(taskBytes) || !e.ParseFromString(executorBytes)) abort();
        auto future = hook->slavePreLaunchDockerTaskExecutorDecorator(
            t, e, "mesos-bench", "/var/lib/mesos/sandbox", "/mnt/mesos/sandbox",
            Option<std::map<std::string, std::string>>(env));
        if (!future.isReady()) abort();
        return;
      }
      auto future = copy
        ? hook->slavePreLaunchDockerTaskExecutorDecorator(
              Option<TaskInfo>(taskInfo), ExecutorInfo(executorInfo), "mesos-bench", "/var/lib/mesos/sandbox",
              "/mnt/mesos/sandbox", Option<std::map<std::string, std::string>>(environment))
        : hook->slavePreLaunchDockerTaskExecutorDecorator(
              taskInfo, executorInfo, "mesos-bench", "/var/lib/mesos/sandbox", "/mnt/mesos/sandbox", environment);
      if (!future.isReady()) abort();
    };
  } else {
    fprintf(stderr, "unknown method %s\n", method.c_str());
    return 2;
  }

  for (int i = 0; i < 10000; i++) call(); // Warm-up.

  using Clock = std::chrono::steady_clock;
  long calls = 0;
  auto start = Clock::now();
  std::clock_t cpuStart = std::clock();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int i = 0; i < 1000; i++) call();
    calls += 1000;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
  printf("{\"calls\": %ld, \"seconds\": %.3f, \"callsPerSecond\": %.0f, \"callsPerCpuSecond\": %.0f}\n",
         calls, elapsed, calls / elapsed, calls / cpu);
  return 0;
}
