// ModuleManager: load manifests, verify module records, create hooks.
// Mirrors src/module/manager.{hpp,cpp} (Mesos 1.11.0): load(Modules), load(dir),
// create<T>, contains<T>, find<T>, unload; the checks themselves are lib/verify.ts.

import {
  createErrorMessage,
  fromNative,
  ModuleCreateError,
  ModuleLoadError,
  ModuleUnknownError,
} from './errors.js';
import { checkTimeout, Hook, type HookOptions } from './hook.js';
import { createRefusal } from './hook-outcome.js';
import { DEFAULT_SETUP_TIMEOUT, IsolatedBackend } from './isolate.js';
import { openFailure } from './diagnose.js';
import { type HookPipeline, installPipeline } from './pipeline.js';
import {
  assertNoLint,
  listModulesDir,
  type ManifestSource,
  type Modules,
  type Parameter,
  parseManifest,
  readModulesDirFile,
} from './manifest.js';
import { type NativeLibrary, type NativeModuleRecord, native } from './native.js';
import { encodeParameters } from './wire/calls.js';
import {
  type Agent,
  agentOf,
  BackendError,
  checkCreate,
  cloneParameters,
  type LoaderBackend,
  loadManifest,
  type ModuleRecordFields,
  type RegisteredModule,
  type Registry,
  withMessage,
} from './verify.js';

export { MODULE_API_VERSION, MODULE_KINDS } from './verify.js';

/** A loaded module, as `manager.modules` lists it. */
export interface ModuleInfo {
  /** The module name: the symbol the library exports. */
  name: string;
  /** The library string from the manifest (`file`, or `lib<name>.so`). */
  library: string;
  kind: string;
  mesosVersion: string;
  moduleApiVersion: string;
  authorName: string;
  authorEmail: string;
  description: string;
  /** The manifest's parameters: order and duplicates kept. */
  parameters: Parameter[];
}

export interface ModuleManagerOptions {
  /**
   * The agent version the checks compare against. Defaults to the version of
   * the Mesos (or bundled SDK) the addon was built with; set it to test a
   * module against another agent version.
   */
  mesosVersion?: string;
  /**
   * Refuse a manifest with keys the agent would silently ignore (unknown
   * keys such as a misspelt `paramters`, nulls, `name` beside `file`), with
   * a {@link ManifestLintError} listing them.
   */
  strict?: boolean;
  /**
   * Run all module code (opening libraries, `create()`, every hook call) in
   * a child process: a crash is a {@link HookCrash}, a hang a
   * {@link HookTimeout}, and the next call gets a fresh child (lib/isolate.ts).
   */
  isolate?: boolean;
  /**
   * Milliseconds `createHook` waits for a module's `create()` (10000), and in
   * isolated mode also each step of `load` and `loadDir` that runs module
   * code (opening a library, reading a record, `compatible()`): past it the
   * child is killed and the step fails naming it. In-process, create() runs off
   * the JS thread, so a create() that blocks is a {@link ModuleCreateError}
   * after this long; it cannot be interrupted and is left running.
   */
  setupTimeout?: number;
}

/**
 * Where module code runs: Mesos's loader steps, and create() of a module
 * already loaded. In this process (NativeBackend, the addon) or in a child
 * process (lib/isolate.ts IsolatedBackend).
 * @internal
 */
export interface ManagerBackend<H> extends LoaderBackend<H> {
  /**
   * ModuleManager::create<Hook> once the checks passed: create() with the
   * parameters, a Hook or a typed error; `timeout` bounds create().
   */
  createHook(module: RegisteredModule<H>, parameters: Parameter[], options: HookOptions | undefined, timeout: number): Promise<Hook>;
  /** Releases what the backend holds (a child process). */
  close(): Promise<void>;
}

/** The addon's Library and ModuleRecord objects, behind Mesos's loader steps. */
class NativeBackend implements ManagerBackend<NativeModuleRecord> {
  /** dlopen handles by the exact library string (ModuleManager::dynamicLibraries). */
  readonly libraries = new Map<string, NativeLibrary>();

  async open(library: string): Promise<void> {
    if (this.libraries.has(library)) return;
    let handle: NativeLibrary;
    try {
      handle = native().openLibrary(library);
    } catch (error) {
      throw await openFailure(library, error);
    }
    this.libraries.set(library, handle);
  }

  async read(library: string, name: string): Promise<{ record: ModuleRecordFields; handle: NativeModuleRecord }> {
    try {
      const handle = this.libraries.get(library)!.readModule(name);
      return { record: handle.info(), handle };
    } catch (error) {
      throw fromNative(error, { step: 'read', library, module: name });
    }
  }

