// Typed errors. Mirrors no single Mesos file: each class carries the message
// Mesos itself would print (ModuleManager, HookManager) plus structured fields.
// fromNative() is the one place a native failure code (src-native/common/
// error_codes.h) becomes one of these classes.

import type { NativeErrorCode } from './native.js';

/** Stable codes, one per error class. */
export type ErrorCode =
  | 'MANIFEST'
  | 'MANIFEST_LINT'
  | 'MODULE_LOAD'
  | 'MODULE_VERIFY'
  | 'MODULE_DUPLICATE'
  | 'MODULE_CREATE'
  | 'MODULE_UNKNOWN'
  | 'BAD_MESSAGE'
  | 'HOOK_ERROR'
  | 'HOOK_FAILURE'
  | 'HOOK_DISCARDED'
  | 'HOOK_EXCEPTION'
  | 'HOOK_TIMEOUT'
  | 'HOOK_CRASH'
  | 'RUNTIME'
  | 'INSPECTOR'
  | 'INTERNAL'
  | 'BAD_RESULT'
  | 'HOOK_BUSY';

/** Base class of every error this library throws on purpose. */
export class MesosModulesError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A modules manifest that cannot be read or parsed (`file` names it, when it came from one). */
export class ManifestError extends MesosModulesError {
  readonly file: string | undefined;
  constructor(message: string, file?: string, options?: { cause?: unknown }) {
    super('MANIFEST', message, options);
    this.file = file;
  }
}

/** A manifest with keys the agent would silently ignore (strict mode); `issues` lists them. */
export class ManifestLintError extends MesosModulesError {
  readonly issues: import('./manifest.js').ManifestLintIssue[];
  constructor(message: string, issues: import('./manifest.js').ManifestLintIssue[]) {
    super('MANIFEST_LINT', message);
    this.issues = issues;
  }
}

export interface ModuleErrorFields {
  module?: string;
  library?: string;
}

/** A library or module symbol that cannot be loaded (ModuleManager::loadManifest). */
export class ModuleLoadError extends MesosModulesError {
  readonly module: string | undefined;
  readonly library: string | undefined;
  constructor(message: string, fields: ModuleErrorFields = {}, code: ErrorCode = 'MODULE_LOAD') {
    super(code, message);
    this.module = fields.module;
    this.library = fields.library;
  }
}

/** A symbol the library needs and nothing loaded defines. */
export interface UnresolvedSymbol {
  symbol: string;
  /** The C++ name, when the symbol is mangled. */
  demangled: string;
}

/**
 * A library the dynamic loader refuses. `message` is Mesos's; `unresolved`
 * and `missingLibraries` say why, `hint` the likely cause.
 */
export class LibraryOpenError extends ModuleLoadError {
  /** dlerror()'s text. */
  readonly dlerror: string;
  /** Every symbol it needs that neither the runtime nor its own dependencies define. */
  readonly unresolved: UnresolvedSymbol[];
  /** DT_NEEDED libraries that do not load, with why. */
  readonly missingLibraries: Array<{ library: string; error: string }>;
  /** The likely cause, for people. */
  readonly hint: string | undefined;
  constructor(
    message: string,
    fields: ModuleErrorFields & {
      dlerror: string;
      unresolved?: UnresolvedSymbol[];
      missingLibraries?: Array<{ library: string; error: string }>;
      hint?: string;
    },
  ) {
    super(message, fields);
    this.dlerror = fields.dlerror;
    this.unresolved = fields.unresolved ?? [];
    this.missingLibraries = fields.missingLibraries ?? [];
    this.hint = fields.hint;
  }
}

/** A module whose record fails Mesos's verifyModule checks. */
export class ModuleVerifyError extends ModuleLoadError {
  constructor(message: string, fields: ModuleErrorFields = {}) {
    super(message, fields, 'MODULE_VERIFY');
  }
}

/** A module name loaded again with another library, parameters or record. */
export class ModuleDuplicateError extends ModuleLoadError {
  constructor(message: string, fields: ModuleErrorFields = {}) {
    super(message, fields, 'MODULE_DUPLICATE');
  }
}

/**
 * A module that cannot be instantiated (ModuleManager::create). `logs` are
 * the glog lines the module wrote during create(); when one is an ERROR,
 * the message ends with the last: `(it logged: …)`.
 */
export class ModuleCreateError extends ModuleLoadError {
  readonly logs: HookLogLine[];
  constructor(message: string, fields: ModuleErrorFields & { logs?: HookLogLine[] } = {}) {
    const logs = fields.logs ?? [];
    const errors = logs.filter((line) => line.severity === 'ERROR' || line.severity === 'FATAL');
    const last = errors[errors.length - 1];
    super(last === undefined ? message : `${message} (it logged: ${last.message})`, fields, 'MODULE_CREATE');
    this.logs = logs;
  }
}

