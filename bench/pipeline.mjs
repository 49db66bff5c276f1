// The hook pipeline's costs: the docker-policy property suite (10,000 cases),
// `mesos-modules check` on 1,000 task files through a two-hook pipeline (wall
// time of the whole command, start-up included), and what a pipeline call
// costs over its hooks' own calls, per hook. Prints the figures and writes
// bench/results/pipeline.json. Measures; asserts nothing.
//
//   npm run bench:pipeline      (or: node bench/pipeline.mjs)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';

import { ModuleManager, arbitraries, builders } from 'mesos-modules';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const policyManifest = JSON.parse(readFileSync(join(root, 'examples', 'docker-policy', 'agent-modules.json'), 'utf8'));
policyManifest.libraries[0].file = join(root, 'build', 'examples', 'libdocker_policy.so');
const chainLibrary = join(root, 'build', 'fixtures', 'libchain_hook.so');
const report = { cpus: cpus().length, loadAverageBefore: loadavg()[0] };

// 1. The property suite of examples/docker-policy: the same three properties
// and case counts, each case launched through the pipeline.
{
  const manager = await ModuleManager.load(policyManifest);
  const pipeline = manager.pipeline('org_example_DockerPolicy');
  await pipeline.ready;
  const launch = (taskInfo) => pipeline.simulateLaunch({ taskInfo, containerizer: 'docker' });
  const prefixes = ['/data', '/scratch', '/var/log/apps', '/data/secrets', '/etc', '/proc', '/sys', '/var/run/docker.sock', '/opt', '/home'];
  const properties = [
    [arbitraries.taskInfo({ container: 'docker', hostPathPrefixes: prefixes, privileged: false }), 4000],
    [arbitraries.taskInfo({ container: 'docker', hostPathPrefixes: prefixes, privileged: true }), 3000],
    [arbitraries.taskInfo({ container: 'docker', hostPathPrefixes: ['/data', '/scratch'], privileged: 'any' }), 3000],
  ];
  const start = performance.now();
  for (const [arbitrary, numRuns] of properties) {
    await fc.assert(fc.asyncProperty(arbitrary, async (task) => void (await launch(task))), { numRuns });
  }
  report.propertySuiteSeconds = (performance.now() - start) / 1000;
  // Where a case's time goes: generating the task vs launching it.
  const sample = fc.sample(properties[0][0], 2000);
  const g = performance.now();
  fc.sample(properties[0][0], 2000);
  report.microsecondsGeneratingTask = ((performance.now() - g) / 2000) * 1000;
  const l = performance.now();
  for (const task of sample) await launch(task);
  report.microsecondsSimulatingLaunch = ((performance.now() - l) / 2000) * 1000;
}

// 2. `mesos-modules check` on 1,000 task files, docker-policy then a chain hook.
{
  const dir = mkdtempSync(join(tmpdir(), 'mm-bench-check-'));
  const tasks = fc.sample(arbitraries.taskInfo({ hostPathPrefixes: ['/data', '/etc', '/scratch'] }), { numRuns: 1000, seed: 13 });
  const files = tasks.map((task, i) => {
    const file = join(dir, `task-${String(i).padStart(4, '0')}.json`);
    writeFileSync(file, JSON.stringify(task));
    return file;
  });
  const manifest = structuredClone(policyManifest);
  manifest.libraries.push({ file: chainLibrary, modules: [{ name: 'org_mm_ChainHookA' }] });
  const args = [join(root, 'dist', 'lib', 'cli.js'), 'check', `--modules=${JSON.stringify(manifest)}`, '--hooks=org_example_DockerPolicy,org_mm_ChainHookA', '--json', ...files];
  const runs = [];
  let summary;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push((performance.now() - start) / 1000);
    if (r.status !== 0) throw new Error(`check exited ${r.status}: ${r.stderr}`);
    summary = JSON.parse(r.stdout).summary;
  }
  report.check1000Files = { wallSecondsBest: Math.min(...runs), wallSecondsRuns: runs, summary };
  rmSync(dir, { recursive: true, force: true });
}

// 3. A pipeline call over its hooks' own calls, per hook, for each method.
{
  const manager = await ModuleManager.load({
    libraries: [{ file: chainLibrary, modules: ['A', 'B', 'C'].map((t) => ({ name: `org_mm_ChainHook${t}` })) }],
  });
  const pipeline = manager.pipeline('org_mm_ChainHookA,org_mm_ChainHookB,org_mm_ChainHookC');
  const hooks = await pipeline.ready;
  const taskInfo = builders.taskInfo({ labels: { labels: [{ key: 'team', value: 'core' }] } });
  const executorInfo = builders.executorInfo();
  const frameworkInfo = builders.frameworkInfo();
  const slaveInfo = builders.slaveInfo();
  const methods = {
    slaveRunTaskLabelDecorator: { taskInfo, executorInfo, frameworkInfo, slaveInfo },
    slaveExecutorEnvironmentDecorator: { executorInfo },
    slavePreLaunchDockerTaskExecutorDecorator: { taskInfo, executorInfo, containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/m', env: {} },
    slaveTaskStatusDecorator: { frameworkId: builders.frameworkID('f'), status: builders.taskStatus() },
    slaveResourcesDecorator: { slaveInfo },
  };
  const n = 3000;
  report.overheadPerHook = {};
  for (const [method, args] of Object.entries(methods)) {
    // The hooks called one after another with the same arguments: what the
    // pipeline cannot avoid. Best of three rounds each, to damp other load.
    let direct = Infinity;
    let piped = Infinity;
    for (let round = 0; round < 3; round++) {
      let t = performance.now();
      for (let i = 0; i < n; i++) for (const hook of hooks) await hook[method](args);
      direct = Math.min(direct, (performance.now() - t) / n);
      t = performance.now();
      for (let i = 0; i < n; i++) await pipeline[method](args);
      piped = Math.min(piped, (performance.now() - t) / n);
    }
    report.overheadPerHook[method] = {
      microsecondsHooksDirect: direct * 1000,
      microsecondsPipeline: piped * 1000,
      microsecondsOverheadPerHook: ((piped - direct) / hooks.length) * 1000,
    };
  }
}

report.loadAverageAfter = loadavg()[0];
console.log(`property suite, 10,000 cases: ${report.propertySuiteSeconds.toFixed(2)} s (generate ${report.microsecondsGeneratingTask.toFixed(0)} µs + launch ${report.microsecondsSimulatingLaunch.toFixed(0)} µs per case)`);
console.log(`check, 1,000 task files, two hooks: ${report.check1000Files.wallSecondsBest.toFixed(2)} s wall (best of 3; ${JSON.stringify(report.check1000Files.summary)})`);
console.table(
  Object.entries(report.overheadPerHook).map(([method, r]) => ({
    method,
    'µs 3 hooks direct': r.microsecondsHooksDirect.toFixed(1),
    'µs pipeline': r.microsecondsPipeline.toFixed(1),
    'µs overhead/hook': r.microsecondsOverheadPerHook.toFixed(1),
  })),
);
const out = join(here, 'results', 'pipeline.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written: ${out} (load average ${report.loadAverageBefore.toFixed(2)} → ${report.loadAverageAfter.toFixed(2)})`);
