// The first test of the getting-started guide (docs/guides/getting-started.md):
// load the hook the way the agent would, from agent-modules.json, and call it.
// #region first-test
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import 'mesos-modules/vitest';
import { ModuleManager, builders, type Hook } from 'mesos-modules';

let manager: ModuleManager;
let hook: Hook;

beforeAll(async () => {
  // The manifest's "file" (build/libmy_hook.so) is relative to the working
  // directory: run the tests from the project folder.
  manager = await ModuleManager.load('file://agent-modules.json');
  hook = await manager.createHook('org_example_MyHook');
});

afterAll(() => manager.close());

describe('org_example_MyHook', () => {
  it('labels a task with the team', async () => {
    const labels = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo({ labels: builders.labels({ tier: 'web' }) }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    expect(labels).toEqual({ labels: [{ key: 'tier', value: 'web' }, { key: 'team', value: 'payments' }] });
  });

  it('refuses privileged Docker containers', async () => {
    const launch = hook.slavePreLaunchDockerTaskExecutorDecorator({
      taskInfo: builders.taskInfo({
        task_id: { value: 'db-1' },
        container: { type: 'DOCKER', docker: { image: 'postgres:16', privileged: true } },
      }),
      executorInfo: builders.executorInfo(),
      containerName: 'mesos-db-1',
      containerWorkDirectory: '/var/lib/mesos/sandbox',
      mappedSandboxDirectory: '/mnt/mesos/sandbox',
      env: {},
    });
    await expect(launch).toRejectTask("team 'payments' does not run privileged containers (task 'db-1')");
  });
});
// #endregion first-test