  async compatible(handle: NativeModuleRecord): Promise<boolean> {
    try {
      return handle.compatible();
    } catch (error) {
      throw fromNative(error, { step: 'compatible' });
    }
  }

  async createHook(
    module: RegisteredModule<NativeModuleRecord>,
    parameters: Parameter[],
    options: HookOptions | undefined,
    timeout: number,
  ): Promise<Hook> {
    const name = module.name;
    const fields = { module: name, library: module.library };
    let created;
    let pending;
    try {
      // create() runs off the JS thread, so one that blocks cannot stall it.
      pending = module.handle.createHookOffThread(encodeParameters(parameters));
      created = await withDeadline(pending, timeout);
    } catch (error) {
      throw fromNative(error, { step: 'create', ...fields });
    }
    if (created === 'timeout') {
      pending.cancel();
      throw new ModuleCreateError(
        createErrorMessage(
          name,
          `create() did not return within ${timeout} ms; it keeps running off the JS thread ` +
            '(create() cannot be interrupted in-process; with `isolate: true` it is killed)',
        ),
        fields,
      );
    }
    // create()'s own log lines go with its error (the last ERROR line in the message).
    if (created.error !== undefined) throw createRefusal(fields, created.logs, created.error);
    if (created.hook === null || created.hook === undefined) throw createRefusal(fields, created.logs);
    return new Hook(created.hook, name, options);
  }

  async close(): Promise<void> {}
}

/** The backend an isolated manager is made with (see IsolatedModuleManager). */
const BACKEND = Symbol('backend');

/**
 * Loads module libraries from manifests and creates module instances, with
 * the agent's rules and messages. Each manager has its own registry, so tests
 * do not share state; the dynamic loader's handles are process-wide.
 *
 * A test file loading a hook from its manifest and calling it (from
 * docs/examples, run by the test suite):
 *
 * {@includeCode ../docs/examples/my-hook.test.ts#first-test}
 */
export class ModuleManager {
  /** The agent version modules are checked against. */
  readonly mesosVersion!: string;
  /** Mesos's warnings from the manifests read so far (e.g. a bare path). */
  readonly warnings: string[] = [];
  readonly #agent!: Agent;
  readonly #strict!: boolean;
  readonly #backend!: ManagerBackend<unknown>;
  readonly #registry: Registry<unknown> = { modules: new Map() };
  readonly #setupTimeout!: number;
  /** ModuleManager's mutex: one load or create at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ModuleManagerOptions = {}) {
    // Isolated mode: the same manager, with module code in a child process.
    const backend = (options as { [BACKEND]?: ManagerBackend<unknown> })[BACKEND];
    if (options.isolate === true && backend === undefined) return new IsolatedModuleManager(options);
    const runtime = native().runtime();
    this.mesosVersion = options.mesosVersion ?? runtime.mesosVersion;
    this.#agent = agentOf(this.mesosVersion);
    this.#strict = options.strict === true;
    this.#setupTimeout = checkTimeout('setupTimeout', options.setupTimeout ?? DEFAULT_SETUP_TIMEOUT);
    this.#backend = backend ?? (new NativeBackend() as ManagerBackend<unknown>);
  }

  /** A new manager with `manifest` loaded (see {@link ModuleManager.load}). */
  static async load(manifest: ManifestSource, options: ModuleManagerOptions = {}): Promise<ModuleManager> {
    const manager = new ModuleManager(options);
    await manager.load(manifest);
    return manager;
  }

  /** A new manager with a modules directory loaded (see {@link ModuleManager.loadDir}). */
  static async loadDir(dir: string, options: ModuleManagerOptions = {}): Promise<ModuleManager> {
    const manager = new ModuleManager(options);
    await manager.loadDir(dir);
    return manager;
  }

