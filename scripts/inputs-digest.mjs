// A digest of a build's inputs: every file's path, size and mtime under the
// given folders (dot-files, node_modules and `skip` excepted), the given
// files, and extra strings (tool versions, environment). A build whose
// digest matches the one stamped after its last complete run has nothing to do.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function inputsDigest(root, { dirs = [], files = [], skip = [], extra = [] }) {
  const hash = createHash('sha1');
  for (const e of extra) hash.update(`${e}\0`);
  const add = (p) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (s) hash.update(`${p}\0${s.size}\0${s.mtimeMs}\0`);
  };
  const walk = (dir) => {
    add(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (skip.includes(p)) continue;
      if (e.isDirectory()) walk(p);
      else add(p);
    }
  };
  for (const d of dirs) walk(join(root, d));
  for (const f of files) add(join(root, f));
  return hash.digest('hex');
}
