// The main job: load the docker-policy hook from its manifest, as an agent
// would, and run its Docker pre-launch check on every example task.
// Prints one line per task: file, ACCEPT or REJECT, and why.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { HookFailure, ModuleManager, builders } from 'mesos-modules';

const here = dirname(fileURLToPath(import.meta.url));
const manifest = join(here, 'agent-modules.json');
const tasksDir = join(here, 'tasks');

const manager = await ModuleManager.load(`file://${manifest}`);
const hook = await manager.createHook('org_example_DockerPolicy');

const files = readdirSync(tasksDir).filter((f) => f.endsWith('.json')).sort();
const width = Math.max(...files.map((f) => f.length));
let rejected = 0;

for (const file of files) {
  const taskInfo = JSON.parse(readFileSync(join(tasksDir, file), 'utf8'));
  const executorInfo = builders.executorInfo({ executor_id: { value: taskInfo.task_id.value } });
  let verdict;
  let reason;
  try {
    const prepared = await hook.slavePreLaunchDockerTaskExecutorDecorator({
      taskInfo,
      executorInfo,
      containerName: `mesos-${taskInfo.task_id.value}`,
      containerWorkDirectory: `/var/lib/mesos/slaves/S0/frameworks/F0/executors/${taskInfo.task_id.value}/runs/latest`,
      mappedSandboxDirectory: '/mnt/mesos/sandbox',
      env: { MESOS_SANDBOX: '/mnt/mesos/sandbox' },
    });
    verdict = 'ACCEPT';
    if (prepared === null) {
      reason = 'not policed: the hook returned None (no Docker container)';
    } else {
      const vars = (prepared.taskEnvironment?.variables ?? []).map((v) => `${v.name}=${v.value}`);
      reason = `admitted; task environment gets ${vars.join(', ') || 'nothing'}`;
    }
  } catch (error) {
    if (!(error instanceof HookFailure)) throw error;
    verdict = 'REJECT';
    reason = error.message;
    rejected++;
  }
  console.log(`${file.padEnd(width)}  ${verdict}  ${reason}`);
}

console.log(
  `\n${files.length} tasks checked against ${relative(process.cwd(), manifest)}: ` +
    `${files.length - rejected} accepted, ${rejected} rejected`,
);
