// A pipeline of Hook modules, combined as the agent and master combine them.
// Mirrors src/hook/manager.cpp (HookManager::initialize and every HookManager
// method, Mesos 1.11.0) and the call sites that use their results when a task
// is launched (src/slave/slave.cpp Slave::run / executorEnvironment,
// src/slave/containerizer/docker.cpp launch, src/master/master.cpp accept).

import { HookDiscarded, HookError, HookFailure, ModuleCreateError, ModuleUnknownError } from './errors.js';
import { HOOK_METHODS, type Hook, type HookMethod, type HookOptions } from './hook.js';
import * as builders from './builders.js';
import type {
  Attribute,
  ContainerID,
  DockerTaskExecutorPrepareInfo,
  Environment,
  ExecutorInfo,
  FrameworkID,
  FrameworkInfo,
  Labels,
  Resource,
  SlaveInfo,
  TaskInfo,
  TaskStatus,
} from './messages.js';

/**
 * Splits a `--hooks` value as HookManager::initialize does: on commas, empty
 * tokens kept, no trimming. An array is taken as already split.
 */
export function parseHookList(list: string | readonly string[]): string[] {
  if (typeof list === 'string') return list.split(',');
  if (!Array.isArray(list) || list.some((n) => typeof n !== 'string')) {
    throw new TypeError('hooks: expected a comma-separated string or an array of module names');
  }
  return [...list];
}

/**
 * HookManager::initialize's problem with one name of the list, before it
 * creates the hook (undefined: create it): a name installed before it, then
 * a name that is not a loaded Hook module (the empty name included).
 */
export function hookNameProblem(
  name: string,
  installed: ReadonlySet<string>,
  isHook: (name: string) => boolean,
): string | undefined {
  if (installed.has(name)) return `Hook module '${name}' already loaded`;
  if (!isHook(name)) return `No hook module named '${name}' available`;
  return undefined;
}

/** HookManager::initialize's problem with a hook whose create() failed for `reason`. */
export function instantiateProblem(name: string, reason: string): string {
  return `Failed to instantiate hook module '${name}': ${reason}`;
}

/**
 * The installation problem HookManager::initialize reports for each name, in
 * order (undefined when it installs), without creating any (see
 * {@link hookNameProblem}).
 */
export function hookListProblems(
  names: readonly string[],
  isHook: (name: string) => boolean,
): Array<{ name: string; problem: string | undefined }> {
  const installed = new Set<string>();
  return names.map((name) => {
    const problem = hookNameProblem(name, installed, isHook);
    if (problem === undefined) installed.add(name);
    return { name, problem };
  });
}

/** One line the agent (or master) would log while running the pipeline. */
export interface PipelineLogLine {
  severity: 'WARNING';
  /** The module whose hook returned the Error. */
  module: string;
  method: HookMethod;
  /** Exactly as the agent logs it, e.g. `Agent label decorator hook failed for module 'm': …`. */
  message: string;
}

/** The LOG(WARNING) prefix HookManager uses when a hook returns an Error. */
const WARNING_PREFIX: Partial<Record<HookMethod, string>> = {
  masterLaunchTaskLabelDecorator: 'Master label decorator hook failed for module ',
  masterLaunchTaskResourceDecorator: 'Master resource decorator hook failed for module ',
  masterSlaveLostHook: 'Master agent-lost hook failed for module ',
  slaveRunTaskLabelDecorator: 'Agent label decorator hook failed for module ',
  slaveExecutorEnvironmentDecorator: 'Agent environment decorator hook failed for module ',
  slavePostFetchHook: 'Agent post fetch hook failed for module ',
  slaveRemoveExecutorHook: 'Agent remove executor hook failed for module ',
  slaveTaskStatusDecorator: 'Agent TaskStatus decorator hook failed for module ',
  slaveResourcesDecorator: 'Agent Resources decorator hook failed for module ',
  slaveAttributesDecorator: 'Agent Attributes decorator hook failed for module ',
};

