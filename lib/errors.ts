// Typed errors. Mirrors no single Mesos file: each class carries the message
// Mesos itself would print (ModuleManager, HookManager) plus structured fields.

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
  | 'RUNTIME'
  | 'INSPECTOR'
  | 'BAD_RESULT';

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
