// What a host's module configuration would load, read in a child process that
// hosts the host's own libmesos. Mirrors the agent's start-up (src/slave/main.cpp:
// --modules / --modules_dir, then HookManager::initialize for --hooks) with
// src/module/manager.cpp's checks (lib/verify.ts); records come from
// src-native/inspector (mesos-modules-inspector, in build/tools or the prebuild).

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import {
  createErrorMessage,
  fromNative,
  InspectorError,
  type ErrorCode,
  ManifestError,
  type MesosModulesError,
  type NativeFailure,
  type UnresolvedSymbol,
} from './errors.js';
import {
  fetchModules,
  listModulesDir,
  type ManifestLintIssue,
  type Modules,
  type Parameter,
  readModulesDirFile,
} from './manifest.js';
import { nativeLayout } from './paths.js';
import {
  type Agent,
  agentOf,
  BackendError,
  checkCreate,
  type LibraryOutcome,
  type LoaderBackend,
  loadManifest,
  type ModuleRecordFields,
  type Registry,
  verifyModule,
} from './verify.js';

// ---------------------------------------------------------------------------
// The runtime: which libmesos the child loads, and which Mesos version it is.

/** Where the runtime libmesos came from. */
export type RuntimeSource = 'option' | 'MESOS_HOME' | 'search path' | 'build';

/** The runtime libmesos an inspection used. */
export interface RuntimeUsed {
  /** The library string given to dlopen. */
  library: string;
  /** The file the dynamic loader opened. */
  path: string;
  source: RuntimeSource;
  /** The agent version modules are checked against. */
  mesosVersion: string;
  /** Where that version came from (`option`, a version.hpp, the file name). */
  versionFrom: string;
  /** True when it is this build's bundled SDK runtime. */
  sdk: boolean;
  /** Candidates that did not load, with dlerror()'s text. */
  tried: Array<{ library: string; error: string }>;
}

export interface InspectorOptions {
  /** The runtime libmesos to load; default: $MESOS_HOME's, the search path's, this build's. */
  libmesos?: string;
  /** The agent version to check against; default: the runtime's. */
  mesosVersion?: string;
  /** Longest a single call into module code (dlopen, compatible(), create()) may take; default 10000 ms. */
  timeoutMs?: number;
  /** Environment (MESOS_HOME, MESOS_MODULES, …); default process.env. */
  env?: Record<string, string | undefined>;
}