/** protobuf MergeFrom on messages in JSON form: repeated fields append, messages merge, scalars replace. */
function mergeFrom(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined || value === null) continue;
    const current = into[key];
    if (Array.isArray(value)) into[key] = [...((current as unknown[]) ?? []), ...structuredClone(value)];
    else if (typeof value === 'object' && !(value instanceof Uint8Array) && current !== undefined && typeof current === 'object') {
      mergeFrom(current as Record<string, unknown>, value as Record<string, unknown>);
    } else into[key] = structuredClone(value);
  }
}

/** What the agent does with a task it was asked to launch, after its hooks ran. */
export type LaunchVerdict =
  | {
      launched: true;
      /** The task's labels after slaveRunTaskLabelDecorator. */
      labels: Labels;
      /** The executor's environment: the agent's MESOS_* variables, then the environment decorator's. */
      executorEnvironment: Record<string, string>;
      /** Docker only: the task container's extra environment (DockerTaskExecutorPrepareInfo.taskEnvironment). */
      dockerTaskEnvironment?: Record<string, string>;
      /** Docker only: the executor container's extra environment. */
      dockerExecutorEnvironment?: Record<string, string>;
      /** The agent's warnings logged during the launch. */
      logs: PipelineLogLine[];
    }
  | {
      launched: false;
      state: 'TASK_FAILED';
      reason: 'REASON_CONTAINER_LAUNCH_FAILED';
      /** The status message the agent would send. */
      message: string;
      labels: Labels;
      logs: PipelineLogLine[];
    };

export interface LaunchInput {
  taskInfo: TaskInfo;
  /** A custom executor; without it the agent's command executor for the task. */
  executorInfo?: ExecutorInfo;
  frameworkInfo?: FrameworkInfo;
  slaveInfo?: SlaveInfo;
  containerizer: 'docker' | 'mesos';
}

/** The master's view of a task after its decorators ran. */
export interface MasterLaunchResult {
  labels: Labels;
  resources: Resource[];
  logs: PipelineLogLine[];
}

/** The builders' framework and agent, built once: the launch simulations only read them. */
let built: { frameworkInfo: FrameworkInfo; slaveInfo: SlaveInfo } | undefined;
function defaults(): { frameworkInfo: FrameworkInfo; slaveInfo: SlaveInfo } {
  built ??= { frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo() };
  return built;
}

function envMap(env: Environment | undefined, into: Record<string, string> = {}): Record<string, string> {
  for (const variable of env?.variables ?? []) into[variable.name] = variable.value ?? '';
  return into;
}

/**
 * The installed hooks of a `--hooks` list, with every Hook method combining
 * their results as HookManager does. Created by {@link ModuleManager.pipeline}.
 * Working copies are shallow: a method only replaces top-level fields of its
 * own copy, so the caller's arguments are never changed.
 *
 * A task launch through the agent's hooks (from docs/examples, run by the
 * test suite):
 *
 * {@includeCode ../docs/examples/testing-patterns.test.ts#pipeline}
 */
export class HookPipeline {
  /** The hook module names, in execution order. */
  readonly names: readonly string[];
  /** Resolves to the created hooks once every one of them is instantiated. */
  readonly ready: Promise<readonly Hook[]>;
  #logs: PipelineLogLine[] = [];

  /** @internal */
  constructor(names: readonly string[], hooks: Promise<readonly Hook[]>) {
    this.names = names;
    this.ready = hooks;
    hooks.catch(() => undefined);
  }

  /** The agent's warnings so far (hooks that returned an Error), oldest first. */
  get logs(): readonly PipelineLogLine[] {
    return this.#logs;
  }

  clearLogs(): void {
    this.#logs = [];
  }

