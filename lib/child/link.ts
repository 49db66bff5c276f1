// One child process and the requests in flight to it: spawn a node script
// with an IPC channel (structured-clone serialization, so binary payloads
// cross as bytes), answer each request by id, a deadline per request that
// kills the child, and one ChildEnd for every request when the child dies.
// No Mesos logic lives here; lib/isolate.ts speaks its protocol over it.

import { type ChildProcess, fork } from 'node:child_process';

import { ChildDeadlineError, type ChildEnd, ChildLostError, TailBuffer } from './lost.js';

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
}

/** An answer from the child: `{ id, ok, value }` or `{ id, ok: false, error }`. */
export interface Answer {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

export class ChildLink {
  readonly #child: ChildProcess;
  readonly #stderr = new TailBuffer();
  readonly #waiting = new Map<number, Waiting>();
  #next = 1;
  #killed = false;
  #end: ChildEnd | undefined;
  /** Resolves when the child has exited and its stderr is read to the end. */
  readonly ended: Promise<ChildEnd>;

  /** Starts `script` under this node with an IPC channel; the child does not keep this process alive while idle. */
  constructor(script: string, env: NodeJS.ProcessEnv = process.env) {
    this.#child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      env,
      execArgv: [],
    });
    this.#child.stderr!.setEncoding('utf8');
    this.#child.stderr!.on('data', (chunk: string) => this.#stderr.push(chunk));
    this.#child.on('message', (message: Answer) => this.#answer(message));
    this.ended = new Promise((resolve) => {
      const finish = (exitStatus: number | null, signal: NodeJS.Signals | null) => {
        if (this.#end !== undefined) return;
        this.#end = { signal, exitStatus, stderrTail: this.#stderr.text, killed: this.#killed };
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
        finish(null, null);
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

  /**
   * Sends `message` (with an `id` added) and waits for its answer. A
   * `deadline` in ms that passes kills the child and rejects with
   * ChildDeadlineError; a child that ends rejects with ChildLostError.
   */
  request(message: Record<string, unknown>, deadline?: number): Promise<Answer> {
    if (!this.alive) {
      return Promise.reject(new ChildLostError(this.#end ?? { signal: null, exitStatus: null, stderrTail: this.#stderr.text, killed: true }));
    }
    const id = this.#next++;
    return new Promise<Answer>((resolve, reject) => {
      const waiting: Waiting = { resolve: resolve as (value: unknown) => void, reject, timer: undefined };
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
      this.#child.send({ ...message, id });
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

  #answer(message: Answer): void {
    const waiting = this.#waiting.get(message.id);
    if (waiting === undefined) return;
    this.#waiting.delete(message.id);
    clearTimeout(waiting.timer);
    if (this.#waiting.size === 0) this.#idle();
    waiting.resolve(message);
  }

  // While nothing is in flight the child must not keep the parent's event loop alive.
  #idle(): void {
    this.#child.unref();
    this.#child.channel?.unref();
    (this.#child.stderr as unknown as { unref?: () => void }).unref?.();
  }

  #busy(): void {
    this.#child.ref();
    this.#child.channel?.ref();
    (this.#child.stderr as unknown as { ref?: () => void }).ref?.();
  }
}
