// npm "install" lifecycle. Uses the prebuild (prebuilds/<platform>-<arch>/,
// chosen by node-gyp-build's rules) or an existing build when one loads, and
// compiles nothing; builds from source with cmake-js when none loads, when
// MESOS_HOME names a Mesos to build against, or when npm_config_build_from_source
// is set (`npm install --build-from-source`), installing the Debian packages
// the build needs first. Mirrors `node-gyp-build-test || cmake-js compile`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Tools are found by Node's module resolution from this package: npm may hoist
// them to the consuming project's node_modules or nest them under this one.
const require = createRequire(join(root, 'package.json'));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const loadable = spawnSync(process.execPath, [require.resolve('node-gyp-build/build-test.js')], {
  cwd: root,
  stdio: 'ignore',
});
const fromSource = process.env.npm_config_build_from_source || process.env.MESOS_HOME;
if (loadable.status === 0 && !fromSource) process.exit(0);
if (process.env.PREBUILDS_ONLY) {
  console.error('mesos-modules: PREBUILDS_ONLY is set, but the prebuild does not load here (or a source build was asked for)');
  process.exit(1);
}
console.error(`mesos-modules: building the SDK and the addon from source${process.env.MESOS_HOME ? ` against MESOS_HOME=${process.env.MESOS_HOME}` : ''} (a few minutes)`);

if (existsSync('/usr/bin/dpkg-query')) {
  const status = run('bash', [join(root, 'scripts/setup-system.sh')]);
  if (status !== 0) process.exit(status);
}
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
process.exit(run(process.execPath, [cmakeJs, 'compile'], {
  env: { ...process.env, CMAKE_BUILD_PARALLEL_LEVEL: process.env.CMAKE_BUILD_PARALLEL_LEVEL ?? '2' },
}));
