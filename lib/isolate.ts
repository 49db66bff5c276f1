// Isolated mode's backend: module code (dlopen, the module record,
// compatible(), create(), every hook call) runs in a child process, the
// native mesos-modules-child (src-native/child/), over the child room
// (lib/child/). ModuleManager (lib/manager.ts) keeps Mesos's rules and its
// registry in this process, as in-process; only the steps that run module
// code cross, as lib/isolate-protocol.ts requests. What it adds is what the
// agent does not have: a crash or hang ends the child, not this process.
//
// Rules: a child that dies during a call is a HookCrash (signal or exit
// status, stderr tail, the call's input); a call past its timeout is a
// HookTimeout and the child is killed; every loader step and create() has
// a deadline (the manager's setupTimeout, a hook's createTimeout). The next
// request after any of these starts a fresh child and replays every library
// opened and every hook created, in order, with the same parameters. One
// started child is kept ready per process (unless
// MESOS_MODULES_SPARE_CHILD=0), so a new manager or a restart does not wait
// for the child to start.

import { join } from 'node:path';

import { ANSWER_OK, decodeJson, encodeStrings, type Frame } from './child/frame.js';
import { ChildLink } from './child/link.js';
import { ChildDeadlineError, ChildLostError, describeEnd } from './child/lost.js';
import { ChildReplayError, ChildRoom } from './child/room.js';
import { openFailure } from './diagnose.js';
import { createErrorMessage, fromNative, HookCrash, HookTimeout, ModuleCreateError, ModuleLoadError, type NativeContext } from './errors.js';
import { DEFAULT_TIMEOUT, Hook, type HookOptions } from './hook.js';
import { createRefusal, type SettledCall } from './hook-outcome.js';
import {
  CALL_HEAD,
  type CreateAnswer,
  decodeSettled,
  type FailureAnswer,
  TAG_CALL,
  TAG_COMPATIBLE,
  TAG_CREATE,
  TAG_OPEN,
  TAG_READ,
  writeCallHead,
} from './isolate-protocol.js';
import type { ManagerBackend } from './manager.js';
import type { Parameter } from './manifest.js';
import { nativeLayout } from './paths.js';
import type { ModuleRecordFields, RegisteredModule } from './verify.js';
import { encodeParameters, type HookMethod } from './wire/calls.js';

/** Default timeout of load, loadDir and createHook in isolated mode, in ms. */
export const DEFAULT_SETUP_TIMEOUT = 10_000;

const RESTARTED = 'the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created';

/** The child executable of this installation (beside the addon's tools). */
function childBinary(): string {
  return join(nativeLayout().tools, 'mesos-modules-child');
}

/** The started child kept ready for the next manager or restart in this process, and the environment it got. */
let ready: ChildLink | undefined;
let readyEnv: Record<string, string | undefined> = {};
let keepReady = process.env.MESOS_MODULES_SPARE_CHILD !== '0';

/**
 * Whether a started child is kept ready in this process (default: yes,
 * unless MESOS_MODULES_SPARE_CHILD=0). A one-shot command turns it off: it
 * would start a process it never uses.
 * @internal
 */
export function keepChildReady(on: boolean): void {
  keepReady = on;
  if (!on && ready !== undefined) {
    ready.kill();
    ready = undefined;
  }
}

function spawnChild(env: Record<string, string | undefined>): ChildLink {
  return new ChildLink(childBinary(), [], { env });
}

