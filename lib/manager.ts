// ModuleManager: load manifests, verify module records, create hooks.
// Mirrors src/module/manager.cpp (Mesos 1.11.0): loadManifest, verifyModule,
// verifyIdenticalModule, create<T>, contains<T>, find<T>, unload.

import {
  BadMessage,
  ModuleCreateError,
  ModuleDuplicateError,
  ModuleLoadError,
  ModuleUnknownError,
  ModuleVerifyError,
  RuntimeError,
} from './errors.js';
import { Hook, type HookOptions } from './hook.js';
import { type ManifestSource, type Modules, type Parameter, parseManifest } from './manifest.js';
import { type NativeError, type NativeLibrary, type NativeModuleInfo, type NativeModuleRecord, native } from './native.js';
import { compareVersions, formatVersion, parseVersion, type Version } from './version.js';

/** Module kinds Mesos 1.11.0 knows (ModuleManager::initialize's kindToVersion keys). */
export const MODULE_KINDS = [
  'Allocator',
  'Anonymous',
  'Authenticatee',
  'Authenticator',
  'Authorizer',
  'ContainerLogger',
  'DiskProfileAdaptor',
  'Hook',
  'HttpAuthenticatee',
  'HttpAuthenticator',
  'Isolator',
  'MasterContender',
  'MasterDetector',
  'QoSController',
  'ResourceEstimator',
  'SecretResolver',
  'TestModule',
] as const;

/** The module API version Mesos accepts (MESOS_MODULE_API_VERSION). */
export const MODULE_API_VERSION = '2';

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
   * the Mesos (or bundled SDK) the addon was built with.
   */
  mesosVersion?: string;
}

interface Registered {
  info: ModuleInfo;
  native: NativeModuleInfo;
  record: NativeModuleRecord;
}

function cloneParameters(parameters: Parameter[] | undefined): Parameter[] {
  return (parameters ?? []).map((p) => ({ key: p.key, value: p.value }));
}

/**
 * Loads module libraries from manifests and creates module instances, with
 * the agent's rules and messages. Each manager has its own registry, so tests
 * do not share state; the dynamic loader's handles are process-wide.
 */
export class ModuleManager {
  /** The agent version modules are checked against. */
  readonly mesosVersion: string;
  readonly #mesosVersion: Version;
  readonly #kinds = new Map<string, Version>();
  readonly #libraries = new Map<string, NativeLibrary>();
  readonly #modules = new Map<string, Registered>();

  constructor(options: ModuleManagerOptions = {}) {
    const runtime = native().runtime();
    this.mesosVersion = options.mesosVersion ?? runtime.mesosVersion;
    const parsed = parseVersion(this.mesosVersion);
    if ('error' in parsed) {
      throw new RuntimeError(`invalid agent version '${this.mesosVersion}': ${parsed.error}`);
    }
    this.#mesosVersion = parsed;
    // Every kind's minimum is the agent's own version, in every release.
    for (const kind of MODULE_KINDS) this.#kinds.set(kind, parsed);
  }

  /** A new manager with `manifest` loaded (see {@link ModuleManager.load}). */
  static async load(manifest: ManifestSource, options: ModuleManagerOptions = {}): Promise<ModuleManager> {
    const manager = new ModuleManager(options);
    await manager.load(manifest);
    return manager;
  }

  /**
   * Loads a manifest into this manager (ModuleManager::load). Libraries and
   * modules are processed in order; a failure part-way leaves what was
   * loaded before it in place, as in Mesos. Identical re-loads are no-ops.
   */
  async load(manifest: ManifestSource): Promise<void> {
    this.#loadManifest(parseManifest(manifest).modules);
  }

