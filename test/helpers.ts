// Paths of the libraries the native build makes for the tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
