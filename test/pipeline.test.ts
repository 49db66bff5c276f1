// manager.pipeline(): several hooks combined as HookManager combines them, the
// --hooks parsing of HookManager::initialize, and the launch simulations.
import { describe, expect, it } from 'vitest';

import { HookFailure, ModuleCreateError, ModuleManager, ModuleUnknownError, builders, parseHookList } from 'mesos-modules';

import { expectError, fixture, rejection, thrown } from './helpers.js';

type Params = Record<string, string>;

/** A manager with ChainHookA/B/C (parameters per module) and the non-Hook-named test hook. */
async function chain(params: { a?: Params; b?: Params; c?: Params } = {}) {
  const p = (o: Params = {}) => Object.entries(o).map(([key, value]) => ({ key, value }));
  return ModuleManager.load({
    libraries: [
      {
        file: fixture('chain_hook'),
        modules: [
          { name: 'org_mm_ChainHookA', parameters: p(params.a) },
          { name: 'org_mm_ChainHookB', parameters: p(params.b) },
          { name: 'org_mm_ChainHookC', parameters: p(params.c) },
        ],
      },
    ],
  });
}

const A = 'org_mm_ChainHookA';
const B = 'org_mm_ChainHookB';
const C = 'org_mm_ChainHookC';
const tagsOf = (labels: { labels?: Array<{ key: string; value?: string }> }) =>
  (labels.labels ?? []).filter((l) => l.key === 'chain').map((l) => l.value).join('');

const orders: Array<[string[], string]> = [
  [[A, B], 'ab'],
  [[B, A], 'ba'],
  [[A, B, C], 'abc'],
  [[C, B, A], 'cba'],
];

describe('--hooks parsing (HookManager::initialize)', () => {
  it('splits on commas, keeps empty tokens and does not trim', () => {
    expect(parseHookList('a,b')).toEqual(['a', 'b']);
    expect(parseHookList('')).toEqual(['']);
    expect(parseHookList('a,')).toEqual(['a', '']);
    expect(parseHookList('a, b')).toEqual(['a', ' b']);
  });

  it('refuses an unknown name, an empty entry, a padded name and a repeated name, with the agent messages', async () => {
    const manager = await chain();
    expectError(thrown(() => manager.pipeline(`${A},nope`)), ModuleUnknownError, 'MODULE_UNKNOWN', "No hook module named 'nope' available");
    expectError(thrown(() => manager.pipeline(`${A},nope`)), ModuleUnknownError, 'MODULE_UNKNOWN', "No hook module named 'nope' available");
    expectError(thrown(() => manager.pipeline(`${A},`)), ModuleUnknownError, 'MODULE_UNKNOWN', "No hook module named '' available");
    expectError(thrown(() => manager.pipeline(`${A}, ${B}`)), ModuleUnknownError, 'MODULE_UNKNOWN', `No hook module named ' ${B}' available`);
    expectError(thrown(() => manager.pipeline([A, A])), ModuleCreateError, 'MODULE_CREATE', `Hook module '${A}' already loaded`);
  });

  it('refuses a loaded module that is not of kind Hook, and reports a hook that cannot be created', async () => {
    const manager = await ModuleManager.load({
      libraries: [{ file: fixture('module_records'), modules: [{ name: 'org_mm_Anonymous' }, { name: 'org_mm_CreateNull' }] }],
    }, { mesosVersion: '1.11.0' });
    expect(manager.contains('org_mm_Anonymous')).toBe(true);
    expectError(thrown(() => manager.pipeline('org_mm_Anonymous')), ModuleUnknownError, 'MODULE_UNKNOWN', "No hook module named 'org_mm_Anonymous' available");
    const pipeline = manager.pipeline('org_mm_CreateNull');
    const error = await pipeline.masterSlaveLostHook({ slaveInfo: builders.slaveInfo() }).catch((e: unknown) => e);
    expectError(error, ModuleCreateError, 'MODULE_CREATE',
      "Failed to instantiate hook module 'org_mm_CreateNull': Error creating Module instance for 'org_mm_CreateNull'");
  });

  it('returns synchronously and creates each hook with its manifest parameters', async () => {
    const manager = await chain({ a: { tag: 'X' } });
    const pipeline = manager.pipeline(`${A},${B}`);
    expect(pipeline.names).toEqual([A, B]);
    expect((await pipeline.ready).map((h) => h.module)).toEqual([A, B]);
    const labels = await pipeline.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo(),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    expect(tagsOf(labels)).toBe('Xb');
  });
});

