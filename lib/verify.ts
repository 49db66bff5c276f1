// Mesos's module checks, one implementation for the in-process ModuleManager
// and the child-process inspector. Mirrors src/module/manager.{hpp,cpp}
// (Mesos 1.11.0): initialize (kindToVersion), verifyModule,
// verifyIdenticalModule, loadManifest, load(modulesDir) and create<T>'s checks.

import {
  BackendError,
  LibraryOpenError,
  type ManifestError,
  MesosModulesError,
  ModuleCreateError,
  ModuleDuplicateError,
  ModuleLoadError,
  ModuleUnknownError,
  ModuleVerifyError,
  RuntimeError,
  noCreateMessage,
  type UnresolvedSymbol,
} from './errors.js';
import type { Modules, Parameter } from './manifest.js';
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

/** What a module record holds (mesos::modules::ModuleBase, plus Module<T>::create). */
export interface ModuleRecordFields {
  moduleApiVersion: string | null;
  mesosVersion: string | null;
  kind: string | null;
  authorName: string | null;
  authorEmail: string | null;
  description: string | null;
  hasCompatible: boolean;
  /** Identity of `compatible` (Mesos compares the pointers). */
  compatibleAddress: string;
  hasCreate: boolean;
}

/** The agent a module is checked against: its version and kind table. */
export interface Agent {
  /** The version as given. */
  readonly mesosVersion: string;
  readonly version: Version;
  /** kindToVersion: every kind's minimum, which Mesos always sets to its own version. */
  readonly kinds: ReadonlyMap<string, Version>;
}

/** An agent of `mesosVersion` with Mesos 1.11.0's kind table. */
export function agentOf(mesosVersion: string): Agent {
  const version = parseVersion(mesosVersion);
  if ('error' in version) {
    throw new RuntimeError(`invalid agent version '${mesosVersion}': ${version.error}`);
  }
  return { mesosVersion, version, kinds: new Map(MODULE_KINDS.map((kind) => [kind, version])) };
}

/** stout's Version::operator==: numbers and prerelease identifiers (as strings); build ignored. */
function sameVersion(a: Version, b: Version): boolean {
  return (
    a.major === b.major &&
    a.minor === b.minor &&
    a.patch === b.patch &&
    a.prerelease.length === b.prerelease.length &&
    a.prerelease.every((p, i) => p === b.prerelease[i])
  );
}

/**
 * verifyModule up to compatible(): the reason the record is refused, or
 * `'compatible'` when Mesos would now call compatible() to decide, or
 * undefined when it passes.
 */
export function checkRecord(name: string, record: ModuleRecordFields, agent: Agent): string | 'compatible' | undefined {
  const { mesosVersion, moduleApiVersion, authorName, authorEmail, description, kind } = record;
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
  const minimum = agent.kinds.get(kind);
  if (minimum === undefined) {
    return `Unknown module kind: ${kind}`;
  }
  const version = parseVersion(mesosVersion);
  if ('error' in version) {
    return version.error;
  }
  if (compareVersions(version, minimum) < 0) {
    return (
      `Minimum supported mesos version for '${kind}' is ${formatVersion(minimum)}, ` +
      `but module is compiled with version ${formatVersion(version)}`
    );
  }
  const mismatch =
    `Mesos has version ${formatVersion(agent.version)}, ` + `but module is compiled with version ${formatVersion(version)}`;
  if (!record.hasCompatible) {
    return sameVersion(version, agent.version) ? undefined : mismatch;
  }
  if (compareVersions(version, agent.version) > 0) {
    return mismatch;
  }
  return 'compatible';
}

/**
 * ModuleManager::verifyModule: the reason a record is refused, if it is.
 * `compatible` runs only once every version check has passed, as in Mesos;
 * an exception from it is a refusal with its message.
 */
export async function verifyModule(
  name: string,
  record: ModuleRecordFields,
  agent: Agent,
  compatible: () => boolean | Promise<boolean>,
): Promise<string | undefined> {
  const step = checkRecord(name, record, agent);
  if (step !== 'compatible') return step;
  let result: boolean;
  try {
    result = await compatible();
  } catch (error) {
    if (error instanceof RuntimeError) throw error;
    return (error as Error).message;
  }
  return result ? undefined : `Module ${name}has determined to be incompatible`;
}

/** A registered module, as verifyIdenticalModule compares it. */
export interface RegisteredModule<H> {
  name: string;
  /** The library string it was loaded from. */
  library: string;
  /** The manifest's parameters: order and duplicates kept. */
  parameters: Parameter[];
  /** The record as it was when the module was registered. */
  record: ModuleRecordFields;
  handle: H;
}

