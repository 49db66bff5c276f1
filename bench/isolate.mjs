// Isolated mode's costs (lib/isolate.ts, the native child of
// src-native/child/): slaveRunTaskLabelDecorator round trips one at a time
// and pipelined, beside in-process in the same run; child start-up with a
// manifest loaded, cold (the child starts for it) and with the process's
// ready child (started a second before, as between two tests); the same
// with a hook created too; a crash-and-restart cycle. Prints figures and
// writes bench/results/isolate.json. Measures; asserts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { ModuleManager, builders } from 'mesos-modules';
import { loadavg } from 'node:os';

import { keepChildReady } from '../dist/lib/isolate.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const manifest = (file, name) => ({ libraries: [{ file: join(root, 'build', 'fixtures', file), modules: [{ name }] }] });
const testHook = manifest('libtest_hook.so', 'org_mm_TestHook');
const crashHook = manifest('libcrash_hook.so', 'org_mm_CrashHook');
const args = (name = 'ok') => ({
  taskInfo: builders.taskInfo({ name, labels: { labels: [{ key: 'foo', value: 'bar' }] } }),
  executorInfo: builders.executorInfo(),
  frameworkInfo: builders.frameworkInfo(),
  slaveInfo: builders.slaveInfo(),
});

async function rate(hook, seconds, inFlight) {
  const input = args();
  let calls = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    if (inFlight === 1) {
      await hook.slaveRunTaskLabelDecorator(input);
      calls += 1;
    } else {
      await Promise.all(Array.from({ length: inFlight }, () => hook.slaveRunTaskLabelDecorator(input)));
      calls += inFlight;
    }
  }
  return calls / ((performance.now() - start) / 1000);
}

const inProcess = await (await ModuleManager.load(testHook)).createHook('org_mm_TestHook');
const isolatedManager = await ModuleManager.load(testHook, { isolate: true });
const isolated = await isolatedManager.createHook('org_mm_TestHook');
// Warm both paths first (the encoders and decoders are JIT-compiled along the way).
await rate(inProcess, 1, 1);
await rate(isolated, 2, 1);

const figures = {};
figures.inProcessCallsPerSecond = await rate(inProcess, 2, 1);
figures.isolatedCallsPerSecond = await rate(isolated, 2, 1);
figures.isolatedPipelinedCallsPerSecond = await rate(isolated, 2, 64);
figures.ratioOneAtATime = figures.inProcessCallsPerSecond / figures.isolatedCallsPerSecond;
await isolatedManager.close();

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function startup(ready, create) {
  keepChildReady(ready);
  const times = [];
  for (let i = 0; i < 11; i++) {
    // The ready child replaces the one the last manager took; give it the time a test would.
    await pause(ready ? 1000 : 50);
    const t = performance.now();
    const m = await ModuleManager.load(testHook, { isolate: true });
    if (create) await m.createHook('org_mm_TestHook');
    times.push(performance.now() - t);
    await m.close();
  }
  return median(times);
}
figures.startupColdMsMedian = await startup(false, false);
figures.startupColdWithHookMsMedian = await startup(false, true);
figures.startupMsMedian = await startup(true, false);
keepChildReady(true);
figures.loadAverage1m = loadavg()[0];

const crashManager = await ModuleManager.load(crashHook, { isolate: true });
const crash = await crashManager.createHook('org_mm_CrashHook');
await crash.slaveRunTaskLabelDecorator(args());
const cycles = [];
for (let i = 0; i < 11; i++) {
  const t = performance.now();
  await crash.slaveRunTaskLabelDecorator(args('segfault')).catch(() => undefined);
  await crash.slaveRunTaskLabelDecorator(args());
  cycles.push(performance.now() - t);
}
figures.crashRestartMsMedian = median(cycles);
await crashManager.close();

for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(34)} ${value.toFixed(key.startsWith('ratio') ? 2 : 0)}`);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'isolate.json'), `${JSON.stringify(figures, null, 2)}\n`);
