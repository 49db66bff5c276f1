// The requests an isolated ModuleManager sends to its child process
// (lib/isolate-child.ts) over the child room's frames (lib/child/frame.ts),
// and how answers and errors cross back. A hook call crosses as the protobuf
// wire bytes the addon reads in-process (lib/wire/), after a 10-byte binary
// head; its settled result comes back in binary too, so there is one
// conversion path whichever side runs the hook. Set-up requests (load,
// loadDir, unload, create) and errors are rare and cross as JSON text.

import * as errors from './errors.js';
import type { ModuleInfo } from './manager.js';
import type { ManifestSource, Parameter } from './manifest.js';
import { NATIVE_NONE, NATIVE_NOTHING, type NativeResult } from './native.js';
import { HOOK_METHODS, type HookMethod } from './wire/calls.js';
import type { SettledCall } from './hook-outcome.js';

/** Request tags. */
export const TAG_SETUP = 1;
export const TAG_CALL = 2;
/** Answer tags beside ANSWER_OK: the request threw (payload: a WireError as JSON). */
export const TAG_ERROR = 1;

/** What the child needs to replay to reach the parent's state, in order. */
export type SetupRequest =
  | { op: 'load'; manifest: ManifestSource; mesosVersion?: string; strict?: boolean }
  | { op: 'loadDir'; dir: string; mesosVersion?: string; strict?: boolean }
  | { op: 'unload'; name: string }
  | { op: 'create'; hook: number; name: string; parameters?: Parameter[] };

/** One Hook method call, before its wire bytes. */
export interface CallHead {
  hook: number;
  method: HookMethod;
  offThread: boolean;
  /** How long the child waits for a pending call, in ms. */
  timeout: number;
}

/** The answer to a load, loadDir or unload: the child manager's state. */
export interface ManagerState {
  modules: ModuleInfo[];
  warnings: string[];
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

/** A call request's head and its wire bytes (a view into `payload`). */
export function readCall(payload: Uint8Array): CallHead & { bytes: Uint8Array } {
  if (payload.length < CALL_HEAD) throw new RangeError(`a call request of ${payload.length} bytes has no head`);
  const view = Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  const method = HOOK_METHODS[view.readUInt8(4)];
  if (method === undefined) throw new RangeError(`a call request names method #${view.readUInt8(4)}, which does not exist`);
  return {
    hook: view.readUInt32LE(0),
    method,
    offThread: view.readUInt8(5) === 1,
    timeout: view.readUInt32LE(6),
    bytes: payload.subarray(CALL_HEAD),
  };
}

// ---- A settled call: kind u8, number i32, two byte strings (u32 length
// each), then the call's log lines as JSON text (absent when none).

const KINDS = ['number', 'some', 'error', 'failure', 'discarded', 'exception', 'cancelled'] as const;
type Kind = (typeof KINDS)[number];

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

/** A settled call (lib/hook-outcome.ts) as an answer payload. */
export function encodeSettled(settled: SettledCall): Uint8Array[] {
  const [result, logs] = Array.isArray(settled) ? [settled[0], settled.slice(1)] : [settled, undefined];
  let kind: Kind;
  let number = 0;
  let first: Uint8Array = EMPTY;
  let second: Uint8Array = EMPTY;
  if (typeof result === 'number') {
    kind = 'number';
    number = result;
  } else {
    kind = result.kind;
    if (result.kind === 'some') first = result.bytes;
    else if (result.kind === 'error' || result.kind === 'failure') first = encoder.encode(result.message);
    else if (result.kind === 'exception') {
      first = encoder.encode(result.message);
      second = encoder.encode(result.type);
    }
  }
  const head = Buffer.allocUnsafe(9);
  head.writeUInt8(KINDS.indexOf(kind), 0);
  head.writeInt32LE(number, 1);
  head.writeUInt32LE(first.length, 5);
  const middle = Buffer.allocUnsafe(4);
  middle.writeUInt32LE(second.length, 0);
  return logs === undefined || logs.length === 0
    ? [head, first, middle, second]
    : [head, first, middle, second, encoder.encode(JSON.stringify(logs))];
}

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

// ---- Errors.

/** An error as it crosses: its class name, message and own fields. */
export interface WireError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

/** Flattens an error thrown in the child for the trip to the parent (fields that are not JSON become text). */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined) continue;
    try {
      fields[key] = JSON.parse(JSON.stringify(value) ?? 'null');
    } catch {
      fields[key] = String(value);
    }
  }
  return { name: error.constructor.name, message: error.message, fields };
}

/**
 * Rebuilds an error from the child as the same class from lib/errors.ts, so
 * `instanceof` and `code` work as in-process; the stack is this side's.
 */
export function fromWireError(wire: WireError): Error {
  const constructor = (errors as Record<string, unknown>)[wire.name];
  const prototype =
    typeof constructor === 'function' && constructor.prototype instanceof Error ? (constructor.prototype as Error) : Error.prototype;
  const error = Object.create(prototype) as Error;
  Object.assign(error, wire.fields);
  Object.defineProperty(error, 'message', { value: wire.message, writable: true, configurable: true });
  Object.defineProperty(error, 'stack', {
    value: `${error.name}: ${wire.message}\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}`,
    writable: true,
    configurable: true,
  });
  return error;
}
