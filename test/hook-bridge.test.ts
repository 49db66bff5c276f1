// The hook bridge, method by method and outcome by outcome: Result<T>,
// Try<Nothing> and Future<Option<T>> results, exceptions, futures completed
// later or never, calls off the JS thread, serialization, and log capture.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  BadMessage,
  HOOK_METHODS,
  HookDiscarded,
  HookError,
  HookException,
  HookFailure,
  HookTimeout,
  ModuleManager,
  builders,
  type Hook,
} from 'mesos-modules';

import { behaviour, expectError, fixture, manifestFor, rejection, root, userProject } from './helpers.js';

const taskInfo = builders.taskInfo({ task_id: { value: 'web-7' }, labels: { labels: [{ key: 'team', value: 'core' }] } });
const executorInfo = builders.executorInfo({ executor_id: { value: 'exec-7' } });
const frameworkInfo = builders.frameworkInfo({ name: 'marathon' });
const slaveInfo = builders.slaveInfo({ hostname: 'agent-9' });
const dockerArgs = {
  taskInfo,
  executorInfo,
  containerName: 'mesos-abc',
  containerWorkDirectory: '/var/sandbox',
  mappedSandboxDirectory: '/mnt/mesos/sandbox',
  env: { A: '1', B: '2' },
};

/** The test hook with the given create() parameters. */
async function testHookWith(parameters: Array<{ key: string; value: string }> = []): Promise<Hook> {
  const manager = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: parameters }));
  return manager.createHook('org_mm_TestHook');
}

/** The Docker decorator's arguments other than the TaskInfo. */
const testDockerArgs = {
  executorInfo: builders.executorInfo(),
  containerName: 'mesos-1',
  containerWorkDirectory: '/tmp/sandbox',
  mappedSandboxDirectory: '/mnt/mesos/sandbox',
  env: { A: 'b' },
};

/** Every method with arguments, for the table-driven cases. */
const calls: Record<(typeof HOOK_METHODS)[number], (hook: Hook) => Promise<unknown>> = {
  masterLaunchTaskLabelDecorator: (h) => h.masterLaunchTaskLabelDecorator({ taskInfo, frameworkInfo, slaveInfo }),
  masterLaunchTaskResourceDecorator: (h) =>
    h.masterLaunchTaskResourceDecorator({ task: taskInfo, slaveResources: slaveInfo.resources as never }),
  slaveRunTaskLabelDecorator: (h) => h.slaveRunTaskLabelDecorator({ taskInfo, executorInfo, frameworkInfo, slaveInfo }),
  masterSlaveLostHook: (h) => h.masterSlaveLostHook({ slaveInfo }),
  slaveExecutorEnvironmentDecorator: (h) => h.slaveExecutorEnvironmentDecorator({ executorInfo }),
  slavePreLaunchDockerTaskExecutorDecorator: (h) => h.slavePreLaunchDockerTaskExecutorDecorator(dockerArgs),
  slavePostFetchHook: (h) => h.slavePostFetchHook({ containerId: { value: 'c-1' }, directory: '/sandbox' }),
  slaveRemoveExecutorHook: (h) => h.slaveRemoveExecutorHook({ frameworkInfo, executorInfo }),
  slaveTaskStatusDecorator: (h) =>
    h.slaveTaskStatusDecorator({ frameworkId: { value: 'fw-1' }, status: { task_id: { value: 'web-7' }, state: 'TASK_RUNNING' } }),
  slaveResourcesDecorator: (h) => h.slaveResourcesDecorator({ slaveInfo }),
  slaveAttributesDecorator: (h) => h.slaveAttributesDecorator({ slaveInfo }),
};

const tryMethods = ['masterSlaveLostHook', 'slavePostFetchHook', 'slaveRemoveExecutorHook'];
const resultMethods = HOOK_METHODS.filter((m) => !tryMethods.includes(m) && m !== 'slavePreLaunchDockerTaskExecutorDecorator');

