// The hook of the documentation's examples: a first Mesos Hook module, as a
// module author writes one against include/mesos/hook.hpp (Mesos 1.11.0).
//
// org_example_MyHook marks every task with the team that runs the agent:
//
//   slaveRunTaskLabelDecorator    adds the label team=<team> to a task that
//                                 has no `team` label yet (None otherwise);
//   slavePreLaunchDockerTaskExecutorDecorator
//                                 refuses privileged Docker containers and
//                                 gives the others TEAM=<team> in their task
//                                 environment. It answers through a future,
//                                 after `review_delay_ms`, as a hook that asks
//                                 a remote service would.
//
// Module parameters:
//
//   team             required; create() fails without it
//   review_delay_ms  optional, default 0

#include <map>
#include <string>

#include <glog/logging.h>

#include <mesos/hook.hpp>
#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

#include <mesos/module/hook.hpp>

#include <process/after.hpp>
#include <process/future.hpp>

#include <stout/duration.hpp>
#include <stout/numify.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>

using mesos::DockerTaskExecutorPrepareInfo;
using mesos::ExecutorInfo;
using mesos::FrameworkInfo;
using mesos::Label;
using mesos::Labels;
using mesos::Parameters;
using mesos::SlaveInfo;
using mesos::TaskInfo;

using process::Failure;
using process::Future;

namespace {

class MyHook : public mesos::Hook
{
public:
  MyHook(const std::string& _team, const Duration& _reviewDelay)
    : team(_team), reviewDelay(_reviewDelay) {}

  Result<Labels> slaveRunTaskLabelDecorator(
      const TaskInfo& taskInfo,
      const ExecutorInfo& executorInfo,
      const FrameworkInfo& frameworkInfo,
      const SlaveInfo& slaveInfo) override
  {
    for (const Label& label : taskInfo.labels().labels()) {
      if (label.key() == "team") {
        LOG(INFO) << "task '" << taskInfo.task_id().value()
                  << "' already has a team label";
        return None();
      }
    }

    // The result replaces the task's labels, so keep the ones it has.
    Labels labels = taskInfo.labels();
    Label* label = labels.add_labels();
    label->set_key("team");
    label->set_value(team);

    LOG(INFO) << "labelled task '" << taskInfo.task_id().value()
              << "' for team " << team;
    return labels;
  }

  Future<Option<DockerTaskExecutorPrepareInfo>>
    slavePreLaunchDockerTaskExecutorDecorator(
        const Option<TaskInfo>& taskInfo,
        const ExecutorInfo& executorInfo,
        const std::string& containerName,
        const std::string& containerWorkDirectory,
        const std::string& mappedSandboxDirectory,
        const Option<std::map<std::string, std::string>>& env) override
  {
    if (taskInfo.isNone()) {
      return None();
    }

    // Docker takes privileged mode from the field or from a `privileged`
    // docker parameter.
    const mesos::ContainerInfo::DockerInfo& docker =
      taskInfo->container().docker();
    bool privileged = docker.privileged();
    for (const mesos::Parameter& parameter : docker.parameters()) {
      if (parameter.key() == "privileged" && parameter.value() != "false") {
        privileged = true;
      }
    }

    const std::string id = taskInfo->task_id().value();
    const std::string team_ = team;

    return process::after(reviewDelay)
      .then([id, privileged, team_]()
              -> Future<Option<DockerTaskExecutorPrepareInfo>> {
        if (privileged) {
          LOG(WARNING) << "refusing privileged task '" << id << "'";
          return Failure(
              "team '" + team_ + "' does not run privileged containers"
              " (task '" + id + "')");
        }

        DockerTaskExecutorPrepareInfo prepared;
        mesos::Environment::Variable* variable =
          prepared.mutable_taskenvironment()->add_variables();
        variable->set_name("TEAM");
        variable->set_value(team_);
        return prepared;
      });
  }

private:
  const std::string team;
  const Duration reviewDelay;
};


mesos::Hook* createMyHook(const Parameters& parameters)
{
  Option<std::string> team;
  Duration reviewDelay = Duration::zero();

  for (const mesos::Parameter& parameter : parameters.parameter()) {
    if (parameter.key() == "team") {
      team = parameter.value();
    } else if (parameter.key() == "review_delay_ms") {
      Try<int> milliseconds = numify<int>(parameter.value());
      if (milliseconds.isError() || milliseconds.get() < 0) {
        LOG(ERROR) << "review_delay_ms: not a number of milliseconds: '"
                   << parameter.value() << "'";
        return nullptr;
      }
      reviewDelay = Milliseconds(milliseconds.get());
    }
  }

  if (team.isNone() || team->empty()) {
    LOG(ERROR) << "missing the 'team' parameter";
    return nullptr;
  }

  return new MyHook(team.get(), reviewDelay);
}

} // namespace {


// The module symbol: its name is the module's name in the manifest and in the
// agent's --hooks flag.
mesos::modules::Module<mesos::Hook> org_example_MyHook(
    MESOS_MODULE_API_VERSION,
    MESOS_VERSION,
    "Example Author",
    "author@example.org",
    "Labels tasks with the agent's team; refuses privileged containers.",
    nullptr,
    createMyHook);
