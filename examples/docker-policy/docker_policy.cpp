// An example Mesos Hook module: a host-mount and privileged-mode policy for
// tasks launched by the Docker containerizer.
//
// The agent calls `slavePreLaunchDockerTaskExecutorDecorator` right before it
// starts a Docker container. This hook inspects the container that is about
// to be launched and fails the launch (the task then ends up TASK_FAILED with
// REASON_CONTAINER_LAUNCH_FAILED) when the container
//
//   * asks for privileged mode while `deny_privileged` is set, or
//   * bind-mounts a host path that is under a denied prefix, or that is not
//     under any allowed prefix (when an allow list is configured).
//
// Accepted containers get `MESOS_DOCKER_POLICY=<policy_name>` added to both
// the task and the executor environment, so a task can tell which policy it
// was admitted under.
//
// Module parameters (all optional):
//
//   policy_name                 name used in log lines and refusal reasons
//                               (default "default")
//   allowed_host_path_prefixes  comma-separated absolute paths; when non-empty,
//                               every mounted host path must be under one
//   denied_host_path_prefixes   comma-separated absolute paths; a mounted host
//                               path under any of them is refused, even when it
//                               is also under an allowed prefix
//   deny_privileged             "true" or "false" (default "false")
//
// This file only uses the public Mesos module API, so it builds the same way
// against an installed Mesos as against the mesos-modules SDK.

#include <cstddef>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <mesos/hook.hpp>
#include <mesos/mesos.hpp>
#include <mesos/module.hpp>

#include <mesos/module/hook.hpp>

#include <process/future.hpp>

#include <stout/foreach.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

using mesos::ContainerInfo;
using mesos::DockerTaskExecutorPrepareInfo;
using mesos::Environment;
using mesos::ExecutorInfo;
using mesos::Parameter;
using mesos::Parameters;
using mesos::TaskInfo;
using mesos::Volume;

using process::Failure;
using process::Future;

namespace {

const char POLICY_ENV_VARIABLE[] = "MESOS_DOCKER_POLICY";


// --- Small string and path helpers (standard library only). ---------------

std::string trim(const std::string& s)
{
  const char* whitespace = " \t\r\n";
  const std::size_t begin = s.find_first_not_of(whitespace);
  if (begin == std::string::npos) {
    return "";
  }
  const std::size_t end = s.find_last_not_of(whitespace);
  return s.substr(begin, end - begin + 1);
}


// Splits `s` on `separator`, keeping empty tokens.
std::vector<std::string> split(const std::string& s, char separator)
{
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(separator, start);
    if (end == std::string::npos) {
      tokens.push_back(s.substr(start));
      return tokens;
    }
    tokens.push_back(s.substr(start, end - start));
    start = end + 1;
  }
}


std::string join(const std::vector<std::string>& items, const std::string& glue)
{
  std::string result;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      result += glue;
    }
    result += items[i];
  }
  return result;
}


bool isAbsolute(const std::string& path)
{
  return !path.empty() && path[0] == '/';
}


// Lexically normalises a path and returns it in absolute form: empty and "."
// components are dropped, ".." removes the previous component (and is ignored
// at the root, as the kernel does). Symlinks are not (and cannot be) resolved.
std::string normalize(const std::string& path)
{
  std::vector<std::string> components;
  foreach (const std::string& component, split(path, '/')) {
    if (component.empty() || component == ".") {
      continue;
    }
    if (component == "..") {
      if (!components.empty()) {
        components.pop_back();
      }
      continue;
    }
    components.push_back(component);
  }

  if (components.empty()) {
    return "/";
  }

  std::string result;
  foreach (const std::string& component, components) {
    result += "/" + component;
  }
  return result;
}


// True when the (normalised) `path` is `prefix` itself or lies below it.
// Matching is on whole components: "/data" covers "/data/x" but not
// "/database".
bool isUnder(const std::string& path, const std::string& prefix)
{
  if (prefix == "/") {
    return true;
  }
  if (path.compare(0, prefix.size(), prefix) != 0) {
    return false;
  }
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}


// Parses a comma-separated list of absolute paths into normalised prefixes.
// Blank entries are skipped so that "" means "no prefixes".
Try<std::vector<std::string>> parsePrefixes(
    const std::string& key,
    const std::string& value)
{
  std::vector<std::string> prefixes;
  foreach (const std::string& token, split(value, ',')) {
    const std::string entry = trim(token);
    if (entry.empty()) {
      continue;
    }
    if (!isAbsolute(entry)) {
      return Error(
          "parameter '" + key + "' has a prefix that is not an absolute "
          "path: '" + entry + "' (in '" + value + "')");
    }
    prefixes.push_back(normalize(entry));
  }
  return prefixes;
}


