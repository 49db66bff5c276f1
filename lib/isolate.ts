// Isolated mode: a ModuleManager whose module code (opening libraries,
// create(), every hook call) runs in a child node process
// (lib/isolate-child.ts) over the child room (lib/child/). Mirrors
// src/module/manager.cpp's API as lib/manager.ts does; what it adds is what
// the agent does not have: a crash or hang ends the child, not this process.
//
// Rules: a child that dies during a call is a HookCrash (signal or exit
// status, stderr tail, the call's input); a call past its timeout is a
// HookTimeout and the child is killed; load and createHook have timeouts
// (ModuleLoadError / ModuleCreateError). The next request after any of
// these starts a fresh child and replays every load, unload and createHook
// that succeeded, in order, with the same parameters. One started child is
// kept ready per process (unless MESOS_MODULES_SPARE_CHILD=0), so a new
// manager or a restart does not wait for node to start.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ANSWER_OK, decodeJson, encodeJson, type Frame } from './child/frame.js';
import { ChildLink } from './child/link.js';
import { ChildDeadlineError, ChildLostError, describeEnd } from './child/lost.js';
import { ChildReplayError, ChildRoom } from './child/room.js';
import { createErrorMessage, HookCrash, HookTimeout, ModuleCreateError, ModuleLoadError, ModuleUnknownError } from './errors.js';
import { checkTimeout, DEFAULT_TIMEOUT, Hook, type HookOptions } from './hook.js';
import type { SettledCall } from './hook-outcome.js';
import {
  CALL_HEAD,
  decodeSettled,
  fromWireError,
  type ManagerState,
  type SetupRequest,
  TAG_CALL,
  TAG_SETUP,
  type WireError,
  writeCallHead,
} from './isolate-protocol.js';
import type { ModuleInfo, ModuleManagerOptions } from './manager.js';
import { type HookPipeline, installPipeline } from './pipeline.js';
import type { ManifestSource, Parameter } from './manifest.js';
import { native } from './native.js';
import type { HookMethod } from './wire/calls.js';

/** Default timeout of load, loadDir and createHook in isolated mode, in ms. */
export const DEFAULT_SETUP_TIMEOUT = 10_000;

const RESTARTED = 'the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created';

/**
 * The script a child starts from, in `dir` (dist/lib): the single-file bundle
 * (scripts/bundle-child.mjs) when it is there and every file it was made from
 * still has the digest it had then, else the plain entry, isolate-child.js.
 * @internal
 */
export function childEntry(dir: string): string {
  const plain = join(dir, 'isolate-child.js');
  const bundle = join(dir, 'isolate-child.bundle.cjs');
  try {
    if (!existsSync(bundle)) return plain;
    const { sources } = JSON.parse(readFileSync(join(dir, 'isolate-child.bundle.json'), 'utf8')) as { sources: Record<string, string> };
    const files = Object.entries(sources);
    if (!files.some(([file]) => file === 'isolate-child.js')) return plain;
    if (files.every(([file, digest]) => createHash('sha256').update(readFileSync(join(dir, file))).digest('hex') === digest)) return bundle;
  } catch {
    // No list, a list of another form, or a listed file gone: the plain entry.
  }
  return plain;
}

let entry: string | undefined;

/**
 * Starts later children from `script` (undefined: choose again), for
 * measuring one entry against the other.
 * @internal
 */
export function setChildScript(script: string | undefined): void {
  entry = script;
}

