// One child process and the requests in flight to it: start a command with
// two extra pipes (fd 3 carries requests to it, fd 4 its answers, as frames
// of lib/child/frame.ts), answer each request by id, a deadline per request
// that kills the child, and one ChildEnd for every request when the child
// dies. No Mesos logic lives here: lib/isolate.ts and lib/inspect/session.ts
// speak their protocols over it (through lib/child/room.ts).

import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';

import { encodeFrame, type Frame, FrameReader } from './frame.js';
import { ChildDeadlineError, type ChildEnd, ChildLostError, TailBuffer } from './lost.js';

interface Waiting {
  resolve(frame: Frame): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

export interface ChildLinkOptions {
  /** The child's environment; default process.env. */
  env?: Record<string, string | undefined>;
  /** Where the child's stdout goes: this process's stdout (default) or nowhere. */
  stdout?: 'inherit' | 'ignore';
}

export class ChildLink {
  readonly #child: ChildProcess;
  readonly #requests: Socket;
  readonly #answers: Socket;
  readonly #reader = new FrameReader();
  readonly #stderr = new TailBuffer();
  readonly #waiting = new Map<number, Waiting>();
  #next = 1;
  #killed = false;
  #end: ChildEnd | undefined;
  /** Resolves when the child has exited and its stderr is read to the end. */
  readonly ended: Promise<ChildEnd>;

  /**
   * Starts `command` with `args`: stdin closed, stderr kept (its tail goes in
   * ChildEnd), fd 3 and fd 4 the request and answer pipes. The child does
   * not keep this process alive while nothing is in flight.
   */
  constructor(command: string, args: readonly string[] = [], options: ChildLinkOptions = {}) {
    this.#child = spawn(command, args, {
      stdio: ['ignore', options.stdout ?? 'inherit', 'pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    this.#requests = this.#child.stdio[3] as Socket;
    this.#answers = this.#child.stdio[4] as Socket;
    this.#requests.on('error', () => {});
    this.#answers.on('error', () => {});
    this.#answers.on('data', (chunk: Buffer) => this.#data(chunk));
    this.#child.stderr!.setEncoding('utf8');
    this.#child.stderr!.on('data', (chunk: string) => this.#stderr.push(chunk));
    this.ended = new Promise((resolve) => {
      const finish = (exitStatus: number | null, signal: NodeJS.Signals | null, startError?: string) => {
        if (this.#end !== undefined) return;
        this.#end = { signal, exitStatus, stderrTail: this.#stderr.text, killed: this.#killed };
        if (startError !== undefined) this.#end.startError = startError;
        const lost = new ChildLostError(this.#end);
        for (const waiting of this.#waiting.values()) {
          clearTimeout(waiting.timer);
          waiting.reject(lost);
        }
        this.#waiting.clear();
        resolve(this.#end);
      };
      this.#child.on('close', finish);
      this.#child.on('error', (error) => {
        this.#stderr.push(`${error.message}\n`);
        finish(null, null, this.#child.pid === undefined ? error.message : undefined);
      });
    });
    this.#idle();
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** False once the child has ended or been killed. */
  get alive(): boolean {
    return this.#end === undefined && !this.#killed;
  }

  /** What the child has written to stderr lately. */
  get stderrTail(): string {
    return this.#stderr.text;
  }

  /**
   * Sends one request frame (`parts` concatenated as its payload) and waits
   * for the answer with its id. A `deadline` in ms that passes kills the
   * child and rejects with ChildDeadlineError; a child that ends rejects
   * with ChildLostError.
   */
  request(tag: number, parts: readonly Uint8Array[], deadline?: number): Promise<Frame> {
    if (!this.alive) {
      return Promise.reject(new ChildLostError(this.#end ?? { signal: null, exitStatus: null, stderrTail: this.#stderr.text, killed: true }));
    }
    const id = this.#next;
    this.#next = this.#next >= 0xffffffff ? 1 : this.#next + 1;
    const frame = encodeFrame(id, tag, ...parts);
    return new Promise<Frame>((resolve, reject) => {
      const waiting: Waiting = { resolve, reject, timer: undefined };
      if (deadline !== undefined && Number.isFinite(deadline)) {
        waiting.timer = setTimeout(() => {
          this.#waiting.delete(id);
          const error = new ChildDeadlineError(deadline, this.#stderr.text);
          this.kill();
          reject(error);
        }, deadline);
      }
      this.#waiting.set(id, waiting);
      if (this.#waiting.size === 1) this.#busy();
      this.#requests.write(frame);
    });
  }

  /** Kills the child (SIGKILL); requests in flight reject with ChildLostError. */
  kill(): void {
    if (this.#killed || this.#end !== undefined) return;
    this.#killed = true;
    // Keep the event loop alive until the exit is seen, so `ended` settles.
    this.#busy();
    this.#child.kill('SIGKILL');
  }

  #data(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.#reader.push(chunk);
    } catch (error) {
      this.#stderr.push(`mesos-modules: the child broke the frame protocol: ${(error as Error).message}\n`);
      this.kill();
      return;
    }
    for (const frame of frames) {
      const waiting = this.#waiting.get(frame.id);
      if (waiting === undefined) continue;
      this.#waiting.delete(frame.id);
      clearTimeout(waiting.timer);
      if (this.#waiting.size === 0) this.#idle();
      waiting.resolve(frame);
    }
  }

  // While nothing is in flight the child must not keep this event loop alive.
  #idle(): void {
    this.#child.unref();
    this.#requests.unref();
    this.#answers.unref();
    (this.#child.stderr as unknown as { unref?: () => void }).unref?.();
  }

  #busy(): void {
    this.#child.ref();
    this.#requests.ref();
    this.#answers.ref();
    (this.#child.stderr as unknown as { ref?: () => void }).ref?.();
  }
}
