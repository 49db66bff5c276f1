// A child process hosting one runtime libmesos and the libraries opened so
// far: src-native/inspector (mesos-modules-inspector, in build/tools or the
// prebuild), reached through the child room (lib/child/). Mirrors the
// agent's start-up order: the runtime is opened RTLD_GLOBAL before any module
// library.
//
// Rules: requests run one at a time, each with the session's timeout; module
// code that crashes or hangs the child rejects that request with
// InspectorLost ("<what> crashed the inspector process (SIGSEGV)", "<what>
// did not finish within N ms; the inspector process was killed"), and the
// next request starts a fresh child with the runtime and the same libraries
// opened again, in the same order.

import { existsSync } from 'node:fs';

import { decodeJson, encodeStrings, type Frame } from '../child/frame.js';
import { ChildLink } from '../child/link.js';
import { ChildDeadlineError, ChildLostError } from '../child/lost.js';
import { ChildReplayError, ChildRoom } from '../child/room.js';
import { InspectorError } from '../errors.js';
import { type Agent, agentOf } from '../verify.js';
import {
  DEFAULT_TIMEOUT_MS,
  inspectorBinary,
  type InspectorOptions,
  runtimeCandidates,
  type RuntimeUsed,
  runtimeVersion,
} from './runtime.js';

/** An inspector answer: a JSON object with `ok`, and `code`/`error` when it is false. */
export interface Reply {
  ok: boolean;
  code?: string;
  error?: string;
  [key: string]: unknown;
}

/** Module code crashed or hung the inspector during a request. */
export class InspectorLost extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'InspectorLost';
  }
}

function startInspector(binary: string, env: Record<string, string | undefined>): () => ChildLink {
  // libprocess, if module code starts it, stays on the loopback interface.
  const childEnv = { ...env, LIBPROCESS_IP: env.LIBPROCESS_IP ?? '127.0.0.1' };
  return () => new ChildLink(binary, [], { env: childEnv });
}

function request(args: readonly string[]): Uint8Array[] {
  return [encodeStrings(args)];
}

export class InspectorSession {
  readonly runtime: RuntimeUsed;
  readonly agent: Agent;
  readonly timeoutMs: number;
  readonly #room: ChildRoom;
  readonly #paths = new Map<string, string>();
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(room: ChildRoom, runtime: RuntimeUsed, timeoutMs: number) {
    this.#room = room;
    this.runtime = runtime;
    this.agent = agentOf(runtime.mesosVersion);
    this.timeoutMs = timeoutMs;
    room.remember({ tag: 0, parts: request(['runtime', runtime.library]), label: 'loading the runtime again' });
  }

  /** Starts the child and loads the runtime (see {@link InspectorOptions}). */
  static async start(options: InspectorOptions = {}): Promise<InspectorSession> {
    const env = options.env ?? process.env;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.mesosVersion !== undefined) agentOf(options.mesosVersion); // Fails early on a bad version.
    const candidates = runtimeCandidates(options, env);
    const binary = inspectorBinary(env);
    if (!existsSync(binary)) {
      throw new InspectorError(`the inspector is not built (no ${binary}); run \`npm run build\``);
    }
    const room = new ChildRoom({ start: startInspector(binary, env), replayDeadline: timeoutMs });
    let reply: Reply;
    try {
      reply = await ask(room, ['runtime', ...candidates.map((c) => c.library)], 'loading the runtime', timeoutMs);
    } catch (error) {
      await room.close();
      if (!(error instanceof InspectorLost)) throw error;
      throw new InspectorError(`the runtime libmesos could not be loaded: ${error.message}`, error.stderr);
    }
    const tried = (reply.tried as Array<{ library: string; error: string }> | undefined) ?? [];
    if (!reply.ok) {
      await room.close();
      const why = tried.map((t) => `'${t.library}': ${t.error}`).join('; ');
      throw new InspectorError(`no runtime libmesos could be loaded (${why})`);
    }
    const chosen = candidates.find((c) => c.library === reply.library)!;
    const path = String(reply.path || reply.library);
    let version;
    try {
      version = runtimeVersion(chosen.source, path, options, env);
    } catch (error) {
      await room.close();
      throw error;
    }
    const runtime: RuntimeUsed = { library: chosen.library, path, source: chosen.source, ...version, tried };
    return new InspectorSession(room, runtime, timeoutMs);
  }

  /** One request to the child (after the ones before it); InspectorLost when module code crashes or hangs it. */
  request(args: string[], what: string): Promise<Reply> {
    const run = () => ask(this.#room, args, what, this.timeoutMs);
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** dlopen(library, RTLD_NOW) in the child, cached by the exact string; replayed into a fresh child. */
  async open(library: string): Promise<Reply> {
    const reply = await this.request(['open', library], 'opening the library');
    if (reply.ok && !this.#paths.has(library)) {
      this.#paths.set(library, String(reply.path ?? ''));
      this.#room.remember({ tag: 0, parts: request(['open', library]), label: `opening '${library}' again` });
    }
    return reply;
  }

  /** The file the child opened for a library string. */
  pathOf(library: string): string | undefined {
    return this.#paths.get(library) || undefined;
  }

  /** Ends the child process. */
  close(): Promise<void> {
    return this.#room.close();
  }
}

/** One request on `room`, with a lost child worded as the inspector's. */
async function ask(room: ChildRoom, args: readonly string[], what: string, timeoutMs: number): Promise<Reply> {
  let answer: Frame;
  try {
    answer = await room.request(0, request(args), timeoutMs);
  } catch (error) {
    if (error instanceof ChildReplayError) {
      const why = error.answer !== undefined ? String(decodeJson<Reply>(error.answer.payload).error) : (error.cause as Error).message;
      throw new InspectorError(`the inspector could not be restarted: ${error.setup.label}: ${why}`);
    }
    if (error instanceof ChildDeadlineError) {
      throw new InspectorLost(`${what} did not finish within ${timeoutMs} ms; the inspector process was killed`, error.stderrTail);
    }
    if (error instanceof ChildLostError) {
      const { signal, exitStatus, stderrTail } = error.end;
      if (signal === null && exitStatus === null) {
        throw new InspectorLost(`the inspector process could not run: ${stderrTail.trim()}`, stderrTail);
      }
      throw new InspectorLost(`${what} crashed the inspector process (${signal ?? `exit status ${exitStatus}`})`, stderrTail);
    }
    throw error;
  }
  return decodeJson<Reply>(answer.payload);
}
