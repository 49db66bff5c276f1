// Hook-call throughput: the public JS API against a C++ driver making the
// same calls with the same messages built in C++. Prints a table and writes
// bench/results/hook-calls.json. Measures; asserts nothing.
//
//   npm run bench            (or: node bench/run.mjs [--seconds 2])
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ModuleManager, builders, runtime } from 'mesos-modules';

// The argument encoder alone (internal; measured to show where a call's time goes).
import { encodeCall } from '../dist/lib/wire/calls.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 2;
const rounds = 3;

const labelLibrary = join(root, 'build', 'fixtures', 'libtest_hook.so');
const dockerLibrary = join(root, 'build', 'examples', 'libdocker_policy.so');
const dockerTask = JSON.parse(readFileSync(join(here, 'fixtures', 'docker-task.json'), 'utf8'));

const cases = [
  {
    name: 'slaveRunTaskLabelDecorator',
    library: labelLibrary,
    module: 'org_mm_TestHook',
    method: 'slaveRunTaskLabelDecorator',
    args: {
      taskInfo: builders.taskInfo({
        labels: { labels: [{ key: 'foo', value: 'bar' }, { key: 'team', value: 'core' }] },
      }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    },
  },
  {
    name: 'slavePreLaunchDockerTaskExecutorDecorator (2.4 KB TaskInfo)',
    library: dockerLibrary,
    module: 'org_example_DockerPolicy',
    parameters: JSON.parse(readFileSync(join(root, 'examples', 'docker-policy', 'agent-modules.json'), 'utf8'))
      .libraries[0].modules[0].parameters,
    method: 'slavePreLaunchDockerTaskExecutorDecorator',
    args: {
      taskInfo: dockerTask,
      executorInfo: builders.executorInfo({ executor_id: { value: dockerTask.task_id.value } }),
      containerName: 'mesos-bench',
      containerWorkDirectory: '/var/lib/mesos/sandbox',
      mappedSandboxDirectory: '/mnt/mesos/sandbox',
      env: { MESOS_SANDBOX: '/mnt/mesos/sandbox' },
    },
  },
];

async function measureJs(c) {
  const manager = await ModuleManager.load({
    libraries: [{ file: c.library, modules: [{ name: c.module, parameters: c.parameters ?? [] }] }],
  });
  const hook = await manager.createHook(c.module);
  const call = () => hook[c.method](c.args);
  for (let i = 0; i < 20000; i++) await call();
  hook.clearLogs();
  let best = { wall: 0, cpu: 0 };
  for (let round = 0; round < rounds; round++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < seconds) {
      for (let i = 0; i < 1000; i++) await call();
      calls += 1000;
      hook.clearLogs();
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    best = { wall: Math.max(best.wall, calls / elapsed), cpu: Math.max(best.cpu, calls / cpuSeconds) };
  }
  return best;
}

// CPU microseconds per run of `work`, best of the rounds.
function microsPer(work) {
  for (let i = 0; i < 20000; i++) work();
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const n = 50000;
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < n; i++) work();
    const cpu = process.cpuUsage(cpuStart);
    best = Math.min(best, (cpu.user + cpu.system) / n);
  }
  return best;
}

// The JS side of the wire alone, next to what the JSON-text design paid for
// the same step (JSON.stringify, before its native reader even started).
function measureEncode(c) {
  return {
    micros: microsPer(() => encodeCall(c.method, c.args, c.module)),
    stringifyMicros: microsPer(() => JSON.stringify(c.args)),
    bytes: encodeCall(c.method, c.args, c.module),
  };
}

