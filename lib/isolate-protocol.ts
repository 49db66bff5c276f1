// The requests an isolated ModuleManager sends to its child process, the
// native mesos-modules-child (src-native/child/), over the child room's
// frames (lib/child/frame.ts), and how answers come back. A hook call
// crosses as the protobuf wire bytes the addon reads in-process (lib/wire/),
// after a 10-byte binary head; its settled result comes back in binary too,
// so there is one conversion path whichever side runs the hook. The loader's
// steps (open, read, compatible, create) name a library and a symbol as
// strings (encodeStrings); records, create() outcomes and failures (the
// addon's error fields, NativeFailure) come back as JSON text.

import type { NativeFailure } from './errors.js';
import { NATIVE_NONE, NATIVE_NOTHING, type NativeResult } from './native.js';
import { HOOK_METHODS, type HookMethod } from './wire/calls.js';
import type { SettledCall } from './hook-outcome.js';

// The requests (tag: payload → OK answer's payload). Strings are
// encodeStrings lists (lib/child/frame.ts); every request may instead be
// answered ANSWER_FAILED with a FailureAnswer (the addon's error code and
// message for the same fault, `path`/`missing` for BAD_MESSAGE, create()'s
// log lines for CREATE). Log lines are the addon's flat form: severity name,
// file, line, message, ….
//   CALL:       CALL_HEAD bytes (writeCallHead) + the call's wire bytes →
//               a settled call (decodeSettled). Run on the child's main
//               thread, or on one of its own when offThread is set or the
//               hook lock is taken; a pending future answers when it completes.
//   OPEN:       [library] → empty (dlopen as the addon; again: a no-op).
//   READ:       [library, symbol] → JSON: the record as the addon's info().
//   COMPATIBLE: [library, symbol] → one byte, 1 or 0.
//   CREATE:     [library, symbol, hook id (decimal), mesos.Parameters bytes]
//               → JSON CreateAnswer; the hook is kept under the id for CALL.
// The child ends when its requests pipe does (EOF), and with exit status 2
// on a frame it cannot read.

/** Request tags (src-native/child/main.cc). */
export const TAG_CALL = 2;
export const TAG_OPEN = 3;
export const TAG_READ = 4;
export const TAG_COMPATIBLE = 5;
export const TAG_CREATE = 6;
/** The answer tag beside ANSWER_OK: the request failed (payload: a FailureAnswer as JSON). */
export const ANSWER_FAILED = 1;

/** One Hook method call, before its wire bytes. */
export interface CallHead {
  hook: number;
  method: HookMethod;
  offThread: boolean;
  /** How long the child waits for a pending call, in ms. */
  timeout: number;
}

/** The answer to a create request. */
export interface CreateAnswer {
  /** False when create() returned nullptr. */
  created: boolean;
  /** create()'s log lines, flat. */
  logs: Array<string | number>;
}

/** A failure answer: the addon's error fields, and create()'s log lines. */
export interface FailureAnswer extends NativeFailure {
  logs?: Array<string | number>;
}

// ---- A call's head: hook id u32, method index u8, offThread u8, timeout u32.

export const CALL_HEAD = 10;

const METHOD_INDEX = new Map<HookMethod, number>(HOOK_METHODS.map((m, i) => [m, i]));

/** Writes a call's head into `out` (CALL_HEAD bytes, reusable across calls). */
export function writeCallHead(out: Buffer, head: CallHead): Buffer {
  out.writeUInt32LE(head.hook, 0);
  out.writeUInt8(METHOD_INDEX.get(head.method)!, 4);
  out.writeUInt8(head.offThread ? 1 : 0, 5);
  out.writeUInt32LE(Math.min(Math.max(Math.ceil(head.timeout), 0), 0xffffffff), 6);
  return out;
}

// ---- A settled call: kind u8, number i32, two byte strings (u32 length
// each), then the call's log lines as JSON text (absent when none).

const KINDS = ['number', 'some', 'error', 'failure', 'discarded', 'exception', 'cancelled'] as const;

const decoder = new TextDecoder();

/** An answer payload back to a settled call; a Some's bytes are a view into `payload`. */
export function decodeSettled(payload: Uint8Array): SettledCall {
  const view = Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  const kind = KINDS[view.readUInt8(0)];
  const number = view.readInt32LE(1);
  const firstLength = view.readUInt32LE(5);
  const first = payload.subarray(9, 9 + firstLength);
  const secondLength = view.readUInt32LE(9 + firstLength);
  const secondAt = 13 + firstLength;
  const second = payload.subarray(secondAt, secondAt + secondLength);
  const logsAt = secondAt + secondLength;
  let result: number | NativeResult;
  switch (kind) {
    case 'number':
      if (number !== NATIVE_NONE && number !== NATIVE_NOTHING) throw new RangeError(`a settled call carries the length ${number} without its bytes`);
      result = number;
      break;
    case 'some':
      result = { kind, bytes: first };
      break;
    case 'error':
    case 'failure':
      result = { kind, message: decoder.decode(first) };
      break;
    case 'exception':
      result = { kind, message: decoder.decode(first), type: decoder.decode(second) };
      break;
    case 'discarded':
    case 'cancelled':
      result = { kind };
      break;
    default:
      throw new RangeError(`a settled call of unknown kind #${view.readUInt8(0)}`);
  }
  if (logsAt >= payload.length) return result;
  const logs = JSON.parse(decoder.decode(payload.subarray(logsAt))) as Array<string | number>;
  return [result, ...logs];
}
