#!/usr/bin/env node
// The `mesos-modules` command: a thin shell over the library's public API.
// Flag names follow the agent's (src/slave/flags.cpp) where they overlap.

import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import Table from 'cli-table3';
import { Command, CommanderError, Option } from 'commander';
import picocolors from 'picocolors';

import { type CheckOptions, CheckSetupError, type Expectation, checkTasks, installHooks, junitReport, mismatch, parseExpectations, type TaskResult } from './check.js';
import { MesosModulesError } from './errors.js';
import { keepChildReady } from './isolate.js';
import {
  type InspectedLibrary,
  type InspectReport,
  inspectHost,
  inspectLibraries,
  resolveHostFlags,
  type RuntimeUsed,
} from './inspect/index.js';
import { packageVersion } from './paths.js';
import { describeRuntime, runtime, sdk } from './runtime.js';
import { parseVersion } from './version.js';

function print(value: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  } else if (typeof value === 'string') {
    process.stdout.write(`${value}\n`);
  } else {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      process.stdout.write(`${key.padEnd(16)} ${String(v)}\n`);
    }
  }
}

export function program(): Command {
  const cli = new Command('mesos-modules')
    .description('Load and inspect Apache Mesos modules, and build hooks against the bundled SDK')
    .version(packageVersion(), '-V, --version', "print this package's version")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cli
    .command('sdk')
    .description("the bundled Mesos SDK as an install prefix: what a hook's build needs")
    .option('--prefix', 'print the install prefix (use as MESOS_HOME, or -I$P/include -L$P/lib)')
    .option('--cflags', 'print the compiler flags (like `pkg-config --cflags mesos`)')
    .option('--libs', 'print the linker flags (like `pkg-config --libs mesos`)')
    .option('--json', 'print everything as JSON')
    .action((options: { prefix?: boolean; cflags?: boolean; libs?: boolean; json?: boolean }) => {
      const info = sdk();
      const wanted = [
        options.prefix ? info.prefix : undefined,
        options.cflags ? info.cflags : undefined,
        options.libs ? info.libs : undefined,
      ].filter((x): x is string => x !== undefined);
      if (options.json) {
        print({ ...info, pkgConfigPath: `${info.prefix}/lib/pkgconfig` }, true);
      } else if (wanted.length > 0) {
        print(wanted.join(' '), false);
      } else {
        print({ prefix: info.prefix, version: info.version, cflags: info.cflags, libs: info.libs, pkgConfigPath: `${info.prefix}/lib/pkgconfig` }, false);
      }
    });

  cli
    .command('runtime')
    .description('the Mesos (bundled SDK or real install) the native addon hosts, and whether the addon is the prebuild or a source build')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const info = runtime();
      print(options.json === true ? info : { loaded: describeRuntime(info), ...info }, options.json === true);
    });

  cli
    .command('inspect')
    .description(
      'what a host\'s module configuration would load, checked as the agent checks it: ' +
        'the agent\'s --modules / --modules_dir / --hooks (or MESOS_MODULES, MESOS_MODULES_DIR, MESOS_HOOKS), ' +
        'or module libraries given by path',
    )
    .argument('[library...]', 'module libraries to read every module record of, without a manifest')
    .option('--modules <value>', "the agent's --modules: JSON, file://<path> or a bare /path (env MESOS_MODULES)")
    .option('--modules_dir <dir>', "the agent's --modules_dir: every file in it, in byte order (env MESOS_MODULES_DIR)")
    .option('--hooks <list>', "the agent's --hooks: comma-separated hook modules to create (env MESOS_HOOKS)")
    .option('--libmesos <path>', "the runtime libmesos to load (default: $MESOS_HOME's, the library search path's, this build's)")
    .option('--mesos-version <version>', "the agent version to check modules against (default: the runtime's)")
    .option('--strict', 'also fail on manifest keys the agent would silently ignore')
    .addOption(new Option('--timeout <ms>', 'longest a call into module code may take').default('10000'))
    .option('--json', 'print the report as JSON')
    .action(async (libraries: string[], options: InspectCommandOptions, command: Command) => {
      process.exitCode = await inspectCommand(libraries, options, command);
    });

  cli
    .command('check')
    .description(
      "run task files (TaskInfo JSON, one or an array) through an agent's hooks, as the agent launches them: " +
        'ACCEPT or REJECT per task',
    )
    .argument('<task...>', 'task files')
    .option('--modules <value>', "the agent's --modules: JSON, file://<path> or a bare /path")
    .option('--modules_dir <dir>', "the agent's --modules_dir")
    .requiredOption('--hooks <list>', "the agent's --hooks: comma-separated hook modules, in order")
    .addOption(new Option('--containerizer <name>', 'the containerizer that launches the tasks (default: docker for a DOCKER container, else mesos)').choices(['docker', 'mesos']))
    .option('--expect <file>', 'JSON: task file name → "ACCEPT"/"REJECT" or { "verdict", "reason": "<regex>" }; exit 1 on any difference')
    .option('--junit <file>', 'also write a JUnit XML report, one testcase per task')
    .option('--json', 'print one JSON document')
    .option('--in-process', 'run the hooks in this process (faster; a hook that crashes ends the command) instead of a child process')
    .action(async (files: string[], options: CheckCommandOptions) => {
      process.exitCode = await checkCommand(files, options);
    });

  return cli;
}

