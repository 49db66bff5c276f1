// The package as a user consumes it: `npm pack` (prepack makes current
// prebuilds), `npm install <tarball>` into a fresh project with npm's default
// settings, then everything a user does there: import it from ES modules and
// CommonJS, build a hook with the flags `mesos-modules sdk` prints (and with
// pkg-config), run the hook's own Vitest suite, run the CLI through npx. The
// tarball also passes publint and @arethetypeswrong/cli.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { describeSdkOnly, root, sdkMode } from './helpers.js';

const require = createRequire(import.meta.url);
const example = join(root, 'examples', 'docker-policy');

// The environment of a command a user types: none of the variables the npm
// running this suite set (npm_config_local_prefix would point npm back here).
function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

function run(cmd: string, args: string[], options: SpawnSyncOptions & { env?: Record<string, string> } = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, env: userEnv(), ...options });
  const out = { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
  if (result.error) throw result.error;
  return out;
}

function ok(cmd: string, args: string[], options: SpawnSyncOptions & { env?: Record<string, string> } = {}) {
  const result = run(cmd, args, options);
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

let work: string;
let tarball: string;
let project: string;
let installed: string;

// The package carries the bundled SDK's prebuild, which a checkout built
// against a real Mesos cannot make: against a real Mesos this file skips.
beforeAll(() => {
  if (!sdkMode()) return;
  work = mkdtempSync(join(tmpdir(), 'mm-packed-'));
  // A plain `npm pack`: its prepack makes the prebuilds (a no-op when current).
  ok('npm', ['pack', '--pack-destination', work], { cwd: root });
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  tarball = join(work, `${name}-${version}.tgz`);

  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'my-hook', private: true, type: 'module', scripts: { test: 'vitest run' } }, null, 2),
  );
  // npm's default layout (hoisted), with the same Vitest this repository uses.
  const vitest = (require('vitest/package.json') as { version: string }).version;
  ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, `vitest@${vitest}`], { cwd: project });
  installed = join(project, 'node_modules', 'mesos-modules');

  // The example hook's sources and its own suite, as a user's project has them.
  for (const file of ['docker_policy.cpp', 'agent-modules.json', 'expect.json', 'docker-policy.test.ts']) {
    cpSync(join(example, file), join(project, file));
  }
  cpSync(join(example, 'tasks'), join(project, 'tasks'), { recursive: true });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describeSdkOnly('the tarball', () => {
  it('ships the prebuild (addon, inspector, SDK prefix) as regular files, and no build tree', () => {
    const listing = ok('tar', ['-tvzf', tarball]).stdout.split('\n').filter(Boolean);
    const names = listing.map((line) => line.split(/\s+/).pop() ?? '');
    for (const file of [
      'package/prebuilds/linux-x64/mesos-modules.node',
      'package/prebuilds/linux-x64/mesos-modules-inspector',
      'package/prebuilds/linux-x64/mesos-modules-child',
      'package/prebuilds/linux-x64/sdk/lib/libmesos.so',
      'package/prebuilds/linux-x64/sdk/lib/pkgconfig/mesos.pc',
      'package/prebuilds/linux-x64/sdk/include/mesos/module/hook.pb.h',
      'package/prebuilds/linux-x64/sdk/include/stout/try.hpp',
      'package/prebuilds/linux-x64/sdk/include/process/future.hpp',
      'package/prebuilds/linux-x64/sdk/lib/mesos/3rdparty/include/google/protobuf/message.h',
      'package/prebuilds/linux-x64/sdk/lib/mesos/3rdparty/include/glog/logging.h',
      'package/prebuilds/linux-x64/sdk/lib/mesos/3rdparty/lib/libprotobuf.so',
      'package/dist/lib/index.js',
    ]) {
      expect(names).toContain(file);
    }
    expect(names.some((n) => /^package\/prebuilds\/linux-x64\/sdk\/lib\/mesos\/3rdparty\/lib\/libprotobuf\.so\.\d+$/.test(n))).toBe(true);
    expect(names.filter((n) => n.startsWith('package/build/'))).toEqual([]);
    // npm pack drops symbolic links: every entry is a file or a folder.
    expect(listing.filter((line) => !/^[-d]/.test(line))).toEqual([]);
  });

  it('passes publint', () => {
    const cli = join(root, 'node_modules', 'publint', 'src', 'cli.js');
    const result = run(process.execPath, [cli, 'run', '--strict', tarball]);
    expect(result.stdout + result.stderr).toContain('All good!');
    expect(result.status).toBe(0);
  });

  it('passes @arethetypeswrong/cli (require() of the ES module is Node >= 20.19, as engines says)', () => {
    const cli = join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    const result = run(process.execPath, [cli, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'json', tarball]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems.filter((p) => (p as { kind: string }).kind !== 'CJSResolvesToESM')).toEqual([]);
  });
});

