// Installing the package as a user does: the tarball `npm pack` makes (with
// its prebuilds), `npm install <tarball>` into a fresh project with the
// prebuild (npm's defaults, and with the package's install script allowed),
// the package's own install step alone, a source build
// (npm_config_build_from_source, no compiler cache), and the no-op set-up of
// `npm test` (scripts/ensure.mjs with nothing to do). Prints figures and writes
// bench/results/install.json. Measures; asserts nothing.
//
//   node bench/install.mjs [--no-source]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const withSource = !process.argv.includes('--no-source');

// A user's shell: none of the npm_* variables of an enclosing npm run, and no
// compiler cache (a user's first build has none).
function userEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && !/^(CCACHE_|CMAKE_.*_COMPILER_LAUNCHER$)/.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, ...extra };
}

function timed(what, cmd, args, options = {}) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: userEnv(), maxBuffer: 64 << 20, ...options });
  const seconds = (performance.now() - start) / 1000;
  if (r.error || r.status !== 0) {
    console.error(`${what} failed (${r.error?.message ?? `exit ${r.status}`})\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  return Number(seconds.toFixed(2));
}

// A project's package.json; `allowScripts` lets npm 11 run the install
// scripts of the tarball named (a file: dependency is allowed by its spec).
function freshProject(work, name, allowTarball) {
  const dir = join(work, name);
  mkdirSync(dir);
  const manifest = { name, private: true, type: 'module' };
  if (allowTarball) manifest.allowScripts = { [`file:${allowTarball}`]: true };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  return dir;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const work = mkdtempSync(join(tmpdir(), 'mm-bench-install-'));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const results = { date: new Date().toISOString(), node: process.version, npm: spawnSync('npm', ['-v'], { encoding: 'utf8' }).stdout.trim() };

try {
  // Make the prebuilds current first, so `npm pack` measures packing.
  timed('prebuild', process.execPath, [join(root, 'scripts', 'prebuild.mjs')], { cwd: root, env: process.env });
  results.packSeconds = timed('npm pack', 'npm', ['pack', '--pack-destination', work], { cwd: root });
  const tarball = join(work, `${name}-${version}.tgz`);
  results.tarballBytes = statSync(tarball).size;
  const unpacked = spawnSync('sh', ['-c', `tar -xzOf '${tarball}' | wc -c`], { encoding: 'utf8' });
  results.unpackedBytes = Number(unpacked.stdout.trim());

  const npmInstall = ['install', '--prefer-offline', '--no-audit', '--no-fund'];
  // npm's defaults: dependencies' install scripts are not run; nothing needs them.
  const plain = freshProject(work, 'plain');
  results.installPrebuildSeconds = timed('npm install (defaults)', 'npm', [...npmInstall, tarball], { cwd: plain });
  // With the install script allowed: it finds the prebuild loads and stops.
  const allowed = freshProject(work, 'allowed', tarball);
  results.installPrebuildScriptsAllowedSeconds = timed('npm install (script allowed)', 'npm', [...npmInstall, tarball], { cwd: allowed });
  const installed = join(allowed, 'node_modules', name);
  results.ownInstallStepSeconds = median(
    [1, 2, 3].map(() => timed('install script', process.execPath, ['scripts/install.mjs'], { cwd: installed })),
  );

  results.noopSetupSeconds = median(
    [1, 2, 3].map(() => timed('no-op set-up', process.execPath, [join(root, 'scripts', 'ensure.mjs')], { cwd: root, env: process.env })),
  );

  if (withSource) {
    const source = freshProject(work, 'source', tarball);
    results.installSourceSeconds = timed(
      'npm install --build-from-source',
      'npm',
      [...npmInstall, tarball],
      { cwd: source, env: userEnv({ npm_config_build_from_source: 'true' }) },
    );
    const runtime = spawnSync('npx', ['mesos-modules', 'runtime', '--json'], { cwd: source, encoding: 'utf8', env: userEnv() });
    results.sourceInstallLoads = JSON.parse(runtime.stdout).build;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
console.log(`tarball                                  ${mib(results.tarballBytes)} (${mib(results.unpackedBytes)} unpacked)`);
console.log(`npm pack (prebuilds current)             ${results.packSeconds} s`);
console.log(`npm install <tgz>, prebuild, defaults    ${results.installPrebuildSeconds} s`);
console.log(`npm install <tgz>, prebuild, script run  ${results.installPrebuildScriptsAllowedSeconds} s`);
console.log(`the package's own install step           ${results.ownInstallStepSeconds} s`);
if (withSource) {
  console.log(`npm install <tgz>, from source           ${results.installSourceSeconds} s (loads: ${results.sourceInstallLoads})`);
}
console.log(`no-op npm test set-up                    ${results.noopSetupSeconds} s`);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'install.json'), `${JSON.stringify(results, null, 2)}\n`);