/**
 * ModuleManager::verifyIdenticalModule: why a re-load of `existing` differs,
 * if it does. The record is compared with the copy taken at registration
 * (Mesos compares the live record with itself; see MESOS-4918).
 */
export function verifyIdenticalModule<H>(
  libraryName: string,
  parameters: Parameter[],
  record: ModuleRecordFields,
  existing: RegisteredModule<H>,
): string | undefined {
  if (existing.library !== libraryName) {
    return `The same module appears in two different module libraries - '${libraryName}' and '${existing.library}'`;
  }
  const previous = existing.parameters;
  const sameParameters =
    previous.length === parameters.length &&
    previous.every((p, i) => p.key === parameters[i].key && p.value === parameters[i].value);
  if (!sameParameters) {
    return 'A module with same name but different parameters already exists';
  }
  const a = existing.record;
  const sameRecord =
    a.moduleApiVersion === record.moduleApiVersion &&
    a.mesosVersion === record.mesosVersion &&
    a.kind === record.kind &&
    a.authorName === record.authorName &&
    a.authorEmail === record.authorEmail &&
    a.description === record.description &&
    a.compatibleAddress === record.compatibleAddress;
  return sameRecord ? undefined : 'A module with same name but different module manifest already exists';
}

/**
 * create<T>'s checks before it calls the module: the reason it fails, if it
 * does (`Module '<m>' unknown`, no create(), another kind).
 */
export function checkCreate<H>(name: string, module: RegisteredModule<H> | undefined, kind: string): string | undefined {
  if (module === undefined) return `Module '${name}' unknown`;
  if (!module.record.hasCreate) {
    return noCreateMessage(name);
  }
  if (module.record.kind !== kind) {
    return (
      `Error creating module instance for '${name}': module is of kind '${module.record.kind}', ` +
      `but the requested kind is '${kind}'`
    );
  }
  return undefined;
}

/** `file` wins over `name`; `name` becomes lib<name>.so (os::libraries::expandName). */
export function libraryNameOf(library: { file?: string; name?: string }): string | undefined {
  if (library.file !== undefined) return library.file;
  if (library.name !== undefined) return `lib${library.name}.so`;
  return undefined;
}

// ---------------------------------------------------------------------------
// loadManifest, over a backend that opens libraries and reads records.

// A failure a backend reports is a BackendError (errors.ts); loadManifest
// turns it into Mesos's message.
export { BackendError };

/** Opens libraries and reads module records: in this process or in a child. */
export interface LoaderBackend<H> {
  /** dlopen(library, RTLD_NOW), once per exact string. Throws BackendError. */
  open(library: string): Promise<void>;
  /** dlsym and read the record. Throws BackendError. */
  read(library: string, name: string): Promise<{ record: ModuleRecordFields; handle: H }>;
  /** Calls the module's compatible(); throws with the reason if it cannot. */
  compatible(handle: H): Promise<boolean>;
}

/** One manager's state: what Mesos keeps in ModuleManager's static maps. */
export interface Registry<H> {
  modules: Map<string, RegisteredModule<H>>;
}

/** What happened to one module of a manifest. */
export interface ModuleOutcome {
  name: string | undefined;
  parameters: Parameter[];
  /** `loaded`; `identical`: already loaded, a no-op; `failed`; `not-loaded`: its library failed. */
  status: 'loaded' | 'identical' | 'failed' | 'not-loaded';
  record?: ModuleRecordFields;
  error?: MesosModulesError;
}

/** What happened to one library of a manifest. */
export interface LibraryOutcome {
  /** The library string (`file`, or lib<name>.so); undefined when neither is set. */
  library: string | undefined;
  status: 'opened' | 'failed';
  error?: MesosModulesError;
  modules: ModuleOutcome[];
}

export interface LoadOptions {
  /**
   * Go on after a failure and report every library and module (what
   * `inspect` wants); by default the first failure throws, as in Mesos.
   */
  keepGoing?: boolean;
}

function openError(libraryName: string, error: BackendError): ModuleLoadError {
  if (error.kind === 'dlopen') {
    return new LibraryOpenError(
      `Error opening library: '${libraryName}': Could not load library '${libraryName}': ${error.message}`,
      {
        library: libraryName,
        dlerror: error.message,
        unresolved: error.diagnosis?.unresolved,
        missingLibraries: error.diagnosis?.missingLibraries,
        hint: error.diagnosis?.hint,
      },
    );
  }
  return new ModuleLoadError(`Error opening library: '${libraryName}': ${error.message}`, { library: libraryName });
}