  /** Runs `call` on every hook in order; an Error is logged, anything else thrown. */
  async #each<T>(method: HookMethod, call: (hook: Hook) => Promise<T>, use: (value: T) => void): Promise<void> {
    for (const hook of await this.ready) {
      try {
        use(await call(hook));
      } catch (error) {
        if (!(error instanceof HookError)) throw error;
        this.#logs.push({
          severity: 'WARNING',
          module: hook.module,
          method,
          message: `${WARNING_PREFIX[method]}'${hook.module}': ${error.message}`,
        });
      }
    }
  }

  async masterLaunchTaskLabelDecorator(args: { taskInfo: TaskInfo; frameworkInfo: FrameworkInfo; slaveInfo: SlaveInfo }): Promise<Labels> {
    const taskInfo = { ...args.taskInfo };
    await this.#each(
      'masterLaunchTaskLabelDecorator',
      (h) => h.masterLaunchTaskLabelDecorator({ ...args, taskInfo }),
      (labels) => { if (labels !== null) taskInfo.labels = labels; },
    );
    return taskInfo.labels ?? {};
  }

  async masterLaunchTaskResourceDecorator(args: { task: TaskInfo; slaveResources: Resource[] }): Promise<Resource[]> {
    const task = { ...args.task };
    await this.#each(
      'masterLaunchTaskResourceDecorator',
      (h) => h.masterLaunchTaskResourceDecorator({ ...args, task }),
      (resources) => { if (resources !== null) task.resources = resources; },
    );
    return task.resources ?? [];
  }

  async slaveRunTaskLabelDecorator(args: {
    taskInfo: TaskInfo;
    executorInfo: ExecutorInfo;
    frameworkInfo: FrameworkInfo;
    slaveInfo: SlaveInfo;
  }): Promise<Labels> {
    const taskInfo = { ...args.taskInfo };
    await this.#each(
      'slaveRunTaskLabelDecorator',
      (h) => h.slaveRunTaskLabelDecorator({ ...args, taskInfo }),
      (labels) => { if (labels !== null) taskInfo.labels = labels; },
    );
    return taskInfo.labels ?? {};
  }

  async masterSlaveLostHook(args: { slaveInfo: SlaveInfo }): Promise<void> {
    await this.#each('masterSlaveLostHook', (h) => h.masterSlaveLostHook(args), () => undefined);
  }

  async slaveExecutorEnvironmentDecorator(args: { executorInfo: ExecutorInfo }): Promise<Environment> {
    const executorInfo = { ...args.executorInfo };
    await this.#each(
      'slaveExecutorEnvironmentDecorator',
      (h) => h.slaveExecutorEnvironmentDecorator({ executorInfo }),
      (env) => { if (env !== null) executorInfo.command = { ...executorInfo.command, environment: env }; },
    );
    return executorInfo.command?.environment ?? {};
  }

  /**
   * Every hook is called, in order, and their futures collected: any failure
   * rejects with {@link HookFailure} `Collect failed: <failure>`; otherwise the
   * Some results are merged (MergeFrom, so variables append) in hook order.
   */
  async slavePreLaunchDockerTaskExecutorDecorator(args: {
    taskInfo?: TaskInfo | null;
    executorInfo: ExecutorInfo;
    containerName: string;
    containerWorkDirectory: string;
    mappedSandboxDirectory: string;
    env?: Record<string, string> | null;
  }): Promise<DockerTaskExecutorPrepareInfo> {
    const hooks = await this.ready;
    const method = 'slavePreLaunchDockerTaskExecutorDecorator';
    let results: Array<DockerTaskExecutorPrepareInfo | null>;
    try {
      results = await Promise.all(hooks.map((h) => h.slavePreLaunchDockerTaskExecutorDecorator(args)));
    } catch (error) {
      if (error instanceof HookFailure || error instanceof HookDiscarded) {
        const failure = error instanceof HookDiscarded ? 'future discarded' : error.message;
        throw new HookFailure(`Collect failed: ${failure}`, { module: error.module, hook: method, logs: error.logs });
      }
      throw error;
    }
    const merged: Record<string, unknown> = {};
    for (const result of results) if (result !== null) mergeFrom(merged, result as unknown as Record<string, unknown>);
    return merged as DockerTaskExecutorPrepareInfo;
  }

  async slavePostFetchHook(args: { containerId: ContainerID; directory: string }): Promise<void> {
    await this.#each('slavePostFetchHook', (h) => h.slavePostFetchHook(args), () => undefined);
  }

  async slaveRemoveExecutorHook(args: { frameworkInfo: FrameworkInfo; executorInfo: ExecutorInfo }): Promise<void> {
    await this.#each('slaveRemoveExecutorHook', (h) => h.slaveRemoveExecutorHook(args), () => undefined);
  }

  /** The status with each Some result's `labels` and `container_status` copied in; other fields ignored. */
  async slaveTaskStatusDecorator(args: { frameworkId: FrameworkID; status: TaskStatus }): Promise<TaskStatus> {
    const status = { ...args.status };
    await this.#each(
      'slaveTaskStatusDecorator',
      (h) => h.slaveTaskStatusDecorator({ frameworkId: args.frameworkId, status }),
      (result) => {
        if (result === null) return;
        if (result.labels !== undefined) status.labels = result.labels;
        if (result.container_status !== undefined) status.container_status = result.container_status;
      },
    );
    return status;
  }

  async slaveResourcesDecorator(args: { slaveInfo: SlaveInfo }): Promise<Resource[]> {
    const slaveInfo = { ...args.slaveInfo };
    await this.#each(
      'slaveResourcesDecorator',
      (h) => h.slaveResourcesDecorator({ slaveInfo }),
      (resources) => { if (resources !== null) slaveInfo.resources = resources; },
    );
    return slaveInfo.resources ?? [];
  }

  async slaveAttributesDecorator(args: { slaveInfo: SlaveInfo }): Promise<Attribute[]> {
    const slaveInfo = { ...args.slaveInfo };
    await this.#each(
      'slaveAttributesDecorator',
      (h) => h.slaveAttributesDecorator({ slaveInfo }),
      (attributes) => { if (attributes !== null) slaveInfo.attributes = attributes; },
    );
    return slaveInfo.attributes ?? [];
  }

  /**
   * The agent launching `taskInfo`: slaveRunTaskLabelDecorator (Slave::run),
   * slaveExecutorEnvironmentDecorator (the executor's environment), then for
   * Docker slavePreLaunchDockerTaskExecutorDecorator, whose failure fails the
   * task with REASON_CONTAINER_LAUNCH_FAILED, and slavePostFetchHook after the
   * fetch. Without `executorInfo` the task runs under the command executor.
   */
  async simulateLaunch(input: LaunchInput): Promise<LaunchVerdict> {
    if (input.containerizer !== 'docker' && input.containerizer !== 'mesos') {
      throw new TypeError(`containerizer: expected 'docker' or 'mesos', got ${JSON.stringify(input.containerizer)}`);
    }
    const start = this.#logs.length;
    const taskInfo = { ...input.taskInfo };
    const taskId = taskInfo.task_id.value;
    const frameworkInfo = input.frameworkInfo ?? defaults().frameworkInfo;
    const slaveInfo = input.slaveInfo ?? defaults().slaveInfo;
    const commandTask = input.executorInfo === undefined;
    const executorInfo =
      input.executorInfo ??
      builders.executorInfo({
        executor_id: { value: taskId },
        framework_id: frameworkInfo.id ?? { value: 'framework-1' },
        name: `Command Executor (Task: ${taskId})`,
        source: taskId,
        container: taskInfo.container,
      });

    taskInfo.labels = await this.slaveRunTaskLabelDecorator({ taskInfo, executorInfo, frameworkInfo, slaveInfo });

    const frameworkId = frameworkInfo.id?.value ?? 'framework-1';
    const agentId = slaveInfo.id?.value ?? 'agent-1-S0';
    const directory = `/var/lib/mesos/slaves/${agentId}/frameworks/${frameworkId}/executors/${executorInfo.executor_id.value}/runs/latest`;
    const sandbox = input.containerizer === 'docker' ? '/mnt/mesos/sandbox' : directory;
    const environment: Record<string, string> = {
      MESOS_FRAMEWORK_ID: frameworkId,
      MESOS_EXECUTOR_ID: executorInfo.executor_id.value,
      MESOS_SLAVE_ID: agentId,
      MESOS_AGENT_ENDPOINT: `${slaveInfo.hostname}:${slaveInfo.port ?? 5051}`,
      MESOS_DIRECTORY: directory,
      MESOS_SANDBOX: sandbox,
    };
    envMap(await this.slaveExecutorEnvironmentDecorator({ executorInfo }), environment);
    const logs = () => this.#logs.slice(start);

    if (input.containerizer === 'mesos') {
      await this.slavePostFetchHook({ containerId: builders.containerID(), directory });
      return { launched: true, labels: taskInfo.labels, executorEnvironment: environment, logs: logs() };
    }

    let prepared: DockerTaskExecutorPrepareInfo;
    try {
      prepared = await this.slavePreLaunchDockerTaskExecutorDecorator({
        taskInfo: commandTask ? taskInfo : null,
        executorInfo,
        containerName: `mesos-${builders.containerID().value}`,
        containerWorkDirectory: directory,
        mappedSandboxDirectory: '/mnt/mesos/sandbox',
        env: { ...environment },
      });
    } catch (error) {
      if (!(error instanceof HookFailure)) throw error;
      return {
        launched: false,
        state: 'TASK_FAILED',
        reason: 'REASON_CONTAINER_LAUNCH_FAILED',
        message: `Failed to launch container: ${error.message}`,
        labels: taskInfo.labels,
        logs: logs(),
      };
    }
    envMap(prepared.executorEnvironment, environment);
    const dockerTaskEnvironment = envMap(prepared.taskEnvironment);
    // A custom executor gets the task environment in its own environment.
    if (!commandTask) envMap(prepared.taskEnvironment, environment);
    await this.slavePostFetchHook({ containerId: builders.containerID(), directory });
    return {
      launched: true,
      labels: taskInfo.labels,
      executorEnvironment: environment,
      dockerTaskEnvironment,
      dockerExecutorEnvironment: envMap(prepared.executorEnvironment),
      logs: logs(),
    };
  }

  /**
   * The master accepting a LAUNCH of `taskInfo`: the resource decorator first
   * (Master::accept, before validation), then the label decorator (Master::_accept).
   */
  async simulateMasterLaunch(input: {
    taskInfo: TaskInfo;
    frameworkInfo?: FrameworkInfo;
    slaveInfo?: SlaveInfo;
  }): Promise<MasterLaunchResult> {
    const start = this.#logs.length;
    const taskInfo = { ...input.taskInfo };
    const frameworkInfo = input.frameworkInfo ?? defaults().frameworkInfo;
    const slaveInfo = input.slaveInfo ?? defaults().slaveInfo;
    taskInfo.resources = await this.masterLaunchTaskResourceDecorator({ task: taskInfo, slaveResources: slaveInfo.resources ?? [] });
    const labels = await this.masterLaunchTaskLabelDecorator({ taskInfo, frameworkInfo, slaveInfo });
    return { labels, resources: taskInfo.resources, logs: this.#logs.slice(start) };
  }
}

/**
 * HookManager::initialize for `list` against `contains`/`create`: throws the
 * first installation problem, else returns a pipeline whose hooks are being
 * created in order with their manifest parameters.
 */
export function installPipeline(
  list: string | readonly string[],
  isHook: (name: string) => boolean,
  create: (name: string) => Promise<Hook>,
): HookPipeline {
  const names = parseHookList(list);
  for (const { name, problem } of hookListProblems(names, isHook)) {
    if (problem === undefined) continue;
    if (problem.startsWith('No hook')) throw new ModuleUnknownError(problem, { module: name });
    throw new ModuleCreateError(problem, { module: name });
  }
  const hooks = (async () => {
    const created: Hook[] = [];
    for (const name of names) {
      try {
        created.push(await create(name));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new ModuleCreateError(instantiateProblem(name, message), { module: name });
      }
    }
    return created as readonly Hook[];
  })();
  return new HookPipeline(names, hooks);
}

export { HOOK_METHODS };
export type { HookOptions };
