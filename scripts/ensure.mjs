// Brings a checkout to a runnable state, doing only what is out of date:
// Debian packages, npm dependencies, the native build (SDK, addon, example and
// fixture hooks; incremental), and the TypeScript build. `npm run demo` and
// `npm test` start here, so a fresh clone needs no other step.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { syncBuildEnv } from './build-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
  const quiet = /^(\[0\/\d+\] Re-checking globbed directories\.\.\.|ninja: no work to do\.)$/;
  const child = spawn(process.execPath, [join(root, 'node_modules/cmake-js/bin/cmake-js'), 'build', '--log-level', 'warn'], {
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

// A changed MESOS_HOME / MESOS_SOURCE_DIR / MESOS_BUILD_DIR reconfigures.
syncBuildEnv(join(root, 'build'));
await nativeBuild();
step('generating types from sdk/proto', process.execPath, [join(root, 'scripts/gen-types.mjs')]);
step('TypeScript build', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
// The CLI is run directly (package.json "bin"); tsc does not mark it executable.
chmodSync(join(root, 'dist/lib/cli.js'), 0o755);
