// Generates lib/gen/ from sdk/proto with Debian's protoc:
//   <file>_pb.ts    protoc-gen-es (schemas/descriptors, used by the builders)
//   <file>_json.ts  scripts/protoc-gen-mesos-json.mjs (the Mesos JSON form types users see)
// Run by scripts/ensure.mjs before the TypeScript build; skips when every output
// is newer than the .proto files and the generators. Never committed.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoRoot = join(root, 'sdk', 'proto');
const outDir = join(root, 'lib', 'gen');
const esPlugin = join(root, 'node_modules', '@bufbuild', 'protoc-gen-es', 'bin', 'protoc-gen-es');
const jsonPlugin = join(root, 'scripts', 'protoc-gen-mesos-json.mjs');

function protoFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return protoFiles(p);
    return e.name.endsWith('.proto') ? [p] : [];
  });
}

const protos = protoFiles(protoRoot).sort();
const outputs = protos.flatMap((p) => {
  const base = join(outDir, relative(protoRoot, p).replace(/\.proto$/, ''));
  return [`${base}_pb.ts`, `${base}_json.ts`];
});
const inputs = [...protos, jsonPlugin, fileURLToPath(import.meta.url), join(root, 'node_modules', '@bufbuild', 'protoc-gen-es', 'package.json')];

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const newestInput = Math.max(...inputs.map(mtime));
const oldestOutput = Math.min(...outputs.map(mtime));
const listFiles = (dir) =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)])) : [];
const stale = listFiles(outDir).some((p) => !outputs.includes(p)); // from a .proto since removed
if (oldestOutput > newestInput && !stale && !process.argv.includes('--force')) process.exit(0);

if (!existsSync(esPlugin)) {
  console.error('mesos-modules: @bufbuild/protoc-gen-es is not installed (run npm ci)');
  process.exit(1);
}

// protoc runs plugins as executables: wrap each in a script that uses this node.
const wrappers = mkdtempSync(join(tmpdir(), 'mm-protoc-'));
function wrapper(name, script) {
  const file = join(wrappers, name);
  writeFileSync(file, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(script)} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

try {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(
    'protoc',
    [
      `-I${protoRoot}`,
      `--plugin=protoc-gen-es=${wrapper('protoc-gen-es', esPlugin)}`,
      `--plugin=protoc-gen-mesos-json=${wrapper('protoc-gen-mesos-json', jsonPlugin)}`,
      `--es_out=${outDir}`,
      '--es_opt=target=ts,import_extension=js',
      `--mesos-json_out=${outDir}`,
      '--mesos-json_opt=target=ts,import_extension=js',
      ...protos.map((p) => relative(protoRoot, p)),
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.error || r.status !== 0) {
    console.error(`mesos-modules: generating types from sdk/proto failed (${r.error?.message ?? `protoc exit ${r.status}`})`);
    rmSync(outDir, { recursive: true, force: true });
    process.exit(1);
  }
  const missing = outputs.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    console.error(`mesos-modules: protoc did not write ${missing.map((p) => relative(root, p)).join(', ')}`);
    process.exit(1);
  }
} finally {
  rmSync(wrappers, { recursive: true, force: true });
}
