// Assertions about hook calls, independent of the test runner: each returns
// { pass, message, actual, expected } as Vitest's and Jest's expect.extend take.
// They read what Mesos's agent reads of a hook's result (src/hook/manager.cpp):
// a failed future refuses the launch; None leaves the task alone.
//
//   await expect(hook.slavePreLaunchDockerTaskExecutorDecorator(args)).toRejectTask(/privileged/);
//   await expect(hook.slaveRunTaskLabelDecorator(args)).toReturnLabels({ team: 'web' });
//   expect(hook).toHaveLogged(/admitted/);
//
// Entry points: mesos-modules/vitest and mesos-modules/jest register these.

import type { HookLogLine } from './errors.js';
import type { HookMethod, LogRecord } from './hook.js';
import type { Label } from './messages.js';

/** What the matchers use of Vitest's / Jest's matcher context (`this`). */
export interface MatcherContext {
  isNot?: boolean;
  promise?: string;
  equals(a: unknown, b: unknown): boolean;
  utils?: {
    matcherHint?(name: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string;
    printReceived?(value: unknown): string;
    printExpected?(value: unknown): string;
    diff?(expected: unknown, actual: unknown, options?: object): string | null | undefined;
  };
}

/** A matcher's verdict; `actual` and `expected` are what a failure diffs. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** Which glog lines {@link MesosMatchers.toHaveLogged} considers. */
export interface LogFilter {
  severity?: LogRecord['severity'] | Array<LogRecord['severity']>;
  method?: HookMethod;
}

/** Where {@link MesosMatchers.toSetEnv} looks in a DockerTaskExecutorPrepareInfo. */
export type EnvTarget = 'task' | 'executor';

/** The matchers' types: `R` is the runner's return type, `T` the received value's. */
export interface MesosMatchers<R = void, T = unknown> {
  /**
   * The hook refused the launch: the call rejects with HookFailure (the
   * agent's failed future) whose message contains the string or matches the
   * RegExp. Received: the promise of a hook call, a function making one, or
   * the error itself.
   */
  toRejectTask(expected?: string | RegExp): Settled<R, T>;
  /** The call resolved to None (`null`): the agent keeps what it had. */
  toReturnNone(): Settled<R, T>;
  /**
   * The call resolved to exactly these labels: a record compares as a set of
   * key/value pairs, an array compares in order.
   */
  toReturnLabels(expected: Record<string, string> | Array<Label>): Settled<R, T>;
  /**
   * The result (a DockerTaskExecutorPrepareInfo: its task or executor
   * environment, or `where` only; or an Environment) sets variable `name`,
   * to `value` when given (asymmetric matchers work).
   */
  toSetEnv(name: string, value?: unknown, where?: EnvTarget): Settled<R, T>;
  /**
   * The hook wrote a glog line containing the string or matching the RegExp
   * during its calls. Received: a Hook (its `logs`), a hook error (its
   * `logs`), or an array of log records.
   */
  toHaveLogged(expected: string | RegExp, filter?: LogFilter): R;
}

/** Asymmetric forms (`expect.toSetEnv('A')` inside toEqual) for results already awaited. */
export interface MesosAsymmetricMatchers {
  toReturnNone(): any;
  toReturnLabels(expected: Record<string, string> | Array<Label>): any;
  toSetEnv(name: string, value?: unknown, where?: EnvTarget): any;
  toHaveLogged(expected: string | RegExp, filter?: LogFilter): any;
}

/** A promise (or a function returning one) must be awaited: the matcher returns a promise. */
export type Settled<R, T> = T extends PromiseLike<unknown> | ((...args: never[]) => unknown) ? Promise<void> : R;

type Outcome = { resolved: true; value: unknown } | { resolved: false; error: unknown };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** Settles the received value: a promise is awaited, a function called, an Error is a rejection. */
function settle(received: unknown): Outcome | Promise<Outcome> {
  let value = received;
  if (typeof value === 'function') {
    try {
      value = (value as () => unknown)();
    } catch (error) {
      return { resolved: false, error };
    }
  }
  if (isThenable(value)) {
    return Promise.resolve(value).then(
      (v): Outcome => ({ resolved: true, value: v }),
      (error: unknown): Outcome => ({ resolved: false, error }),
    );
  }
  if (value instanceof Error) return { resolved: false, error: value };
  return { resolved: true, value };
}

function then<T>(outcome: Outcome | Promise<Outcome>, f: (o: Outcome) => T): T | Promise<T> {
  return outcome instanceof Promise ? outcome.then(f) : f(outcome);
}

// Formatting, with the runner's colours when it offers them.
class Printer {
  constructor(private readonly ctx: MatcherContext) {}
  received(value: unknown): string {
    return this.ctx.utils?.printReceived?.(value) ?? plain(value);
  }
  expected(value: unknown): string {
    return this.ctx.utils?.printExpected?.(value) ?? plain(value);
  }
  hint(name: string, expected = 'expected'): string {
    const options = { isNot: this.ctx.isNot, promise: this.ctx.promise };
    return this.ctx.utils?.matcherHint?.(name, 'received', expected, options) ?? `expect(received).${this.ctx.isNot ? 'not.' : ''}${name}(${expected})`;
  }
}

function plain(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, null, 2) ?? String(value);
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  logs?: LogLine[];
}

