// A hook with the observable behaviour of Mesos's reference test hook
// (src/examples/test_hook_module.cpp), asserted the way Mesos's own hook
// tests assert it (src/tests/hook_tests.cpp), without a master or agent.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { HookFailure, ModuleManager, builders, type Hook } from 'mesos-modules';
import 'mesos-modules/vitest';

import { expectError, fixture, manifestFor, rejection } from './helpers.js';

let hook: Hook;

beforeAll(async () => {
  const manager = await ModuleManager.load(manifestFor(fixture('reference_hook'), { org_mm_ReferenceHook: [] }));
  hook = await manager.createHook('org_mm_ReferenceHook');
});

const executorInfo = builders.executorInfo();
const frameworkInfo = builders.frameworkInfo();
const slaveInfo = builders.slaveInfo();

describe('VerifyMasterLaunchTaskLabelDecoratorHook', () => {
  it('adds the test label and removes the one marked for removal', async () => {
    const taskInfo = builders.taskInfo({ labels: { labels: [{ key: 'MESOS_Test_Remove_Label', value: 'FooBar' }] } });
    await expect(hook.masterLaunchTaskLabelDecorator({ taskInfo, frameworkInfo, slaveInfo })).resolves.toEqual({
      labels: [{ key: 'MESOS_Test_Label', value: 'ApacheMesos' }],
    });
  });
});

describe('VerifySlaveRunTaskHook', () => {
  it('master then agent decorators give [baz:qux, MESOS_Test_Label:ApacheMesos, bar:baz]', async () => {
    const taskInfo = builders.taskInfo({ labels: { labels: [{ key: 'foo', value: 'bar' }, { key: 'bar', value: 'baz' }] } });
    const master = await hook.masterLaunchTaskLabelDecorator({ taskInfo, frameworkInfo, slaveInfo });
    const decorated = { ...taskInfo, labels: master! };
    await expect(hook.slaveRunTaskLabelDecorator({ taskInfo: decorated, executorInfo, frameworkInfo, slaveInfo })).toReturnLabels([
      { key: 'baz', value: 'qux' },
      { key: 'MESOS_Test_Label', value: 'ApacheMesos' },
      { key: 'bar', value: 'baz' },
    ]);
  });
});

describe('VerifyMasterLaunchTaskResourceDecoratorHook', () => {
  it('gives the task 10 of network_bandwidth, allocated to its role, when the agent has some', async () => {
    const agentResources = builders.resources('cpus:2;mem:1024;network_bandwidth:100');
    const task = builders.taskInfo({
      resources: [
        { name: 'cpus', type: 'SCALAR', scalar: { value: 2 }, allocation_info: { role: 'web' } },
        { name: 'mem', type: 'SCALAR', scalar: { value: 1024 }, allocation_info: { role: 'web' } },
      ],
    });
    const resources = await hook.masterLaunchTaskResourceDecorator({ task, slaveResources: agentResources });
    const bandwidth = resources!.find((r) => r.name === 'network_bandwidth');
    expect(bandwidth).toEqual({
      name: 'network_bandwidth',
      type: 'SCALAR',
      scalar: { value: 10 },
      allocation_info: { role: 'web' },
    });
  });

  it('leaves the task alone when the agent has no network_bandwidth', async () => {
    const task = builders.taskInfo();
    const resources = await hook.masterLaunchTaskResourceDecorator({ task, slaveResources: builders.resources('cpus:2') });
    expect(resources!.map((r) => r.name).sort()).toEqual(['cpus', 'mem']);
  });
});

describe('MasterSlaveLostHookTest and VerifySlaveLaunchExecutorHook', () => {
  it('the lost-agent hook runs its actor round trip', async () => {
    hook.clearLogs();
    await expect(hook.masterSlaveLostHook({ slaveInfo })).resolves.toBeUndefined();
    expect(hook).toHaveLogged(`Executing 'masterSlaveLostHook' in agent '${slaveInfo.id!.value}'`);
    expect(hook).toHaveLogged('HookProcess emitting signal');
    expect(hook).toHaveLogged('HookProcess caught signal: org_mm_ReferenceHook');
  });

  it('the remove-executor hook runs its actor round trip', async () => {
    hook.clearLogs();
    await expect(hook.slaveRemoveExecutorHook({ frameworkInfo, executorInfo })).resolves.toBeUndefined();
    expect(hook).toHaveLogged("Executing 'slaveRemoveExecutorHook'");
    expect(hook).toHaveLogged('HookProcess caught signal: org_mm_ReferenceHook');
  });
});