describe.each(orders)('chained %j', (names, order) => {
  const agentArgs = {
    taskInfo: builders.taskInfo({ labels: { labels: [{ key: 'mine', value: '1' }] } }),
    executorInfo: builders.executorInfo({ command: { environment: { variables: [{ name: 'KEEP', value: 'k' }] } } }),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo({ attributes: [{ name: 'rack', type: 'TEXT', text: { value: 'r1' } }] }),
  };

  it('label decorators: each hook sees the previous labels; Some replaces', async () => {
    const pipeline = (await chain()).pipeline(names);
    const agent = await pipeline.slaveRunTaskLabelDecorator(agentArgs);
    expect(agent.labels?.[0]).toEqual({ key: 'mine', value: '1' });
    expect(tagsOf(agent)).toBe(order);
    const master = await pipeline.masterLaunchTaskLabelDecorator({
      taskInfo: agentArgs.taskInfo,
      frameworkInfo: agentArgs.frameworkInfo,
      slaveInfo: agentArgs.slaveInfo,
    });
    expect(tagsOf(master)).toBe(order);
  });

  it('resource decorators chain on the task / agent resources', async () => {
    const pipeline = (await chain()).pipeline(names);
    const master = await pipeline.masterLaunchTaskResourceDecorator({ task: agentArgs.taskInfo, slaveResources: builders.resources() });
    expect(master.slice(2).map((r) => r.name).join('')).toBe(order);
    const agent = await pipeline.slaveResourcesDecorator({ slaveInfo: agentArgs.slaveInfo });
    expect(agent.slice(3).map((r) => r.name).join('')).toBe(order);
    // Each mark counts the resources it saw: proof the next hook got the previous output.
    expect(agent.slice(3).map((r) => r.scalar?.value)).toEqual(names.map((_, i) => 4 + i));
  });

  it('environment and attribute decorators chain', async () => {
    const pipeline = (await chain()).pipeline(names);
    const env = await pipeline.slaveExecutorEnvironmentDecorator({ executorInfo: agentArgs.executorInfo });
    expect(env.variables).toEqual([
      { name: 'KEEP', value: 'k' },
      { name: 'ORDER', value: order },
    ]);
    const attributes = await pipeline.slaveAttributesDecorator({ slaveInfo: agentArgs.slaveInfo });
    expect(attributes.map((a) => a.name).join('')).toBe(`rack${order}`);
    expect(attributes.slice(1).map((a) => a.text?.value)).toEqual(names.map((_, i) => String(1 + i)));
  });

  it('the Docker decorator merges every hook result in hook order (variables append, last wins in a map)', async () => {
    const pipeline = (await chain()).pipeline(names);
    const prepared = await pipeline.slavePreLaunchDockerTaskExecutorDecorator({
      taskInfo: agentArgs.taskInfo,
      executorInfo: agentArgs.executorInfo,
      containerName: 'mesos-1',
      containerWorkDirectory: '/tmp/w',
      mappedSandboxDirectory: '/mnt/mesos/sandbox',
      env: {},
    });
    const task = prepared.taskEnvironment?.variables ?? [];
    expect(task.filter((v) => v.name === 'LAST').map((v) => v.value).join('')).toBe(order);
    expect(task.filter((v) => v.name.startsWith('SEEN_')).map((v) => v.name.slice(5)).join('')).toBe(order);
    expect(prepared.executorEnvironment?.variables?.map((v) => v.name)).toEqual([...order].map((t) => `EXECUTOR_${t}`));
  });

  it('the status decorator keeps only labels and container_status of each result', async () => {
    const pipeline = (await chain()).pipeline(names);
    const status = await pipeline.slaveTaskStatusDecorator({ frameworkId: builders.frameworkID('f'), status: builders.taskStatus({ message: 'mine' }) });
    expect(status.message).toBe('mine');
    expect(tagsOf(status.labels ?? {})).toBe(order);
    // Each hook appended a network info to the container_status it was given.
    expect(status.container_status?.network_infos?.map((n) => n.ip_addresses?.[0]?.ip_address)).toEqual(names.map((_, i) => `10.0.0.${i + 1}`));
    expect(status.task_id).toEqual({ value: 'task-1' });
  });

  it('void hooks call every hook', async () => {
    const pipeline = (await chain({ a: { mode: 'error' }, b: { mode: 'error' }, c: { mode: 'error' } })).pipeline(names);
    await pipeline.masterSlaveLostHook({ slaveInfo: agentArgs.slaveInfo });
    await pipeline.slavePostFetchHook({ containerId: builders.containerID('c1'), directory: '/d' });
    await pipeline.slaveRemoveExecutorHook({ frameworkInfo: agentArgs.frameworkInfo, executorInfo: agentArgs.executorInfo });
    const mods = pipeline.logs.map((l) => l.module);
    expect(mods).toEqual([...names, ...names, ...names]);
  });
});

