// Changing MESOS_HOME, MESOS_SOURCE_DIR or MESOS_BUILD_DIR only in the
// environment reconfigures the next build: scripts/build-env.mjs rewrites the
// stamp file the CMake build depends on (cmake/BuildEnv.cmake), and a set
// variable overrides the cached value.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

// @ts-expect-error -- a plain ES module script without type declarations
import { syncBuildEnv } from '../scripts/build-env.mjs';
import { root } from './helpers.js';

const cmakeJs = join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js');

function cached(build: string, name: string): string | undefined {
  const line = readFileSync(join(build, 'CMakeCache.txt'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  return line?.slice(line.indexOf('=') + 1);
}

// Runs only ninja's reconfigure step (the rule that regenerates build.ninja).
function regenerate(build: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('cmake', ['--build', build, '--target', 'build.ninja'], { encoding: 'utf8', env });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return r.stdout;
}

describe('build environment', () => {
  it('reconfigures when MESOS_SOURCE_DIR / MESOS_BUILD_DIR change in the environment', () => {
    const build = mkdtempSync(join(tmpdir(), 'mm-env-build-'));
    const first = { ...process.env, MESOS_SOURCE_DIR: '/src/one', MESOS_BUILD_DIR: '/build/one' };
    const configure = spawnSync(process.execPath, [cmakeJs, 'configure', '--out', build], { cwd: root, encoding: 'utf8', env: first });
    expect(configure.status, configure.stdout + configure.stderr).toBe(0);
    expect(syncBuildEnv(build, first)).toBe(true);
    regenerate(build, first);
    expect(cached(build, 'MESOS_SOURCE_DIR')).toBe('/src/one');

    // Unchanged environment: the stamp stays, nothing reconfigures.
    expect(syncBuildEnv(build, first)).toBe(false);
    expect(regenerate(build, first)).not.toMatch(/Re-running CMake/);

    // Changed: the stamp changes and the next build picks the new values up.
    const second = { ...first, MESOS_SOURCE_DIR: '/src/two', MESOS_BUILD_DIR: '/build/two' };
    expect(syncBuildEnv(build, second)).toBe(true);
    expect(readFileSync(join(build, 'mesos-env.stamp'), 'utf8')).toContain('MESOS_SOURCE_DIR=/src/two\n');
    expect(regenerate(build, second)).toMatch(/Re-running CMake/);
    expect(cached(build, 'MESOS_SOURCE_DIR')).toBe('/src/two');
    expect(cached(build, 'MESOS_BUILD_DIR')).toBe('/build/two');

    // Unset: the cache keeps the last value.
    const unset = { ...second };
    delete unset.MESOS_SOURCE_DIR;
    expect(syncBuildEnv(build, unset)).toBe(true);
    regenerate(build, unset);
    expect(cached(build, 'MESOS_SOURCE_DIR')).toBe('/src/two');
    rmSync(build, { recursive: true, force: true });
  }, 120_000);
});
