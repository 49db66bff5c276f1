// The requests an isolated ModuleManager sends to its child process
// (lib/isolate-child.ts) and how errors cross back. Arguments and results
// cross as the protobuf wire bytes the addon reads and writes in-process
// (lib/wire/), so there is one conversion path whichever side runs the hook.

import * as errors from './errors.js';
import type { ModuleInfo } from './manager.js';
import type { ManifestSource, Parameter } from './manifest.js';
import type { NativeResult } from './native.js';

/** What the child needs to replay to reach the parent's state, in order. */
export type SetupRequest =
  | { op: 'load'; manifest: ManifestSource; mesosVersion?: string; strict?: boolean }
  | { op: 'loadDir'; dir: string; mesosVersion?: string; strict?: boolean }
  | { op: 'unload'; name: string }
  | { op: 'create'; hook: number; name: string; parameters?: Parameter[] };

/** One Hook method call: `bytes` is the encoded call (lib/wire/calls.ts encodeCall). */
export interface CallRequest {
  op: 'call';
  hook: number;
  method: string;
  bytes: Uint8Array;
  offThread: boolean;
  timeout: number;
}

export type Request = SetupRequest | CallRequest;

/** The answer to a load, loadDir or unload: the child manager's state. */
export interface ManagerState {
  modules: ModuleInfo[];
  warnings: string[];
}

/** A settled call whose Some bytes travel with it (never "in the buffer"). */
export type WireSettled = number | NativeResult | [number | NativeResult, ...Array<string | number>];

/** An error as it crosses: its class name, message and own fields. */
export interface WireError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

/** Flattens an error thrown in the child for the trip to the parent. */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      structuredClone(value);
      fields[key] = value;
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