describe('VerifySlaveExecutorEnvironmentDecorator', () => {
  it('sets FOO=bar, keeping the executor\'s own variables', async () => {
    const info = builders.executorInfo({ command: { environment: { variables: [{ name: 'A', value: '1' }] } } });
    await expect(hook.slaveExecutorEnvironmentDecorator({ executorInfo: info })).resolves.toEqual({
      variables: [
        { name: 'A', value: '1' },
        { name: 'FOO', value: 'bar' },
      ],
    });
  });
});

describe('ROOT_DOCKER_VerifySlavePreLaunchDockerTaskExecutorDecorator (and ...Hook, ...Validator)', () => {
  function sandbox(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mm-sandbox-'));
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  const args = (taskInfo: ReturnType<typeof builders.taskInfo>, containerWorkDirectory: string) => ({
    taskInfo,
    executorInfo,
    containerName: 'mesos-docker-1',
    containerWorkDirectory,
    mappedSandboxDirectory: '/mnt/mesos/sandbox',
    env: {},
  });

  it('sets HOOKTEST_TASK for the task and HOOKTEST_EXECUTOR for the executor, and creates <sandbox>/foo', async () => {
    const dir = sandbox();
    const call = hook.slavePreLaunchDockerTaskExecutorDecorator(args(builders.taskInfo(), dir));
    await expect(call).toSetEnv('HOOKTEST_TASK', 'foo', 'task');
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator(args(builders.taskInfo(), dir))).toSetEnv('HOOKTEST_EXECUTOR', 'bar', 'executor');
    expect(existsSync(join(dir, 'foo'))).toBe(true);
  });

  it('refuses a task carrying the error label: the launch fails', async () => {
    const taskInfo = builders.taskInfo({ labels: { labels: [{ key: 'MESOS_Test_Error_Label' }] } });
    const call = hook.slavePreLaunchDockerTaskExecutorDecorator(args(taskInfo, sandbox()));
    await expect(call).toRejectTask('Spotted error label');
    expectError(await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator(args(taskInfo, sandbox()))), HookFailure, 'HOOK_FAILURE', 'Spotted error label');
  });
});

describe('ROOT_DOCKER_VerifySlavePostFetchHook', () => {
  it('removes post_fetch_hook from the sandbox', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-fetch-'));
    writeFileSync(join(dir, 'post_fetch_hook'), '');
    await expect(hook.slavePostFetchHook({ containerId: { value: 'c-1' }, directory: dir })).resolves.toBeUndefined();
    expect(existsSync(join(dir, 'post_fetch_hook'))).toBe(false);
  });
});

describe('VerifySlaveTaskStatusDecorator', () => {
  it('labels [bar:qux, bar:baz] and one network with 4.3.2.1, group public, label net_foo:net_bar', async () => {
    const status = builders.taskStatus({
      state: 'TASK_RUNNING',
      labels: { labels: [{ key: 'foo', value: 'bar' }, { key: 'bar', value: 'baz' }] },
    });
    const result = await hook.slaveTaskStatusDecorator({ frameworkId: { value: 'fw-1' }, status });
    expect(result).toEqual({
      labels: { labels: [{ key: 'bar', value: 'qux' }, { key: 'bar', value: 'baz' }] },
      container_status: {
        network_infos: [
          {
            ip_addresses: [{ ip_address: '4.3.2.1' }],
            groups: ['public'],
            labels: { labels: [{ key: 'net_foo', value: 'net_bar' }] },
          },
        ],
      },
    });
  });
});

describe('VerifySlaveResourcesAndAttributesDecorator', () => {
  it('cpus becomes 4, foo:{bar,baz} is added, mem stays', async () => {
    const resources = (await hook.slaveResourcesDecorator({ slaveInfo }))!;
    expect(resources.find((r) => r.name === 'cpus')?.scalar).toEqual({ value: 4 });
    expect(resources.find((r) => r.name === 'foo')?.set).toEqual({ item: ['bar', 'baz'] });
    expect(resources.some((r) => r.name === 'mem')).toBe(true);
  });

  it('adds the rack:rack1 TEXT attribute', async () => {
    await expect(hook.slaveAttributesDecorator({ slaveInfo: builders.slaveInfo({ attributes: [] }) })).resolves.toEqual([
      { name: 'rack', type: 'TEXT', text: { value: 'rack1' } },
    ]);
  });
});