function readError(libraryName: string, name: string, error: BackendError): ModuleLoadError {
  const reason =
    error.kind === 'dlsym' ? `Error looking up symbol '${name}' in '${libraryName}' : ${error.message}` : error.message;
  return new ModuleLoadError(`Error loading module '${name}': ${reason}`, { module: name, library: libraryName });
}

function rethrowUnexpected(error: unknown): asserts error is BackendError {
  if (!(error instanceof BackendError)) throw error;
}

/**
 * ModuleManager::loadManifest. Libraries and modules are processed in order;
 * nothing is rolled back on a failure. Without `keepGoing` the first failure
 * is thrown (as Mesos returns it); with it every outcome is reported.
 */
export async function loadManifest<H>(
  modules: Modules,
  registry: Registry<H>,
  backend: LoaderBackend<H>,
  agent: Agent,
  options: LoadOptions = {},
): Promise<LibraryOutcome[]> {
  const outcomes: LibraryOutcome[] = [];
  const fail = (error: MesosModulesError): void => {
    if (!options.keepGoing) throw error;
  };

  for (const library of modules.libraries ?? []) {
    const libraryName = libraryNameOf(library);
    const outcome: LibraryOutcome = { library: libraryName, status: 'opened', modules: [] };
    outcomes.push(outcome);
    const notLoaded = (): void => {
      for (const module of library.modules ?? []) {
        outcome.modules.push({ name: module.name, parameters: cloneParameters(module.parameters), status: 'not-loaded' });
      }
    };

    if (libraryName === undefined) {
      outcome.status = 'failed';
      outcome.error = new ModuleLoadError('Library name or path not provided');
      notLoaded();
      fail(outcome.error);
      continue;
    }

    try {
      await backend.open(libraryName);
    } catch (error) {
      rethrowUnexpected(error);
      outcome.status = 'failed';
      outcome.error = openError(libraryName, error);
      notLoaded();
      fail(outcome.error);
      continue;
    }

    for (const module of library.modules ?? []) {
      const parameters = cloneParameters(module.parameters);
      const result: ModuleOutcome = { name: module.name, parameters, status: 'failed' };
      outcome.modules.push(result);
      const failModule = (error: MesosModulesError): void => {
        result.error = error;
        fail(error);
      };

      if (module.name === undefined) {
        failModule(new ModuleLoadError(`Error: module name not provided with library '${libraryName}'`, { library: libraryName }));
        continue;
      }
      const name = module.name;
      const fields = { module: name, library: libraryName };

      let record: ModuleRecordFields;
      let handle: H;
      try {
        ({ record, handle } = await backend.read(libraryName, name));
      } catch (error) {
        rethrowUnexpected(error);
        failModule(readError(libraryName, name, error));
        continue;
      }
      result.record = record;

      const problem = await verifyModule(name, record, agent, () => backend.compatible(handle));
      if (problem !== undefined) {
        failModule(new ModuleVerifyError(`Error verifying module '${name}': ${problem}`, fields));
        continue;
      }

      const existing = registry.modules.get(name);
      if (existing !== undefined) {
        const duplicate = verifyIdenticalModule(libraryName, parameters, record, existing);
        if (duplicate !== undefined) {
          failModule(
            new ModuleDuplicateError(
              `Error loading module '${name}'; this is potentially due to duplicate module names; ${duplicate}`,
              fields,
            ),
          );
          continue;
        }
        result.status = 'identical';
        continue;
      }

      registry.modules.set(name, { name, library: libraryName, parameters, record, handle });
      result.status = 'loaded';
    }
  }
  return outcomes;
}

export function cloneParameters(parameters: Parameter[] | undefined): Parameter[] {
  return (parameters ?? []).map((p) => ({ key: p.key, value: p.value }));
}

/** A copy of a typed error with another message (the same class and fields). */
export function withMessage<E extends MesosModulesError>(error: E, message: string): E {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as E, error);
  Object.defineProperty(copy, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(copy, 'cause', { value: error, writable: true, configurable: true, enumerable: false });
  copy.stack = `${copy.name}: ${message}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}`;
  return copy;
}

/** The kind of failure of a --modules_dir step, for callers that report it. */
export type DirectoryStepError = ManifestError | ModuleLoadError;

export { ModuleCreateError, ModuleUnknownError };
