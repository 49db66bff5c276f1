// A created Hook module: one async method per mesos::Hook virtual.
// Mirrors include/mesos/hook.hpp (Mesos 1.8.0 to 1.11.0, in vtable order).

import {
  BadMessage,
  HookDiscarded,
  HookError,
  HookException,
  HookFailure,
  MesosModulesError,
} from './errors.js';
import type { NativeError, NativeHook, NativeResult } from './native.js';
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

/** The names of the hook methods, in vtable order. */
export const HOOK_METHODS = [
  'masterLaunchTaskLabelDecorator',
  'masterLaunchTaskResourceDecorator',
  'slaveRunTaskLabelDecorator',
  'masterSlaveLostHook',
  'slaveExecutorEnvironmentDecorator',
  'slavePreLaunchDockerTaskExecutorDecorator',
  'slavePostFetchHook',
  'slaveRemoveExecutorHook',
  'slaveTaskStatusDecorator',
  'slaveResourcesDecorator',
  'slaveAttributesDecorator',
] as const;

export type HookMethod = (typeof HOOK_METHODS)[number];

/**
 * A Hook instance created by {@link ModuleManager.createHook}. Every method
 * takes one object keyed by the C++ parameter names and returns a promise:
 * `Result<T>` resolves to `T` (Some) or `null` (None) and rejects with
 * {@link HookError}; `Try<Nothing>` resolves to `undefined`; a future
 * rejects with {@link HookFailure} or {@link HookDiscarded}. A C++ exception
 * escaping the hook rejects with {@link HookException}.
 */
export class Hook {
  /** The module name this hook was created from. */
  readonly module: string;
  readonly #native: NativeHook;

  /** @internal */
  constructor(nativeHook: NativeHook, module: string) {
    this.#native = nativeHook;
    this.module = module;
  }

  async #call(method: HookMethod, args: object): Promise<unknown> {
    if (typeof args !== 'object' || args === null) {
      throw new BadMessage(`${method}: arguments must be one object`, '');
    }
    let result: NativeResult;
    try {
      result = await this.#native[method](args);
    } catch (error) {
      const e = error as NativeError;
      if (e.code === 'BAD_MESSAGE') {
        throw new BadMessage(`${this.module}.${method}: ${e.message}`, e.path ?? '', e.missing ?? []);
      }
      if (error instanceof MesosModulesError) throw error;
      throw error;
    }
    const fields = { module: this.module, hook: method };
    switch (result.kind) {
      case 'some':
        return result.value;
      case 'none':
        return null;
      case 'nothing':
        return undefined;
      case 'error':
        throw new HookError(result.message, fields);
      case 'failure':
        throw new HookFailure(result.message, fields);
      case 'discarded':
        throw new HookDiscarded(fields);
      case 'exception':
        throw new HookException(result.message, result.type, fields);
    }
  }

  /** Master: labels for a task about to be launched (Some replaces them). */
  masterLaunchTaskLabelDecorator(args: {
    taskInfo: TaskInfo;
    frameworkInfo: FrameworkInfo;
    slaveInfo: SlaveInfo;
  }): Promise<Labels | null> {
    return this.#call('masterLaunchTaskLabelDecorator', args) as Promise<Labels | null>;
  }

  /** Master: resources for a task about to be launched. */
  masterLaunchTaskResourceDecorator(args: { task: TaskInfo; slaveResources: Resource[] }): Promise<Resource[] | null> {
    return this.#call('masterLaunchTaskResourceDecorator', args) as Promise<Resource[] | null>;
  }

  /** Agent: labels for a task before it reaches its executor. */
  slaveRunTaskLabelDecorator(args: {
    taskInfo: TaskInfo;
    executorInfo: ExecutorInfo;
    frameworkInfo: FrameworkInfo;
    slaveInfo: SlaveInfo;
  }): Promise<Labels | null> {
    return this.#call('slaveRunTaskLabelDecorator', args) as Promise<Labels | null>;
  }

  /** Master: an agent was lost. */
  masterSlaveLostHook(args: { slaveInfo: SlaveInfo }): Promise<void> {
    return this.#call('masterSlaveLostHook', args) as Promise<void>;
  }

  /** Agent: the environment of an executor about to start. */
  slaveExecutorEnvironmentDecorator(args: { executorInfo: ExecutorInfo }): Promise<Environment | null> {
    return this.#call('slaveExecutorEnvironmentDecorator', args) as Promise<Environment | null>;
  }

  /**
   * Agent (Docker containerizer): before a Docker executor or task container
   * starts. A failed future is a refused launch ({@link HookFailure}).
   */
  slavePreLaunchDockerTaskExecutorDecorator(args: {
    taskInfo?: TaskInfo | null;
    executorInfo: ExecutorInfo;
    containerName: string;
    containerWorkDirectory: string;
    mappedSandboxDirectory: string;
    env?: Record<string, string> | null;
  }): Promise<DockerTaskExecutorPrepareInfo | null> {
    return this.#call('slavePreLaunchDockerTaskExecutorDecorator', args) as Promise<DockerTaskExecutorPrepareInfo | null>;
  }

  /** Agent: the fetcher has filled the sandbox `directory`. */
  slavePostFetchHook(args: { containerId: ContainerID; directory: string }): Promise<void> {
    return this.#call('slavePostFetchHook', args) as Promise<void>;
  }

  /** Agent: an executor is being removed. */
  slaveRemoveExecutorHook(args: { frameworkInfo: FrameworkInfo; executorInfo: ExecutorInfo }): Promise<void> {
    return this.#call('slaveRemoveExecutorHook', args) as Promise<void>;
  }

  /** Agent: a status update; the agent keeps only `labels` and `container_status` of the result. */
  slaveTaskStatusDecorator(args: { frameworkId: FrameworkID; status: TaskStatus }): Promise<Partial<TaskStatus> | null> {
    return this.#call('slaveTaskStatusDecorator', args) as Promise<Partial<TaskStatus> | null>;
  }

  /** Agent start-up: the resources to advertise. */
  slaveResourcesDecorator(args: { slaveInfo: SlaveInfo }): Promise<Resource[] | null> {
    return this.#call('slaveResourcesDecorator', args) as Promise<Resource[] | null>;
  }

  /** Agent start-up: the attributes to advertise. */
  slaveAttributesDecorator(args: { slaveInfo: SlaveInfo }): Promise<Attribute[] | null> {
    return this.#call('slaveAttributesDecorator', args) as Promise<Attribute[] | null>;
  }
}