// --- Configuration. --------------------------------------------------------

struct Policy
{
  std::string name = "default";
  std::vector<std::string> allowedPrefixes;
  std::vector<std::string> deniedPrefixes;
  bool denyPrivileged = false;
};


Try<Policy> parsePolicy(const Parameters& parameters)
{
  Policy policy;

  for (int i = 0; i < parameters.parameter_size(); ++i) {
    const Parameter& parameter = parameters.parameter(i);
    const std::string& key = parameter.key();
    const std::string& value = parameter.value();

    if (key == "policy_name") {
      policy.name = value;
    } else if (key == "allowed_host_path_prefixes") {
      Try<std::vector<std::string>> prefixes = parsePrefixes(key, value);
      if (prefixes.isError()) {
        return Error(prefixes.error());
      }
      policy.allowedPrefixes = prefixes.get();
    } else if (key == "denied_host_path_prefixes") {
      Try<std::vector<std::string>> prefixes = parsePrefixes(key, value);
      if (prefixes.isError()) {
        return Error(prefixes.error());
      }
      policy.deniedPrefixes = prefixes.get();
    } else if (key == "deny_privileged") {
      if (value == "true") {
        policy.denyPrivileged = true;
      } else if (value == "false") {
        policy.denyPrivileged = false;
      } else {
        return Error(
            "parameter 'deny_privileged' must be 'true' or 'false', "
            "got '" + value + "'");
      }
    } else {
      return Error(
          "unknown parameter '" + key + "' (value '" + value + "'); known "
          "parameters are policy_name, allowed_host_path_prefixes, "
          "denied_host_path_prefixes and deny_privileged");
    }
  }

  return policy;
}


// --- The hook. -------------------------------------------------------------

// A host path that the container would bind-mount, and where it came from.
struct HostMount
{
  std::string path;    // Normalised, absolute.
  std::string origin;  // E.g. "volume 0, container path '/x'".
};


class DockerPolicyHook : public mesos::Hook
{
public:
  explicit DockerPolicyHook(const Policy& _policy) : policy(_policy) {}

  Future<Option<DockerTaskExecutorPrepareInfo>>
    slavePreLaunchDockerTaskExecutorDecorator(
        const Option<TaskInfo>& taskInfo,
        const ExecutorInfo& executorInfo,
        const std::string& containerName,
        const std::string& containerWorkDirectory,
        const std::string& /* mappedSandboxDirectory */,
        const Option<std::map<std::string, std::string>>& /* env */) override
  {
    // A task's own container takes precedence; a custom executor may carry
    // the container instead.
    const ContainerInfo* container = nullptr;
    if (taskInfo.isSome() && taskInfo->has_container()) {
      container = &taskInfo->container();
    } else if (executorInfo.has_container()) {
      container = &executorInfo.container();
    }

    const std::string subject = taskInfo.isSome()
      ? "task '" + taskInfo->task_id().value() + "'"
      : "executor '" + executorInfo.executor_id().value() + "'";

    if (container == nullptr || container->type() != ContainerInfo::DOCKER) {
      VLOG(1) << "Docker policy '" << policy.name << "' has nothing to check "
              << "for " << subject << ": no Docker container";
      return None();
    }

    Option<std::string> violation = check(*container, containerWorkDirectory);
    if (violation.isSome()) {
      const std::string reason =
        "policy '" + policy.name + "' refuses " + subject + ": " +
        violation.get();

      LOG(INFO) << "Docker policy refused container '" << containerName
                << "': " << reason;

      return Failure(reason);
    }

    LOG(INFO) << "Docker policy '" << policy.name << "' accepted " << subject
              << " (container '" << containerName << "')";

    DockerTaskExecutorPrepareInfo prepareInfo;

    Environment::Variable* variable =
      prepareInfo.mutable_taskenvironment()->add_variables();
    variable->set_name(POLICY_ENV_VARIABLE);
    variable->set_value(policy.name);

    variable = prepareInfo.mutable_executorenvironment()->add_variables();
    variable->set_name(POLICY_ENV_VARIABLE);
    variable->set_value(policy.name);

    return prepareInfo;
  }

private:
  // Returns a description of the first violation, or None when the container
  // complies. Privileged mode is checked first, then volumes in order, then
  // Docker parameters in order.
  Option<std::string> check(
      const ContainerInfo& container,
      const std::string& workDirectory) const
  {
    const ContainerInfo::DockerInfo& docker = container.docker();

    if (policy.denyPrivileged && isPrivileged(docker)) {
      return std::string("privileged Docker containers are not allowed");
    }

    foreach (const HostMount& mount, hostMounts(container, workDirectory)) {
      Option<std::string> violation = checkHostPath(mount);
      if (violation.isSome()) {
        return violation;
      }
    }

    return None();
  }