describe('Result<T> methods', () => {
  it('Some: every argument crosses and the value comes back', async () => {
    const hook = await behaviour('some');
    expect(await calls.masterLaunchTaskLabelDecorator(hook)).toEqual({
      labels: [
        { key: 'agent', value: 'agent-9' },
        { key: 'framework', value: 'marathon' },
        { key: 'task', value: 'web-7' },
      ],
    });
    expect(await calls.slaveRunTaskLabelDecorator(hook)).toEqual({
      labels: [
        { key: 'team', value: 'core' },
        { key: 'executor', value: 'exec-7@agent-9/marathon' },
      ],
    });
    expect(await calls.slaveExecutorEnvironmentDecorator(hook)).toEqual({
      variables: [{ name: 'EXECUTOR_ID', value: 'exec-7' }],
    });
  });

  it('Some: Resources and Attributes cross as arrays of messages', async () => {
    const hook = await behaviour('some');
    const resources = (await calls.slaveResourcesDecorator(hook)) as Array<{ name: string }>;
    expect(resources.map((r) => r.name)).toEqual(['cpus', 'mem', 'disk', 'gpus']);
    expect(resources[3]).toEqual({ name: 'gpus', type: 'SCALAR', scalar: { value: 2 } });
    const launch = (await calls.masterLaunchTaskResourceDecorator(hook)) as Array<{ name: string }>;
    expect(launch.map((r) => r.name)).toEqual(['cpus', 'mem', 'cpus', 'mem', 'disk']);
    expect(await calls.slaveAttributesDecorator(hook)).toEqual([{ name: 'rack', type: 'TEXT', text: { value: 'rack1' } }]);
  });

  it('Some: a partial TaskStatus comes back without its required fields', async () => {
    const hook = await behaviour('some');
    expect(await calls.slaveTaskStatusDecorator(hook)).toEqual({
      labels: { labels: [{ key: 'framework', value: 'fw-1' }, { key: 'state', value: 'TASK_RUNNING' }] },
      container_status: { network_infos: [{ ip_addresses: [{ ip_address: '4.3.2.1' }] }] },
    });
  });

  it.each(resultMethods)('%s: None is null', async (method) => {
    expect(await calls[method](await behaviour('none'))).toBeNull();
  });

  it.each(resultMethods)('%s: Error is a HookError', async (method) => {
    const error = await calls[method](await behaviour('error')).catch((e: unknown) => e);
    expectError(error, HookError, 'HOOK_ERROR', `${method} refused`);
    expect(error).toMatchObject({ hook: method, module: 'org_mm_BehaviourHook' });
  });

  it.each(resultMethods)('%s: a C++ exception is a HookException', async (method) => {
    const error = await calls[method](await behaviour('throw')).catch((e: unknown) => e);
    expectError(error, HookException, 'HOOK_EXCEPTION', `${method} threw`);
    expect(error).toMatchObject({ type: 'std::runtime_error', hook: method });
  });

  it('returns the labels the hook builds from the task (Some)', async () => {
    const hook = await testHookWith();
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
    const failing = await testHookWith([{ key: 'environment_mode', value: 'error' }]);
    const error = await failing
      .slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })
      .catch((e: unknown) => e);
    expectError(error, HookError, 'HOOK_ERROR', 'environment decorator refused');
    expect(error).toMatchObject({
      module: 'org_mm_TestHook',
      hook: 'slaveExecutorEnvironmentDecorator',
    });

    const quiet = await testHookWith();
    await expect(quiet.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).resolves.toBeNull();
  });
});

describe('Try<Nothing> methods', () => {
  it.each(tryMethods)('%s: Nothing is undefined', async (method) => {
    expect(await calls[method as keyof typeof calls](await behaviour('some'))).toBeUndefined();
  });

  // The behaviour hook's Error names the method and what it was given.
  const refused: Record<string, string> = {
    masterSlaveLostHook: 'masterSlaveLostHook refused agent-9',
    slavePostFetchHook: 'slavePostFetchHook refused c-1:/sandbox',
    slaveRemoveExecutorHook: 'slaveRemoveExecutorHook refused marathon:exec-7',
  };
  it.each(tryMethods)('%s: Error is a HookError', async (method) => {
    const error = await calls[method as keyof typeof calls](await behaviour('error')).catch((e: unknown) => e);
    expectError(error, HookError, 'HOOK_ERROR', refused[method]);
  });
});

