// `mesos-modules check`: run task files through an agent's hook configuration
// and say which tasks it would launch. Mirrors the agent's start-up (src/slave/
// main.cpp: --modules / --modules_dir, then HookManager::initialize(--hooks))
// and its launch path (lib/pipeline.ts simulateLaunch). Hooks run in a child
// process by default (isolated mode, lib/isolate.ts): a hook that crashes is
// a rejected task with its HookCrash report, and the next task runs in a
// fresh child.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import * as builders from './builders.js';
import { BadMessage, HookCallError, HookCrash, ManifestError, MesosModulesError } from './errors.js';
import type { HookPipeline, LaunchVerdict } from './pipeline.js';
import { ModuleManager } from './manager.js';
import type { Labels, TaskInfo } from './messages.js';

/** A problem that stops `check` before any task runs (exit status 2), worded as the agent words it. */
export class CheckSetupError extends MesosModulesError {
  constructor(message: string) {
    super('MANIFEST', message);
  }
}

export interface CheckOptions {
  /** The agent's --modules: JSON, `file://<path>` or a bare path. */
  modules?: string;
  /** The agent's --modules_dir. */
  modulesDir?: string;
  /** The agent's --hooks. */
  hooks: string;
  /** The containerizer that launches every task; by default Docker for a DOCKER container, else Mesos. */
  containerizer?: 'docker' | 'mesos';
  /** Run module code in a child process (default true); false runs it in this process. */
  isolate?: boolean;
}

/** How a hook crashed the process running it (a HookCrash). */
export interface TaskCrash {
  module: string;
  hook: string;
  signal: string | null;
  exitStatus: number | null;
  /** The end of the crashed process's stderr (glog's F line and stack trace). */
  stderrTail: string;
}

/** What the hooks did to a task the agent would launch. */
export interface Decorations {
  /** Labels the label decorators added or changed. */
  labels?: Record<string, string>;
  /** Executor environment variables the hooks set. */
  executorEnvironment?: Record<string, string>;
  /** Docker only: the task container's extra environment. */
  dockerTaskEnvironment?: Record<string, string>;
}

export interface TaskResult {
  /** The task file's base name, with `[i]` for the i-th task of an array. */
  file: string;
  /** The task file's base name, as the expect file keys it. */
  source: string;
  taskId: string;
  containerizer: 'docker' | 'mesos';
  verdict: 'ACCEPT' | 'REJECT';
  /** Why: the status message of a refused launch, or what the launch got. */
  reason: string;
  /** Task fields the file lacked that the builders filled. */
  filled: string[];
  decorations: Decorations;
  /** The agent's warnings during the launch (hooks that returned an Error). */
  warnings: string[];
  /** The agent's status for a refused launch. */
  state?: string;
  statusReason?: string;
  /** Set when a hook crashed the process running it: the agent itself would have died. */
  crash?: TaskCrash;
}

/** One task file's tasks, with the fields the builders filled. */
export function readTaskFile(path: string): Array<{ task: TaskInfo; filled: string[] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CheckSetupError(`Failed to read task file '${path}': ${(error as Error).message}`);
  }
  const tasks = Array.isArray(parsed) ? parsed : [parsed];
  return tasks.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new CheckSetupError(`Task file '${path}'${Array.isArray(parsed) ? `[${i}]` : ''}: expected a TaskInfo JSON object`);
    }
    const given = raw as Record<string, unknown>;
    const task = builders.taskInfo(given);
    return { task, filled: Object.keys(task).filter((key) => !(key in given)) };
  });
}

function labelMap(labels: Labels | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const label of labels?.labels ?? []) out[label.key] = label.value ?? '';
  return out;
}

function changed(before: Record<string, string>, after: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) out[key] = value;
  return Object.keys(out).length > 0 ? out : undefined;
}

