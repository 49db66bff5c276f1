// The JavaScript half of a build, in the checkout it is run from: the types
// generated from sdk/proto, the TypeScript build and the CLI marked
// executable. scripts/ensure.mjs runs it after the
// native build, and scripts/sanitize.mjs in its sanitized copy, so both
// trees get the same dist/.
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function step(what, args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) {
    console.error(`mesos-modules: ${what} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(r.status || 1);
  }
}

step('generating types from sdk/proto', [join(root, 'scripts/gen-types.mjs')]);
step('TypeScript build', [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json']);
// The CLI is run directly (package.json "bin"); tsc does not mark it executable.
chmodSync(join(root, 'dist/lib/cli.js'), 0o755);