/** A name that no loaded module has. */
export class ModuleUnknownError extends ModuleLoadError {
  constructor(message: string, fields: ModuleErrorFields = {}) {
    super(message, fields, 'MODULE_UNKNOWN');
  }
}

/** A message (hook argument or parameter) that does not convert: `path` names the field. */
export class BadMessage extends MesosModulesError {
  readonly path: string;
  /** Every required field left unset, as field paths. */
  readonly missing: string[];
  constructor(message: string, path: string, missing: string[] = []) {
    super('BAD_MESSAGE', message);
    this.path = path;
    this.missing = missing;
  }
}

/** One glog line a hook wrote (see Hook.logs). */
export interface HookLogLine {
  severity: 'INFO' | 'WARNING' | 'ERROR' | 'FATAL';
  file: string;
  line: number;
  message: string;
}

export interface HookErrorFields {
  module: string;
  hook: string;
  /** What the hook logged during the failing call. */
  logs?: HookLogLine[];
}

/** Base of the errors a hook call produces; `module` and `hook` say which. */
export class HookCallError extends MesosModulesError {
  readonly module: string;
  readonly hook: string;
  /** The glog lines the hook wrote during the call. */
  readonly logs: HookLogLine[];
  constructor(code: ErrorCode, message: string, fields: HookErrorFields) {
    super(code, message);
    this.module = fields.module;
    this.hook = fields.hook;
    this.logs = fields.logs ?? [];
  }
}

/** The hook returned an `Error` (from a `Result<T>` or `Try<Nothing>`). */
export class HookError extends HookCallError {
  constructor(message: string, fields: HookErrorFields) {
    super('HOOK_ERROR', message, fields);
  }
}

/** The hook's future failed (`process::Failure`): the agent would fail the launch. */
export class HookFailure extends HookCallError {
  constructor(message: string, fields: HookErrorFields) {
    super('HOOK_FAILURE', message, fields);
  }
}

/** The hook's future was discarded. */
export class HookDiscarded extends HookCallError {
  constructor(fields: HookErrorFields) {
    super('HOOK_DISCARDED', 'future discarded', fields);
  }
}

/** A C++ exception escaped the hook; `type` is its C++ type. */
export class HookException extends HookCallError {
  readonly type: string;
  constructor(message: string, type: string, fields: HookErrorFields) {
    super('HOOK_EXCEPTION', message, fields);
    this.type = type;
  }
}

/**
 * The hook's future did not complete within the call's timeout. The agent has
 * no such timeout: a hook that never completes would stall the launch.
 */
export class HookTimeout extends HookCallError {
  readonly timeout: number;
  constructor(timeout: number, fields: HookErrorFields) {
    super('HOOK_TIMEOUT', `the hook's future did not complete within ${timeout} ms`, fields);
    this.timeout = timeout;
  }
}

/** The call that holds the hook lock, as {@link HookBusy} names it. */
export interface HookLockHolder {
  module: string;
  hook: string;
  /** How long it had been running, in milliseconds. */
  runningMs: number;
}

/**
 * An in-process call that could not start within its timeout because the
 * process-wide hook lock (the agent's HookManager mutex) was still held by
 * an earlier call: typically one that timed out off the JS thread and keeps
 * running, since a hook method cannot be interrupted in-process.
 * `blockedBy` names that call. Isolated mode kills such calls instead.
 */
export class HookBusy extends HookCallError {
  readonly timeout: number;
  readonly blockedBy: HookLockHolder;
  constructor(timeout: number, blockedBy: HookLockHolder, fields: HookErrorFields) {
    super(
      'HOOK_BUSY',
      `${fields.module}.${fields.hook} could not start within ${timeout} ms: the hook lock is held by ` +
        `${blockedBy.module}.${blockedBy.hook}, still running after ${Math.round(blockedBy.runningMs)} ms ` +
        `(a hook method cannot be interrupted in-process; with \`isolate: true\` a call past its timeout is killed)`,
      fields,
    );
    this.timeout = timeout;
    this.blockedBy = blockedBy;
  }
}

/** The native runtime could not be loaded or set up. */
export class RuntimeError extends MesosModulesError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RUNTIME', message, options);
  }
}

/** The inspector child process could not start, crashed or timed out. */
export class InspectorError extends MesosModulesError {
  /** The end of what the child wrote to stderr. */
  readonly stderr: string;
  constructor(message: string, stderr = '', options?: { cause?: unknown }) {
    super('INSPECTOR', message, options);
    this.stderr = stderr;
  }
}

/**
 * A hook call that ended the process running it (isolated mode): `signal`
 * or `exitStatus` says how, `stderrTail` what it wrote last, `input` the
 * arguments it was called with.
 */