  /** Every loaded module, in load order. */
  get modules(): ModuleInfo[] {
    return [...this.#modules.values()].map((m) => ({ ...m.info, parameters: cloneParameters(m.info.parameters) }));
  }

  /** True when `name` is loaded and, if `kind` is given, of that kind (ModuleManager::contains<T>). */
  contains(name: string, kind?: string): boolean {
    const module = this.#modules.get(name);
    return module !== undefined && (kind === undefined || module.info.kind === kind);
  }

  /** Names of the loaded modules of `kind` (ModuleManager::find<T>). */
  find(kind: string): string[] {
    return [...this.#modules.values()].filter((m) => m.info.kind === kind).map((m) => m.info.name);
  }

  /** Forgets a module (ModuleManager::unload); its library stays open. */
  unload(name: string): void {
    if (!this.#modules.delete(name)) {
      throw new ModuleUnknownError(`Error unloading module '${name}': module not loaded`, { module: name });
    }
  }

  /**
   * Creates a Hook instance (ModuleManager::create<Hook>). `parameters`, when
   * given, replace the manifest's parameters; they are not merged. `options`
   * are the defaults of the hook's calls (timeout, offThread).
   */
  async createHook(name: string, parameters?: Parameter[], options: HookOptions = {}): Promise<Hook> {
    const module = this.#modules.get(name);
    if (module === undefined) {
      throw new ModuleUnknownError(`Module '${name}' unknown`, { module: name });
    }
    const fields = { module: name, library: module.info.library };
    if (!module.native.hasCreate) {
      throw new ModuleCreateError(`Error creating module instance for '${name}': create() method not found`, fields);
    }
    if (module.info.kind !== 'Hook') {
      throw new ModuleCreateError(
        `Error creating module instance for '${name}': module is of kind '${module.info.kind}', but the requested kind is 'Hook'`,
        fields,
      );
    }
    let hook;
    try {
      hook = module.record.createHook(parameters ?? module.info.parameters);
    } catch (error) {
      const e = error as NativeError;
      if (e.code === 'BAD_MESSAGE') throw new BadMessage(e.message, e.path ?? 'parameters', e.missing);
      throw new ModuleCreateError(`Error creating Module instance for '${name}': ${e.message}`, fields);
    }
    if (hook === null) {
      throw new ModuleCreateError(`Error creating Module instance for '${name}'`, fields);
    }
    return new Hook(hook, name, options);
  }

  #openLibrary(libraryName: string): NativeLibrary {
    let library = this.#libraries.get(libraryName);
    if (library === undefined) {
      try {
        library = new (native().Library)(libraryName);
      } catch (error) {
        const e = error as NativeError;
        if (e.code === 'RUNTIME') throw new RuntimeError(e.message);
        throw new ModuleLoadError(
          `Error opening library: '${libraryName}': Could not load library '${libraryName}': ${e.message}`,
          { library: libraryName },
        );
      }
      this.#libraries.set(libraryName, library);
    }
    return library;
  }

  #loadManifest(modules: Modules): void {
    for (const library of modules.libraries ?? []) {
      let libraryName: string;
      if (library.file !== undefined) {
        libraryName = library.file;
      } else if (library.name !== undefined) {
        libraryName = `lib${library.name}.so`;
      } else {
        throw new ModuleLoadError('Library name or path not provided');
      }

      const handle = this.#openLibrary(libraryName);

      for (const module of library.modules ?? []) {
        if (module.name === undefined) {
          throw new ModuleLoadError(`Error: module name not provided with library '${libraryName}'`, {
            library: libraryName,
          });
        }
        const name = module.name;
        const fields = { module: name, library: libraryName };

        let record: NativeModuleRecord;
        let info: NativeModuleInfo;
        try {
          record = handle.readModule(name);
          info = record.info();
        } catch (error) {
          const e = error as NativeError;
          const reason =
            e.code === 'DLSYM' ? `Error looking up symbol '${name}' in '${libraryName}' : ${e.message}` : e.message;
          throw new ModuleLoadError(`Error loading module '${name}': ${reason}`, fields);
        }

        const problem = this.#verify(name, info, record);
        if (problem !== undefined) {
          throw new ModuleVerifyError(`Error verifying module '${name}': ${problem}`, fields);
        }

        const parameters = cloneParameters(module.parameters);
        const existing = this.#modules.get(name);
        if (existing !== undefined) {
          const duplicate = this.#identical(libraryName, parameters, info, existing);
          if (duplicate !== undefined) {
            throw new ModuleDuplicateError(
              `Error loading module '${name}'; this is potentially due to duplicate module names; ${duplicate}`,
              fields,
            );
          }
          continue;
        }

        this.#modules.set(name, {
          info: {
            name,
            library: libraryName,
            kind: info.kind!,
            mesosVersion: info.mesosVersion!,
            moduleApiVersion: info.moduleApiVersion!,
            authorName: info.authorName!,
            authorEmail: info.authorEmail!,
            description: info.description!,
            parameters,
          },
          native: info,
          record,
        });
      }
    }
  }

  /** ModuleManager::verifyModule: the reason a record is refused, if it is. */
  #verify(name: string, info: NativeModuleInfo, record: NativeModuleRecord): string | undefined {
    const { mesosVersion, moduleApiVersion, authorName, authorEmail, description, kind } = info;
    if (
      mesosVersion === null ||
      moduleApiVersion === null ||
      authorName === null ||
      authorEmail === null ||
      description === null ||
      kind === null
    ) {
      return `Error loading module '${name}'; missing fields`;
    }
    if (moduleApiVersion !== MODULE_API_VERSION) {
      return `Module API version mismatch. Mesos has: ${MODULE_API_VERSION}, library requires: ${moduleApiVersion}`;
    }
    const minimum = this.#kinds.get(kind);
    if (minimum === undefined) {
      return `Unknown module kind: ${kind}`;
    }
    const moduleVersion = parseVersion(mesosVersion);
    if ('error' in moduleVersion) {
      return moduleVersion.error;
    }
    if (compareVersions(moduleVersion, minimum) < 0) {
      return (
        `Minimum supported mesos version for '${kind}' is ${formatVersion(minimum)}, ` +
        `but module is compiled with version ${formatVersion(moduleVersion)}`
      );
    }
    const mismatch =
      `Mesos has version ${formatVersion(this.#mesosVersion)}, ` +
      `but module is compiled with version ${formatVersion(moduleVersion)}`;
    if (!info.hasCompatible) {
      return equalVersions(moduleVersion, this.#mesosVersion) ? undefined : mismatch;
    }
    if (compareVersions(moduleVersion, this.#mesosVersion) > 0) {
      return mismatch;
    }
    let compatible: boolean;
    try {
      compatible = record.compatible();
    } catch (error) {
      return (error as Error).message;
    }
    return compatible ? undefined : `Module ${name}has determined to be incompatible`;
  }

  /** ModuleManager::verifyIdenticalModule: why a re-load differs, if it does. */
  #identical(libraryName: string, parameters: Parameter[], info: NativeModuleInfo, existing: Registered): string | undefined {
    if (existing.info.library !== libraryName) {
      return `The same module appears in two different module libraries - '${libraryName}' and '${existing.info.library}'`;
    }
    const previous = existing.info.parameters;
    const sameParameters =
      previous.length === parameters.length &&
      previous.every((p, i) => p.key === parameters[i].key && p.value === parameters[i].value);
    if (!sameParameters) {
      return 'A module with same name but different parameters already exists';
    }
    const a = existing.native;
    const sameRecord =
      a.moduleApiVersion === info.moduleApiVersion &&
      a.mesosVersion === info.mesosVersion &&
      a.kind === info.kind &&
      a.authorName === info.authorName &&
      a.authorEmail === info.authorEmail &&
      a.description === info.description &&
      a.compatibleAddress === info.compatibleAddress;
    return sameRecord ? undefined : 'A module with same name but different module manifest already exists';
  }
}

/** stout's Version::operator==: numbers and prerelease; build ignored. */
function equalVersions(a: Version, b: Version): boolean {
  return (
    a.major === b.major &&
    a.minor === b.minor &&
    a.patch === b.patch &&
    a.prerelease.length === b.prerelease.length &&
    a.prerelease.every((p, i) => p === b.prerelease[i])
  );
}