function measureCpp(c, mode = 'prebuilt') {
  const inputs = join(root, 'build', 'bench', `${c.method}.inputs`);
  mkdirSync(dirname(inputs), { recursive: true });
  const lines = Object.entries(c.args)
    .filter(([, v]) => typeof v === 'object')
    .map(([k, v]) => `${k}\t${JSON.stringify(v)}`);
  if (c.parameters) lines.push(`parameters\t${JSON.stringify({ parameter: c.parameters })}`);
  writeFileSync(inputs, lines.join('\n'));
  let best = { wall: 0, cpu: 0 };
  for (let round = 0; round < rounds; round++) {
    const extra = mode === 'prebuilt' ? [] : [mode];
    const run = spawnSync(join(root, 'build', 'bench', 'hook_bench'), [c.library, c.module, c.method, inputs, String(seconds), ...extra], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`hook_bench failed: ${run.stderr}`);
    const out = JSON.parse(run.stdout);
    best = { wall: Math.max(best.wall, out.callsPerSecond), cpu: Math.max(best.cpu, out.callsPerCpuSecond) };
  }
  return best;
}

const results = [];
for (const c of cases) {
  const js = await measureJs(c);
  const cpp = measureCpp(c);
  const cppCopy = measureCpp(c, 'copy');
  const cppParse = measureCpp(c, 'parse');
  const encode = measureEncode(c);
  results.push({
    case: c.name,
    argumentBytes: JSON.stringify(c.args).length,
    wireBytes: encode.bytes,
    microsecondsEncoding: Number(encode.micros.toFixed(2)),
    microsecondsJsonStringify: Number(encode.stringifyMicros.toFixed(2)),
    // Per CPU-second of the calling thread: "calls per second on one core",
    // and steady when other work shares the machine.
    jsCallsPerCpuSecond: Math.round(js.cpu),
    cppCallsPerCpuSecond: Math.round(cpp.cpu),
    cppOverJs: Number((cpp.cpu / js.cpu).toFixed(1)),
    // The C++ driver copying its argument messages on every call, as an
    // agent building them per task would at least do.
    cppCopyCallsPerCpuSecond: Math.round(cppCopy.cpu),
    cppCopyOverJs: Number((cppCopy.cpu / js.cpu).toFixed(1)),
    // The C++ driver parsing its arguments from their wire bytes on every
    // call, as the agent does with a task that arrives over the network.
    cppParseCallsPerCpuSecond: Math.round(cppParse.cpu),
    cppParseOverJs: Number((cppParse.cpu / js.cpu).toFixed(1)),
    microsecondsPerJsCall: Number((1e6 / js.cpu).toFixed(2)),
    jsCallsPerWallSecond: Math.round(js.wall),
    cppCallsPerWallSecond: Math.round(cpp.wall),
  });
}

const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
  loadAverage: loadavg()[0],
  runtime: runtime(),
  secondsPerRound: seconds,
  rounds,
  conversion:
    'arguments as protobuf binary written by JS encoders generated per message type into one shared buffer, parsed by libmesos; results serialized into the same buffer and decoded by generated JS (lib/wire/)',
  results,
};

console.table(
  results.map((r) => ({
    case: r.case,
    'JSON bytes': r.argumentBytes,
    'wire bytes': r.wireBytes,
    'JS calls/CPU-s': r.jsCallsPerCpuSecond,
    'C++ calls/CPU-s': r.cppCallsPerCpuSecond,
    'C++/JS': r.cppOverJs,
    'C++ copying/CPU-s': r.cppCopyCallsPerCpuSecond,
    'C++ copying/JS': r.cppCopyOverJs,
    'C++ parsing/CPU-s': r.cppParseCallsPerCpuSecond,
    'C++ parsing/JS': r.cppParseOverJs,
    'µs encoding': r.microsecondsEncoding,
    'µs JSON.stringify': r.microsecondsJsonStringify,
    'µs CPU/JS call': r.microsecondsPerJsCall,
    'JS calls/wall-s': r.jsCallsPerWallSecond,
  })),
);
const out = join(here, 'results', 'hook-calls.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written: ${out} (load average ${report.loadAverage.toFixed(2)} during the run)`);