/** A log record of Hook.logs, or a line of a hook error's `logs` (the call's method is the error's `hook`). */
type LogLine = HookLogLine & { method?: string };

function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as ErrorLike;
    const kind = e.name ?? 'Error';
    return `${kind}${e.code ? ` (${e.code})` : ''}: ${e.message ?? ''}`;
  }
  return `a non-error value ${plain(error)}`;
}

const SEVERITY_LETTER: Record<string, string> = { INFO: 'I', WARNING: 'W', ERROR: 'E', FATAL: 'F' };

/** One log record as glog prints it: `I file:line] message`. */
export function formatLogRecord(r: HookLogLine): string {
  return `${SEVERITY_LETTER[r.severity] ?? r.severity[0]} ${r.file}:${r.line}] ${r.message}`;
}

function logSection(logs: readonly LogLine[] | undefined, title = 'Hook log'): string {
  if (!Array.isArray(logs) || logs.length === 0) return '';
  const shown = logs.slice(-20);
  const skipped = logs.length - shown.length;
  return `\n\n${title}${skipped > 0 ? ` (last ${shown.length} of ${logs.length} lines)` : ''}:\n${shown.map((r) => `  ${formatLogRecord(r)}`).join('\n')}`;
}

function describeOutcome(o: Outcome, p: Printer): string {
  if (o.resolved) return o.value === null ? 'resolved to None (null)' : `resolved to ${p.received(o.value)}`;
  return `rejected with ${errorText(o.error)}${logSection((o.error as ErrorLike | null)?.logs)}`;
}

function matchesText(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : new RegExp(expected.source, expected.flags.replace(/[gy]/g, '')).test(text);
}

function toRejectTask(this: MatcherContext, received: unknown, expected?: string | RegExp): MatcherResult | Promise<MatcherResult> {
  const p = new Printer(this);
  const wanted = expected === undefined ? 'a HookFailure' : `a HookFailure ${typeof expected === 'string' ? 'containing' : 'matching'} ${p.expected(expected)}`;
  return then(settle(received), (o): MatcherResult => {
    const hint = p.hint('toRejectTask', expected === undefined ? '' : 'expected');
    if (o.resolved) {
      return {
        pass: false,
        message: () => `${hint}\n\nExpected the hook to refuse the task (reject with ${wanted}),\nbut the call ${describeOutcome(o, p)}`,
      };
    }
    const e = o.error as ErrorLike | null;
    const isFailure = typeof e === 'object' && e !== null && e.code === 'HOOK_FAILURE';
    const message = typeof e?.message === 'string' ? e.message : '';
    const logs = logSection(e?.logs);
    if (!isFailure) {
      return {
        pass: false,
        message: () =>
          `${hint}\n\nExpected the hook to refuse the task (reject with ${wanted}),\n` +
          `but the call rejected with ${errorText(e)}, which is not a refused launch${logs}`,
      };
    }
    if (expected === undefined || matchesText(message, expected)) {
      return {
        pass: true,
        message: () => `${hint}\n\nExpected the hook not to refuse the task, but it did: ${p.received(message)}${logs}`,
      };
    }
    return {
      pass: false,
      message: () => `${hint}\n\nExpected the refusal message to ${typeof expected === 'string' ? 'contain' : 'match'} ${p.expected(expected)}\nReceived refusal: ${p.received(message)}${logs}`,
      actual: message,
      expected: typeof expected === 'string' ? expected : String(expected),
    };
  });
}