function describe(verdict: Extract<LaunchVerdict, { launched: true }>, decorations: Decorations): string {
  const parts: string[] = [];
  if (decorations.labels) parts.push(`labels ${Object.keys(decorations.labels).join(',')}`);
  if (decorations.executorEnvironment) parts.push(`executor env ${Object.keys(decorations.executorEnvironment).join(',')}`);
  if (decorations.dockerTaskEnvironment) parts.push(`task env ${Object.keys(decorations.dockerTaskEnvironment).join(',')}`);
  void verdict;
  return parts.length > 0 ? `launched; hooks set ${parts.join('; ')}` : 'launched; the hooks changed nothing';
}

/** The environment the agent gives an executor before any hook runs (what the hooks did not set). */
const AGENT_VARIABLE = /^MESOS_(FRAMEWORK_ID|EXECUTOR_ID|SLAVE_ID|AGENT_ENDPOINT|DIRECTORY|SANDBOX)$/;

/**
 * Loads the modules and installs the hooks as the agent does at start-up;
 * any failure is a {@link CheckSetupError} with the agent's message.
 */
export async function installHooks(options: CheckOptions): Promise<{ manager: ModuleManager; pipeline: HookPipeline }> {
  if (options.modules !== undefined && options.modulesDir !== undefined) {
    throw new CheckSetupError('Only one of --modules or --modules_dir should be specified');
  }
  const manager = new ModuleManager({ isolate: options.isolate !== false });
  try {
    if (options.modulesDir !== undefined) await manager.loadDir(options.modulesDir);
    if (options.modules !== undefined) await manager.load(options.modules);
  } catch (error) {
    if (error instanceof ManifestError && options.modules !== undefined) {
      throw new CheckSetupError(`Failed to load flag 'modules': Failed to load value '${options.modules}': ${error.message}`);
    }
    if (error instanceof MesosModulesError) throw new CheckSetupError(`Error loading modules: ${error.message}`);
    throw error;
  }
  let pipeline: HookPipeline;
  try {
    pipeline = manager.pipeline(options.hooks);
    await pipeline.ready;
  } catch (error) {
    if (error instanceof MesosModulesError) throw new CheckSetupError(`Error installing hooks: ${error.message}`);
    throw error;
  }
  return { manager, pipeline };
}

/** Runs every task of every file through the pipeline's launch simulation. */
export async function checkTasks(pipeline: HookPipeline, files: readonly string[], options: Pick<CheckOptions, 'containerizer'> = {}): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  for (const path of files) {
    const tasks = readTaskFile(path);
    const source = basename(path);
    for (const [i, { task, filled }] of tasks.entries()) {
      const file = tasks.length > 1 ? `${source}[${i}]` : source;
      const containerizer = options.containerizer ?? (task.container?.type === 'DOCKER' ? 'docker' : 'mesos');
      const base = { file, source, taskId: task.task_id.value, containerizer, filled };
      let verdict: LaunchVerdict;
      try {
        verdict = await pipeline.simulateLaunch({ taskInfo: task, containerizer });
      } catch (error) {
        if (error instanceof BadMessage) throw new CheckSetupError(`Task file '${path}'${tasks.length > 1 ? `[${i}]` : ''}: ${error.message}`);
        if (!(error instanceof HookCallError)) throw error;
        // A hook that throws, crashes or never completes: the agent would not launch the task.
        const crash =
          error instanceof HookCrash
            ? { crash: { module: error.module, hook: error.hook, signal: error.signal, exitStatus: error.exitStatus, stderrTail: error.stderrTail } }
            : {};
        results.push({ ...base, verdict: 'REJECT', reason: `${error.module}.${error.hook}: ${error.message}`, decorations: {}, warnings: [], ...crash });
        continue;
      }
      const warnings = verdict.logs.map((l) => l.message);
      if (!verdict.launched) {
        results.push({ ...base, verdict: 'REJECT', reason: verdict.message, decorations: {}, warnings, state: verdict.state, statusReason: verdict.reason });
        continue;
      }
      const own: Record<string, string> = {};
      for (const variable of task.command?.environment?.variables ?? []) own[variable.name] = variable.value ?? '';
      const executorEnvironment = Object.fromEntries(
        Object.entries(verdict.executorEnvironment).filter(([name, value]) => !AGENT_VARIABLE.test(name) && own[name] !== value),
      );
      const decorations: Decorations = {
        labels: changed(labelMap(task.labels), labelMap(verdict.labels)),
        executorEnvironment: Object.keys(executorEnvironment).length > 0 ? executorEnvironment : undefined,
        dockerTaskEnvironment: verdict.dockerTaskEnvironment && Object.keys(verdict.dockerTaskEnvironment).length > 0 ? verdict.dockerTaskEnvironment : undefined,
      };
      results.push({ ...base, verdict: 'ACCEPT', reason: describe(verdict, decorations), decorations, warnings });
    }
  }
  return results;
}

