// Calling hook methods: JS objects in Mesos's JSON form in, results out, and
// Result/Try/Future outcomes as values or typed errors.
import { describe, expect, it } from 'vitest';

import {
  BadMessage,
  HookDiscarded,
  HookError,
  HookException,
  HookFailure,
  ModuleManager,
  builders,
  type Hook,
} from 'mesos-modules';

import { fixture, manifestFor } from './helpers.js';

async function testHook(parameters: Array<{ key: string; value: string }> = []): Promise<Hook> {
  const manager = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: parameters }));
  return manager.createHook('org_mm_TestHook');
}

const dockerArgs = {
  executorInfo: builders.executorInfo(),
  containerName: 'mesos-1',
  containerWorkDirectory: '/tmp/sandbox',
  mappedSandboxDirectory: '/mnt/mesos/sandbox',
  env: { A: 'b' },
};

describe('slaveRunTaskLabelDecorator (Result<Labels>)', () => {
  it('returns the labels the hook builds from the task (Some)', async () => {
    const hook = await testHook();
    const labels = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo({
        labels: {
          labels: [
            { key: 'foo', value: 'bar' },
            { key: 'bar', value: 'baz' },
          ],
        },
      }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    expect(labels).toEqual({
      labels: [
        { key: 'baz', value: 'qux' },
        { key: 'bar', value: 'baz' },
      ],
    });
  });

  it('maps an Error result to HookError and None to null', async () => {
    const failing = await testHook([{ key: 'environment_mode', value: 'error' }]);
    const error = await failing
      .slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({
      message: 'environment decorator refused',
      module: 'org_mm_TestHook',
      hook: 'slaveExecutorEnvironmentDecorator',
    });

    const quiet = await testHook();
    await expect(quiet.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).resolves.toBeNull();
  });
});

describe('slavePreLaunchDockerTaskExecutorDecorator (Future<Option<…>>)', () => {
  const expected = {
    executorEnvironment: { variables: [{ name: 'HOOKTEST_EXECUTOR', value: 'bar' }] },
    taskEnvironment: { variables: [{ name: 'HOOKTEST_TASK', value: 'foo' }] },
  };

  it('resolves a ready future to its value', async () => {
    const hook = await testHook();
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...dockerArgs })).resolves.toEqual(expected);
  });

  it('accepts an absent TaskInfo (custom executor) and an absent env', async () => {
    const hook = await testHook();
    await expect(
      hook.slavePreLaunchDockerTaskExecutorDecorator({ ...dockerArgs, taskInfo: undefined, env: null }),
    ).resolves.toEqual(expected);
  });

  it('rejects with HookFailure carrying the hook\'s message', async () => {
    const hook = await testHook();
    const taskInfo = builders.taskInfo({ labels: { labels: [{ key: 'MESOS_Test_Error_Label' }] } });
    const error = await hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo, ...dockerArgs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookFailure);
    expect(error).toMatchObject({
      code: 'HOOK_FAILURE',
      message: 'Spotted error label',
      module: 'org_mm_TestHook',
      hook: 'slavePreLaunchDockerTaskExecutorDecorator',
    });
  });

  it('settles a future completed later by another thread', async () => {
    const hook = await testHook([{ key: 'docker_mode', value: 'pending' }, { key: 'delay_ms', value: '30' }]);
    const calls = Array.from({ length: 20 }, () =>
      hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...dockerArgs }),
    );
    for (const result of await Promise.all(calls)) expect(result).toEqual(expected);
  });

  it('rejects a discarded future with HookDiscarded', async () => {
    const hook = await testHook([{ key: 'docker_mode', value: 'discard' }]);
    await expect(
      hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...dockerArgs }),
    ).rejects.toBeInstanceOf(HookDiscarded);
    await expect(
      hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...dockerArgs }),
    ).rejects.toMatchObject({ code: 'HOOK_DISCARDED', message: 'future discarded', hook: 'slavePreLaunchDockerTaskExecutorDecorator' });
  });

  it('turns a C++ exception into HookException with what() and the type', async () => {
    const hook = await testHook([{ key: 'docker_mode', value: 'throw' }]);
    const error = await hook
      .slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...dockerArgs })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookException);
    expect(error).toMatchObject({ message: 'docker decorator exploded', type: 'std::runtime_error' });
  });
});

describe('messages that do not convert (BadMessage, with field paths)', () => {
  async function badCall(taskInfo: unknown): Promise<BadMessage> {
    const hook = await testHook();
    const error = await hook
      .slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: taskInfo as never, ...dockerArgs })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadMessage);
    return error as BadMessage;
  }

  it('lists every missing required field', async () => {
    const error = await badCall({ resources: [{ scalar: { value: 1 } }] });
    expect(error.missing).toEqual([
      'taskInfo.name',
      'taskInfo.task_id',
      'taskInfo.slave_id',
      'taskInfo.resources[0].name',
      'taskInfo.resources[0].type',
    ]);
    expect(error.message).toContain('missing required fields: taskInfo.name, taskInfo.task_id');
  });

  it('names an invalid enum value and its field', async () => {
    const error = await badCall(
      builders.taskInfo({
        container: {
          type: 'DOCKER',
          docker: { image: 'busybox' },
          volumes: [
            { container_path: '/a', mode: 'RW' },
            { container_path: '/b', mode: 'RO' },
            { container_path: '/c', mode: 'RWX' },
          ],
        },
      }),
    );
    expect(error.path).toBe('taskInfo.container.volumes[2].mode');
    expect(error.message).toMatch(
      /taskInfo\.container\.volumes\[2\]\.mode: invalid enum value "RWX" for mesos\.Volume\.Mode \(expected RW or RO\)/,
    );
  });

  it('refuses unknown fields and hints at the proto name', async () => {
    const error = await badCall({ ...builders.taskInfo(), taskId: { value: 'x' } });
    expect(error.path).toBe('taskInfo.taskId');
    expect(error.message).toMatch(/unknown field: mesos\.TaskInfo has no field 'taskId' \(did you mean 'task_id'\?/);
  });

  it('refuses a value of the wrong kind', async () => {
    const error = await badCall(builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'x', privileged: 'yes' } } }));
    expect(error.path).toBe('taskInfo.container.docker.privileged');
    expect(error.message).toMatch(/expected a boolean, got string "yes"/);
  });
});
