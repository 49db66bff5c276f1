// How a child process ended, as one value: the signal or exit status and the
// end of its stderr. Mirrors no Mesos file; the wording follows what a shell
// (and the agent's process::reap) reports for a terminated process.

/** The most of a child's stderr a report keeps, in characters. */
export const STDERR_TAIL = 8192;

/** A child that ended (or could not start) while requests were in flight. */
export interface ChildEnd {
  /** The signal that ended it (`SIGSEGV`, `SIGKILL`, …), or null. */
  signal: NodeJS.Signals | null;
  /** Its exit status when it exited, or null. */
  exitStatus: number | null;
  /** The last {@link STDERR_TAIL} characters it wrote to stderr. */
  stderrTail: string;
  /** True when this side killed it (a deadline passed, or close()). */
  killed: boolean;
  /** Why it could not be started (spawn's error), when it never ran. */
  startError?: string;
}

/** "signal SIGSEGV", "exit status 3", or "could not start: spawn … ENOENT". */
export function describeEnd(end: Pick<ChildEnd, 'signal' | 'exitStatus' | 'startError'>): string {
  if (end.signal !== null) return `signal ${end.signal}`;
  if (end.exitStatus !== null) return `exit status ${end.exitStatus}`;
  return end.startError !== undefined ? `could not start: ${end.startError}` : 'no exit status or signal reported';
}

/** Keeps the last STDERR_TAIL characters written to a stream. */
export class TailBuffer {
  #text = '';
  push(chunk: string): void {
    this.#text += chunk;
    if (this.#text.length > 2 * STDERR_TAIL) this.#text = this.#text.slice(-STDERR_TAIL);
  }
  get text(): string {
    return this.#text.slice(-STDERR_TAIL);
  }
}

/** A request whose child ended before it answered. */
export class ChildLostError extends Error {
  readonly end: ChildEnd;
  constructor(end: ChildEnd) {
    super(`the child process ended (${describeEnd(end)})`);
    this.name = 'ChildLostError';
    this.end = end;
  }
}

/** A request that did not get its answer within its deadline; the child was killed. */
export class ChildDeadlineError extends Error {
  readonly deadline: number;
  readonly stderrTail: string;
  constructor(deadline: number, stderrTail: string) {
    super(`the child process did not answer within ${deadline} ms and was killed`);
    this.name = 'ChildDeadlineError';
    this.deadline = deadline;
    this.stderrTail = stderrTail;
  }
}
