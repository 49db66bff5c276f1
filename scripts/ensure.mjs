// Brings a checkout to a runnable state, doing only what is out of date:
// Debian packages, npm dependencies, the native build (SDK, addon, example and
// fixture hooks; incremental), and the TypeScript build. `npm run demo` and
// `npm test` start here, so a fresh clone needs no other step.
// When no input changed since the last complete run (a stamp of every input's
// path, size and mtime, the Node version, MESOS_HOME, MESOS_SOURCE_DIR and
// MESOS_BUILD_DIR), it does nothing.
// With PREBUILDS_ONLY=1 it compiles neither the SDK nor the addon: the
// prebuild must be current, and the hooks are built against its SDK prefix.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BUILD_ENV_VARIABLES, syncBuildEnv } from './build-env.mjs';
import { inputsDigest } from './inputs-digest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'build', '.ensure-stamp');

// Everything the build reads: sources of the SDK, addon, hooks and library,
// the build scripts and the dependency lock.
const inputDirs = ['lib', 'src-native', 'sdk', 'test/fixtures', 'examples', 'cmake', 'scripts'];
const inputFiles = ['CMakeLists.txt', 'package.json', 'package-lock.json', 'tsconfig.json'];
// PREBUILDS_ONLY (node-gyp-build's variable): the addon and the SDK are the
// prebuild's (prebuilds/<platform>-<arch>/, which must be current: nothing here
// compiles them), and the example and fixture hooks are built against its SDK
// prefix.
const prebuildsOnly = Boolean(process.env.PREBUILDS_ONLY);
const prebuildPrefix = join(root, 'prebuilds', `${process.platform}-${process.arch}`, 'sdk');
// Outputs whose absence means a build is needed whatever the stamp says.
const outputs = ['dist/lib/cli.js', 'dist/lib/index.js', prebuildsOnly ? 'build/fixtures' : 'build/Release', 'node_modules/.package-lock.json'];

// Made from sdk/proto by gen-types.mjs, itself an input.
const generated = join(root, 'lib', 'gen');

function digest() {
  return inputsDigest(root, {
    dirs: inputDirs,
    files: inputFiles,
    skip: [generated],
    extra: [
      process.version,
      // What the native build is configured against (set, even to empty, or unset).
      ...BUILD_ENV_VARIABLES.map((name) => `${name}${name in process.env ? `=${process.env[name]}` : ' unset'}`),
      process.env.npm_config_build_from_source ?? '',
      String(prebuildsOnly),
    ],
  });
}

const before = digest();
const upToDate =
  !process.env.MESOS_MODULES_REBUILD &&
  outputs.every((p) => existsSync(join(root, p))) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === before;
if (upToDate) process.exit(0);

// Tools are found by Node's module resolution, wherever npm placed them.
const require = createRequire(join(root, 'package.json'));
const env = { ...process.env, CMAKE_BUILD_PARALLEL_LEVEL: process.env.CMAKE_BUILD_PARALLEL_LEVEL ?? '2' };

function step(what, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
  if (r.error || r.status !== 0) {
    console.error(`mesos-modules: ${what} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(r.status || 1);
  }
}

// The native build, with its output streamed but for ninja's up-to-date
// chatter, so a run with nothing to build prints nothing.
async function nativeBuild() {
  // Hooks only (against the prebuild) or everything: reconfigure when the
  // cached choice differs.
  const hooksPrefix = prebuildsOnly ? prebuildPrefix : '';
  const cache = join(root, 'build', 'CMakeCache.txt');
  const cached = existsSync(cache) ? /^MESOS_MODULES_HOOKS_PREFIX:PATH=(.*)$/m.exec(readFileSync(cache, 'utf8'))?.[1] ?? '' : undefined;
  if (cached !== undefined && cached !== hooksPrefix) {
    // cmake-js drops empty -D values: reconfigure the cache directly.
    step('configuring the native build', 'cmake', [`-DMESOS_MODULES_HOOKS_PREFIX=${hooksPrefix}`, join(root, 'build')]);
  }
  const quiet = /^(\[0\/\d+\] Re-checking globbed directories\.\.\.|ninja: no work to do\.)$/;
  const args = ['build', '--log-level', 'warn', ...(hooksPrefix ? [`--CDMESOS_MODULES_HOOKS_PREFIX=${hooksPrefix}`] : [])];
  const child = spawn(process.execPath, [require.resolve('cmake-js/bin/cmake-js'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (!quiet.test(line)) process.stdout.write(`${line}\n`);
  });
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  if (status !== 0) {
    console.error(`mesos-modules: native build failed (exit ${status})`);
    process.exit(status || 1);
  }
}

function mtime(p) {
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

if (existsSync('/usr/bin/dpkg-query')) step('installing system packages', 'bash', ['scripts/setup-system.sh']);

const installed = join(root, 'node_modules/.package-lock.json');
if (mtime(installed) < mtime(join(root, 'package-lock.json')) || mtime(installed) < mtime(join(root, 'package.json'))) {
  step('installing npm packages', 'npm', ['ci', '--no-audit', '--no-fund']);
}

if (prebuildsOnly) step('checking the prebuild is current', process.execPath, [join(root, 'scripts/prebuild.mjs'), '--check']);
// A changed MESOS_HOME / MESOS_SOURCE_DIR / MESOS_BUILD_DIR reconfigures.
syncBuildEnv(join(root, 'build'));
await nativeBuild();
step('building the JavaScript', process.execPath, [join(root, 'scripts/build-js.mjs')]);

// Stamped only when nothing changed while building, so an edit made during a
// build is picked up by the next run.
if (digest() === before) {
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, before);
}