  #serialized<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Loads a manifest into this manager (ModuleManager::load(Modules)): an
   * object, JSON text, `file://<path>` or a bare absolute path. Libraries and
   * modules are processed in order; a failure part-way leaves what was loaded
   * before it in place, as in Mesos. Identical re-loads are no-ops.
   */
  load(manifest: ManifestSource): Promise<void> {
    return this.#serialized(async () => {
      const parsed = parseManifest(manifest);
      if (this.#strict) assertNoLint(parsed.lint);
      this.warnings.push(...parsed.warnings);
      await this.#loadManifest(parsed.modules);
    });
  }

  /**
   * Loads every file of a modules directory (ModuleManager::load(dir), the
   * agent's --modules_dir): all entries in byte-wise order, with no extension
   * filter; the first file that fails stops the load, earlier files stay loaded.
   */
  loadDir(dir: string): Promise<void> {
    return this.#serialized(async () => {
      for (const file of listModulesDir(dir)) {
        const parsed = readModulesDirFile(file);
        if (this.#strict) assertNoLint(parsed.lint);
        this.warnings.push(...parsed.warnings);
        try {
          await this.#loadManifest(parsed.modules);
        } catch (error) {
          if (error instanceof ModuleLoadError) {
            throw withMessage(error, `Error loading modules from '${file}': ${error.message}`);
          }
          throw error;
        }
      }
    });
  }

  async #loadManifest(modules: Modules): Promise<void> {
    await loadManifest(modules, this.#registry, this.#backend, this.#agent);
  }

  /** Releases the manager: in isolated mode ends its child process; in-process a no-op. */
  close(): Promise<void> {
    return this.#backend.close();
  }

  /** Every loaded module, in load order. */
  get modules(): ModuleInfo[] {
    return [...this.#registry.modules.values()].map((m) => ({
      name: m.name,
      library: m.library,
      kind: m.record.kind!,
      mesosVersion: m.record.mesosVersion!,
      moduleApiVersion: m.record.moduleApiVersion!,
      authorName: m.record.authorName!,
      authorEmail: m.record.authorEmail!,
      description: m.record.description!,
      parameters: cloneParameters(m.parameters),
    }));
  }

  /** True when `name` is loaded and, if `kind` is given, of that kind (ModuleManager::contains<T>). */
  contains(name: string, kind?: string): boolean {
    const module = this.#registry.modules.get(name);
    return module !== undefined && (kind === undefined || module.record.kind === kind);
  }

  /** Names of the loaded modules of `kind` (ModuleManager::find<T>), in load order. */
  find(kind: string): string[] {
    return [...this.#registry.modules.values()].filter((m) => m.record.kind === kind).map((m) => m.name);
  }

  /**
   * Forgets a module (ModuleManager::unload); its library stays open, and the
   * name can be loaded again, from any library.
   */
  unload(name: string): void {
    if (!this.#registry.modules.delete(name)) {
      throw new ModuleUnknownError(`Error unloading module '${name}': module not loaded`, { module: name });
    }
  }

  /**
   * Creates a Hook instance (ModuleManager::create<Hook>). `parameters`, when
   * given, replace the manifest's parameters; they are not merged. `options`
   * are the defaults of the hook's calls, and `options.createTimeout` how
   * long create() may take (the manager's `setupTimeout` by default).
   */
  createHook(name: string, parameters?: Parameter[], options?: HookOptions): Promise<Hook> {
    return this.#serialized(async () => {
      const module = this.#registry.modules.get(name);
      const problem = checkCreate(name, module, 'Hook');
      if (problem !== undefined) {
        if (module === undefined) throw new ModuleUnknownError(problem, { module: name });
        throw new ModuleCreateError(problem, { module: name, library: module.library });
      }
      const timeout = checkTimeout('createTimeout', options?.createTimeout ?? this.#setupTimeout);
      return this.#backend.createHook(module!, parameters ?? module!.parameters, options, timeout);
    });
  }
  /**
   * Installs a `--hooks` list as HookManager::initialize does: `'a,b'` is
   * split on commas (no trimming, empty names refused), each name must be a
   * loaded Hook module (`No hook module named '<n>' available`, a
   * {@link ModuleUnknownError}), and each is created with its manifest
   * parameters, in order. Returns at once; the hooks are created before the
   * first call runs (`pipeline.ready`).
   */
  pipeline(hooks: string | readonly string[], options?: HookOptions): HookPipeline {
    return installPipeline(
      hooks,
      (name) => this.contains(name, 'Hook'),
      (name) => this.createHook(name, undefined, options),
    );
  }
}

/** `promise`'s value, or 'timeout' when it takes longer than `timeout` ms. */
async function withDeadline<T>(promise: Promise<T>, timeout: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeout);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * A ModuleManager whose module code (opening libraries, compatible(),
 * create(), every hook call) runs in a child process (lib/isolate.ts): what
 * `new ModuleManager({ isolate: true })` makes. The same API, plus
 * {@link IsolatedModuleManager.childPid}; {@link ModuleManager.close} ends
 * the child.
 */
export class IsolatedModuleManager extends ModuleManager {
  /** Always true: module code runs in a child process. */
  readonly isolated = true;
  readonly #child: IsolatedBackend;

  constructor(options: ModuleManagerOptions = {}) {
    const child = new IsolatedBackend(options.setupTimeout ?? DEFAULT_SETUP_TIMEOUT);
    super({ ...options, isolate: true, [BACKEND]: child } as ModuleManagerOptions);
    this.#child = child;
  }

  /** The process id of the current child (undefined before the first request or after a crash). */
  get childPid(): number | undefined {
    return this.#child.pid;
  }
}