interface CheckCommandOptions {
  modules?: string;
  modules_dir?: string;
  hooks: string;
  containerizer?: 'docker' | 'mesos';
  expect?: string;
  junit?: string;
  json?: boolean;
  inProcess?: boolean;
}

/** Exit status of `check` when a hook crashed the process running it (the agent would have died). */
const EXIT_HOOK_CRASH = 3;

async function checkCommand(files: string[], options: CheckCommandOptions): Promise<number> {
  const started = performance.now();
  // One manager for the whole command: a spare child would never be used.
  keepChildReady(false);
  const checkOptions: CheckOptions = {
    modules: options.modules,
    modulesDir: options.modules_dir,
    hooks: options.hooks,
    containerizer: options.containerizer,
    isolate: options.inProcess !== true,
  };
  let results: TaskResult[];
  let expectations: Map<string, Expectation> | undefined;
  try {
    if (checkOptions.modules === undefined && checkOptions.modulesDir === undefined) {
      throw new CheckSetupError('one of --modules or --modules_dir is required');
    }
    if (options.expect !== undefined) {
      let text: string;
      try {
        text = readFileSync(options.expect, 'utf8');
      } catch (error) {
        throw new CheckSetupError(`Failed to read expect file '${options.expect}': ${(error as Error).message}`);
      }
      expectations = parseExpectations(text, options.expect);
    }
    const { manager, pipeline } = await installHooks(checkOptions);
    try {
      results = await checkTasks(pipeline, files, checkOptions);
    } finally {
      await manager.close();
    }
  } catch (error) {
    if (!(error instanceof MesosModulesError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  const mismatches = new Map<TaskResult, string>();
  if (expectations !== undefined) {
    for (const result of results) {
      const problem = mismatch(result, expectations);
      if (problem !== undefined) mismatches.set(result, problem);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (options.junit !== undefined) writeFileSync(options.junit, junitReport(results, mismatches, seconds));
  const accepted = results.filter((r) => r.verdict === 'ACCEPT').length;
  const crashed = results.filter((r) => r.crash !== undefined).length;
  const summary = {
    tasks: results.length,
    accepted,
    rejected: results.length - accepted,
    ...(crashed > 0 ? { crashed } : {}),
    ...(expectations !== undefined ? { unexpected: mismatches.size } : {}),
  };
  if (options.json) {
    const json = results.map((r) => ({ ...r, ...(expectations !== undefined ? { expected: mismatches.has(r) ? mismatches.get(r) : 'as expected' } : {}) }));
    print({ results: json, summary }, true);
  } else {
    const width = Math.max(0, ...results.map((r) => r.file.length));
    const color = picocolors;
    for (const r of results) {
      const verdict = r.verdict === 'ACCEPT' ? color.green('ACCEPT') : color.red('REJECT');
      process.stdout.write(`${r.file.padEnd(width)}  ${verdict}  ${r.reason}\n`);
      if (r.filled.length > 0) process.stdout.write(`${''.padEnd(width)}          filled by the builders: ${r.filled.join(', ')}\n`);
      for (const w of r.warnings) process.stdout.write(`${''.padEnd(width)}          warning: ${w}\n`);
      if (r.crash !== undefined) {
        const tail = r.crash.stderrTail.trimEnd().split('\n').slice(-12);
        process.stdout.write(`${''.padEnd(width)}          ${color.red('CRASH')}: the agent would have died; its stderr ended with:\n`);
        for (const line of tail) process.stdout.write(`${''.padEnd(width)}            ${line}\n`);
      }
      const problem = mismatches.get(r);
      if (problem !== undefined) process.stdout.write(`${''.padEnd(width)}          ${color.red('UNEXPECTED')}: ${problem}\n`);
    }
    let line = `${summary.tasks} task(s): ${summary.accepted} accepted, ${summary.rejected} rejected`;
    if (crashed > 0) line += ` (${crashed} by a hook that crashed)`;
    if (expectations !== undefined) line += mismatches.size === 0 ? '; all as expected' : `; ${mismatches.size} not as expected`;
    process.stdout.write(`${line}\n`);
  }
  if (crashed > 0) return EXIT_HOOK_CRASH;
  return mismatches.size > 0 ? 1 : 0;
}

interface InspectCommandOptions {
  modules?: string;
  modules_dir?: string;
  hooks?: string;
  libmesos?: string;
  mesosVersion?: string;
  strict?: boolean;
  timeout: string;
  json?: boolean;
}

async function inspectCommand(libraries: string[], options: InspectCommandOptions, command: Command): Promise<number> {
  const timeoutMs = Number(options.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    command.error(`error: --timeout must be a positive number of milliseconds, not '${options.timeout}'`, { exitCode: 2 });
  }
  if (options.mesosVersion !== undefined) {
    const parsed = parseVersion(options.mesosVersion);
    if ('error' in parsed) command.error(`error: --mesos-version '${options.mesosVersion}': ${parsed.error}`, { exitCode: 2 });
  }
  const given = { modules: options.modules, modulesDir: options.modules_dir, hooks: options.hooks };
  const flags = resolveHostFlags(given);
  const hostMode = flags.modules !== undefined || flags.modulesDir !== undefined || flags.hooks !== undefined;
  if (libraries.length > 0 && (given.modules ?? given.modulesDir ?? given.hooks) !== undefined) {
    command.error('error: give either library paths or the agent\'s flags, not both', { exitCode: 2 });
  }
  if (libraries.length === 0 && !hostMode) {
    command.error(
      'error: nothing to inspect: give --modules or --modules_dir (or set MESOS_MODULES / MESOS_MODULES_DIR), or library paths',
      { exitCode: 2 },
    );
  }
  const common = { libmesos: options.libmesos, mesosVersion: options.mesosVersion, timeoutMs };
  const colors = picocolors.createColors(
    process.env.FORCE_COLOR !== undefined ? process.env.FORCE_COLOR !== '0' : process.stdout.isTTY === true && !process.env.NO_COLOR,
  );

  if (libraries.length > 0) {
    const result = await inspectLibraries(libraries, common);
    const ok = result.ok;
    if (options.json) {
      print(result, true);
    } else {
      process.stdout.write(renderRuntime(result.runtime, colors));
      for (const library of result.libraries) process.stdout.write(renderLibrary(library, colors));
      process.stdout.write(summary(ok, colors));
      for (const library of result.libraries) {
        if (library.error !== undefined) process.stderr.write(`${library.error}\n`);
        for (const module of library.modules) if (module.error !== undefined) process.stderr.write(`${module.error}\n`);
      }
    }
    return ok ? 0 : 1;
  }

  const report = await inspectHost({ ...given, ...common, strict: options.strict === true });
  if (options.json) {
    print(report, true);
  } else {
    process.stdout.write(renderHost(report, colors));
    for (const warning of report.warnings) process.stderr.write(`Warning: ${warning}\n`);
    for (const issue of report.lint) {
      process.stderr.write(`${options.strict ? 'Error' : 'Warning'}: ${issue.file !== undefined ? `${issue.file}: ` : ''}${issue.message}\n`);
    }
    for (const error of report.errors) process.stderr.write(`${error}\n`);
  }
  return report.ok ? 0 : 1;
}

type Colors = ReturnType<typeof picocolors.createColors>;

function renderRuntime(runtime: RuntimeUsed, c: Colors): string {
  const what = runtime.sdk ? 'the bundled SDK' : runtime.source === 'build' ? 'the Mesos this build uses' : 'Mesos';
  const found = { option: '--libmesos', MESOS_HOME: 'MESOS_HOME', 'search path': 'the library search path', build: 'this build' }[
    runtime.source
  ];
  return (
    `${c.bold('runtime')}  ${runtime.path} (${what}, found through ${found})\n` +
    `${c.bold('agent')}    Mesos ${runtime.mesosVersion} (from ${runtime.versionFrom})\n`
  );
}

function statusText(status: string, c: Colors): string {
  if (status === 'ok') return c.green('ok');
  if (status === 'identical') return c.green('ok (again)');
  if (status === 'not-loaded') return c.dim('not loaded');
  return c.red(status);
}

function text(value: string | null | undefined): string {
  return value ?? '—';
}

function renderLibrary(library: InspectedLibrary, c: Colors): string {
  const title =
    `${c.bold(library.library ?? '(no file or name)')}` +
    (library.path !== undefined && library.path !== library.library ? c.dim(` → ${library.path}`) : '') +
    (library.manifest !== undefined ? c.dim(`  (${library.manifest})`) : '');
  const table = new Table({
    head: ['module', 'status', 'kind', 'Mesos', 'author', 'description', 'parameters'].map((h) => c.bold(h)),
    style: { head: [], border: [] },
  });
  const problems: string[] = [];
  if (library.status !== 'ok') {
    problems.push(c.red(text(library.error)));
    if (library.unresolved !== undefined) {
      problems.push(`unresolved symbols (${library.unresolved.length}): ${library.unresolved.map((u) => u.demangled).join(', ')}`);
    }
    if (library.missingLibraries !== undefined) {
      problems.push(`missing libraries: ${library.missingLibraries.map((m) => `${m.library} (${m.error})`).join(', ')}`);
    }
    if (library.hint !== undefined) problems.push(`likely cause: ${library.hint}`);
  }
  for (const module of library.modules) {
    const author =
      module.authorName === null && module.authorEmail === null ? '—' : `${text(module.authorName)} <${text(module.authorEmail)}>`;
    table.push([
      text(module.name),
      statusText(module.status, c),
      text(module.kind),
      text(module.mesosVersion),
      author,
      text(module.description),
      module.parameters.map((p) => `${p.key}=${p.value}`).join('\n'),
    ]);
    if (module.error !== undefined) problems.push(c.red(module.error));
  }
  const body = library.modules.length > 0 ? `${table.toString()}\n` : library.status === 'ok' ? `${c.dim('  no module records')}\n` : '';
  return `\n${title}\n${body}${problems.map((p) => `  ${p}\n`).join('')}`;
}

function summary(ok: boolean, c: Colors): string {
  return ok ? `\n${c.green('everything would load')}\n` : `\n${c.red('not everything would load (the agent stops at the first error, on stderr)')}\n`;
}

function renderHost(report: InspectReport, c: Colors): string {
  let out = '';
  if (report.runtime !== undefined) out += renderRuntime(report.runtime, c);
  const from = (field: 'modules' | 'modulesDir' | 'hooks', flag: string, env: string) =>
    report.flags.from[field] === 'environment' ? `${env}` : `--${flag}`;
  if (report.flags.modules !== undefined) out += `${c.bold('modules')}  ${report.flags.modules} (${from('modules', 'modules', 'MESOS_MODULES')})\n`;
  if (report.flags.modulesDir !== undefined) {
    out += `${c.bold('modules')}  ${report.flags.modulesDir} (${from('modulesDir', 'modules_dir', 'MESOS_MODULES_DIR')})\n`;
  }
  for (const manifest of report.manifests) {
    if (manifest.status !== 'ok') out += `${c.red('manifest')} ${manifest.file ?? report.flags.modules ?? ''}: ${c.red(manifest.error ?? '')}\n`;
  }
  for (const library of report.libraries) out += renderLibrary(library, c);
  if (report.anonymous.length > 0) {
    const table = new Table({ head: ['anonymous module', 'status'].map((h) => c.bold(h)), style: { head: [], border: [] } });
    for (const module of report.anonymous) table.push([module.name, statusText(module.status, c)]);
    out += `\n${c.bold('anonymous modules')} (created by the agent at start)\n${table.toString()}\n`;
    for (const module of report.anonymous) {
      if (module.error !== undefined) out += `  ${c.red(module.error)}${module.reason !== undefined ? c.dim(` (${module.reason})`) : ''}\n`;
    }
  }
  if (report.flags.hooks !== undefined) {
    const table = new Table({ head: ['hook', 'status'].map((h) => c.bold(h)), style: { head: [], border: [] } });
    for (const hook of report.hooks) table.push([hook.name === '' ? c.dim("''") : hook.name, statusText(hook.status, c)]);
    out += `\n${c.bold('hooks')} ${report.flags.hooks} (${from('hooks', 'hooks', 'MESOS_HOOKS')})\n${table.toString()}\n`;
    for (const hook of report.hooks) if (hook.error !== undefined) out += `  ${c.red(hook.error)}\n`;
  }
  return out + summary(report.ok, c);
}

/** Runs the CLI; resolves to the exit status (0 ok, 1 failure, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof MesosModulesError) {
      process.stderr.write(`mesos-modules: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Run when executed (also through node_modules/.bin's symlink), not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  // A reader that stops early (`mesos-modules runtime | head -1`) ends the
  // output, as for any Unix filter: exit quietly instead of an unhandled EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
  });
  process.exitCode = await main(process.argv.slice(2));
}
