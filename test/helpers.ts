// Paths of the libraries the native build makes for the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ModuleManager, builders, runtime as nativeRuntime, type Hook } from 'mesos-modules';

import { nativeLayout } from '../dist/lib/paths.js';

export const root = resolve(import.meta.dirname, '..');

/** build/fixtures/lib<name>.so, absolute. */
export function fixture(name: string): string {
  return join(root, 'build', 'fixtures', `lib${name}.so`);
}

export const dockerPolicyLibrary = join(root, 'build', 'examples', 'libdocker_policy.so');

/** A manifest with one library and modules (name → parameters). */
export function manifestFor(file: string, modules: Record<string, Array<{ key: string; value: string }>>) {
  return {
    libraries: [{ file, modules: Object.entries(modules).map(([name, parameters]) => ({ name, parameters })) }],
  };
}

/**
 * A throwaway project that depends on this package the way a user's does:
 * node_modules/mesos-modules links to the checkout and node_modules/.bin has
 * the `mesos-modules` command. Returns its directory.
 */
export function userProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm-user-'));
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'mesos-modules'));
  symlinkSync(join(root, 'dist', 'lib', 'cli.js'), join(dir, 'node_modules', '.bin', 'mesos-modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  return dir;
}

/** Runs `npx --no-install mesos-modules …` in `cwd`, as a user would. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync('npx', ['--no-install', 'mesos-modules', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replace(/^npm warn .*\n/gm, '') };
}

// Real-Mesos mode. With MESOS_HOME set at build time the addon runs on a real
// libmesos (runtime().mode === 'mesos'); tests that pin the bundled SDK's own
// identity (its 1.11.0-sdk version, its prefix, its C++ unit tests) skip
// themselves there, with the reason in their name.
let mode: string | undefined;
/** True in the bundled-SDK build (asks the addon's runtime once, on first use). */
export function sdkMode(): boolean {
  mode ??= nativeRuntime().mode;
  return mode === 'sdk';
}
const sdkOnlyReason = ' [skipped: pins the bundled SDK, and this build is against a real Mesos]';

/** `it` in the bundled-SDK build; a skipped test, saying why, against a real Mesos. */
export const itSdkOnly = ((name: string, ...rest: unknown[]) =>
  sdkMode() ? it(name, ...(rest as [])) : it.skip(`${name}${sdkOnlyReason}`, ...(rest as []))) as typeof it;

/** `describe` in the bundled-SDK build; a skipped suite, saying why, against a real Mesos. */
export const describeSdkOnly = ((name: string, ...rest: unknown[]) =>
  sdkMode() ? describe(name, ...(rest as [])) : describe.skip(`${name}${sdkOnlyReason}`, ...(rest as []))) as typeof describe;

/**
 * Fixtures that include Mesos-internal headers ("messages/messages.hpp",
 * "common/status_utils.hpp") are built against a real Mesos only when its
 * source and build trees are given (MESOS_SOURCE_DIR, MESOS_BUILD_DIR); the
 * bundled SDK has those headers. `describeWithFixture(name)` runs a suite
 * when build/fixtures/lib<name>.so exists and skips it, saying why, otherwise.
 */
export function describeWithFixture(library: string, why?: string): typeof describe {
  if (existsSync(fixture(library))) return describe;
  const reason = ` [skipped: ${why ?? `lib${library}.so includes Mesos-internal headers; set MESOS_SOURCE_DIR and MESOS_BUILD_DIR to build it against a real Mesos`}]`;
  return ((name: string, ...rest: unknown[]) => describe.skip(`${name}${reason}`, ...(rest as []))) as typeof describe;
}

/**
 * The native parts the tests use, as node-gyp-build selects them: the source
 * build (build/Release, build/sdk, build/tools) or, with PREBUILDS_ONLY=1, the
 * prebuild (prebuilds/linux-x64/). `sdkPrefix` is the bundled SDK's prefix.
 */
export const built = nativeLayout();

/** True in a PREBUILDS_ONLY=1 run: nothing may compile the addon or the SDK. */
export const prebuildsOnly = Boolean(process.env.PREBUILDS_ONLY);
const prebuildsOnlyReason = ' [skipped: compiles the addon or the SDK, which PREBUILDS_ONLY=1 forbids]';

/** `it`, skipped (saying why) in a PREBUILDS_ONLY=1 run. */
export const itCompilingAddon = ((name: string, ...rest: unknown[]) =>
  prebuildsOnly ? it.skip(`${name}${prebuildsOnlyReason}`, ...(rest as [])) : it(name, ...(rest as []))) as typeof it;

/** The four messages of a label decorator call, with the builders' defaults and task `t-1`. */
export const labelArgs = {
  taskInfo: builders.taskInfo({ task_id: { value: 't-1' } }),
  executorInfo: builders.executorInfo(),
  frameworkInfo: builders.frameworkInfo(),
  slaveInfo: builders.slaveInfo(),
};

/** The behaviour_hook fixture created with `mode` (and further parameters). */
export async function behaviour(mode: string, extra: Record<string, string> = {}, options = {}): Promise<Hook> {
  const parameters = Object.entries({ mode, ...extra }).map(([key, value]) => ({ key, value }));
  const manager = await ModuleManager.load(manifestFor(fixture('behaviour_hook'), { org_mm_BehaviourHook: parameters }));
  return manager.createHook('org_mm_BehaviourHook', undefined, options);
}

/** The error `promise` rejects with; a test fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** The error `run` throws; a test fails if it returns. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but it returned');
}

/** Asserts an error's class, its `code` (none when undefined) and its whole message. */
export function expectError(error: unknown, type: abstract new (...args: never[]) => Error, code: string | undefined, message: string): void {
  expect(error).toBeInstanceOf(type);
  expect((error as { code?: string }).code).toBe(code);
  expect((error as Error).message).toBe(message);
}
