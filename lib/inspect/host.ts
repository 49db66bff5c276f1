// What a host's module configuration would load: the agent's start-up
// (src/slave/main.cpp: flags from the command line and MESOS_* variables,
// --modules or --modules_dir through ModuleManager::load, every Anonymous
// module created, then HookManager::initialize for --hooks, whose rules are
// lib/pipeline.ts's), checked in the inspector's child process. Unlike the
// agent it goes on after a failure, to report everything.

import { ManifestError } from '../errors.js';
import { fetchModules, listModulesDir, type ManifestLintIssue, type Modules, readModulesDirFile } from '../manifest.js';
import { hookNameProblem, instantiateProblem, parseHookList } from '../pipeline.js';
import { checkCreate, type LibraryOutcome, loadManifest, type Registry } from '../verify.js';
import { type ChildHandle, ChildBackend } from './backend.js';
import { type InspectedLibrary, reportOutcome } from './report.js';
import type { InspectorOptions, RuntimeUsed } from './runtime.js';
import { InspectorSession } from './session.js';

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
      const installed = new Set<string>();
      for (const name of parseHookList(flags.hooks)) {
        const module = registry.modules.get(name);
        let problem = hookNameProblem(name, installed, () => module?.record.kind === 'Hook');
        if (problem === undefined) {
          const reason = checkCreate(name, module, 'Hook') ?? (await backend.create(module!.handle, module!.parameters));
          if (reason !== undefined) problem = instantiateProblem(name, reason);
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
    await session.close();
  }
  return finish();
}

