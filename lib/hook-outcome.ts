// The outcome of one Hook method call, whatever ran it: a settled native
// result (see src-native/hook_bridge.h) becomes the method's value or its
// typed error. Mirrors what HookManager (src/hook/manager.cpp) makes of a
// hook's Result<T>, Future<Option<T>> or Try<Nothing>. The in-process Hook
// uses it; so can a runner in another process that ships the same records.

import {
  type BackendError,
  BadResult,
  createErrorMessage,
  fromNative,
  HookDiscarded,
  HookError,
  HookException,
  HookFailure,
  type HookLogLine,
  HookTimeout,
  type MesosModulesError,
  ModuleCreateError,
} from './errors.js';
import { NATIVE_NONE, type NativeLogs, type NativeResult } from './native.js';
import { decodeResult, incompleteResult, type HookMethod } from './wire/calls.js';

/** One glog line a hook wrote during a call. */
export interface LogRecord extends HookLogLine {
  /** The hook method that was running. */
  method: HookMethod;
}

/** A call's result once nothing is pending: compact, a record, or either with log lines. */
export type SettledCall = number | NativeResult | NativeLogs;

/** Where a call's outcome came from, for its errors and its Some bytes. */
export interface OutcomeContext {
  module: string;
  method: HookMethod;
  /** The buffer a compact Some was written into. */
  buffer: Uint8Array;
  /** The call's timeout (a cancelled call reports it). */
  timeout: number;
}

/**
 * Glog lines from the addon's flat form [severity, file, line, message, …],
 * read from `start` (a call's form leads with its result, create()'s does
 * not); with `method`, each line also names the hook method that wrote it.
 */
export function logLines(flat: readonly unknown[], start: number): HookLogLine[];
export function logLines(flat: readonly unknown[], start: number, method: HookMethod): LogRecord[];
export function logLines(flat: readonly unknown[], start: number, method?: HookMethod): HookLogLine[] {
  const lines: HookLogLine[] = [];
  for (let i = start; i + 3 < flat.length; i += 4) {
    const line: HookLogLine & { method?: HookMethod } = {
      severity: flat[i] as HookLogLine['severity'],
      file: flat[i + 1] as string,
      line: flat[i + 2] as number,
      message: flat[i + 3] as string,
    };
    if (method !== undefined) line.method = method;
    lines.push(line);
  }
  return lines;
}

/**
 * create() did not give a hook, as ModuleManager.createHook reports it in
 * either mode: `failure` (create() threw, the parameters did not convert, …)
 * as its typed error, else create() returned nullptr; a ModuleCreateError
 * carries create()'s log lines (flat, as the addon and the child give them).
 */
export function createRefusal(
  fields: { module: string; library: string },
  logs: readonly unknown[],
  failure?: unknown,
): MesosModulesError | BackendError {
  if (failure === undefined) return new ModuleCreateError(createErrorMessage(fields.module), { ...fields, logs: logLines(logs, 0) });
  const error = fromNative(failure, { step: 'create', ...fields });
  return error instanceof ModuleCreateError ? new ModuleCreateError(error.message, { ...fields, logs: logLines(logs, 0) }) : error;
}

/** The log lines of a call's flat form [result, severity, file, line, message, …]. */
export function logRecords(flat: NativeLogs, method: HookMethod): LogRecord[] {
  return logLines(flat, 1, method);
}

/**
 * The value of a settled call, or its typed error: Some → the decoded
 * message, None → null, Nothing → undefined; error, failure, discarded,
 * exception and cancelled → HookError, HookFailure, HookDiscarded,
 * HookException and HookTimeout, each with the call's log lines (also
 * appended to `sink`, when given).
 */
export function hookOutcome(settled: SettledCall, context: OutcomeContext, sink?: LogRecord[]): unknown {
  let logs: LogRecord[] = [];
  if (Array.isArray(settled)) {
    logs = logRecords(settled, context.method);
    sink?.push(...logs);
    settled = settled[0];
  }
  // The common case: a synchronous Some (its bytes are in the buffer), None or Nothing.
  if (typeof settled === 'number') {
    if (settled >= 0) return complete(decodeResult(context.method, context.buffer, settled), context, logs);
    return settled === NATIVE_NONE ? null : undefined;
  }
  const withLogs = { module: context.module, hook: context.method, logs };
  switch (settled.kind) {
    case 'some':
      return complete(decodeResult(context.method, settled.bytes, settled.bytes.length), context, logs);
    case 'error':
      throw new HookError(settled.message, withLogs);
    case 'failure':
      throw new HookFailure(settled.message, withLogs);
    case 'discarded':
      throw new HookDiscarded(withLogs);
    case 'exception':
      throw new HookException(settled.message, settled.type, withLogs);
    case 'cancelled':
      throw new HookTimeout(context.timeout, withLogs);
  }
}

/**
 * A Some result the agent could deliver: the part of it the agent uses
 * (lib/wire/complete.ts) has every required field, else BadResult.
 */
function complete(value: unknown, context: OutcomeContext, logs: LogRecord[]): unknown {
  const missing = incompleteResult(context.method, value);
  if (missing.length === 0) return value;
  const fields = missing.length === 1 ? `required field ${missing[0]} is` : `required fields ${missing.join(', ')} are`;
  throw new BadResult(`${context.module}.${context.method}: the agent could not deliver the result: ${fields} not set`, {
    module: context.module,
    hook: context.method,
    path: missing[0],
    missing,
    logs,
  });
}
