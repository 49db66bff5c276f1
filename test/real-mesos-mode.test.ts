// Real-Mesos mode: building against an install prefix (MESOS_HOME) instead of
// the bundled SDK. No registry has Mesos, so the prefix used here is the SDK's
// own install prefix, which has Mesos's layout: this runs the real-Mesos
// build path (cmake/RealMesos.cmake, an imported libmesos) end to end.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { itCompilingAddon, itSdkOnly, prebuildsOnly, root } from './helpers.js';

const cmakeJs = join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js');

function cmakeJsIn(out: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [cmakeJs, ...args, '--out', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CMAKE_BUILD_PARALLEL_LEVEL: '2', ...env },
  });
}

describe('MESOS_HOME', () => {
  it('names everything an incomplete install lacks', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'mm-fake-mesos-'));
    mkdirSync(join(prefix, 'include', 'mesos'), { recursive: true });
    writeFileSync(join(prefix, 'include', 'mesos', 'module.hpp'), '// only this\n');
    const out = mkdtempSync(join(tmpdir(), 'mm-real-build-'));
    const result = cmakeJsIn(out, ['configure'], { MESOS_HOME: prefix });
    // CMake wraps long messages: compare with white space folded.
    const text = (result.stdout + result.stderr).replace(/\s+/g, ' ');
    expect(result.status).not.toBe(0);
    expect(text).toContain(`the Mesos install at '${prefix}' (from MESOS_HOME) is incomplete; missing:`);
    for (const missing of ['include/mesos/hook.hpp', 'include/mesos/mesos.pb.h', 'include/stout/option.hpp', 'include/process/future.hpp', 'lib/libmesos.so']) {
      expect(text).toContain(missing);
    }
    expect(text).not.toContain('include/mesos/module.hpp ');
  });

  (prebuildsOnly ? itCompilingAddon : itSdkOnly)('builds the addon and hooks against an install prefix and calls a hook through it', () => {
    const out = mkdtempSync(join(tmpdir(), 'mm-real-build-'));
    const env = { MESOS_HOME: join(root, 'build', 'sdk') };
    const configure = cmakeJsIn(join(out, 'build'), ['configure'], env);
    expect(configure.status, configure.stdout + configure.stderr).toBe(0);
    expect(configure.stdout).toMatch(/building against mesos at .*build\/sdk/);
    const build = spawnSync('cmake', ['--build', join(out, 'build'), '--target', 'mesos_modules', 'docker_policy'], {
      encoding: 'utf8',
      env: { ...process.env, CMAKE_BUILD_PARALLEL_LEVEL: '2' },
    });
    expect(build.status, build.stdout + build.stderr).toBe(0);

    // A user script, with the addon of that build (node-gyp-build's
    // MESOS_MODULES_PREBUILD points at its folder).
    const script = `
      import { ModuleManager, builders, runtime } from 'mesos-modules';
      const manager = await ModuleManager.load({ libraries: [{ file: process.env.LIB, modules: [{ name: 'org_example_DockerPolicy', parameters: [{ key: 'deny_privileged', value: 'true' }] }] }] });
      const hook = await manager.createHook('org_example_DockerPolicy');
      const taskInfo = builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'busybox', privileged: true } } });
      const verdict = await hook.slavePreLaunchDockerTaskExecutorDecorator({
        taskInfo, executorInfo: builders.executorInfo(), containerName: 'c', containerWorkDirectory: '/tmp/s',
        mappedSandboxDirectory: '/mnt/mesos/sandbox', env: {},
      }).then(() => 'ACCEPT', (e) => 'REJECT ' + e.message);
      console.log(JSON.stringify({ runtime: runtime(), verdict }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, MESOS_MODULES_PREBUILD: out, LIB: join(out, 'build', 'examples', 'libdocker_policy.so') },
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(result.runtime).toMatchObject({ mode: 'mesos', build: 'source', prefix: join(root, 'build', 'sdk') });
    expect(result.runtime.library).toBe(join(root, 'build', 'sdk', 'lib', 'libmesos.so'));
    expect(result.verdict).toBe("REJECT policy 'default' refuses task 'task-1': privileged Docker containers are not allowed");
  }, 600_000);
});