function toReturnNone(this: MatcherContext, received: unknown): MatcherResult | Promise<MatcherResult> {
  const p = new Printer(this);
  return then(settle(received), (o): MatcherResult => {
    const hint = p.hint('toReturnNone', '');
    const pass = o.resolved && o.value === null;
    if (pass) return { pass, message: () => `${hint}\n\nExpected the hook to return a value, but it returned None (null)` };
    return {
      pass,
      message: () => `${hint}\n\nExpected the hook to return None (null),\nbut the call ${describeOutcome(o, p)}`,
      ...(o.resolved ? { actual: o.value, expected: null } : {}),
    };
  });
}

/** Labels (`{ labels: [...] }`) or a bare label list, else undefined. */
function labelList(value: unknown): Label[] | undefined {
  if (Array.isArray(value)) return value as Label[];
  if (typeof value === 'object' && value !== null) {
    const labels = (value as { labels?: unknown }).labels;
    if (labels === undefined) return [];
    if (Array.isArray(labels)) return labels as Label[];
  }
  return undefined;
}

function toReturnLabels(
  this: MatcherContext,
  received: unknown,
  expected: Record<string, string> | Label[],
): MatcherResult | Promise<MatcherResult> {
  const p = new Printer(this);
  return then(settle(received), (o): MatcherResult => {
    const hint = p.hint('toReturnLabels');
    const list = o.resolved ? labelList(o.value) : undefined;
    if (!o.resolved || o.value === null || list === undefined) {
      return {
        pass: false,
        message: () => `${hint}\n\nExpected the hook to return labels ${p.expected(expected)},\nbut the call ${describeOutcome(o, p)}`,
      };
    }
    let actual: unknown;
    let note = '';
    if (Array.isArray(expected)) {
      actual = list.map((l) => ('value' in l ? { key: l.key, value: l.value } : { key: l.key }));
    } else {
      const record: Record<string, string | undefined> = {};
      const duplicates = new Set<string>();
      for (const l of list) {
        if (l.key in record) duplicates.add(l.key);
        record[l.key] = l.value;
      }
      if (duplicates.size > 0) {
        actual = list;
        note = `\n(duplicate keys ${[...duplicates].map((k) => JSON.stringify(k)).join(', ')}: use the array form to match them)`;
      } else {
        actual = record;
      }
    }
    const pass = note === '' && this.equals(actual, expected);
    return {
      pass,
      message: () =>
        pass
          ? `${hint}\n\nExpected the hook not to return labels ${p.expected(expected)}, but it did`
          : `${hint}\n\nExpected the hook to return exactly the labels ${
              Array.isArray(expected) ? '(an array: in this order)' : '(a record: in any order)'
            }${note}`,
      ...(pass ? {} : { actual, expected }),
    };
  });
}

interface VariableLike {
  name: string;
  value?: string;
  secret?: unknown;
}

type EnvRecord = Record<string, string | undefined>;

function envRecord(env: unknown): EnvRecord | undefined {
  if (typeof env !== 'object' || env === null) return undefined;
  const variables = (env as { variables?: VariableLike[] }).variables ?? [];
  if (!Array.isArray(variables)) return undefined;
  const out: EnvRecord = {};
  for (const v of variables) out[v.name] = v.value ?? (v.secret !== undefined ? '<secret>' : undefined);
  return out;
}

