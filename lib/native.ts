// The Node-API addon (src-native/), loaded once. Its surface is small and
// trusts its inputs: lib/ validates and applies Mesos's rules around it.
import { createRequire } from 'node:module';

import { RuntimeError } from './errors.js';
import { packageRoot } from './paths.js';
import type { ModuleRecordFields } from './verify.js';

/**
 * A hook call's result in its compact form: the length of a Some result
 * written into the argument buffer, or one of these.
 */
export const NATIVE_NONE = -1;
export const NATIVE_NOTHING = -2;

/** A result record as the addon returns it when the compact form does not do. */
export type NativeResult =
  | { kind: 'some'; bytes: Uint8Array } // a result that did not fit the buffer, or came later
  | { kind: 'error'; message: string }
  | { kind: 'failure'; message: string }
  | { kind: 'discarded' }
  | { kind: 'exception'; message: string; type: string }
  | { kind: 'cancelled' };

/**
 * A result with the log lines written during the call: the result (a
 * length, -1, -2 or a record), then severity, file, line, message, …
 */
export type NativeLogs = [number | NativeResult, ...Array<string | number>];

/**
 * What a native hook call returns: the compact form (a length, NATIVE_NONE
 * or NATIVE_NOTHING), a record, either with log lines (NativeLogs), or a
 * cancellable promise of one of those.
 */
export type NativeCall = number | NativeResult | NativeLogs | NativePendingCall;

export interface NativePendingCall extends Promise<number | NativeResult | NativeLogs> {
  /**
   * Stop waiting: releases what keeps the event loop alive. Says where the
   * call was: still waiting for the hook lock (who holds it), or `'running'`
   * in a hook method off the JS thread (it cannot be stopped); undefined for
   * a pending future or a call that never got to wait.
   */
  cancel(): void | 'running' | { module: string; method: string; heldMs: number };
}

/** A module record as the addon reads it: its fields, and where it lies. */
export interface NativeModuleInfo extends ModuleRecordFields {
  address: string;
}

export interface NativeModuleRecord {
  info(): NativeModuleInfo;
  compatible(): boolean;
  /**
   * `parameters`: a mesos.Parameters message (protobuf binary). The glog
   * lines create() writes are appended to `logs`, flat as in NativeLogs.
   */
  createHook(parameters: Uint8Array, logs?: Array<string | number>): NativeHook | null;
  /**
   * createHook with create() on a thread of its own: `hook` (null when
   * create() returned nullptr) or `error` (as createHook throws it), with
   * create()'s log lines. Argument errors throw at once. `cancel()` stops
   * waiting: a create() still running then keeps no event loop alive.
   */
  createHookOffThread(parameters: Uint8Array): Promise<{ hook?: NativeHook | null; error?: NativeError; logs: Array<string | number> }> & {
    cancel(): void;
  };
}

export interface NativeLibrary {
  readModule(symbol: string): NativeModuleRecord;
}

/** Each method takes its arguments as protobuf binary: buffer[0, length) (lib/wire/). */
export type NativeHook = Record<string, (buffer: Uint8Array, length: number, offThread: boolean) => NativeCall>;

export interface NativeRuntime {
  mode: 'sdk' | 'mesos';
  mesosVersion: string;
  moduleApiVersion: string;
  library: string;
  protobufVersion: string;
  error: string | null;
}

/** One Hook method as the addon defines it (src-native/common/hook_methods.h). */
export interface NativeHookSignature {
  name: string;
  /** The C++ wrapper of the result: Result<T>, Future<Option<T>> or Try<Nothing>. */
  returns: 'Result' | 'Future' | 'Try';
  /** The result's type ('' for Nothing, `T[]` for a list). */
  result: string;
  /** `name: type` per C++ parameter (`T?` an Option, `T[]` a list). */
  arguments: string[];
}

export interface NativeAddon {
  /** dlopen(path): the only way to a native Library (the classes cannot be constructed from JS). */
  openLibrary(path: string): NativeLibrary;
  runtime(): NativeRuntime;
  setLogEcho(echo: boolean): void;
  /** Whether the in-process crash report ends with the hint to use isolated mode (true). */
  setCrashHint(hint: boolean): void;
  /** Every Hook method the addon defines, in vtable order. */
  hookSignatures: NativeHookSignature[];
  /** Every NativeErrorCode, in src-native/common/error_codes.h order. */
  errorCodes: NativeErrorCode[];
}

/**
 * The codes of native failures: src-native/common/error_codes.h, shared by
 * the addon and the inspector. errors.ts fromNative() maps each to a class.
 */
export const NATIVE_ERROR_CODES = [
  'RUNTIME',
  'DLOPEN',
  'DLSYM',
  'NOT_A_MODULE',
  'NOT_OPEN',
  'NO_CREATE',
  'MODULE_EXCEPTION',
  'PARAMETERS',
  'BAD_MESSAGE',
  'PROTOCOL',
  'ELF',
  'INTERNAL',
] as const;

export type NativeErrorCode = (typeof NATIVE_ERROR_CODES)[number];

/** A native error carries a `code` from NATIVE_ERROR_CODES. */
export interface NativeError extends Error {
  code?: NativeErrorCode;
  path?: string;
  missing?: string[];
}

let addon: NativeAddon | undefined;

/** Loads the addon (a prebuild or build/Release), once. */
export function native(): NativeAddon {
  if (addon === undefined) {
    const require = createRequire(import.meta.url);
    try {
      const load = require('node-gyp-build') as (dir: string) => NativeAddon;
      addon = load(packageRoot);
    } catch (cause) {
      throw new RuntimeError(
        `mesos-modules: the native addon is not built or does not load (${(cause as Error).message}); ` +
          `run \`npm run build\` in ${packageRoot}`,
        { cause },
      );
    }
    const runtime = addon.runtime();
    if (runtime.error !== null) {
      throw new RuntimeError(`mesos-modules: ${runtime.error}`);
    }
  }
  return addon;
}