describe('Future<Option<DockerTaskExecutorPrepareInfo>>', () => {
  const prepared = {
    taskEnvironment: {
      variables: [
        { name: 'TASK', value: 'web-7' },
        { name: 'EXECUTOR', value: 'exec-7' },
        { name: 'CONTAINER', value: 'mesos-abc' },
        { name: 'WORK_DIR', value: '/var/sandbox' },
        { name: 'SANDBOX', value: '/mnt/mesos/sandbox' },
        { name: 'ENV', value: '2' },
      ],
    },
  };
  const call = calls.slavePreLaunchDockerTaskExecutorDecorator;

  it('ready Some, ready None', async () => {
    expect(await call(await behaviour('some'))).toEqual(prepared);
    expect(await call(await behaviour('none'))).toBeNull();
  });

  it('failed: HookFailure; discarded: HookDiscarded; thrown: HookException', async () => {
    expectError(await rejection(call(await behaviour('failure'))), HookFailure, 'HOOK_FAILURE', 'prepare refused');
    expectError(await rejection(call(await behaviour('discarded'))), HookDiscarded, 'HOOK_DISCARDED', 'future discarded');
    const thrownByPrepare = await rejection(call(await behaviour('throw')));
    expectError(thrownByPrepare, HookException, 'HOOK_EXCEPTION', 'prepare threw');
    expect(thrownByPrepare).toMatchObject({ name: 'HookException' });
  });

  it('pending, then completed by another thread', async () => {
    const hook = await behaviour('pending', { delay_ms: '50' });
    expect(await call(hook)).toEqual(prepared);
  });

  it('pending forever: HookTimeout after the call timeout', async () => {
    const hook = await behaviour('never');
    const error = await hook
      .slavePreLaunchDockerTaskExecutorDecorator(dockerArgs, { timeout: 100 })
      .catch((e: unknown) => e);
    expectError(error, HookTimeout, 'HOOK_TIMEOUT', "the hook's future did not complete within 100 ms");
    expect(error).toMatchObject({ timeout: 100, hook: 'slavePreLaunchDockerTaskExecutorDecorator' });
  });

  it('a timed-out call does not keep node alive', () => {
    const script = `
      import { ModuleManager, builders } from 'mesos-modules';
      const m = await ModuleManager.load({ libraries: [{ file: ${JSON.stringify(fixture('behaviour_hook'))},
        modules: [{ name: 'org_mm_BehaviourHook', parameters: [{ key: 'mode', value: 'never' }] }] }] });
      const hook = await m.createHook('org_mm_BehaviourHook', undefined, { timeout: 50 });
      await hook.slavePreLaunchDockerTaskExecutorDecorator({ executorInfo: builders.executorInfo(),
        containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/s' }).catch((e) => console.log(e.name));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 15_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('HookTimeout');
  });

  const expected = {
    executorEnvironment: { variables: [{ name: 'HOOKTEST_EXECUTOR', value: 'bar' }] },
    taskEnvironment: { variables: [{ name: 'HOOKTEST_TASK', value: 'foo' }] },
  };

  it('resolves a ready future to its value', async () => {
    const hook = await testHookWith();
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...testDockerArgs })).resolves.toEqual(expected);
  });

  it('accepts an absent TaskInfo (custom executor) and an absent env', async () => {
    const hook = await testHookWith();
    await expect(
      hook.slavePreLaunchDockerTaskExecutorDecorator({ ...testDockerArgs, taskInfo: undefined, env: null }),
    ).resolves.toEqual(expected);
  });

  it('rejects with HookFailure carrying the hook\'s message', async () => {
    const hook = await testHookWith();
    const taskInfo = builders.taskInfo({ labels: { labels: [{ key: 'MESOS_Test_Error_Label' }] } });
    const error = await hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo, ...testDockerArgs }).catch((e: unknown) => e);
    expectError(error, HookFailure, 'HOOK_FAILURE', 'Spotted error label');
    expect(error).toMatchObject({
      module: 'org_mm_TestHook',
      hook: 'slavePreLaunchDockerTaskExecutorDecorator',
    });
  });

  it('settles a future completed later by another thread', async () => {
    const hook = await testHookWith([{ key: 'docker_mode', value: 'pending' }, { key: 'delay_ms', value: '30' }]);
    const calls = Array.from({ length: 20 }, () =>
      hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...testDockerArgs }),
    );
    for (const result of await Promise.all(calls)) expect(result).toEqual(expected);
  });

  it('rejects a discarded future with HookDiscarded', async () => {
    const hook = await testHookWith([{ key: 'docker_mode', value: 'discard' }]);
    for (let i = 0; i < 2; i++) {
      const error = await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...testDockerArgs }));
      expectError(error, HookDiscarded, 'HOOK_DISCARDED', 'future discarded');
      expect(error).toMatchObject({ hook: 'slavePreLaunchDockerTaskExecutorDecorator' });
    }
  });

  it('turns a C++ exception into HookException with what() and the type', async () => {
    const hook = await testHookWith([{ key: 'docker_mode', value: 'throw' }]);
    const error = await hook
      .slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...testDockerArgs })
      .catch((e: unknown) => e);
    expectError(error, HookException, 'HOOK_EXCEPTION', 'docker decorator exploded');
    expect(error).toMatchObject({ type: 'std::runtime_error' });
  });
});

describe('threads', () => {
  it('offThread: a blocking hook leaves the event loop free', async () => {
    const hook = await behaviour('block', { block_ms: '300' });
    const events: string[] = [];
    const offThread = hook
      .slaveRunTaskLabelDecorator({ taskInfo, executorInfo, frameworkInfo, slaveInfo }, { offThread: true })
      .then(() => events.push('off-thread call'));
    const timer = new Promise<void>((resolve) => setTimeout(() => { events.push('timer'); resolve(); }, 20));
    await Promise.all([offThread, timer]);
    expect(events.indexOf('timer')).toBeLessThan(events.indexOf('off-thread call'));
  });

  it('calls are serialized like the agent\'s HookManager, on and off the JS thread', async () => {
    const hook = await behaviour('block', { block_ms: '50' });
    const args = { taskInfo, executorInfo, frameworkInfo, slaveInfo };
    const results = await Promise.all([
      hook.slaveRunTaskLabelDecorator(args, { offThread: true }),
      hook.slaveRunTaskLabelDecorator(args, { offThread: true }),
      hook.slaveRunTaskLabelDecorator(args, { offThread: true }),
      hook.slaveRunTaskLabelDecorator(args),
    ]);
    for (const labels of results) expect(labels).toEqual({ labels: [{ key: 'most_concurrent', value: '1' }] });
  });

  it('terminating a worker with calls pending does not crash the process', () => {
    const project = userProject();
    writeFileSync(
      join(project, 'worker.mjs'),
      `
      import { ModuleManager, builders } from 'mesos-modules';
      import { parentPort } from 'node:worker_threads';
      const m = await ModuleManager.load({ libraries: [{ file: process.env.LIB, modules: [
        { name: 'org_mm_BehaviourHook', parameters: [{ key: 'mode', value: 'pending' }, { key: 'delay_ms', value: '150' }] }] }] });
      const hook = await m.createHook('org_mm_BehaviourHook');
      const args = { executorInfo: builders.executorInfo(), containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/s' };
      for (let i = 0; i < 20; i++) hook.slavePreLaunchDockerTaskExecutorDecorator(args).catch(() => {});
      hook.slaveRunTaskLabelDecorator({ taskInfo: builders.taskInfo(), executorInfo: builders.executorInfo(),
        frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo() }, { offThread: true }).catch(() => {});
      parentPort.postMessage('started');
      `,
    );
    writeFileSync(
      join(project, 'main.mjs'),
      `
      import { Worker } from 'node:worker_threads';
      const worker = new Worker(new URL('./worker.mjs', import.meta.url));
      worker.on('message', async () => { await worker.terminate(); setTimeout(() => console.log('survived'), 400); });
      worker.on('error', (e) => { console.error(e); process.exit(3); });
      `,
    );
    const run = spawnSync(process.execPath, ['main.mjs'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, LIB: fixture('behaviour_hook') },
    });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('survived');
  });
});

describe('log capture', () => {
  it('keeps the lines a hook writes, with severity, file and line', async () => {
    const hook = await behaviour('log');
    await calls.slaveRunTaskLabelDecorator(hook);
    expect(hook.logs.map((l) => [l.severity, l.message, l.method])).toEqual([
      ['INFO', "Executing 'slaveRunTaskLabelDecorator' hook", 'slaveRunTaskLabelDecorator'],
      ['WARNING', 'slaveRunTaskLabelDecorator warns', 'slaveRunTaskLabelDecorator'],
      ['ERROR', 'slaveRunTaskLabelDecorator complains', 'slaveRunTaskLabelDecorator'],
    ]);
    expect(hook.logs[0].file).toBe('behaviour_hook.cpp');
    expect(hook.logs[0].line).toBeGreaterThan(0);
    hook.clearLogs();
    expect(hook.logs).toEqual([]);
  });

  it('attaches the call\'s lines to its error', async () => {
    const error = (await calls.slaveExecutorEnvironmentDecorator(await behaviour('error')).catch((e: unknown) => e)) as HookError;
    expect(error.logs.map((l) => l.message)).toEqual(["Executing 'slaveExecutorEnvironmentDecorator' hook"]);
  });

  it('catches lines logged by the thread that completes a pending future', async () => {
    const hook = await behaviour('pending', { delay_ms: '20' });
    await calls.slavePreLaunchDockerTaskExecutorDecorator(hook);
    expect(hook.logs.map((l) => l.message)).toEqual([
      'slavePreLaunchDockerTaskExecutorDecorator for mesos-abc',
      'completing the prepare future from another thread',
    ]);
  });
});

describe('resources in the deprecated pre-refinement format', () => {
  it('are converted as the master converts them: a role becomes a STATIC reservation', async () => {
    const hook = await behaviour('some');
    const resources = (await hook.masterLaunchTaskResourceDecorator({
      task: builders.taskInfo({ resources: [] }),
      slaveResources: [
        { name: 'cpus', type: 'SCALAR', scalar: { value: 2 }, role: 'web' },
        { name: 'mem', type: 'SCALAR', scalar: { value: 512 }, role: '*' },
      ] as never,
    })) as Array<Record<string, unknown>>;
    expect(resources).toEqual([
      { name: 'cpus', type: 'SCALAR', scalar: { value: 2 }, reservations: [{ type: 'STATIC', role: 'web' }] },
      { name: 'mem', type: 'SCALAR', scalar: { value: 512 } },
    ]);
  });

  it('a reservation without a role is a BadMessage, not a crash', async () => {
    const hook = await behaviour('some');
    const error = await hook
      .slaveResourcesDecorator({
        slaveInfo: builders.slaveInfo({
          resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, reservation: { principal: 'ops' } }] as never,
        }),
      })
      .catch((e: unknown) => e);
    expectError(error, BadMessage, 'BAD_MESSAGE',
      "org_mm_BehaviourHook.slaveResourcesDecorator: slaveInfo.resources[0].reservation: a reservation needs a role other than '*'");
    expect(error).toMatchObject({ path: 'slaveInfo.resources[0].reservation' });
  });
});
