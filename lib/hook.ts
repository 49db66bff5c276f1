// A created Hook module: one async method per mesos::Hook virtual.
// Mirrors include/mesos/hook.hpp (Mesos 1.8.0 to 1.11.0, in vtable order).

import { BadMessage, fromNative, HookBusy, HookTimeout } from './errors.js';
import { hookOutcome, type LogRecord, type SettledCall } from './hook-outcome.js';
import type { NativeCall, NativeHook, NativeLogs, NativePendingCall, NativeResult } from './native.js';
import { encodeCall, HOOK_METHODS, type HookArgs, type HookMethod, type HookResult, wireBuffer } from './wire/calls.js';
import type { TaskStatus } from './messages.js';

export type { LogRecord } from './hook-outcome.js';

/** Options of a hook call; the hook's own options are the defaults. */
export interface CallOptions {
  /**
   * Milliseconds to wait for the call (a pending future, or a call running
   * off the JS thread) before rejecting with {@link HookTimeout}.
   */
  timeout?: number;
  /**
   * Run the hook method on a thread of its own instead of the JS thread, for
   * hooks that block (e.g. `await` a future, run a command). Calls are
   * serialized either way, like the agent's HookManager: a call that finds
   * the hook lock held by a call still running off the JS thread waits for
   * it off the JS thread too, and rejects with {@link HookBusy} past its
   * `timeout`.
   */
  offThread?: boolean;
}

/** The default number of log lines a hook keeps. */
export const DEFAULT_LOG_LIMIT = 10_000;

/** Defaults of every call of a hook (see {@link ModuleManager.createHook}). */
export interface HookOptions {
  /** Default call timeout in milliseconds (5000). */
  timeout?: number;
  /** Run calls off the JS thread by default (false). */
  offThread?: boolean;
  /**
   * Milliseconds {@link ModuleManager.createHook} waits for the module's
   * `create()` (the manager's `setupTimeout`, else 10000). In-process,
   * create() runs off the JS thread; one that does not return in time
   * rejects with {@link ModuleCreateError} and is left running.
   */
  createTimeout?: number;
  /**
   * How many of the most recent log lines {@link Hook.logs} keeps
   * ({@link DEFAULT_LOG_LIMIT}); older lines are dropped and counted in
   * {@link Hook.droppedLogs}. 0 keeps none.
   */
  logLimit?: number;
}

/** The default call timeout, in milliseconds. */
export const DEFAULT_TIMEOUT = 5000;

export { HOOK_METHODS, type HookArgs, type HookMethod, type HookResult };

/**
 * Runs a call somewhere else (isolated mode, lib/isolate.ts): gets the
 * encoded call and returns the settled result with any Some bytes in it.
 * @internal
 */
export type RemoteCall = (method: HookMethod, bytes: Uint8Array, options: { timeout: number; offThread: boolean; input: object }) => Promise<SettledCall>;

/**
 * Waits for a native call to settle: a pending call that outlives `timeout`
 * ms is cancelled and rejects with HookTimeout, or with HookBusy when it was
 * still waiting for the hook lock (naming the call that holds it).
 */
async function settle(pending: NativePendingCall, timeout: number, fields: { module: string; hook: string }): Promise<SettledCall> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeout);
  });
  const outcome = await Promise.race([pending, expired]).finally(() => clearTimeout(timer));
  if (outcome === 'timeout') {
    const where = pending.cancel();
    if (typeof where === 'object' && where !== null) {
      throw new HookBusy(timeout, { module: where.module, hook: where.method, runningMs: where.heldMs }, fields);
    }
    const error = new HookTimeout(timeout, fields);
    if (where === 'running') {
      error.message =
        `${fields.module}.${fields.hook} did not return within ${timeout} ms; it keeps running off the JS thread ` +
        'and holds the hook lock until it returns (later calls wait for it, then fail with HookBusy); ' +
        'with `isolate: true` such a call is killed';
    }
    throw error;
  }
  return outcome;
}