/** One expectation of an expect file. */
export interface Expectation {
  verdict: 'ACCEPT' | 'REJECT';
  reason?: RegExp;
}

/** Parses an expect file: base name → `"ACCEPT"`/`"REJECT"` or `{ verdict, reason: "<regex>" }`. */
export function parseExpectations(text: string, path: string): Map<string, Expectation> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CheckSetupError(`Failed to read expect file '${path}': ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CheckSetupError(`Expect file '${path}': expected a JSON object from task file name to verdict`);
  }
  const out = new Map<string, Expectation>();
  const verdictOf = (value: unknown, at: string): 'ACCEPT' | 'REJECT' => {
    if (value === 'ACCEPT' || value === 'REJECT') return value;
    throw new CheckSetupError(`Expect file '${path}': ${at}: expected "ACCEPT" or "REJECT", got ${JSON.stringify(value)}`);
  };
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') {
      out.set(name, { verdict: verdictOf(value, name) });
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      throw new CheckSetupError(`Expect file '${path}': ${name}: expected a verdict or { "verdict", "reason" }`);
    }
    const entry = value as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((k) => k !== 'verdict' && k !== 'reason');
    if (unknown.length > 0) throw new CheckSetupError(`Expect file '${path}': ${name}: unknown key '${unknown[0]}'`);
    let reason: RegExp | undefined;
    if (entry.reason !== undefined) {
      if (typeof entry.reason !== 'string') throw new CheckSetupError(`Expect file '${path}': ${name}.reason: expected a regular expression string`);
      try {
        reason = new RegExp(entry.reason);
      } catch (error) {
        throw new CheckSetupError(`Expect file '${path}': ${name}.reason: ${(error as Error).message}`);
      }
    }
    out.set(name, { verdict: verdictOf(entry.verdict, `${name}.verdict`), reason });
  }
  return out;
}

/** Why a result differs from its expectation, or undefined when it matches. */
export function mismatch(result: TaskResult, expectations: Map<string, Expectation>): string | undefined {
  const expected = expectations.get(result.source);
  if (expected === undefined) return `no expectation for '${result.source}' in the expect file`;
  if (expected.verdict !== result.verdict) return `expected ${expected.verdict}, got ${result.verdict}: ${result.reason}`;
  if (expected.reason !== undefined && !expected.reason.test(result.reason)) {
    return `expected a reason matching /${expected.reason.source}/, got: ${result.reason}`;
  }
  return undefined;
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A JUnit XML report: one testcase per task, failed when it differs from its expectation. */
export function junitReport(results: readonly TaskResult[], mismatches: ReadonlyMap<TaskResult, string>, seconds: number): string {
  const failures = mismatches.size;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mesos-modules check" tests="${results.length}" failures="${failures}" time="${seconds.toFixed(3)}">`,
    `  <testsuite name="mesos-modules check" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds.toFixed(3)}">`,
  ];
  for (const result of results) {
    const open = `    <testcase classname="mesos-modules.check" name="${xml(result.file)}">`;
    const out = `      <system-out>${xml(`${result.verdict} ${result.reason}`)}</system-out>`;
    const problem = mismatches.get(result);
    lines.push(open);
    if (problem !== undefined) lines.push(`      <failure message="${xml(problem)}" type="${result.verdict}"/>`);
    lines.push(out, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
