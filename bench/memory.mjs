// Memory over many hook calls: 1,000,000 label-decorator calls, then the same
// with a hook that logs on every call (its lines kept up to hook.logs's cap).
// Each case runs in a child process (stderr, where glog echoes WARNING and
// ERROR lines, is dropped) with --expose-gc; RSS is read after a full GC
// before and after the calls. Prints the figures and writes
// bench/results/memory.json. Measures; asserts nothing.
//
//   node bench/memory.mjs [--calls 1000000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name, otherwise) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : otherwise;
};
const calls = Number(arg('--calls', '1000000'));
const which = arg('--case', undefined);

const MB = 1024 * 1024;

async function runCase(name) {
  const { ModuleManager, builders } = await import('mesos-modules');
  const library = join(root, 'build', 'fixtures', 'libbehaviour_hook.so');
  const mode = name === 'logging' ? 'log' : 'some';
  const manager = await ModuleManager.load({
    libraries: [{ file: library, modules: [{ name: 'org_mm_BehaviourHook', parameters: [{ key: 'mode', value: mode }] }] }],
  });
  const hook = await manager.createHook('org_mm_BehaviourHook');
  const args = {
    taskInfo: builders.taskInfo({ labels: { labels: [{ key: 'team', value: 'core' }] } }),
    executorInfo: builders.executorInfo(),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  };
  let heap = 0;
  const settle = () => {
    for (let i = 0; i < 3; i++) globalThis.gc();
    const usage = process.memoryUsage();
    heap = usage.heapUsed + usage.external;
    return usage.rss;
  };
  // Warm-up: code compiled, buffers grown, the log cap reached.
  for (let i = 0; i < 100_000; i++) await hook.slaveRunTaskLabelDecorator(args);
  const before = settle();
  const heapBefore = heap;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await hook.slaveRunTaskLabelDecorator(args);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const after = settle();
  const linesPerCall = (hook.logs.length + hook.droppedLogs) / (calls + 100_000);
  return {
    name,
    calls,
    seconds: Number(seconds.toFixed(1)),
    rssBeforeMB: Number((before / MB).toFixed(1)),
    rssAfterMB: Number((after / MB).toFixed(1)),
    rssGrowthMB: Number(((after - before) / MB).toFixed(2)),
    jsHeapGrowthMB: Number(((heap - heapBefore) / MB).toFixed(2)),
    linesPerCall: Number(linesPerCall.toFixed(2)),
    logsKept: hook.logs.length,
    logsDropped: hook.droppedLogs,
  };
}

if (which !== undefined) {
  process.stdout.write(`${JSON.stringify(await runCase(which))}\n`);
} else {
  const results = [];
  for (const name of ['labels', 'logging']) {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--case', name, '--calls', String(calls)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1024 * 1024,
    });
    if (child.status !== 0) {
      console.error(`memory bench case ${name} failed (exit ${child.status})`);
      process.exit(1);
    }
    const result = JSON.parse(child.stdout.trim().split('\n').pop());
    results.push(result);
    console.log(
      `${name.padEnd(8)} ${result.calls} calls in ${result.seconds} s: RSS ${result.rssBeforeMB} -> ${result.rssAfterMB} MB ` +
        `(growth ${result.rssGrowthMB} MB, JS heap and external ${result.jsHeapGrowthMB} MB); ${result.linesPerCall} log lines per call, ${result.logsKept} kept, ${result.logsDropped} dropped`,
    );
  }
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'memory.json'), `${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
}