describe('Error and None results', () => {
  const args = {
    taskInfo: builders.taskInfo(),
    executorInfo: builders.executorInfo(),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  };

  it('an Error changes nothing and is logged as the agent warns; None changes nothing', async () => {
    const pipeline = (await chain({ b: { mode: 'error' }, c: { mode: 'none' } })).pipeline([A, B, C]);
    expect(tagsOf(await pipeline.slaveRunTaskLabelDecorator(args))).toBe('a');
    expect(pipeline.logs).toEqual([
      {
        severity: 'WARNING',
        module: B,
        method: 'slaveRunTaskLabelDecorator',
        message: `Agent label decorator hook failed for module '${B}': b slaveRunTaskLabelDecorator refused`,
      },
    ]);
    pipeline.clearLogs();
    await pipeline.masterLaunchTaskLabelDecorator({ taskInfo: args.taskInfo, frameworkInfo: args.frameworkInfo, slaveInfo: args.slaveInfo });
    await pipeline.masterLaunchTaskResourceDecorator({ task: args.taskInfo, slaveResources: [] });
    await pipeline.masterSlaveLostHook({ slaveInfo: args.slaveInfo });
    await pipeline.slaveExecutorEnvironmentDecorator({ executorInfo: args.executorInfo });
    await pipeline.slavePostFetchHook({ containerId: builders.containerID('c'), directory: '/d' });
    await pipeline.slaveRemoveExecutorHook({ frameworkInfo: args.frameworkInfo, executorInfo: args.executorInfo });
    await pipeline.slaveTaskStatusDecorator({ frameworkId: builders.frameworkID('f'), status: builders.taskStatus() });
    await pipeline.slaveResourcesDecorator({ slaveInfo: args.slaveInfo });
    await pipeline.slaveAttributesDecorator({ slaveInfo: args.slaveInfo });
    expect(pipeline.logs.map((l) => l.message.replace(/ for module .*/, ''))).toEqual([
      'Master label decorator hook failed',
      'Master resource decorator hook failed',
      'Master agent-lost hook failed',
      'Agent environment decorator hook failed',
      'Agent post fetch hook failed',
      'Agent remove executor hook failed',
      'Agent TaskStatus decorator hook failed',
      'Agent Resources decorator hook failed',
      'Agent Attributes decorator hook failed',
    ]);
  });

  it('with no Some at all the original labels and environment come back', async () => {
    const pipeline = (await chain({ a: { mode: 'none' }, b: { mode: 'error' } })).pipeline([A, B]);
    const taskInfo = builders.taskInfo({ labels: { labels: [{ key: 'k', value: 'v' }] } });
    expect(await pipeline.slaveRunTaskLabelDecorator({ ...args, taskInfo })).toEqual(taskInfo.labels);
    expect(await pipeline.slaveExecutorEnvironmentDecorator({ executorInfo: args.executorInfo })).toEqual({});
  });
});

