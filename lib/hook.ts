// A created Hook module: one async method per mesos::Hook virtual.
// Mirrors include/mesos/hook.hpp (Mesos 1.8.0 to 1.11.0, in vtable order).

import {
  BadMessage,
  BadResult,
  HookDiscarded,
  HookError,
  HookException,
  HookFailure,
  HookTimeout,
  type HookLogLine,
} from './errors.js';
import {
  NATIVE_NONE,
  type NativeCall,
  type NativeError,
  type NativeHook,
  type NativeLogs,
  type NativePendingCall,
  type NativeResult,
} from './native.js';
import { decodeResult, encodeCall, incompleteResult, wireBuffer } from './wire/calls.js';
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

/** One glog line a hook wrote during a call. */
export interface LogRecord extends HookLogLine {
  /** The hook method that was running. */
  method: HookMethod;
}

/** Options of a hook call; the hook's own options are the defaults. */
export interface CallOptions {
  /**
   * Milliseconds to wait for the call (a pending future, or a call running
   * off the JS thread) before rejecting with {@link HookTimeout}.
   */
  timeout?: number;
  /**
   * Run the hook method on a libuv pool thread instead of the JS thread, for
   * hooks that block (e.g. `await` a future, run a command). Calls are
   * serialized either way, like the agent's HookManager.
   */
  offThread?: boolean;
}

/** Defaults of every call of a hook (see {@link ModuleManager.createHook}). */
export interface HookOptions {
  /** Default call timeout in milliseconds (5000). */
  timeout?: number;
  /** Run calls off the JS thread by default (false). */
  offThread?: boolean;
  /**
   * How many of the most recent log lines {@link Hook.logs} keeps
   * ({@link DEFAULT_LOG_LIMIT}); older lines are dropped and counted in
   * {@link Hook.droppedLogs}. 0 keeps none.
   */
  logLimit?: number;
}

/** The default call timeout, in milliseconds. */
export const DEFAULT_TIMEOUT = 5000;

/** The default number of log lines a hook keeps. */
export const DEFAULT_LOG_LIMIT = 10_000;