interface BuildInfo {
  mode: 'sdk' | 'mesos';
  prefix: string;
  libmesos: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function readBuildInfo(): BuildInfo | undefined {
  try {
    const tools = nativeLayout().tools;
    const info = JSON.parse(readFileSync(join(tools, 'build-info.json'), 'utf8')) as BuildInfo;
    // A prebuild's paths are relative to its folder.
    return { ...info, prefix: resolve(tools, info.prefix), libmesos: resolve(tools, info.libmesos) };
  } catch {
    return undefined;
  }
}

function inspectorBinary(env: NodeJS.ProcessEnv): string {
  return env.MESOS_MODULES_INSPECTOR ?? join(nativeLayout().tools, 'mesos-modules-inspector');
}

function versionFromHeader(prefix: string): string | undefined {
  try {
    const text = readFileSync(join(prefix, 'include', 'mesos', 'version.hpp'), 'utf8');
    return /#define\s+MESOS_VERSION\s+"([^"]*)"/.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function runtimeCandidates(options: InspectorOptions, env: NodeJS.ProcessEnv): Array<{ library: string; source: RuntimeSource }> {
  if (options.libmesos !== undefined) return [{ library: options.libmesos, source: 'option' }];
  const home = env.MESOS_HOME;
  if (home !== undefined && home !== '') {
    const found = ['lib/libmesos.so', 'lib64/libmesos.so', 'src/.libs/libmesos.so', 'build/src/.libs/libmesos.so']
      .map((p) => join(home, p))
      .filter((p) => existsSync(p));
    if (found.length === 0) {
      throw new InspectorError(`MESOS_HOME is '${home}', but it has no lib/libmesos.so (nor lib64/, src/.libs/)`);
    }
    return [{ library: found[0], source: 'MESOS_HOME' }];
  }
  const candidates: Array<{ library: string; source: RuntimeSource }> = [{ library: 'libmesos.so', source: 'search path' }];
  const build = readBuildInfo();
  if (build !== undefined) candidates.push({ library: build.libmesos, source: 'build' });
  return candidates;
}

function runtimeVersion(
  source: RuntimeSource,
  path: string,
  options: InspectorOptions,
  env: NodeJS.ProcessEnv,
): { mesosVersion: string; versionFrom: string; sdk: boolean } {
  const build = readBuildInfo();
  const isBuild = build !== undefined && real(path) === real(build.libmesos);
  const sdk = isBuild && build.mode === 'sdk';
  if (options.mesosVersion !== undefined) return { mesosVersion: options.mesosVersion, versionFrom: 'option', sdk };
  const prefixes: string[] = [];
  if (source === 'MESOS_HOME' && env.MESOS_HOME) prefixes.push(env.MESOS_HOME);
  if (isBuild) prefixes.push(build.prefix);
  for (const prefix of prefixes) {
    const version = versionFromHeader(prefix);
    if (version !== undefined) return { mesosVersion: version, versionFrom: join(prefix, 'include/mesos/version.hpp'), sdk };
  }
  // libtool's -release: libmesos.so -> libmesos-1.11.0.so.
  const named = /^libmesos-(.+)\.so$/.exec(basename(real(path)));
  if (named) return { mesosVersion: named[1], versionFrom: `the file name ${basename(real(path))}`, sdk };
  const guess = dirname(dirname(real(path)));
  const version = versionFromHeader(guess);
  if (version !== undefined) return { mesosVersion: version, versionFrom: join(guess, 'include/mesos/version.hpp'), sdk };
  throw new InspectorError(
    `cannot tell which Mesos version '${path}' is (no include/mesos/version.hpp beside it, no version in its name); ` +
      'give it (--mesos-version, or the mesosVersion option)',
  );
}

// ---------------------------------------------------------------------------
// The child process and its line protocol.

interface Reply {
  ok: boolean;
  code?: string;
  error?: string;
  [key: string]: unknown;
}

/** The child died or hung during a request. */
class ChildLost extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

function signalText(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? signal : `exit status ${code}`;
}

class ChildProcessLink {
  readonly #child: ChildProcess;
  #buffer = '';
  #stderr = '';
  #pending: { resolve: (r: Reply) => void; reject: (e: Error) => void; what: string } | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #gone: string | undefined;

  constructor(binary: string, env: NodeJS.ProcessEnv) {
    if (!existsSync(binary)) {
      throw new InspectorError(`the inspector is not built (no ${binary}); run \`npm run build\``);
    }
    this.#child = spawn(binary, [], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...env, LIBPROCESS_IP: env.LIBPROCESS_IP ?? '127.0.0.1' },
    });
    this.#child.stdout!.setEncoding('utf8');
    this.#child.stdout!.on('data', (chunk: string) => this.#data(chunk));
    this.#child.stderr!.setEncoding('utf8');
    this.#child.stderr!.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-8192);
    });
    this.#child.stdin!.on('error', () => {});
    this.#child.on('error', (error) => this.#lost(`the inspector process could not run: ${error.message}`));
    this.#child.on('exit', (code, signal) => {
      const pending = this.#pending;
      this.#lost(`${pending?.what ?? 'the inspector'} crashed the inspector process (${signalText(code, signal)})`);
    });
  }

  get alive(): boolean {
    return this.#gone === undefined;
  }

  get stderr(): string {
    return this.#stderr;
  }

  #data(chunk: string): void {
    this.#buffer += chunk;
    let newline: number;
    while ((newline = this.#buffer.indexOf('\n')) >= 0) {
      const line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 1);
      const pending = this.#pending;
      this.#pending = undefined;
      if (pending === undefined) continue;
      try {
        pending.resolve(JSON.parse(line) as Reply);
      } catch {
        pending.reject(new ChildLost(`the inspector answered garbage: ${line.slice(0, 200)}`, this.#stderr));
      }
    }
  }

  #lost(message: string): void {
    if (this.#gone === undefined) this.#gone = message;
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(new ChildLost(message, this.#stderr));
  }

  /** One request; requests are answered in order, one at a time. */
  request(args: string[], what: string, timeoutMs: number): Promise<Reply> {
    const run = (): Promise<Reply> =>
      new Promise<Reply>((resolve, reject) => {
        if (this.#gone !== undefined) {
          reject(new ChildLost(this.#gone, this.#stderr));
          return;
        }
        const timer = setTimeout(() => {
          this.#lost(`${what} did not finish within ${timeoutMs} ms; the inspector process was killed`);
          this.#child.kill('SIGKILL');
        }, timeoutMs);
        this.#pending = {
          what,
          resolve: (reply) => {
            clearTimeout(timer);
            resolve(reply);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        this.#child.stdin!.write(`${JSON.stringify(args)}\n`);
      });
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    if (this.#gone === undefined) this.#gone = 'the inspector was closed';
    this.#child.stdin!.end();
    this.#child.kill('SIGKILL');
  }
}

/**
 * A child process hosting one runtime and the libraries opened so far. When
 * module code crashes or hangs it, the next request starts a new one and
 * opens the runtime and the same libraries again, in the same order.
 */
export class InspectorSession {
  readonly runtime: RuntimeUsed;
  readonly agent: Agent;
  readonly timeoutMs: number;
  readonly #binary: string;
  readonly #env: NodeJS.ProcessEnv;
  #link: ChildProcessLink;
  readonly #opened: string[] = [];
  readonly #paths = new Map<string, string>();

  private constructor(link: ChildProcessLink, runtime: RuntimeUsed, binary: string, env: NodeJS.ProcessEnv, timeoutMs: number) {
    this.#link = link;
    this.runtime = runtime;
    this.agent = agentOf(runtime.mesosVersion);
    this.#binary = binary;
    this.#env = env;
    this.timeoutMs = timeoutMs;
  }

  /** Starts the child and loads the runtime (see {@link InspectorOptions}). */
  static async start(options: InspectorOptions = {}): Promise<InspectorSession> {
    const env = options.env ?? process.env;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.mesosVersion !== undefined) agentOf(options.mesosVersion); // Fails early on a bad version.
    const candidates = runtimeCandidates(options, env);
    const binary = inspectorBinary(env);
    const link = new ChildProcessLink(binary, env);
    let reply: Reply;
    try {
      reply = await link.request(['runtime', ...candidates.map((c) => c.library)], 'loading the runtime', timeoutMs);
    } catch (error) {
      link.close();
      throw new InspectorError(`the runtime libmesos could not be loaded: ${(error as Error).message}`, (error as ChildLost).stderr ?? '');
    }
    const tried = (reply.tried as Array<{ library: string; error: string }> | undefined) ?? [];
    if (!reply.ok) {
      link.close();
      const why = tried.map((t) => `'${t.library}': ${t.error}`).join('; ');
      throw new InspectorError(`no runtime libmesos could be loaded (${why})`);
    }
    const chosen = candidates.find((c) => c.library === reply.library)!;
    const path = String(reply.path || reply.library);
    let version;
    try {
      version = runtimeVersion(chosen.source, path, options, env);
    } catch (error) {
      link.close();
      throw error;
    }
    const runtime: RuntimeUsed = { library: chosen.library, path, source: chosen.source, ...version, tried };
    return new InspectorSession(link, runtime, binary, env, timeoutMs);
  }

  async #ready(): Promise<void> {
    if (this.#link.alive) return;
    const link = new ChildProcessLink(this.#binary, this.#env);
    this.#link = link;
    const replay: Array<[string[], string]> = [
      [['runtime', this.runtime.library], 'loading the runtime again'],
      ...this.#opened.map((library): [string[], string] => [['open', library], `opening '${library}' again`]),
    ];
    for (const [args, what] of replay) {
      const reply = await link.request(args, what, this.timeoutMs);
      if (!reply.ok) throw new InspectorError(`the inspector could not be restarted: ${what}: ${reply.error}`);
    }
  }

  /** One request to the child; ChildLost when module code crashes or hangs it. */
  async request(args: string[], what: string): Promise<Reply> {
    await this.#ready();
    return this.#link.request(args, what, this.timeoutMs);
  }

  /** dlopen(library, RTLD_NOW) in the child, cached by the exact string. */
  async open(library: string): Promise<Reply> {
    const reply = await this.request(['open', library], 'opening the library');
    if (reply.ok && !this.#opened.includes(library)) {
      this.#opened.push(library);
      this.#paths.set(library, String(reply.path ?? ''));
    }
    return reply;
  }

  /** The file the child opened for a library string. */
  pathOf(library: string): string | undefined {
    return this.#paths.get(library) || undefined;
  }

  close(): void {
    this.#link.close();
  }
}

// ---------------------------------------------------------------------------
// Why a library does not open.

interface Diagnosis {
  file?: string | null;
  unresolved?: UnresolvedSymbol[];
  unresolvedCount?: number;
  needed?: Array<{ library: string; error?: string }>;
}

function runtimeLabel(runtime: Pick<RuntimeUsed, 'path' | 'mesosVersion' | 'sdk'> | undefined): string {
  if (runtime === undefined) return 'the runtime in use';
  return `${runtime.path} (Mesos ${runtime.mesosVersion}${runtime.sdk ? ', the bundled SDK' : ''})`;
}

/** The likely cause of a failed dlopen, from dlerror() and the unresolved symbols. */
export function likelyCause(
  dlerror: string,
  unresolved: UnresolvedSymbol[],
  missingLibraries: Array<{ library: string; error: string }>,
  runtime?: Pick<RuntimeUsed, 'path' | 'mesosVersion' | 'sdk'>,
): string | undefined {
  const causes: string[] = [];
  if (missingLibraries.length > 0) {
    causes.push(
      `it needs ${missingLibraries.map((m) => m.library).join(', ')}, which the dynamic loader cannot load ` +
        '(install it, or add its directory to LD_LIBRARY_PATH)',
    );
  }
  const version = /version `([^']+)' not found/.exec(dlerror);
  if (version) {
    causes.push(`it was built against a newer ${version[1]} than this host has (rebuild it on, or for, this host)`);
  }
  const names = unresolved.map((u) => u.demangled);
  const has = (pattern: RegExp) => names.some((n) => pattern.test(n));
  if (has(/(^|[\s(:])google::protobuf::/)) {
    causes.push(
      'protobuf symbols are missing: it was built against another protobuf than the one the runtime carries ' +
        '(a protobuf runtime mismatch); rebuild it against the Mesos or SDK headers of this runtime',
    );
  }
  if (has(/(^|[\s(:])(mesos|process|stout)::/)) {
    causes.push(
      `Mesos symbols are missing: it was built against another Mesos or SDK version than ${runtimeLabel(runtime)}. ` +
        "A module built against a real Mesos needs that Mesos's libmesos (set MESOS_HOME, or --libmesos); " +
        'one built against the bundled SDK needs the SDK runtime',
    );
  }
  if (has(/(^|[\s(:])google::(?!protobuf::)/) || has(/^(fLI|fLB|fLS)::/)) {
    causes.push("glog symbols are missing: the runtime's glog is not the one it was built against");
  }
  if (causes.length === 0 && unresolved.length > 0) {
    causes.push('nothing loaded defines these symbols: link the library that does, or load it first');
  }
  return causes.length > 0 ? causes.join('; ') : undefined;
}

function diagnosisOf(reply: Reply, runtime?: Pick<RuntimeUsed, 'path' | 'mesosVersion' | 'sdk'>): BackendError['diagnosis'] {
  const diagnosis = (reply.diagnosis ?? {}) as Diagnosis;
  const unresolved = diagnosis.unresolved ?? [];
  const missingLibraries = (diagnosis.needed ?? [])
    .filter((n): n is { library: string; error: string } => n.error !== undefined)
    .map((n) => ({ library: n.library, error: n.error }));
  return { unresolved, missingLibraries, hint: likelyCause(String(reply.error), unresolved, missingLibraries, runtime) };
}

/**
 * Why `library` does not open with `runtimeLibrary` loaded globally: asked
 * of a child process (dlerror() names only the first missing symbol). Used by
 * ModuleManager when the in-process dlopen fails; undefined if it cannot tell.
 * @internal
 */
export async function diagnoseOpenFailure(
  library: string,
  runtime: { library: string; mesosVersion: string; sdk: boolean },
): Promise<BackendError['diagnosis'] | undefined> {
  let link: ChildProcessLink | undefined;
  try {
    link = new ChildProcessLink(inspectorBinary(process.env), process.env);
    const loaded = await link.request(['runtime', runtime.library], 'loading the runtime', 5000);
    if (!loaded.ok) return undefined;
    const reply = await link.request(['open', library], 'opening the library', 5000);
    if (reply.ok || reply.diagnosis === undefined) return undefined;
    return diagnosisOf(reply, { path: runtime.library, mesosVersion: runtime.mesosVersion, sdk: runtime.sdk });
  } catch {
    return undefined;
  } finally {
    link?.close();
  }
}

// ---------------------------------------------------------------------------
// The loader backend over the child.

interface ChildHandle {
  library: string;
  name: string;
}

/** An inspector reply's failure, in the shape fromNative() reads. */
function failureOf(reply: Reply): NativeFailure {
  return { code: typeof reply.code === 'string' ? reply.code : undefined, message: String(reply.error) };
}

function lostMessage(error: unknown): string {
  return (error as Error).message;
}

class ChildBackend implements LoaderBackend<ChildHandle> {
  constructor(readonly session: InspectorSession) {}

  async open(library: string): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.session.open(library);
    } catch (error) {
      if (!(error instanceof ChildLost)) throw error;
      throw new BackendError('other', lostMessage(error));
    }
    if (!reply.ok) {
      const error = fromNative(failureOf(reply), { step: 'open', library });
      if (error instanceof BackendError && error.kind === 'dlopen') {
        throw new BackendError('dlopen', error.message, diagnosisOf(reply, this.session.runtime));
      }
      throw error;
    }
  }

  async read(library: string, name: string): Promise<{ record: ModuleRecordFields; handle: ChildHandle }> {
    let reply: Reply;
    try {
      reply = await this.session.request(['read', library, name], `reading the record '${name}'`);
    } catch (error) {
      if (!(error instanceof ChildLost)) throw error;
      throw new BackendError('other', lostMessage(error));
    }
    if (!reply.ok) throw fromNative(failureOf(reply), { step: 'read', library, module: name });
    return { record: reply.record as ModuleRecordFields, handle: { library, name } };
  }

  async compatible(handle: ChildHandle): Promise<boolean> {
    let reply: Reply;
    try {
      reply = await this.session.request(['compatible', handle.library, handle.name], 'compatible()');
    } catch (error) {
      if (!(error instanceof ChildLost)) throw error;
      throw new BackendError('other', lostMessage(error));
    }
    if (!reply.ok) throw fromNative(failureOf(reply), { step: 'compatible', library: handle.library, module: handle.name });
    return reply.compatible === true;
  }

  /** Calls create(parameters); the reason it fails, if it does. */
  async create(handle: ChildHandle, parameters: Parameter[]): Promise<string | undefined> {
    let reply: Reply;
    try {
      reply = await this.session.request(
        ['create', handle.library, handle.name, ...parameters.flatMap((p) => [p.key, p.value])],
        'create()',
      );
    } catch (error) {
      if (!(error instanceof ChildLost)) throw error;
      return createErrorMessage(handle.name, lostMessage(error));
    }
    if (!reply.ok) {
      return fromNative(failureOf(reply), { step: 'create', library: handle.library, module: handle.name }).message + loggedError(reply.stderr);
    }
    return reply.created === true ? undefined : createErrorMessage(handle.name) + loggedError(reply.stderr);
  }
}

/**
 * ` (it logged: <message>)` for the last glog ERROR or FATAL line in what
 * create() wrote to stderr, as ModuleCreateError says it; '' when none.
 */
function loggedError(stderr: unknown): string {
  if (typeof stderr !== 'string') return '';
  let last: string | undefined;
  for (const match of stderr.matchAll(/^[EF]\d{4,8} [\d:.]+ +\d+ [^\]\n]*\] (.*)$/gm)) last = match[1];
  return last === undefined ? '' : ` (it logged: ${last})`;
}

// ---------------------------------------------------------------------------
// Reports.

/** One module, as an inspection reports it. */
export interface InspectedModule {
  name: string | null;
  /** `ok`: it loads; `identical`: a re-load of a loaded module (a no-op); `error`; `not-loaded`: its library failed. */
  status: 'ok' | 'identical' | 'error' | 'not-loaded';
  kind: string | null;
  mesosVersion: string | null;
  moduleApiVersion: string | null;
  authorName: string | null;
  authorEmail: string | null;
  description: string | null;
  hasCompatible: boolean | null;
  hasCreate: boolean | null;
  /** The manifest's parameters (none for a library inspected without one). */
  parameters: Parameter[];
  /** Mesos's message. */
  error?: string;
  code?: ErrorCode;
}

/** One library, as an inspection reports it. */
export interface InspectedLibrary {
  /** The library string (`file`, or lib<name>.so). */
  library: string | null;
  /** The file the dynamic loader opened. */
  path?: string;
  status: 'ok' | 'error';
  /** Mesos's message when it does not open. */
  error?: string;
  code?: ErrorCode;
  /** When it does not open for want of symbols: which ones, and the likely cause. */
  unresolved?: UnresolvedSymbol[];
  missingLibraries?: Array<{ library: string; error: string }>;
  hint?: string;
  /** The manifest file that lists it, if any. */
  manifest?: string;
  modules: InspectedModule[];
}

/** {@link inspectLibrary}'s answer: the library and the runtime that read it. */
export interface LibraryInspection extends InspectedLibrary {
  runtime: RuntimeUsed;
}

function recordColumns(record: ModuleRecordFields | undefined) {
  return {
    kind: record?.kind ?? null,
    mesosVersion: record?.mesosVersion ?? null,
    moduleApiVersion: record?.moduleApiVersion ?? null,
    authorName: record?.authorName ?? null,
    authorEmail: record?.authorEmail ?? null,
    description: record?.description ?? null,
    hasCompatible: record?.hasCompatible ?? null,
    hasCreate: record?.hasCreate ?? null,
  };
}

function errorFields(error: MesosModulesError | undefined): { error?: string; code?: ErrorCode } {
  return error === undefined ? {} : { error: error.message, code: error.code };
}

function reportOutcome(outcome: LibraryOutcome, session: InspectorSession, manifest?: string): InspectedLibrary {
  const error = outcome.error as (MesosModulesError & Partial<InspectedLibrary>) | undefined;
  const path = outcome.library !== undefined ? session.pathOf(outcome.library) : undefined;
  return {
    library: outcome.library ?? null,
    ...(path !== undefined ? { path } : {}),
    status: outcome.status === 'opened' ? 'ok' : 'error',
    ...errorFields(error),
    ...(error?.unresolved !== undefined && error.unresolved.length > 0 ? { unresolved: error.unresolved } : {}),
    ...(error?.missingLibraries !== undefined && error.missingLibraries.length > 0
      ? { missingLibraries: error.missingLibraries }
      : {}),
    ...(error?.hint !== undefined ? { hint: error.hint } : {}),
    ...(manifest !== undefined ? { manifest } : {}),
    modules: outcome.modules.map((m) => ({
      name: m.name ?? null,
      status: m.status === 'loaded' ? 'ok' : m.status === 'failed' ? 'error' : m.status,
      ...recordColumns(m.record),
      parameters: m.parameters,
      ...errorFields(m.error),
    })),
  };
}

async function inspectOne(session: InspectorSession, library: string): Promise<InspectedLibrary> {
  const backend = new ChildBackend(session);
  // One library, no modules: open it the way loadManifest does, for Mesos's message.
  const [opened] = await loadManifest({ libraries: [{ file: library }] }, { modules: new Map() }, backend, session.agent, {
    keepGoing: true,
  });
  const report = reportOutcome(opened, session);
  if (opened.status !== 'opened') return report;

  let reply: Reply;
  try {
    reply = await session.request(['records', library], 'reading the dynamic symbol table');
  } catch (error) {
    return { ...report, status: 'error', error: lostMessage(error), code: 'INSPECTOR' };
  }
  if (!reply.ok) return { ...report, status: 'error', error: String(reply.error), code: 'INSPECTOR' };

  for (const record of reply.records as Array<ModuleRecordFields & { name: string }>) {
    const problem = await verifyModule(record.name, record, session.agent, () =>
      backend.compatible({ library, name: record.name }),
    );
    report.modules.push({
      name: record.name,
      status: problem === undefined ? 'ok' : 'error',
      ...recordColumns(record),
      parameters: [],
      ...(problem !== undefined
        ? { error: `Error verifying module '${record.name}': ${problem}`, code: 'MODULE_VERIFY' as ErrorCode }
        : {}),
    });
  }
  return report;
}

/**
 * Every module record `library` exports (found from its dynamic symbol
 * table), with its fields and whether Mesos would accept it, read without a
 * manifest in a child process that hosts the runtime libmesos (see
 * {@link InspectorOptions}). `compatible()` runs only when the version checks
 * pass, as in Mesos.
 */
export async function inspectLibrary(library: string, options: InspectorOptions = {}): Promise<LibraryInspection> {
  const session = await InspectorSession.start(options);
  try {
    return { ...(await inspectOne(session, library)), runtime: session.runtime };
  } finally {
    session.close();
  }
}

/** The agent flags `inspect` reads, as given on its command line. */
export interface HostFlags {
  /** --modules: JSON, `file://<path>`, or a bare absolute path. */
  modules?: string;
  /** --modules_dir. */
  modulesDir?: string;
  /** --hooks: a comma-separated list of hook modules. */
  hooks?: string;
}

/**
 * The agent's view of its flags: the command line wins over the environment
 * (MESOS_MODULES, MESOS_MODULES_DIR, MESOS_HOOKS; the part after MESOS_ in
 * any case), as stout's flags loader does.
 */
export function resolveHostFlags(
  given: HostFlags,
  env: Record<string, string | undefined> = process.env,
): HostFlags & { from: Partial<Record<keyof HostFlags, 'flag' | 'environment'>> } {
  const fromEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('MESOS_') && value !== undefined) fromEnv[key.slice('MESOS_'.length).toLowerCase()] = value;
  }
  const out: HostFlags & { from: Partial<Record<keyof HostFlags, 'flag' | 'environment'>> } = { from: {} };
  const pick = (field: keyof HostFlags, flag: string): void => {
    if (given[field] !== undefined) {
      out[field] = given[field];
      out.from[field] = 'flag';
    } else if (fromEnv[flag] !== undefined) {
      out[field] = fromEnv[flag];
      out.from[field] = 'environment';
    }
  };
  pick('modules', 'modules');
  pick('modulesDir', 'modules_dir');
  pick('hooks', 'hooks');
  return out;
}

/** One manifest an inspection read. */
export interface InspectedManifest {
  /** `--modules` or `--modules_dir`, and the file for a directory entry. */
  flag: 'modules' | 'modules_dir';
  file?: string;
  status: 'ok' | 'error';
  error?: string;
}

/** A module instance the agent creates at start: a hook of --hooks, or an Anonymous module. */
export interface InspectedInstance {
  name: string;
  status: 'ok' | 'error';
  /** What the agent would print (after `Error installing hooks: ` for a hook). */
  error?: string;
  /** Why, when the agent's message does not say (Anonymous modules). */
  reason?: string;
}

/** A hook of --hooks, as HookManager::initialize would install it. */
export type InspectedHook = InspectedInstance;

/** What {@link inspectHost} found. */
export interface InspectReport {
  /** The runtime libmesos that read the modules (absent when the flags did not parse). */
  runtime?: RuntimeUsed;
  flags: ReturnType<typeof resolveHostFlags>;
  manifests: InspectedManifest[];
  libraries: InspectedLibrary[];
  /** Every Anonymous module, created as the agent does at start (in load order). */
  anonymous: InspectedInstance[];
  hooks: InspectedHook[];
  /** Keys the agent would silently ignore (a failure with `strict`). */
  lint: ManifestLintIssue[];
  /** Mesos's warnings, e.g. for a bare path in --modules. */
  warnings: string[];
  /**
   * What the agent would print, in order. The agent stops at the first;
   * the rest are what fixing it would bring up next.
   */
  errors: string[];
  /** True when the agent would load every module and install every hook (and, with `strict`, nothing is ignored). */
  ok: boolean;
}

export interface InspectHostOptions extends HostFlags, InspectorOptions {
  /** Report keys the agent would silently ignore as failures. */
  strict?: boolean;
}

/**
 * What a host's module configuration would load: the agent's --modules or
 * --modules_dir (and MESOS_* environment variables), then --hooks, checked
 * with Mesos's rules in a child process that hosts the host's libmesos.
 * Unlike the agent it goes on after a failure, to report everything.
 */
export async function inspectHost(options: InspectHostOptions): Promise<InspectReport> {
  const env = options.env ?? process.env;
  const flags = resolveHostFlags(options, env);
  const report: InspectReport = {
    flags,
    manifests: [],
    libraries: [],
    anonymous: [],
    hooks: [],
    lint: [],
    warnings: [],
    errors: [],
    ok: false,
  };
  const finish = (): InspectReport => {
    report.ok = report.errors.length === 0 && (!options.strict || report.lint.length === 0);
    return report;
  };

  // Flags are loaded (and --modules fetched and parsed) before anything else.
  let modules: Modules | undefined;
  if (flags.modules !== undefined) {
    try {
      const parsed = fetchModules(flags.modules);
      modules = parsed.modules;
      report.warnings.push(...parsed.warnings);
      report.lint.push(...parsed.lint);
      report.manifests.push({ flag: 'modules', ...(parsed.file !== undefined ? { file: parsed.file } : {}), status: 'ok' });
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      const message = `Failed to load flag 'modules': Failed to load value '${flags.modules}': ${error.message}`;
      report.manifests.push({ flag: 'modules', status: 'error', error: message });
      report.errors.push(message);
      return finish();
    }
  }
  if (flags.modules !== undefined && flags.modulesDir !== undefined) {
    report.errors.push('Only one of --modules or --modules_dir should be specified');
    return finish();
  }

  const session = await InspectorSession.start({ ...options, env });
  report.runtime = session.runtime;
  const backend = new ChildBackend(session);
  const registry: Registry<ChildHandle> = { modules: new Map() };
  const collect = (outcomes: LibraryOutcome[], prefix: string, manifest?: string): void => {
    for (const outcome of outcomes) {
      report.libraries.push(reportOutcome(outcome, session, manifest));
      for (const error of [outcome.error, ...outcome.modules.map((m) => m.error)]) {
        if (error !== undefined) report.errors.push(`Error loading modules: ${prefix}${error.message}`);
      }
    }
  };

  try {
    if (flags.modulesDir !== undefined) {
      let files: string[] = [];
      try {
        files = listModulesDir(flags.modulesDir);
      } catch (error) {
        if (!(error instanceof ManifestError)) throw error;
        report.manifests.push({ flag: 'modules_dir', status: 'error', error: error.message });
        report.errors.push(`Error loading modules: ${error.message}`);
      }
      for (const file of files) {
        let parsed;
        try {
          parsed = readModulesDirFile(file);
        } catch (error) {
          if (!(error instanceof ManifestError)) throw error;
          report.manifests.push({ flag: 'modules_dir', file, status: 'error', error: error.message });
          report.errors.push(`Error loading modules: ${error.message}`);
          continue;
        }
        report.manifests.push({ flag: 'modules_dir', file, status: 'ok' });
        report.warnings.push(...parsed.warnings);
        report.lint.push(...parsed.lint);
        const outcomes = await loadManifest(parsed.modules, registry, backend, session.agent, { keepGoing: true });
        collect(outcomes, `Error loading modules from '${file}': `, file);
      }
    }
    if (modules !== undefined) {
      const outcomes = await loadManifest(modules, registry, backend, session.agent, { keepGoing: true });
      collect(outcomes, '', report.manifests[0]?.file);
    }

    // The agent creates every Anonymous module (ModuleManager::find<Anonymous>) before the hooks.
    for (const module of registry.modules.values()) {
      if (module.record.kind !== 'Anonymous') continue;
      const reason = checkCreate(module.name, module, 'Anonymous') ?? (await backend.create(module.handle, module.parameters));
      if (reason === undefined) {
        report.anonymous.push({ name: module.name, status: 'ok' });
      } else {
        const error = `Failed to create anonymous module named '${module.name}'`;
        report.anonymous.push({ name: module.name, status: 'error', error, reason });
        report.errors.push(error);
      }
    }

    if (flags.hooks !== undefined) {
      // HookManager::initialize: split on ',' (no trimming, empty names kept).
      const installed = new Set<string>();
      for (const name of flags.hooks.split(',')) {
        const module = registry.modules.get(name);
        let problem: string | undefined;
        if (installed.has(name)) {
          problem = `Hook module '${name}' already loaded`;
        } else if (module === undefined || module.record.kind !== 'Hook') {
          problem = `No hook module named '${name}' available`;
        } else {
          const reason = checkCreate(name, module, 'Hook') ?? (await backend.create(module.handle, module.parameters));
          if (reason !== undefined) problem = `Failed to instantiate hook module '${name}': ${reason}`;
        }
        if (problem === undefined) {
          installed.add(name);
          report.hooks.push({ name, status: 'ok' });
        } else {
          report.hooks.push({ name, status: 'error', error: problem });
          report.errors.push(`Error installing hooks: ${problem}`);
        }
      }
    }
  } finally {
    session.close();
  }
  return finish();
}

/**
 * {@link inspectLibrary} for several libraries, with one child process;
 * `ok` when every library opens and every record verifies.
 */
export async function inspectLibraries(
  libraries: string[],
  options: InspectorOptions = {},
): Promise<{ runtime: RuntimeUsed; libraries: InspectedLibrary[]; ok: boolean }> {
  const session = await InspectorSession.start(options);
  try {
    const reports: InspectedLibrary[] = [];
    for (const library of libraries) reports.push(await inspectOne(session, library));
    const ok = reports.every((l) => l.status === 'ok' && l.modules.every((m) => m.status === 'ok'));
    return { runtime: session.runtime, libraries: reports, ok };
  } finally {
    session.close();
  }
}

