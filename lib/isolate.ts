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
// that succeeded, in order, with the same parameters.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { ChildDeadlineError, ChildLostError, describeEnd } from './child/lost.js';
import { ChildLink } from './child/link.js';
import { HookCrash, HookTimeout, ModuleCreateError, ModuleLoadError, ModuleUnknownError } from './errors.js';
import { DEFAULT_TIMEOUT, Hook, type HookOptions } from './hook.js';
import type { SettledCall } from './hook-outcome.js';
import {
  type CallRequest,
  fromWireError,
  type ManagerState,
  type SetupRequest,
  type WireError,
} from './isolate-protocol.js';
import type { ModuleInfo, ModuleManagerOptions } from './manager.js';
import type { ManifestSource, Parameter } from './manifest.js';
import { native } from './native.js';
import type { HookMethod } from './wire/calls.js';

/** Default timeout of load, loadDir and createHook in isolated mode, in ms. */
export const DEFAULT_SETUP_TIMEOUT = 10_000;

const RESTARTED = 'the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created';

/** The compiled child script (dist/lib/isolate-child.js), also when this file runs as TypeScript source. */
function childScript(): string {
  const here = fileURLToPath(new URL('./isolate-child.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../dist/lib/isolate-child.js', import.meta.url));
}

/** The isolated ModuleManager: the same API as the in-process one, plus {@link close}. */
export class IsolatedModuleManager {
  readonly mesosVersion: string;
  readonly warnings: string[] = [];
  readonly isolated = true;
  readonly #options: ModuleManagerOptions;
  readonly #setupTimeout: number;
  /** Requests that succeeded, replayed into every fresh child. */
  readonly #setup: SetupRequest[] = [];
  #modules: ModuleInfo[] = [];
  #link: ChildLink | undefined;
  /** A started child kept ready for the next restart. */
  #spare: ChildLink | undefined;
  #replaying: Promise<ChildLink> | undefined;
  #nextHook = 1;
  #closed = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ModuleManagerOptions = {}) {
    this.#options = options;
    this.mesosVersion = options.mesosVersion ?? native().runtime().mesosVersion;
    this.#setupTimeout = options.setupTimeout ?? DEFAULT_SETUP_TIMEOUT;
  }

  /** The process id of the current child (undefined before the first request or after a crash). */
  get childPid(): number | undefined {
    return this.#link?.alive ? this.#link.pid : undefined;
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

  createHook(name: string, parameters?: Parameter[], options?: HookOptions): Promise<Hook> {
    return this.#serialized(async () => {
      const id = this.#nextHook++;
      await this.#setupStep({ op: 'create', hook: id, name, parameters });
      return new Hook(null, name, options, (method, bytes, call) => this.#call(id, name, method, bytes, call));
    });
  }

  /** Ends the child process; later requests start a new one. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const link of [this.#link, this.#spare]) {
      if (link === undefined) continue;
      link.kill();
      await link.ended;
    }
    this.#link = undefined;
    this.#spare = undefined;
  }

  #serialized<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #spawn(): ChildLink {
    return new ChildLink(childScript());
  }

  /** The live child, started (and replayed into) when there is none. */
  async #child(): Promise<ChildLink> {
    if (this.#link?.alive) return this.#link;
    this.#replaying ??= (async () => {
      const link = this.#spare?.alive ? this.#spare : this.#spawn();
      this.#spare = undefined;
      this.#link = link;
      for (const request of this.#setup) {
        const answer = await link.request(request, this.#setupTimeout);
        if (!answer.ok) throw fromWireError(answer.error as WireError);
      }
      return link;
    })().finally(() => {
      this.#replaying = undefined;
    });
    return this.#replaying;
  }

  /** Starts a spare child after a crash, so the next call does not wait for node to start. */
  #prepareSpare(): void {
    if (this.#closed || this.#spare?.alive) return;
    this.#spare = this.#spawn();
  }

  async #setupStep(request: SetupRequest): Promise<void> {
    const what = request.op === 'create' ? `createHook('${request.name}')` : request.op;
    let answer;
    try {
      const link = await this.#child();
      answer = await link.request(request, this.#setupTimeout);
    } catch (error) {
      if (error instanceof ChildDeadlineError || error instanceof ChildLostError) {
        this.#prepareSpare();
        const how =
          error instanceof ChildDeadlineError
            ? `did not finish within ${error.deadline} ms`
            : `ended the child process (${describeEnd(error.end)})`;
        const stderr = error instanceof ChildDeadlineError ? error.stderrTail : error.end.stderrTail;
        const message = `${what} ${how}; ${RESTARTED}${stderr ? `\n${stderr}` : ''}`;
        if (request.op === 'create') {
          throw new ModuleCreateError(message, { module: request.name });
        }
        throw new ModuleLoadError(message, {});
      }
      throw error;
    }
    if (!answer.ok) throw fromWireError(answer.error as WireError);
    this.#setup.push(request);
    if (request.op !== 'create') {
      const state = answer.value as ManagerState;
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
    const request: CallRequest = {
      op: 'call',
      hook,
      method,
      bytes,
      offThread: call.offThread,
      // The parent's deadline decides; the child's own wait only has to outlast it.
      timeout: call.timeout * 2 + 1000,
    };
    let answer;
    try {
      const link = await this.#child();
      answer = await link.request(request as unknown as Record<string, unknown>, call.timeout ?? DEFAULT_TIMEOUT);
    } catch (error) {
      if (error instanceof ChildDeadlineError) {
        this.#prepareSpare();
        const timeout = new HookTimeout(call.timeout, { module, hook: method });
        timeout.message = `${method} did not complete within ${call.timeout} ms; ${RESTARTED}`;
        throw timeout;
      }
      if (error instanceof ChildLostError) {
        this.#prepareSpare();
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
    if (!answer.ok) throw fromWireError(answer.error as WireError);
    return answer.value as SettledCall;
  }
}