  static bool isPrivileged(const ContainerInfo::DockerInfo& docker)
  {
    if (docker.privileged()) {
      return true;
    }

    // `--privileged` passed through as a raw `docker run` option.
    foreach (const Parameter& parameter, docker.parameters()) {
      if (parameter.key() == "privileged" &&
          (parameter.value() == "true" || parameter.value().empty())) {
        return true;
      }
    }

    return false;
  }


  // Every host path the Docker containerizer would bind-mount for this
  // container, in the order in which it is checked.
  static std::vector<HostMount> hostMounts(
      const ContainerInfo& container,
      const std::string& workDirectory)
  {
    std::vector<HostMount> mounts;

    for (int i = 0; i < container.volumes_size(); ++i) {
      const Volume& volume = container.volumes(i);

      std::ostringstream origin;
      origin << "volume " << i << ", container path '"
             << volume.container_path() << "'";

      // The legacy field.
      if (volume.has_host_path()) {
        mounts.push_back(
            {resolve(volume.host_path(), workDirectory), origin.str()});
      }

      if (volume.has_source() &&
          volume.source().type() == Volume::Source::HOST_PATH &&
          volume.source().has_host_path()) {
        mounts.push_back(
            {resolve(volume.source().host_path().path(), workDirectory),
             origin.str()});
      }
    }

    // `docker run --volume <host>:<container>[:<mode>]` given as a raw
    // parameter. Only a source that starts with '/' is a host path; anything
    // else is a named Docker volume.
    foreach (const Parameter& parameter, container.docker().parameters()) {
      if (parameter.key() != "volume" && parameter.key() != "v") {
        continue;
      }

      const std::vector<std::string> fields = split(parameter.value(), ':');
      if (fields.size() < 2 || !isAbsolute(fields[0])) {
        continue;
      }

      mounts.push_back(
          {normalize(fields[0]),
           "docker parameter '" + parameter.key() + "=" +
             parameter.value() + "'"});
    }

    return mounts;
  }


  // A relative host path is taken relative to the container's work
  // directory (the sandbox), as the Docker containerizer does.
  static std::string resolve(
      const std::string& hostPath,
      const std::string& workDirectory)
  {
    if (isAbsolute(hostPath)) {
      return normalize(hostPath);
    }
    return normalize(workDirectory + "/" + hostPath);
  }


  Option<std::string> checkHostPath(const HostMount& mount) const
  {
    // Deny wins over allow.
    foreach (const std::string& prefix, policy.deniedPrefixes) {
      if (isUnder(mount.path, prefix)) {
        return "host path '" + mount.path + "' (" + mount.origin +
               ") is under denied prefix '" + prefix + "'";
      }
    }

    if (policy.allowedPrefixes.empty()) {
      return None();
    }

    foreach (const std::string& prefix, policy.allowedPrefixes) {
      if (isUnder(mount.path, prefix)) {
        return None();
      }
    }

    return "host path '" + mount.path + "' (" + mount.origin +
           ") is not under an allowed prefix (" +
           join(policy.allowedPrefixes, ", ") + ")";
  }

  const Policy policy;
};


mesos::Hook* createDockerPolicyHook(const Parameters& parameters)
{
  Try<Policy> policy = parsePolicy(parameters);
  if (policy.isError()) {
    LOG(ERROR) << "org_example_DockerPolicy: invalid module parameters: "
               << policy.error();
    return nullptr;
  }

  LOG(INFO) << "Docker policy '" << policy->name << "' created: "
            << policy->allowedPrefixes.size() << " allowed prefix(es), "
            << policy->deniedPrefixes.size() << " denied prefix(es), "
            << "privileged containers "
            << (policy->denyPrivileged ? "denied" : "allowed");

  return new DockerPolicyHook(policy.get());
}

} // namespace {


// The module symbol. Its name is the module name used in the modules manifest
// and in the agent's `--hooks` flag, so it must live in the global namespace
// and must not be const.
mesos::modules::Module<mesos::Hook> org_example_DockerPolicy(
    MESOS_MODULE_API_VERSION,
    MESOS_VERSION,
    "mesos-modules examples",
    "examples@mesos-modules.invalid",
    "Refuses Docker tasks with illegal host mounts or privileged mode.",
    nullptr,
    createDockerPolicyHook);