function sameEnv(a: Record<string, string | undefined>, b: Record<string, string | undefined>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** A started child: the ready one, unless this process's environment changed since it started. */
function takeChild(): ChildLink {
  const env = { ...process.env };
  let link = ready;
  ready = undefined;
  if (link?.alive && sameEnv(env, readyEnv)) return link;
  link?.kill();
  return spawnChild(env);
}

/**
 * The process id of the ready child, if one is waiting.
 * @internal
 */
export function readyChildPid(): number | undefined {
  return ready?.alive ? ready.pid : undefined;
}

/** Starts the next ready child, if none is waiting. */
function replenish(): void {
  if (!keepReady || ready?.alive) return;
  readyEnv = { ...process.env };
  ready = spawnChild(readyEnv);
}

/** A module record in the child: its library string and symbol. */
export interface ChildModule {
  library: string;
  name: string;
}

/** The failure an answer carries. */
function failureOf(answer: Frame): FailureAnswer {
  return decodeJson<FailureAnswer>(answer.payload);
}

/** The stderr tail of a lost or killed child, on a line of its own ('' when empty). */
function tailOf(error: ChildDeadlineError | ChildLostError): string {
  const stderr = error instanceof ChildDeadlineError ? error.stderrTail : error.end.stderrTail;
  return stderr ? `\n${stderr}` : '';
}

/** How a step that lost the child ended, in the loader's words. */
function lostStep(what: string, error: ChildDeadlineError | ChildLostError): ModuleLoadError {
  const how =
    error instanceof ChildDeadlineError ? `did not finish within ${error.deadline} ms` : `ended the child process (${describeEnd(error.end)})`;
  return new ModuleLoadError(`${what} ${how}; ${RESTARTED}${tailOf(error)}`, {});
}

const REPLAY_STEPS: Record<number, NativeContext['step']> = { [TAG_OPEN]: 'open', [TAG_CREATE]: 'create' };

/** The ModuleManager backend of isolated mode (see ModuleManager's `isolate` option). @internal */
export class IsolatedBackend implements ManagerBackend<ChildModule> {
  readonly #setupTimeout: number;
  readonly #room: ChildRoom;
  /** Libraries the child has opened (replayed into every fresh child). */
  readonly #opened = new Set<string>();
  #nextHook = 1;

  constructor(setupTimeout: number) {
    this.#setupTimeout = setupTimeout;
    this.#room = new ChildRoom({ start: takeChild, replayDeadline: setupTimeout });
  }

  /** The process id of the current child (undefined before the first request or after a crash). */
  get pid(): number | undefined {
    return this.#room.pid;
  }

  /**
   * One request's answer, OK or failed. A lost or killed child throws
   * ChildLostError or ChildDeadlineError; a fresh child that could not be
   * brought back to its state throws the replayed step's error.
   */
  async #request(tag: number, parts: readonly Uint8Array[], deadline: number): Promise<Frame> {
    try {
      return await this.#room.request(tag, parts, deadline);
    } catch (error) {
      if (error instanceof ChildReplayError) {
        if (error.answer === undefined) throw error.cause;
        const step = REPLAY_STEPS[error.setup.tag] ?? 'open';
        const failure = fromNative(failureOf(error.answer), { step });
        throw new ModuleLoadError(`${error.message}: ${failure.message}`, {});
      }
      throw error;
    } finally {
      replenish();
    }
  }

  /** A loader step's OK answer; a failure answer throws its error, a lost child ModuleLoadError. */
  async #step(tag: number, payload: Uint8Array, what: string, context: NativeContext): Promise<Frame> {
    let answer: Frame;
    try {
      answer = await this.#request(tag, [payload], this.#setupTimeout);
    } catch (error) {
      if (error instanceof ChildDeadlineError || error instanceof ChildLostError) throw lostStep(what, error);
      throw error;
    }
    if (answer.tag !== ANSWER_OK) {
      const failure = failureOf(answer);
      throw context.step === 'open' ? await openFailure(context.library!, failure) : fromNative(failure, context);
    }
    return answer;
  }

  async open(library: string): Promise<void> {
    if (this.#opened.has(library)) return;
    const payload = encodeStrings([library]);
    await this.#step(TAG_OPEN, payload, `opening '${library}'`, { step: 'open', library });
    this.#opened.add(library);
    this.#room.remember({ tag: TAG_OPEN, parts: [payload], label: `opening '${library}' again`, deadline: this.#setupTimeout });
  }

  async read(library: string, name: string): Promise<{ record: ModuleRecordFields; handle: ChildModule }> {
    const answer = await this.#step(TAG_READ, encodeStrings([library, name]), `reading the module record '${name}' in '${library}'`, {
      step: 'read',
      library,
      module: name,
    });
    return { record: decodeJson<ModuleRecordFields>(answer.payload), handle: { library, name } };
  }

  async compatible(handle: ChildModule): Promise<boolean> {
    const answer = await this.#step(TAG_COMPATIBLE, encodeStrings([handle.library, handle.name]), 'compatible()', {
      step: 'compatible',
      library: handle.library,
      module: handle.name,
    });
    return answer.payload[0] === 1;
  }

  async createHook(module: RegisteredModule<ChildModule>, parameters: Parameter[], options: HookOptions | undefined, timeout: number): Promise<Hook> {
    const { name, library } = module;
    const fields = { module: name, library };
    const id = this.#nextHook++;
    // The parameters (mesos.Parameters binary) are the payload's last entry.
    const parts = [concatStrings([library, name, String(id)], encodeParameters(parameters))];
    let answer: Frame;
    try {
      answer = await this.#request(TAG_CREATE, parts, timeout);
    } catch (error) {
      if (error instanceof ChildDeadlineError || error instanceof ChildLostError) {
        // The in-process wording for the same event, then what isolated mode did about it.
        const reason =
          error instanceof ChildDeadlineError
            ? `create() did not return within ${error.deadline} ms; ${RESTARTED}`
            : `create() ended the child process (${describeEnd(error.end)}); ${RESTARTED}`;
        throw new ModuleCreateError(`${createErrorMessage(name, reason)}${tailOf(error)}`, fields);
      }
      throw error;
    }
    // create()'s own log lines go with its error, as in-process.
    if (answer.tag !== ANSWER_OK) {
      const failure = failureOf(answer);
      throw createRefusal(fields, failure.logs ?? [], failure);
    }
    const created = decodeJson<CreateAnswer>(answer.payload);
    if (!created.created) throw createRefusal(fields, created.logs);
    this.#room.remember({ tag: TAG_CREATE, parts, label: `createHook('${name}')`, deadline: timeout });
    return new Hook(null, name, options, (method, bytes, call) => this.#call(id, name, method, bytes, call));
  }

  /** Ends the child process; later requests start a new one. */
  close(): Promise<void> {
    return this.#room.close();
  }

  async #call(
    hook: number,
    module: string,
    method: HookMethod,
    bytes: Uint8Array,
    call: { timeout: number; offThread: boolean; input: object },
  ): Promise<SettledCall> {
    const timeout = call.timeout ?? DEFAULT_TIMEOUT;
    // The parent's deadline decides; the child's own wait only has to outlast it.
    const head = writeCallHead(Buffer.allocUnsafe(CALL_HEAD), { hook, method, offThread: call.offThread, timeout: timeout * 2 + 1000 });
    let answer: Frame;
    try {
      answer = await this.#request(TAG_CALL, [head, bytes], timeout);
    } catch (error) {
      if (error instanceof ChildDeadlineError) {
        const expired = new HookTimeout(timeout, { module, hook: method });
        expired.message = `${method} did not complete within ${timeout} ms; ${RESTARTED}`;
        throw expired;
      }
      if (error instanceof ChildLostError) {
        const crash = new HookCrash({
          module,
          hook: method,
          signal: error.end.signal,
          exitStatus: error.end.exitStatus,
          stderrTail: error.end.stderrTail,
          input: call.input,
        });
        crash.message = `${crash.message}; ${RESTARTED}`;
        throw crash;
      }
      throw error;
    }
    if (answer.tag !== ANSWER_OK) throw fromNative(failureOf(answer), { step: 'call', module, hook: method });
    return decodeSettled(answer.payload);
  }
}

/** encodeStrings(strings) followed by `bytes` as one more entry. */
function concatStrings(strings: string[], bytes: Uint8Array): Uint8Array {
  const head = encodeStrings(strings);
  const out = Buffer.allocUnsafe(head.length + 4 + bytes.length);
  out.set(head, 0);
  out.writeUInt32LE(bytes.length, head.length);
  out.set(bytes, head.length + 4);
  return out;
}