export class HookCrash extends HookCallError {
  readonly signal: string | null;
  readonly exitStatus: number | null;
  readonly stderrTail: string;
  readonly input: unknown;
  constructor(
    fields: HookErrorFields & { signal: string | null; exitStatus: number | null; stderrTail?: string; input?: unknown },
  ) {
    const how = fields.signal !== null ? `signal ${fields.signal}` : `exit status ${fields.exitStatus}`;
    super('HOOK_CRASH', `${fields.module}.${fields.hook} crashed the process running it (${how})`, fields);
    this.signal = fields.signal;
    this.exitStatus = fields.exitStatus;
    this.stderrTail = fields.stderrTail ?? '';
    this.input = fields.input;
  }
}

/** A failure that means a bug in mesos-modules itself, never in the module or its input. */
export class InternalError extends MesosModulesError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', `mesos-modules internal error: ${message}`, options);
  }
}

/**
 * A loader step that failed (LoaderBackend in verify.ts): `dlopen` and
 * `dlsym` carry dlerror()'s text, `other` a reason of our own. verify.ts
 * wraps it in Mesos's message for the step; it never reaches a user.
 * @internal
 */
export class BackendError extends Error {
  constructor(
    readonly kind: 'dlopen' | 'dlsym' | 'other',
    message: string,
    readonly diagnosis?: {
      unresolved: UnresolvedSymbol[];
      missingLibraries: Array<{ library: string; error: string }>;
      hint?: string;
    },
  ) {
    super(message);
  }
}

/** ModuleManager::create's messages: a module whose create() fails, or returns nothing. */
export function createErrorMessage(module: string, reason?: string): string {
  return reason === undefined
    ? `Error creating Module instance for '${module}'`
    : `Error creating Module instance for '${module}': ${reason}`;
}

/** ModuleManager::create's message for a record without create() (Mesos spells it in lower case). */
export function noCreateMessage(module: string): string {
  return `Error creating module instance for '${module}': create() method not found`;
}

/** What failed natively: an addon error, or an inspector reply turned into one. @internal */
export interface NativeFailure {
  code?: string;
  message: string;
  /** BAD_MESSAGE: the field path, and the required fields left unset. */
  path?: string;
  missing?: string[];
}

/** The step a native failure happened in; it decides Mesos's message around it. @internal */
export interface NativeContext {
  step: 'open' | 'read' | 'compatible' | 'create' | 'call';
  module?: string;
  library?: string;
  hook?: string;
}

/**
 * The typed error of a native failure: one case per NativeErrorCode (the
 * model is classic-level's HandleErrorCallback). Loader steps get a
 * BackendError for verify.ts to word; anything without a known code is an
 * InternalError.
 * @internal
 */
export function fromNative(error: unknown, context: NativeContext): MesosModulesError | BackendError {
  if (error instanceof MesosModulesError || error instanceof BackendError) return error;
  const failure = error as NativeFailure;
  const message = typeof failure?.message === 'string' ? failure.message : String(error);
  const module = context.module ?? '';
  const code = failure?.code as NativeErrorCode | undefined;
  switch (code) {
    case 'RUNTIME':
      return new RuntimeError(message);
    case 'BAD_MESSAGE':
      return context.step === 'call'
        ? new BadMessage(`${module}.${context.hook}: ${message}`, failure.path ?? '', failure.missing ?? [])
        : new BadMessage(message, failure.path ?? 'parameters', failure.missing ?? []);
    case 'DLOPEN':
      return new BackendError('dlopen', message);
    case 'DLSYM':
      return new BackendError('dlsym', message);
    case 'NOT_A_MODULE':
    case 'NOT_OPEN':
    case 'ELF':
      return new BackendError('other', message);
    case 'NO_CREATE':
      return new ModuleCreateError(noCreateMessage(module), { module, library: context.library });
    case 'MODULE_EXCEPTION':
    case 'PARAMETERS':
      if (context.step === 'create') {
        return new ModuleCreateError(createErrorMessage(module, message), { module, library: context.library });
      }
      return new BackendError('other', message);
    case 'PROTOCOL':
    case 'INTERNAL':
    case undefined:
      return new InternalError(`${context.step}${module !== '' ? ` '${module}'` : ''}: ${message}`, { cause: error });
  }
  return new InternalError(`unknown native error code '${String(code)}': ${message}`, { cause: error });
}

/**
 * A hook result the agent could not deliver (HookManager, mesos-facts.md §5):
 * the part of it the agent uses is not a complete message. `hook` names the
 * method, `path` the field, `missing` every required field left unset.
 */
export class BadResult extends MesosModulesError {
  readonly module: string;
  readonly hook: string;
  readonly path: string;
  readonly missing: string[];
  /** What the hook logged during the call. */
  readonly logs: HookLogLine[];
  constructor(message: string, fields: { module: string; hook: string; path: string; missing?: string[]; logs?: HookLogLine[] }) {
    super('BAD_RESULT', message);
    this.module = fields.module;
    this.hook = fields.hook;
    this.path = fields.path;
    this.missing = fields.missing ?? [];
    this.logs = fields.logs ?? [];
  }
}
