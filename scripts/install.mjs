// npm "install" lifecycle: use a prebuild or an existing build when one loads,
// else install the system packages the build needs (Debian) and build with
// cmake-js. Mirrors `node-gyp-build-test || cmake-js compile`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { syncBuildEnv } from './build-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const loadable = spawnSync(process.execPath, [join(root, 'node_modules/node-gyp-build/build-test.js')], {
  cwd: root,
  stdio: 'ignore',
});
// MESOS_HOME asks for a build against that Mesos: a prebuild or an existing
// build (the bundled SDK's, or another Mesos's) would load but is not it.
if (loadable.status === 0 && !process.env.npm_config_build_from_source && !process.env.MESOS_HOME) process.exit(0);

if (existsSync('/usr/bin/dpkg-query')) {
  const status = run('bash', [join(root, 'scripts/setup-system.sh')]);
  if (status !== 0) process.exit(status);
}
const cmakeJs = join(root, 'node_modules/cmake-js/bin/cmake-js');
// An existing build reconfigures when MESOS_HOME & co. changed (cmake/BuildEnv.cmake).
syncBuildEnv(join(root, 'build'));
process.exit(run(process.execPath, [cmakeJs, 'compile'], {
  env: { ...process.env, CMAKE_BUILD_PARALLEL_LEVEL: process.env.CMAKE_BUILD_PARALLEL_LEVEL ?? '2' },
}));