describe('a failing Docker decorator among several', () => {
  const dockerArgs = {
    taskInfo: builders.taskInfo(),
    executorInfo: builders.executorInfo(),
    containerName: 'mesos-1',
    containerWorkDirectory: '/tmp/w',
    mappedSandboxDirectory: '/mnt/mesos/sandbox',
  };

  it.each([[[A, B, C]], [[C, B, A]]])('fails the whole call with Collect failed (%j)', async (names) => {
    const pipeline = (await chain({ b: { docker: 'failure' } })).pipeline(names);
    const error = await pipeline.slavePreLaunchDockerTaskExecutorDecorator(dockerArgs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookFailure);
    expect((error as HookFailure).message).toBe('Collect failed: b refuses task-1');
    expect((error as HookFailure).module).toBe(B);
  });

  it('None results merge to nothing', async () => {
    const pipeline = (await chain({ a: { docker: 'none' }, b: { docker: 'none' } })).pipeline([A, B]);
    expect(await pipeline.slavePreLaunchDockerTaskExecutorDecorator(dockerArgs)).toEqual({});
  });
});

describe('simulateLaunch / simulateMasterLaunch', () => {
  it('a Docker task: labels, executor environment and Docker environments as the agent uses them', async () => {
    const pipeline = (await chain()).pipeline([A, B]);
    const verdict = await pipeline.simulateLaunch({ taskInfo: builders.taskInfo(), containerizer: 'docker' });
    expect(verdict.launched).toBe(true);
    if (!verdict.launched) return;
    expect(tagsOf(verdict.labels)).toBe('ab');
    expect(verdict.executorEnvironment).toMatchObject({ ORDER: 'ab', MESOS_SANDBOX: '/mnt/mesos/sandbox', EXECUTOR_a: '1', EXECUTOR_b: '1' });
    expect(verdict.dockerTaskEnvironment).toEqual({ LAST: 'b', SEEN_a: '1', SEEN_b: '1' });
  });

  it('a Docker task refused by one hook fails with REASON_CONTAINER_LAUNCH_FAILED', async () => {
    const pipeline = (await chain({ a: { docker: 'failure' } })).pipeline([A, B]);
    const verdict = await pipeline.simulateLaunch({ taskInfo: builders.taskInfo({ task_id: { value: 't9' } }), containerizer: 'docker' });
    expect(verdict).toMatchObject({
      launched: false,
      state: 'TASK_FAILED',
      reason: 'REASON_CONTAINER_LAUNCH_FAILED',
      message: 'Failed to launch container: Collect failed: a refuses t9',
    });
  });

  it('a Mesos-containerizer task never runs the Docker decorator', async () => {
    const pipeline = (await chain({ a: { docker: 'failure', mode: 'error' } })).pipeline([A, B]);
    const verdict = await pipeline.simulateLaunch({ taskInfo: builders.taskInfo(), containerizer: 'mesos' });
    expect(verdict.launched).toBe(true);
    if (!verdict.launched) return;
    expect(verdict.dockerTaskEnvironment).toBeUndefined();
    expect(verdict.executorEnvironment.ORDER).toBe('b');
    expect(verdict.logs.map((l) => l.method)).toEqual(['slaveRunTaskLabelDecorator', 'slaveExecutorEnvironmentDecorator', 'slavePostFetchHook']);
  });

  it('a custom executor gets the task environment in its own environment', async () => {
    const pipeline = (await chain()).pipeline([A]);
    const verdict = await pipeline.simulateLaunch({
      taskInfo: builders.taskInfo(),
      executorInfo: builders.executorInfo({ executor_id: { value: 'custom' } }),
      containerizer: 'docker',
    });
    expect(verdict.launched && verdict.executorEnvironment).toMatchObject({ LAST: 'a', SEEN_a: '1', MESOS_EXECUTOR_ID: 'custom' });
  });

  it('refuses an unknown containerizer', async () => {
    const pipeline = (await chain()).pipeline([A]);
    expectError(await rejection(pipeline.simulateLaunch({ taskInfo: builders.taskInfo(), containerizer: 'lxc' as 'docker' })), TypeError, undefined, `containerizer: expected 'docker' or 'mesos', got "lxc"`);
  });

  it('the master decorates resources, then labels', async () => {
    const pipeline = (await chain()).pipeline([B, A]);
    const result = await pipeline.simulateMasterLaunch({ taskInfo: builders.taskInfo() });
    expect(tagsOf(result.labels)).toBe('ba');
    expect(result.resources.map((r) => r.name)).toEqual(['cpus', 'mem', 'b', 'a']);
  });
});