/**
 * A Hook instance created by {@link ModuleManager.createHook}. Every method
 * takes one object keyed by the C++ parameter names and returns a promise:
 * `Result<T>` resolves to `T` (Some) or `null` (None) and rejects with
 * {@link HookError}; `Try<Nothing>` resolves to `undefined`; a future
 * rejects with {@link HookFailure} or {@link HookDiscarded}. A C++ exception
 * escaping the hook rejects with {@link HookException}.
 *
 * A future completed later, and a call timeout (from docs/examples, run by
 * the test suite):
 *
 * {@includeCode ../docs/examples/testing-patterns.test.ts#futures}
 *
 * The captured log lines, kept up to `logLimit`:
 *
 * {@includeCode ../docs/examples/testing-patterns.test.ts#logs}
 */
export class Hook {
  /** The module name this hook was created from. */
  readonly module: string;
  readonly #native: NativeHook;
  readonly #options: HookOptions;
  readonly #remote: RemoteCall | undefined;
  readonly #logLimit: number;
  #logs: LogRecord[] = [];
  #dropped = 0;

  /** @internal */
  constructor(nativeHook: NativeHook | null, module: string, options: HookOptions = {}, remote?: RemoteCall) {
    this.#native = nativeHook as NativeHook;
    this.module = module;
    this.#options = options;
    this.#remote = remote;
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
   * Runs an encoded call in this process and returns its settled result,
   * with a Some's bytes copied out of the shared buffer (isolated mode's
   * child answers with it).
   * @internal
   */
  async callWire(method: HookMethod, bytes: Uint8Array, offThread: boolean, timeout: number): Promise<SettledCall> {
    let call: NativeCall;
    try {
      wireBuffer().set(bytes, 0);
      call = this.#native[method](wireBuffer(), bytes.length, offThread);
    } catch (error) {
      throw fromNative(error, { step: 'call', module: this.module, hook: method });
    }
    const settled = call instanceof Promise ? await settle(call, timeout, { module: this.module, hook: method }) : call;
    const own = (value: number | NativeResult): number | NativeResult =>
      typeof value === 'number' && value >= 0 ? { kind: 'some', bytes: wireBuffer().slice(0, value) } : value;
    if (Array.isArray(settled)) return [own(settled[0]), ...settled.slice(1)] as NativeLogs;
    return own(settled);
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

  async #call(method: HookMethod, args: object, options: CallOptions = {}): Promise<unknown> {
    if (typeof args !== 'object' || args === null) {
      throw new BadMessage(`${method}: arguments must be one object`, '');
    }
    const timeout = options.timeout ?? this.#options.timeout ?? DEFAULT_TIMEOUT;
    const offThread = options.offThread ?? this.#options.offThread ?? false;

    if (this.#remote !== undefined) {
      let length: number;
      try {
        length = encodeCall(method, args as Record<string, unknown>, this.module);
      } catch (error) {
        throw fromNative(error, { step: 'call', module: this.module, hook: method });
      }
      const settled = await this.#remote(method, wireBuffer().slice(0, length), { timeout, offThread, input: args });
      try {
        return hookOutcome(settled, { module: this.module, method, buffer: wireBuffer(), timeout }, this.#logs);
      } finally {
        if (this.#logs.length > 2 * this.#logLimit + 64) this.#trimLogs();
      }
    }

    let call: NativeCall;
    try {
      // Arguments cross as protobuf binary in a shared buffer (lib/wire/).
      const length = encodeCall(method, args as Record<string, unknown>, this.module);
      call = this.#native[method](wireBuffer(), length, offThread);
    } catch (error) {
      throw fromNative(error, { step: 'call', module: this.module, hook: method });
    }
    // Most calls settle synchronously: only a pending one waits.
    const settled = call instanceof Promise ? await settle(call, timeout, { module: this.module, hook: method }) : call;
    try {
      return hookOutcome(settled, { module: this.module, method, buffer: wireBuffer(), timeout }, this.#logs);
    } finally {
      // Up to twice the limit between trims, so adding a line is O(1) amortized.
      if (this.#logs.length > 2 * this.#logLimit + 64) this.#trimLogs();
    }
  }

  /** Master: labels for a task about to be launched (Some replaces them). */
  masterLaunchTaskLabelDecorator(args: HookArgs<'masterLaunchTaskLabelDecorator'>, options?: CallOptions): Promise<HookResult<'masterLaunchTaskLabelDecorator'>> {
    return this.#call('masterLaunchTaskLabelDecorator', args, options) as Promise<HookResult<'masterLaunchTaskLabelDecorator'>>;
  }

  /** Master: resources for a task about to be launched. */
  masterLaunchTaskResourceDecorator(args: HookArgs<'masterLaunchTaskResourceDecorator'>, options?: CallOptions): Promise<HookResult<'masterLaunchTaskResourceDecorator'>> {
    return this.#call('masterLaunchTaskResourceDecorator', args, options) as Promise<HookResult<'masterLaunchTaskResourceDecorator'>>;
  }

  /** Agent: labels for a task before it reaches its executor. */
  slaveRunTaskLabelDecorator(args: HookArgs<'slaveRunTaskLabelDecorator'>, options?: CallOptions): Promise<HookResult<'slaveRunTaskLabelDecorator'>> {
    return this.#call('slaveRunTaskLabelDecorator', args, options) as Promise<HookResult<'slaveRunTaskLabelDecorator'>>;
  }

  /** Master: an agent was lost. */
  masterSlaveLostHook(args: HookArgs<'masterSlaveLostHook'>, options?: CallOptions): Promise<HookResult<'masterSlaveLostHook'>> {
    return this.#call('masterSlaveLostHook', args, options) as Promise<HookResult<'masterSlaveLostHook'>>;
  }

  /** Agent: the environment of an executor about to start. */
  slaveExecutorEnvironmentDecorator(args: HookArgs<'slaveExecutorEnvironmentDecorator'>, options?: CallOptions): Promise<HookResult<'slaveExecutorEnvironmentDecorator'>> {
    return this.#call('slaveExecutorEnvironmentDecorator', args, options) as Promise<HookResult<'slaveExecutorEnvironmentDecorator'>>;
  }

  /**
   * Agent (Docker containerizer): before a Docker executor or task container
   * starts. A failed future is a refused launch ({@link HookFailure}).
   */
  slavePreLaunchDockerTaskExecutorDecorator(args: HookArgs<'slavePreLaunchDockerTaskExecutorDecorator'>, options?: CallOptions): Promise<HookResult<'slavePreLaunchDockerTaskExecutorDecorator'>> {
    return this.#call('slavePreLaunchDockerTaskExecutorDecorator', args, options) as Promise<HookResult<'slavePreLaunchDockerTaskExecutorDecorator'>>;
  }

  /** Agent: the fetcher has filled the sandbox `directory`. */
  slavePostFetchHook(args: HookArgs<'slavePostFetchHook'>, options?: CallOptions): Promise<HookResult<'slavePostFetchHook'>> {
    return this.#call('slavePostFetchHook', args, options) as Promise<HookResult<'slavePostFetchHook'>>;
  }

  /** Agent: an executor is being removed. */
  slaveRemoveExecutorHook(args: HookArgs<'slaveRemoveExecutorHook'>, options?: CallOptions): Promise<HookResult<'slaveRemoveExecutorHook'>> {
    return this.#call('slaveRemoveExecutorHook', args, options) as Promise<HookResult<'slaveRemoveExecutorHook'>>;
  }

  /** Agent: a status update; the agent keeps only `labels` and `container_status` of the result. */
  slaveTaskStatusDecorator(args: HookArgs<'slaveTaskStatusDecorator'>, options?: CallOptions): Promise<Partial<TaskStatus> | null> {
    return this.#call('slaveTaskStatusDecorator', args, options) as Promise<Partial<TaskStatus> | null>;
  }

  /** Agent start-up: the resources to advertise. */
  slaveResourcesDecorator(args: HookArgs<'slaveResourcesDecorator'>, options?: CallOptions): Promise<HookResult<'slaveResourcesDecorator'>> {
    return this.#call('slaveResourcesDecorator', args, options) as Promise<HookResult<'slaveResourcesDecorator'>>;
  }

  /** Agent start-up: the attributes to advertise. */
  slaveAttributesDecorator(args: HookArgs<'slaveAttributesDecorator'>, options?: CallOptions): Promise<HookResult<'slaveAttributesDecorator'>> {
    return this.#call('slaveAttributesDecorator', args, options) as Promise<HookResult<'slaveAttributesDecorator'>>;
  }
}

/**
 * A timeout option: a positive number of milliseconds, else RangeError.
 * @internal
 */
export function checkTimeout(option: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${option} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}