function toSetEnv(
  this: MatcherContext,
  received: unknown,
  name: string,
  value?: unknown,
  where?: EnvTarget,
): MatcherResult | Promise<MatcherResult> {
  const p = new Printer(this);
  const withValue = value !== undefined;
  const wantText = withValue ? `${name}=${p.expected(value)}` : p.expected(name);
  return then(settle(received), (o): MatcherResult => {
    const hint = p.hint('toSetEnv', withValue ? 'name, value' : 'name');
    const fail = (why: string): MatcherResult => ({
      pass: false,
      message: () => `${hint}\n\nExpected the hook's environment to set ${wantText},\nbut ${why}`,
    });
    if (!o.resolved) return fail(`the call ${describeOutcome(o, p)}`);
    if (o.value === null) return fail('the call resolved to None (null)');
    if (typeof o.value !== 'object' || o.value === undefined) return fail(`the call resolved to ${p.received(o.value)}`);

    // The environments to search, by the name a diff shows them under.
    const v = o.value as Record<string, unknown>;
    const envs: Array<[label: string, env: EnvRecord]> = [];
    if ('variables' in v && !('taskEnvironment' in v) && !('executorEnvironment' in v)) {
      const env = envRecord(v);
      if (env) envs.push(['environment', env]);
    } else {
      for (const [key, target] of [['taskEnvironment', 'task'], ['executorEnvironment', 'executor']] as const) {
        if (where !== undefined && where !== target) continue;
        const env = envRecord(v[key]);
        if (env) envs.push([key, env]);
      }
    }
    const found = envs.filter(([, env]) => name in env);
    const pass = found.some(([, env]) => !withValue || this.equals(env[name], value));
    const place = where === undefined ? 'task or executor environment' : `${where} environment`;
    if (pass) {
      const [label, env] = found.find(([, env]) => !withValue || this.equals(env[name], value))!;
      return {
        pass,
        message: () => `${hint}\n\nExpected the hook not to set ${wantText}, but ${label} has ${name}=${p.received(env[name])}`,
      };
    }
    if (envs.length === 0) return fail(`the result has no ${place}: ${p.received(o.value)}`);
    // Diff against the environment that has the name (else the first searched):
    // expected is that environment with the variable set.
    const [label, env] = found[0] ?? envs[0];
    const actual = envs.length === 1 ? env : Object.fromEntries(envs);
    const fixed = { ...env, [name]: withValue ? value : expectAnything(env[name]) };
    const expectedEnv = envs.length === 1 ? fixed : { ...Object.fromEntries(envs), [label]: fixed };
    return {
      pass,
      message: () =>
        `${hint}\n\nExpected the ${place} to set ${wantText}\n` +
        (found.length > 0 ? `Received ${label}: ${name}=${p.received(env[name])}` : `Received: ${p.received(actual)}`),
      actual,
      expected: expectedEnv,
    };
  });
}

/** Placeholder shown in a diff for "any value" of a variable that is missing. */
function expectAnything(current: string | undefined): string {
  return current ?? '<any value>';
}

function logsOf(received: unknown): { logs: readonly LogLine[]; method?: string } | undefined {
  if (Array.isArray(received)) return { logs: received as LogLine[] };
  if (typeof received === 'object' && received !== null) {
    const { logs, hook } = received as { logs?: unknown; hook?: unknown };
    // A hook error's lines are of its one call: `hook` names the method.
    if (Array.isArray(logs)) return { logs: logs as LogLine[], method: typeof hook === 'string' ? hook : undefined };
  }
  return undefined;
}

function toHaveLogged(this: MatcherContext, received: unknown, expected: string | RegExp, filter: LogFilter = {}): MatcherResult {
  const p = new Printer(this);
  const hint = p.hint('toHaveLogged');
  const source = logsOf(received);
  if (source === undefined) {
    return {
      pass: false,
      message: () => `${hint}\n\nExpected a Hook, a hook error or log records (something with \`logs\`),\nreceived ${p.received(received)}`,
    };
  }
  const logs = source.logs;
  const severities = filter.severity === undefined ? undefined : ([] as string[]).concat(filter.severity);
  const considered = logs.filter(
    (r) =>
      (severities === undefined || severities.includes(r.severity)) &&
      (filter.method === undefined || (r.method ?? source.method) === filter.method),
  );
  const hits = considered.filter((r) => matchesText(r.message, expected));
  const pass = hits.length > 0;
  const scope = [
    severities ? `severity ${severities.join('/')}` : '',
    filter.method ? `during ${filter.method}` : '',
  ].filter(Boolean).join(', ');
  const what = `a line ${typeof expected === 'string' ? 'containing' : 'matching'} ${p.expected(expected)}${scope ? ` (${scope})` : ''}`;
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected the hook not to log ${what}, but it logged:\n${hits.map((r) => `  ${formatLogRecord(r)}`).join('\n')}`
        : `${hint}\n\nExpected the hook to log ${what}, but ${
            logs.length === 0 ? 'it logged nothing' : `it did not${logSection(logs, 'Logged')}`
          }`,
  };
}

/** The matchers, for `expect.extend(matchers)`. */
export const matchers = {
  toRejectTask,
  toReturnNone,
  toReturnLabels,
  toSetEnv,
  toHaveLogged,
};
