// Manifest parsing throughput: a 10 MB manifest as JSON text (the JSON.parse
// fast path, and the picojson-style parser it falls back to), as bytes, and
// as a JS object. Prints MB/s and writes bench/results/manifest.json.
// Measures; asserts nothing.
//
//   node bench/manifest.mjs [--mb 10]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseManifest } from 'mesos-modules';

// Internal: the fallback parser alone, for comparison.
import { parseJsonObjectSlowly, modulesFromJson } from '../dist/lib/manifest.js';

const here = dirname(fileURLToPath(import.meta.url));
const mbArg = process.argv.indexOf('--mb');
const targetMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 10;

// Libraries of modules with parameters, as a large generated manifest has.
function manifestOf(bytes) {
  const libraries = [];
  let size = 0;
  for (let l = 0; size < bytes; l++) {
    const modules = [];
    for (let m = 0; m < 20; m++) {
      const parameters = [];
      for (let p = 0; p < 10; p++) parameters.push({ key: `param_${p}`, value: `value ${l}/${m}/${p} — ünïcode ✓` });
      modules.push({ name: `org_example_Module_${l}_${m}`, parameters });
    }
    const library = { file: `/usr/lib/mesos/modules/libexample_${l}.so`, modules };
    size += JSON.stringify(library).length;
    libraries.push(library);
  }
  return { libraries };
}

function time(fn, rounds) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const manifest = manifestOf(targetMb * 1024 * 1024);
const text = JSON.stringify(manifest);
const bytes = Buffer.from(text);
const mb = bytes.length / (1024 * 1024);

const cases = [
  ['JSON text (string)', () => parseManifest(text), 5],
  ['JSON text (Buffer)', () => parseManifest(bytes), 5],
  ['JS object', () => parseManifest(manifest), 5],
  ['picojson-style parser alone (fallback)', () => modulesFromJson(parseJsonObjectSlowly(bytes)), 1],
];
const results = [];
console.log(`manifest: ${mb.toFixed(1)} MB, ${manifest.libraries.length} libraries`);
for (const [name, fn, rounds] of cases) {
  const ms = time(fn, rounds);
  const rate = mb / (ms / 1000);
  results.push({ name, ms: Number(ms.toFixed(1)), mbPerSecond: Number(rate.toFixed(1)) });
  console.log(`${name.padEnd(42)} ${ms.toFixed(1).padStart(9)} ms ${rate.toFixed(1).padStart(8)} MB/s`);
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'manifest.json'),
  `${JSON.stringify({ node: process.version, megabytes: Number(mb.toFixed(2)), results }, null, 2)}\n`,
);
