// Run by test/jest.test.ts under Jest 30 (ESM, --experimental-vm-modules) in a
// throwaway project that depends on mesos-modules: the Jest entry point on
// real calls of the fixture hook. MM_FIXTURE is the fixture library's path.
import { beforeAll, describe, expect, it } from '@jest/globals';

import 'mesos-modules/jest';
import { ModuleManager, builders } from 'mesos-modules';

let hook;

beforeAll(async () => {
  const manager = await ModuleManager.load({
    libraries: [{ file: process.env.MM_FIXTURE, modules: [{ name: 'org_mm_TestHook' }] }],
  });
  hook = await manager.createHook('org_mm_TestHook');
});

function prelaunch(labels = {}) {
  return hook.slavePreLaunchDockerTaskExecutorDecorator({
    taskInfo: builders.taskInfo({ labels: builders.labels(labels) }),
    executorInfo: builders.executorInfo(),
    containerName: 'mesos-1',
    containerWorkDirectory: '/tmp/sandbox',
    mappedSandboxDirectory: '/mnt/mesos/sandbox',
  });
}

const labelArgs = () => ({
  taskInfo: builders.taskInfo({ labels: builders.labels({ team: 'web' }) }),
  executorInfo: builders.executorInfo(),
  frameworkInfo: builders.frameworkInfo(),
  slaveInfo: builders.slaveInfo(),
});

describe('mesos-modules/jest', () => {
  it('toRejectTask', async () => {
    await expect(prelaunch({ MESOS_Test_Error_Label: 'x' })).toRejectTask(/error label/);
    await expect(prelaunch()).not.toRejectTask();
  });

  it('toReturnNone', async () => {
    await expect(hook.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).toReturnNone();
    await expect(prelaunch()).not.toReturnNone();
  });

  it('toReturnLabels', async () => {
    await expect(hook.slaveRunTaskLabelDecorator(labelArgs())).toReturnLabels({ baz: 'qux', team: 'web' });
    await expect(hook.slaveRunTaskLabelDecorator(labelArgs())).resolves.toReturnLabels([
      { key: 'baz', value: 'qux' },
      { key: 'team', value: 'web' },
    ]);
  });

  it('toSetEnv', async () => {
    await expect(prelaunch()).toSetEnv('HOOKTEST_TASK', 'foo', 'task');
    expect({ env: builders.environment({ A: 'b' }) }).toEqual({ env: expect.toSetEnv('A', 'b') });
  });

  it('toHaveLogged', () => {
    const stub = { logs: [{ severity: 'INFO', file: 'x.cpp', line: 7, message: 'admitted web-1', method: 'slavePreLaunchDockerTaskExecutorDecorator' }] };
    expect(stub).toHaveLogged(/admitted/);
    expect(hook).not.toHaveLogged('never written');
  });
});