/** The child script of this installation (dist/lib, also when this file runs as TypeScript source), chosen once per process. */
function childScript(): string {
  if (entry !== undefined) return entry;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dir = existsSync(join(here, 'isolate-child.js')) ? here : fileURLToPath(new URL('../dist/lib/', import.meta.url));
  entry = childEntry(dir);
  return entry;
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
  return new ChildLink(process.execPath, [childScript()], { env });
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

/** A failure answer's error, rebuilt as its class. */
function answerError(answer: Frame): Error {
  return fromWireError(decodeJson<WireError>(answer.payload));
}

/** The isolated ModuleManager: the same API as the in-process one, plus {@link close}. */
export class IsolatedModuleManager {
  readonly mesosVersion: string;
  readonly warnings: string[] = [];
  readonly isolated = true;
  readonly #options: ModuleManagerOptions;
  readonly #setupTimeout: number;
  readonly #room: ChildRoom;
  #modules: ModuleInfo[] = [];
  #nextHook = 1;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ModuleManagerOptions = {}) {
    this.#options = options;
    this.mesosVersion = options.mesosVersion ?? native().runtime().mesosVersion;
    this.#setupTimeout = options.setupTimeout ?? DEFAULT_SETUP_TIMEOUT;
    this.#room = new ChildRoom({ start: takeChild, replayDeadline: this.#setupTimeout });
  }

  /** The process id of the current child (undefined before the first request or after a crash). */
  get childPid(): number | undefined {
    return this.#room.pid;
  }

  get modules(): ModuleInfo[] {
    return this.#modules.map((m) => ({ ...m, parameters: m.parameters.map((p) => ({ ...p })) }));
  }

  contains(name: string, kind?: string): boolean {
    const module = this.#modules.find((m) => m.name === name);
    return module !== undefined && (kind === undefined || module.kind === kind);
  }

  find(kind: string): string[] {
    return this.#modules.filter((m) => m.kind === kind).map((m) => m.name);
  }

  load(manifest: ManifestSource): Promise<void> {
    return this.#serialized(() => this.#setupStep({ op: 'load', manifest, mesosVersion: this.#options.mesosVersion, strict: this.#options.strict }));
  }

  loadDir(dir: string): Promise<void> {
    return this.#serialized(() => this.#setupStep({ op: 'loadDir', dir, mesosVersion: this.#options.mesosVersion, strict: this.#options.strict }));
  }

  unload(name: string): void {
    if (!this.#modules.some((m) => m.name === name)) {
      throw new ModuleUnknownError(`Error unloading module '${name}': module not loaded`, { module: name });
    }
    this.#modules = this.#modules.filter((m) => m.name !== name);
    void this.#serialized(() => this.#setupStep({ op: 'unload', name })).catch(() => undefined);
  }

  /**
   * Creates a Hook instance in the child, as ModuleManager.createHook does;
   * `options.createTimeout` (the manager's `setupTimeout` by default) bounds
   * create() here and whenever it is replayed into a fresh child.
   */
  createHook(name: string, parameters?: Parameter[], options?: HookOptions): Promise<Hook> {
    return this.#serialized(async () => {
      const timeout = checkTimeout('createTimeout', options?.createTimeout ?? this.#setupTimeout);
      const id = this.#nextHook++;
      await this.#setupStep({ op: 'create', hook: id, name, parameters }, timeout);
      return new Hook(null, name, options, (method, bytes, call) => this.#call(id, name, method, bytes, call));
    });
  }

  /** Installs a `--hooks` list as ModuleManager.pipeline does, with every hook in the child. */
  pipeline(hooks: string | readonly string[], options?: HookOptions): HookPipeline {
    return installPipeline(
      hooks,
      (name) => this.contains(name, 'Hook'),
      (name) => this.createHook(name, undefined, options),
    );
  }

  /** Ends the child process; later requests start a new one. */
  close(): Promise<void> {
    return this.#room.close();
  }

  #serialized<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** The request's answer; a failure answer throws its error, a lost child ChildLostError / ChildDeadlineError. */
  async #request(tag: number, parts: readonly Uint8Array[], deadline: number): Promise<Frame> {
    let answer: Frame;
    try {
      answer = await this.#room.request(tag, parts, deadline);
    } catch (error) {
      if (error instanceof ChildReplayError) {
        if (error.answer !== undefined) throw answerError(error.answer);
        throw error.cause;
      }
      throw error;
    }
    if (answer.tag !== ANSWER_OK) throw answerError(answer);
    return answer;
  }

  async #setupStep(request: SetupRequest, deadline = this.#setupTimeout): Promise<void> {
    const what = request.op === 'create' ? `createHook('${request.name}')` : request.op;
    const parts = [encodeJson(request)];
    let answer: Frame;
    try {
      answer = await this.#request(TAG_SETUP, parts, deadline);
    } catch (error) {
      if (error instanceof ChildDeadlineError || error instanceof ChildLostError) {
        const how =
          error instanceof ChildDeadlineError
            ? `did not finish within ${error.deadline} ms`
            : `ended the child process (${describeEnd(error.end)})`;
        const stderr = error instanceof ChildDeadlineError ? error.stderrTail : error.end.stderrTail;
        const tail = stderr ? `\n${stderr}` : '';
        if (request.op === 'create') {
          // The in-process wording for the same event, then what isolated mode did about it.
          const reason =
            error instanceof ChildDeadlineError
              ? `create() did not return within ${error.deadline} ms; ${RESTARTED}`
              : `create() ended the child process (${describeEnd(error.end)}); ${RESTARTED}`;
          throw new ModuleCreateError(`${createErrorMessage(request.name, reason)}${tail}`, { module: request.name });
        }
        throw new ModuleLoadError(`${what} ${how}; ${RESTARTED}${tail}`, {});
      }
      throw error;
    } finally {
      replenish();
    }
    this.#room.remember({ tag: TAG_SETUP, parts, label: what, deadline });
    if (request.op !== 'create') {
      const state = decodeJson<ManagerState>(answer.payload);
      this.#modules = state.modules;
      this.warnings.splice(0, this.warnings.length, ...state.warnings);
    }
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
        replenish();
        const expired = new HookTimeout(timeout, { module, hook: method });
        expired.message = `${method} did not complete within ${timeout} ms; ${RESTARTED}`;
        throw expired;
      }
      if (error instanceof ChildLostError) {
        replenish();
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
    // A restart took the ready child: start the next one now that this one answers.
    replenish();
    return decodeSettled(answer.payload);
  }
}