describeSdkOnly('npm install <tarball> in a fresh project', () => {
  it('compiled nothing: the prebuild is what loads, with every library from the package', () => {
    expect(existsSync(join(installed, 'build'))).toBe(false);
    const runtime = JSON.parse(ok('npx', ['mesos-modules', 'runtime', '--json'], { cwd: project }).stdout) as Record<string, string>;
    const prebuild = join(installed, 'prebuilds', 'linux-x64');
    expect(runtime).toMatchObject({ build: 'prebuild', mode: 'sdk', prefix: join(prebuild, 'sdk'), addon: join(prebuild, 'mesos-modules.node') });
    expect(runtime.library).toBe(join(prebuild, 'sdk', 'lib', 'libmesos.so'));
    const ldd = ok('ldd', [join(prebuild, 'mesos-modules.node')]).stdout;
    for (const lib of ['libmesos.so', 'libprotobuf.so', 'libglog.so', 'libgflags.so', 'libunwind.so']) {
      expect(ldd).toMatch(new RegExp(`${lib.replace(/\./g, '\\.')}[.\\d]* => ${prebuild.replace(/\./g, '\\.')}/sdk/lib/`));
    }
    expect(ldd).not.toContain('not found');
    const text = ok('npx', ['mesos-modules', 'runtime'], { cwd: project }).stdout;
    expect(text).toContain(`loaded           prebuild: the bundled SDK 1.11.0-sdk at ${join(prebuild, 'sdk')}\n`);
  });

  it("the package's install script uses the prebuild and compiles nothing; MESOS_HOME asks for a source build", () => {
    const script = join(installed, 'scripts', 'install.mjs');
    expect(run(process.execPath, [script], { cwd: installed }).status).toBe(0);
    expect(existsSync(join(installed, 'build'))).toBe(false);
    // PREBUILDS_ONLY stops it where it would start compiling.
    for (const asked of [{ MESOS_HOME: '/opt/mesos' }, { npm_config_build_from_source: 'true' }]) {
      const result = run(process.execPath, [script], { cwd: installed, env: userEnv({ PREBUILDS_ONLY: '1', ...asked }) });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('PREBUILDS_ONLY is set, but the prebuild does not load here (or a source build was asked for)');
    }
    expect(existsSync(join(installed, 'build'))).toBe(false);
  });

  it('builds a hook with `sdk --cflags --libs` against the package headers, never /usr/include/google', () => {
    const flags = ok('npx', ['mesos-modules', 'sdk', '--cflags', '--libs'], { cwd: project }).stdout.trim();
    expect(flags).toContain(join(installed, 'prebuilds', 'linux-x64', 'sdk', 'include'));
    mkdirSync(join(project, 'build', 'examples'), { recursive: true });
    const compile = ok(
      'sh',
      ['-c', `g++ -shared -fPIC -H -o build/examples/libdocker_policy.so docker_policy.cpp ${flags} -Wl,--no-undefined`],
      { cwd: project },
    );
    const headers = compile.stderr.split('\n').filter((line) => /^\.+ /.test(line));
    expect(headers.some((line) => line.includes('3rdparty/include/google/protobuf/'))).toBe(true);
    expect(headers.filter((line) => /\/usr\/(local\/)?include\/(google|glog|gflags)\//.test(line))).toEqual([]);
  });

  it('builds the same hook with pkg-config and the package mesos.pc', () => {
    const info = JSON.parse(ok('npx', ['mesos-modules', 'sdk', '--json'], { cwd: project }).stdout) as { pkgConfigPath: string };
    const env = userEnv({ PKG_CONFIG_PATH: info.pkgConfigPath });
    ok('sh', ['-c', 'g++ -shared -fPIC -o pc_hook.so docker_policy.cpp $(pkg-config --cflags --libs mesos) -Wl,--no-undefined'], {
      cwd: project,
      env,
    });
    expect(existsSync(join(project, 'pc_hook.so'))).toBe(true);
  });

  it("runs the hook's own Vitest suite (ES module import) against the installed package", () => {
    const result = run('npm', ['test'], { cwd: project });
    expect(result.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(result.status).toBe(0);
  });

  it('require()s it from CommonJS and calls the hook', () => {
    writeFileSync(
      join(project, 'use.cjs'),
      `const { ModuleManager, builders } = require('mesos-modules');
ModuleManager.load('file://' + __dirname + '/agent-modules.json')
  .then((manager) => manager.createHook('org_example_DockerPolicy'))
  .then((hook) => hook.slavePreLaunchDockerTaskExecutorDecorator({
    taskInfo: builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'nginx', privileged: true } } }),
    executorInfo: builders.executorInfo(),
    containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/m', env: {},
  }))
  .then((r) => console.log('accepted', JSON.stringify(r)), (e) => console.log('refused:', e.message));
`,
    );
    const result = ok(process.execPath, ['use.cjs'], { cwd: project });
    expect(result.stdout).toMatch(/^refused: .*privileged Docker containers are not allowed/);
  });

  it("runs isolated mode's hooks in the package's native child, with the package's libmesos", () => {
    const script = [
      "import { readFileSync, readlinkSync } from 'node:fs';",
      "import { ModuleManager, builders } from 'mesos-modules';",
      "const manager = await ModuleManager.load('file://' + process.cwd() + '/agent-modules.json', { isolate: true });",
      "const hook = await manager.createHook('org_example_DockerPolicy');",
      "const refused = await hook.slavePreLaunchDockerTaskExecutorDecorator({",
      "  taskInfo: builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'nginx', privileged: true } } }),",
      "  executorInfo: builders.executorInfo(), containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/m', env: {},",
      "}).then(() => 'accepted', (e) => e.constructor.name);",
      'const pid = manager.childPid;',
      'console.log(refused);',
      'console.log(readlinkSync(`/proc/${pid}/exe`));',
      "console.log(readFileSync(`/proc/${pid}/maps`, 'utf8').split('\\n').map((l) => l.split(/\\s+/)[5]).find((f) => f?.endsWith('/libmesos.so')));",
      'await manager.close();',
    ].join('\n');
    const child = ok(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    const [refused, exe, libmesos] = child.stdout.trim().split('\n');
    expect(refused).toBe('HookFailure');
    expect(exe).toBe(join(installed, 'prebuilds', 'linux-x64', 'mesos-modules-child'));
    expect(libmesos).toBe(join(installed, 'prebuilds', 'linux-x64', 'sdk', 'lib', 'libmesos.so'));
  });

  it('runs the CLI through npx: --version, check and inspect', () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(ok('npx', ['mesos-modules', '--version'], { cwd: project }).stdout.trim()).toBe(version);
    const tasks = readdirSync(join(project, 'tasks')).map((f) => join('tasks', f));
    const check = run(
      'npx',
      ['mesos-modules', 'check', '--modules', 'file://agent-modules.json', '--hooks', 'org_example_DockerPolicy', '--expect', 'expect.json', ...tasks],
      { cwd: project },
    );
    expect(check.stderr).not.toMatch(/error/i);
    expect(check.status).toBe(0);
    const inspect = ok('npx', ['mesos-modules', 'inspect', '--json', 'build/examples/libdocker_policy.so'], { cwd: project });
    expect(inspect.stdout).toContain('org_example_DockerPolicy');
  });
});