function logRecords(flat: NativeLogs, method: HookMethod): LogRecord[] {
  const records: LogRecord[] = [];
  for (let i = 1; i + 3 < flat.length; i += 4) {
    records.push({
      severity: flat[i] as HookLogLine['severity'],
      file: flat[i + 1] as string,
      line: flat[i + 2] as number,
      message: flat[i + 3] as string,
      method,
    });
  }
  return records;
}

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
  readonly #options: HookOptions;
  readonly #logLimit: number;
  // Up to twice the limit between trims, so that adding a line costs O(1)
  // amortized; the getter trims to the limit.
  #logs: LogRecord[] = [];
  #dropped = 0;

  /** @internal */
  constructor(nativeHook: NativeHook, module: string, options: HookOptions = {}) {
    this.#native = nativeHook;
    this.module = module;
    this.#options = options;
    const limit = options.logLimit ?? DEFAULT_LOG_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new RangeError(`logLimit must be a whole number of lines (0 or more), got ${String(limit)}`);
    }
    this.#logLimit = limit;
  }

  #trimLogs(): void {
    const excess = this.#logs.length - this.#logLimit;
    if (excess > 0) {
      this.#logs.splice(0, excess);
      this.#dropped += excess;
    }
  }

  /**
   * The most recent glog lines the hook wrote during this hook's calls, oldest
   * first, at most `logLimit` of them (lines from other threads while a call
   * waits for its future included).
   */
  get logs(): readonly LogRecord[] {
    this.#trimLogs();
    return this.#logs;
  }

  /** How many lines {@link logs} has dropped, oldest first, to stay within `logLimit`. */
  get droppedLogs(): number {
    this.#trimLogs();
    return this.#dropped;
  }

  /** Forgets the captured log lines (and the count of dropped ones). */
  clearLogs(): void {
    this.#logs = [];
    this.#dropped = 0;
  }

  #decode(method: HookMethod, bytes: Uint8Array, length: number, logs: LogRecord[]): unknown {
    const value = decodeResult(method, bytes, length);
    const missing = incompleteResult(method, value);
    if (missing.length > 0) {
      const fields = missing.length === 1 ? `required field ${missing[0]} is` : `required fields ${missing.join(', ')} are`;
      throw new BadResult(`${this.module}.${method}: the agent could not deliver the result: ${fields} not set`, {
        module: this.module,
        hook: method,
        path: missing[0],
        missing,
        logs,
      });
    }
    return value;
  }

  async #call(method: HookMethod, args: object, options: CallOptions = {}): Promise<unknown> {
    if (typeof args !== 'object' || args === null) {
      throw new BadMessage(`${method}: arguments must be one object`, '');
    }
    const timeout = options.timeout ?? this.#options.timeout ?? DEFAULT_TIMEOUT;
    const offThread = options.offThread ?? this.#options.offThread ?? false;

    let call: NativeCall;
    try {
      // Arguments cross as protobuf binary in a shared buffer (lib/wire/).
      const length = encodeCall(method, args as Record<string, unknown>, this.module);
      call = this.#native[method](wireBuffer(), length, offThread);
    } catch (error) {
      if (error instanceof BadMessage) throw error; // from lib/wire, already complete
      const e = error as NativeError;
      if (e.code === 'BAD_MESSAGE') {
        throw new BadMessage(`${this.module}.${method}: ${e.message}`, e.path ?? '', e.missing ?? []);
      }
      throw error;
    }

    let settled: Exclude<NativeCall, NativePendingCall>;
    if (call instanceof Promise) {
      const pending = call as NativePendingCall;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeout);
      });
      const outcome = await Promise.race([pending, expired]).finally(() => clearTimeout(timer));
      if (outcome === 'timeout') {
        pending.cancel();
        throw new HookTimeout(timeout, { module: this.module, hook: method });
      }
      settled = outcome;
    } else {
      settled = call;
    }

    // With log lines: [result, severity, file, line, message, …].
    let logs: LogRecord[] = [];
    if (Array.isArray(settled)) {
      logs = logRecords(settled, method);
      for (const record of logs) this.#logs.push(record);
      if (this.#logs.length > 2 * this.#logLimit + 64) this.#trimLogs();
      settled = settled[0];
    }
    // The common case: a synchronous Some (its bytes are in the shared
    // buffer), None or Nothing.
    if (typeof settled === 'number') {
      if (settled >= 0) return this.#decode(method, wireBuffer(), settled, logs);
      return settled === NATIVE_NONE ? null : undefined;
    }
    const result: NativeResult = settled;
    const withLogs = { module: this.module, hook: method, logs };
    switch (result.kind) {
      case 'some':
        return this.#decode(method, result.bytes, result.bytes.length, logs);
      case 'error':
        throw new HookError(result.message, withLogs);
      case 'failure':
        throw new HookFailure(result.message, withLogs);
      case 'discarded':
        throw new HookDiscarded(withLogs);
      case 'exception':
        throw new HookException(result.message, result.type, withLogs);
      case 'cancelled':
        throw new HookTimeout(timeout, withLogs);
    }
  }

  /** Master: labels for a task about to be launched (Some replaces them). */
  masterLaunchTaskLabelDecorator(args: {
    taskInfo: TaskInfo;
    frameworkInfo: FrameworkInfo;
    slaveInfo: SlaveInfo;
  }, options?: CallOptions): Promise<Labels | null> {
    return this.#call('masterLaunchTaskLabelDecorator', args, options) as Promise<Labels | null>;
  }

  /** Master: resources for a task about to be launched. */
  masterLaunchTaskResourceDecorator(args: { task: TaskInfo; slaveResources: Resource[] }, options?: CallOptions): Promise<Resource[] | null> {
    return this.#call('masterLaunchTaskResourceDecorator', args, options) as Promise<Resource[] | null>;
  }

  /** Agent: labels for a task before it reaches its executor. */
  slaveRunTaskLabelDecorator(args: {
    taskInfo: TaskInfo;
    executorInfo: ExecutorInfo;
    frameworkInfo: FrameworkInfo;
    slaveInfo: SlaveInfo;
  }, options?: CallOptions): Promise<Labels | null> {
    return this.#call('slaveRunTaskLabelDecorator', args, options) as Promise<Labels | null>;
  }

  /** Master: an agent was lost. */
  masterSlaveLostHook(args: { slaveInfo: SlaveInfo }, options?: CallOptions): Promise<void> {
    return this.#call('masterSlaveLostHook', args, options) as Promise<void>;
  }

  /** Agent: the environment of an executor about to start. */
  slaveExecutorEnvironmentDecorator(args: { executorInfo: ExecutorInfo }, options?: CallOptions): Promise<Environment | null> {
    return this.#call('slaveExecutorEnvironmentDecorator', args, options) as Promise<Environment | null>;
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
  }, options?: CallOptions): Promise<DockerTaskExecutorPrepareInfo | null> {
    return this.#call('slavePreLaunchDockerTaskExecutorDecorator', args, options) as Promise<DockerTaskExecutorPrepareInfo | null>;
  }

  /** Agent: the fetcher has filled the sandbox `directory`. */
  slavePostFetchHook(args: { containerId: ContainerID; directory: string }, options?: CallOptions): Promise<void> {
    return this.#call('slavePostFetchHook', args, options) as Promise<void>;
  }

  /** Agent: an executor is being removed. */
  slaveRemoveExecutorHook(args: { frameworkInfo: FrameworkInfo; executorInfo: ExecutorInfo }, options?: CallOptions): Promise<void> {
    return this.#call('slaveRemoveExecutorHook', args, options) as Promise<void>;
  }

  /** Agent: a status update; the agent keeps only `labels` and `container_status` of the result. */
  slaveTaskStatusDecorator(args: { frameworkId: FrameworkID; status: TaskStatus }, options?: CallOptions): Promise<Partial<TaskStatus> | null> {
    return this.#call('slaveTaskStatusDecorator', args, options) as Promise<Partial<TaskStatus> | null>;
  }

  /** Agent start-up: the resources to advertise. */
  slaveResourcesDecorator(args: { slaveInfo: SlaveInfo }, options?: CallOptions): Promise<Resource[] | null> {
    return this.#call('slaveResourcesDecorator', args, options) as Promise<Resource[] | null>;
  }

  /** Agent start-up: the attributes to advertise. */
  slaveAttributesDecorator(args: { slaveInfo: SlaveInfo }, options?: CallOptions): Promise<Attribute[] | null> {
    return this.#call('slaveAttributesDecorator', args, options) as Promise<Attribute[] | null>;
  }
}
