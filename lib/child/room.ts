// A child that comes back: the live ChildLink, started on demand, and the
// set-up requests that brought it to its state, replayed in order into every
// fresh child after the last one crashed, hung or was closed. Optionally a
// spare child is started after a loss, so the next request does not wait for
// the process to start. No Mesos logic lives here.

import { ANSWER_OK, type Frame } from './frame.js';
import { ChildLink } from './link.js';

/** A request replayed into every fresh child. */
export interface SetupFrame {
  tag: number;
  parts: readonly Uint8Array[];
  /** What it does, for errors ("opening 'libx.so' again"). */
  label: string;
  /** Its own deadline when replayed, in ms (the room's `replayDeadline` when absent). */
  deadline?: number;
}

/** A set-up request that a fresh child refused or did not answer in time. */
export class ChildReplayError extends Error {
  readonly setup: SetupFrame;
  /** The child's failure answer, or undefined when the child was lost. */
  readonly answer: Frame | undefined;
  constructor(setup: SetupFrame, answer: Frame | undefined, cause?: unknown) {
    super(`a fresh child could not be brought back to its state: ${setup.label} ${answer !== undefined ? 'failed' : `was not answered (${(cause as Error)?.message})`}`, { cause });
    this.name = 'ChildReplayError';
    this.setup = setup;
    this.answer = answer;
  }
}

export interface ChildRoomOptions {
  /** Starts a new child. */
  start: () => ChildLink;
  /** Deadline of each replayed request, in ms. */
  replayDeadline: number;
  /** Start a spare child after a loss (see {@link ChildRoom.lost}). */
  spare?: boolean;
  /** The first child, when one is already running. */
  first?: ChildLink;
}

export class ChildRoom {
  readonly #options: ChildRoomOptions;
  readonly #setup: SetupFrame[] = [];
  #link: ChildLink | undefined;
  #spare: ChildLink | undefined;
  #replaying: Promise<ChildLink> | undefined;
  #closed = false;

  constructor(options: ChildRoomOptions) {
    this.#options = options;
    this.#link = options.first;
  }

  /** The live child's process id, if one runs. */
  get pid(): number | undefined {
    return this.#link?.alive ? this.#link.pid : undefined;
  }

  /** The set-up requests remembered so far, in order. */
  get setup(): readonly SetupFrame[] {
    return this.#setup;
  }

  /** Adds a request to replay into every fresh child (after it succeeded in this one). */
  remember(setup: SetupFrame): void {
    this.#setup.push(setup);
  }

  /**
   * The live child; when there is none, a fresh one (the spare, if ready)
   * with every remembered request replayed. A refused replay is a
   * ChildReplayError and leaves no live child.
   */
  link(): Promise<ChildLink> {
    if (this.#link?.alive) return Promise.resolve(this.#link);
    this.#closed = false;
    this.#replaying ??= (async () => {
      const link = this.#spare?.alive ? this.#spare : this.#options.start();
      this.#spare = undefined;
      this.#link = link;
      for (const setup of this.#setup) {
        let answer: Frame;
        try {
          answer = await link.request(setup.tag, setup.parts, setup.deadline ?? this.#options.replayDeadline);
        } catch (error) {
          throw new ChildReplayError(setup, undefined, error);
        }
        if (answer.tag !== ANSWER_OK) {
          link.kill();
          throw new ChildReplayError(setup, answer);
        }
      }
      return link;
    })().finally(() => {
      this.#replaying = undefined;
    });
    return this.#replaying;
  }

  /** One request to the live (or a fresh) child. */
  async request(tag: number, parts: readonly Uint8Array[], deadline?: number): Promise<Frame> {
    const link = this.#link?.alive ? this.#link : await this.link();
    return link.request(tag, parts, deadline);
  }

  /** Call after a request failed because the child was lost: readies a spare when asked to. */
  lost(): void {
    if (this.#closed || !this.#options.spare || this.#spare?.alive) return;
    this.#spare = this.#options.start();
  }

  /** Kills the live child and the spare; the next request starts a fresh one. */
  async close(): Promise<void> {
    this.#closed = true;
    const links = [this.#link, this.#spare].filter((l): l is ChildLink => l !== undefined);
    this.#link = undefined;
    this.#spare = undefined;
    for (const link of links) link.kill();
    await Promise.all(links.map((l) => l.ended));
  }
}
