// `npm run fuzz`: every fuzz target, a million inputs each by default, seeded,
// then figures printed and bench/results/fuzz.json written. Not part of CI.
//
//   node bench/fuzz.mjs [--runs N] [--seed S] [--target name,...]
//
// JS targets (fast-check, bench/fuzz/properties.mjs): manifest, encodeCall,
// encodeParameters, decodeResult. Native targets (libFuzzer with ASan+UBSan,
// built here with Debian's clang-14 against build/sdk): wire_arguments
// (src-native/common/wire.cc reading a hook call's arguments and writing results)
// and parameters (the mesos.Parameters handed to create()). A finding is
// printed with its input (JS) or saved under build/fuzz/artifacts (native)
// and fails the run; it then belongs in test/fuzz.test.ts as a regression.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import fc from 'fast-check';

import { builders } from '../dist/lib/index.js';
import { encodeCall, encodeParameters, wireBuffer } from '../dist/lib/wire/calls.js';
import { TARGETS } from './fuzz/properties.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261205' },
    target: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const only = values.target ? new Set(values.target.split(',')) : null;
const wanted = (name) => !only || only.has(name);

const results = [];

// --- JS targets ---------------------------------------------------------------

for (const [name, target] of Object.entries(TARGETS)) {
  if (!wanted(name)) continue;
  const start = performance.now();
  const outcome = fc.check(
    fc.property(target.arbitrary, (input) => {
      target.check(input);
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  const seconds = (performance.now() - start) / 1000;
  const finding = outcome.failed ? { counterexample: fc.stringify(outcome.counterexample), error: String(outcome.errorInstance?.message ?? outcome.error).slice(0, 2000), path: outcome.counterexamplePath } : null;
  results.push({ target: name, engine: 'fast-check', inputs: outcome.numRuns, seconds: Number(seconds.toFixed(1)), inputsPerSecond: Math.round(outcome.numRuns / seconds), findings: finding ? [finding] : [] });
  console.log(`${name}: ${outcome.numRuns} inputs in ${seconds.toFixed(1)} s, ${finding ? 'FINDING' : 'no finding'}`);
  if (finding) console.log(`  ${finding.error}\n  seed ${seed}, path ${finding.path}\n  input ${finding.counterexample.slice(0, 2000)}`);
}

// --- Native targets -------------------------------------------------------------

const NATIVE = ['wire_arguments', 'parameters'];
const clang = 'clang++-14';
const fuzzDir = join(root, 'build', 'fuzz');
const sdk = join(root, 'build', 'sdk');

function build(name) {
  mkdirSync(fuzzDir, { recursive: true });
  const out = join(fuzzDir, name);
  const args = [
    '-std=c++17',
    '-g',
    '-O1',
    '-fsanitize=fuzzer,address,undefined',
    '-fno-sanitize-recover=undefined',
    `-I${join(sdk, 'include')}`,
    join(here, 'fuzz', `${name}.cc`),
    join(root, 'src-native', 'common', 'wire.cc'),
    join(root, 'src-native', 'common', 'records.cc'),
    `-L${join(sdk, 'lib')}`,
    '-lmesos',
    '-lprotobuf',
    `-Wl,-rpath,${join(sdk, 'lib')}`,
    '-o',
    out,
  ];
  const r = spawnSync(clang, args, { stdio: 'inherit' });
  if (r.error || r.status !== 0) throw new Error(`building ${name} failed (${r.error?.message ?? `exit ${r.status}`})`);
  return out;
}

// Seeds: real encodings, so mutation starts from the shapes hooks receive.
function seedCorpus(name) {
  const dir = join(fuzzDir, `corpus-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seeds = [];
  if (name === 'parameters') {
    seeds.push(encodeParameters([{ key: 'a', value: 'b' }, { key: 'timeout', value: '5s' }]));
  } else {
    const task = builders.taskInfo();
    const length = encodeCall('slaveRunTaskLabelDecorator', { taskInfo: task, executorInfo: builders.executorInfo(), frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo() }, 'seed');
    seeds.push(wireBuffer().slice(0, length));
  }
  seeds.forEach((bytes, i) => writeFileSync(join(dir, `seed-${i}`), bytes));
  return dir;
}

const clangFound = spawnSync(clang, ['--version']).status === 0;
for (const name of NATIVE) {
  if (!wanted(name)) continue;
  if (!clangFound) {
    console.log(`${name}: skipped, ${clang} not found (scripts/setup-system.sh --fuzz installs clang-14 and libclang-rt-14-dev)`);
    results.push({ target: name, engine: 'libFuzzer', skipped: `${clang} not found` });
    continue;
  }
  const binary = build(name);
  const artifacts = join(fuzzDir, 'artifacts', name);
  mkdirSync(artifacts, { recursive: true });
  const start = performance.now();
  const r = spawnSync(binary, [`-runs=${runs}`, `-seed=${seed}`, '-max_len=4096', `-artifact_prefix=${artifacts}/`, '-print_final_stats=1', seedCorpus(name)], {
    encoding: 'utf8',
    env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' },
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - start) / 1000;
  const done = /Done (\d+) runs in (\d+) second/.exec(r.stderr);
  const inputs = done ? Number(done[1]) : 0;
  const found = readdirSync(artifacts);
  const findings = r.status === 0 && found.length === 0 ? [] : [{ exit: r.status, artifacts: found.map((f) => join(artifacts, f)), report: r.stderr.split('\n').slice(-40).join('\n') }];
  results.push({ target: name, engine: 'libFuzzer', inputs, seconds: Number(seconds.toFixed(1)), inputsPerSecond: Math.round(inputs / seconds), findings });
  console.log(`${name}: ${inputs} inputs in ${seconds.toFixed(1)} s, ${findings.length ? 'FINDING' : 'no finding'}`);
  if (findings.length) console.log(findings[0].report);
}

const report = { date: new Date().toISOString(), seed, runsPerTarget: runs, node: process.version, results };
mkdirSync(join(here, 'results'), { recursive: true });
const out = join(here, 'results', 'fuzz.json');
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${out}`);
if (results.some((r) => r.findings?.length)) process.exit(1);
