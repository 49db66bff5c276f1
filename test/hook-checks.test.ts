// What a Hook checks around each call, so that a wrong test cannot pass
// quietly: argument keys and values (an unknown key is refused with the
// closest name; env as an object or a Map; numbers finite), results complete
// in the part the agent uses (mesos-facts.md §5), and logs kept within a cap.
import { describe, expect, it } from 'vitest';

import { BadMessage, BadResult, DEFAULT_LOG_LIMIT, ModuleManager, builders, type Hook } from 'mesos-modules';

import { suggest } from '../lib/suggest.js';
import { behaviour, expectError, fixture, labelArgs, manifestFor, rejection } from './helpers.js';

const { taskInfo, executorInfo, slaveInfo } = labelArgs;
const docker = { executorInfo, containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/m' };

async function incomplete(parameters: Array<{ key: string; value: string }> = []): Promise<Hook> {
  const manager = await ModuleManager.load(manifestFor(fixture('incomplete_hook'), { org_mm_IncompleteHook: [] }));
  return manager.createHook('org_mm_IncompleteHook', [{ key: 'required', value: 'yes' }, ...parameters]);
}

describe('strict arguments', () => {
  it('suggest: the closest name, or none', () => {
    expect(suggest('taskinfo', ['taskInfo', 'slaveInfo'])).toBe('taskInfo');
    expect(suggest('envv', ['env', 'executorInfo'])).toBe('env');
    expect(suggest('kye', ['key', 'value'])).toBe('key');
    expect(suggest('completely', ['key', 'value'])).toBeUndefined();
  });

  it('every method refuses an unknown key, listing its arguments', async () => {
    const hook = await behaviour('some');
    const error = await hook.masterSlaveLostHook({ slaveInfo, extra: 1 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadMessage);
    expect((error as BadMessage).code).toBe('BAD_MESSAGE');
    expect((error as BadMessage).message).toBe(
      'org_mm_BehaviourHook.masterSlaveLostHook: extra: unknown argument of masterSlaveLostHook; its arguments are slaveInfo',
    );
    // Keys holding undefined are keys too: a typo is a typo.
    expectError(await rejection(hook.masterSlaveLostHook({ slaveInfo, slaveinfo: undefined } as never)), BadMessage, 'BAD_MESSAGE',
      "org_mm_BehaviourHook.masterSlaveLostHook: slaveinfo: unknown argument of masterSlaveLostHook (did you mean 'slaveInfo'?); its arguments are slaveInfo");
  });

  it('env: a plain object or a Map; other objects are refused', async () => {
    const hook = await behaviour('some');
    const fromObject = await hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: { A: '1', B: '2' } });
    const fromMap = await hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Map([['A', '1'], ['B', '2']]) as never });
    const envOf = (r: typeof fromMap) => r?.taskEnvironment?.variables?.find((v) => v.name === 'ENV')?.value;
    expect(envOf(fromObject)).toBe('2');
    expect(envOf(fromMap)).toBe('2');
    expectError(
      await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Map([[1, '1']]) as never })),
      BadMessage,
      'BAD_MESSAGE',
      "org_mm_BehaviourHook.slavePreLaunchDockerTaskExecutorDecorator: env: a Map's keys must be strings, got number 1",
    );
    expectError(
      await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Map([['A', 1]]) as never })),
      BadMessage,
      'BAD_MESSAGE',
      'org_mm_BehaviourHook.slavePreLaunchDockerTaskExecutorDecorator: env.A: expected a string',
    );
    expectError(
      await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Set() as never })),
      BadMessage,
      'BAD_MESSAGE',
      'org_mm_BehaviourHook.slavePreLaunchDockerTaskExecutorDecorator: env: expected an object or a Map of strings, got Set',
    );
  });

  it('NaN and Infinity are invalid values naming the path, required or optional', async () => {
    const hook = await behaviour('some');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ health_check: { delay_seconds: NaN } }, 'taskInfo.health_check.delay_seconds: invalid value NaN'],
      [{ resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: Infinity } }] }, 'taskInfo.resources[0].scalar.value: invalid value Infinity'],
      [{ kill_policy: { grace_period: { nanoseconds: -Infinity } } }, 'taskInfo.kill_policy.grace_period.nanoseconds: invalid value -Infinity'],
      [{ discovery: { visibility: 'FRAMEWORK', ports: { ports: [{ number: NaN }] } } }, 'taskInfo.discovery.ports.ports[0].number: invalid value NaN'],
    ];
    for (const [fields, message] of cases) {
      const error = await hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: { ...taskInfo, ...fields } as never }).catch((e: unknown) => e);
      expectError(error, BadMessage, 'BAD_MESSAGE',
        `org_mm_BehaviourHook.slaveRunTaskLabelDecorator: ${message}: a number must be finite (Mesos's JSON cannot carry NaN or Infinity)`);
    }
  });

  it('a bigint in the wrong place says bigint', async () => {
    const hook = await behaviour('some');
    expectError(
      await rejection(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: { ...taskInfo, name: 5n as never } })),
      BadMessage,
      'BAD_MESSAGE',
      'org_mm_BehaviourHook.slaveRunTaskLabelDecorator: taskInfo.name: expected a string, got bigint 5',
    );
  });
});

describe('results checked as the agent uses them', () => {
  it('each method: the field path and why', async () => {
    const hook = await incomplete();
    const cases: Array<[Promise<unknown>, string, string]> = [
      [hook.slaveRunTaskLabelDecorator(labelArgs), 'slaveRunTaskLabelDecorator', 'labels[1].key'],
      [hook.slaveExecutorEnvironmentDecorator({ executorInfo }), 'slaveExecutorEnvironmentDecorator', 'variables[0].name'],
      [hook.slaveAttributesDecorator({ slaveInfo }), 'slaveAttributesDecorator', '[0].type'],
      [hook.slavePreLaunchDockerTaskExecutorDecorator(docker), 'slavePreLaunchDockerTaskExecutorDecorator', 'taskEnvironment.variables[0].name'],
    ];
    for (const [call, method, path] of cases) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadResult);
      expect(error).toMatchObject({ code: 'BAD_RESULT', hook: method, path, module: 'org_mm_IncompleteHook', missing: [path] });
      expect((error as BadResult).message).toBe(`org_mm_IncompleteHook.${method}: the agent could not deliver the result: required field ${path} is not set`);
    }
  });

  it("slaveTaskStatusDecorator: only labels and container_status must be complete", async () => {
    const status = { frameworkId: { value: 'f' }, status: builders.taskStatus() };
    // No task_id, no state: the agent allows it.
    await expect((await incomplete()).slaveTaskStatusDecorator(status)).resolves.toEqual({ labels: { labels: [{ key: 'k', value: 'v' }] } });
    const refused = await rejection((await incomplete([{ key: 'status', value: 'bad' }])).slaveTaskStatusDecorator(status));
    expectError(refused, BadResult, 'BAD_RESULT',
      'org_mm_IncompleteHook.slaveTaskStatusDecorator: the agent could not deliver the result: required field labels.labels[0].key is not set');
    expect(refused).toMatchObject({ path: 'labels.labels[0].key' });
    // The behaviour hook's partial status (labels and container_status only) stays valid.
    await expect((await behaviour('some')).slaveTaskStatusDecorator(status)).resolves.toHaveProperty('container_status');
  });
});

describe('bounded logs', () => {
  it('keeps the most recent lines up to logLimit and counts the dropped', async () => {
    expect(DEFAULT_LOG_LIMIT).toBe(10_000);
    const hook = await behaviour('log', {}, { logLimit: 5 });
    for (let i = 0; i < 4; i++) await hook.slaveRunTaskLabelDecorator(labelArgs);
    // Three lines per call (INFO, WARNING, ERROR): 12 written, 5 kept.
    expect(hook.logs).toHaveLength(5);
    expect(hook.droppedLogs).toBe(7);
    expect(hook.logs[4].message).toBe('slaveRunTaskLabelDecorator complains');
    hook.clearLogs();
    expect(hook.logs).toHaveLength(0);
    expect(hook.droppedLogs).toBe(0);
    const none = await behaviour('log', {}, { logLimit: 0 });
    await none.slaveRunTaskLabelDecorator(labelArgs);
    expect(none.logs).toHaveLength(0);
    expect(none.droppedLogs).toBe(3);
  });

  it('many calls stay within the default cap', async () => {
    const hook = await behaviour('log');
    for (let i = 0; i < 4000; i++) await hook.slaveRunTaskLabelDecorator(labelArgs);
    expect(hook.logs).toHaveLength(DEFAULT_LOG_LIMIT);
    expect(hook.droppedLogs).toBe(12_000 - DEFAULT_LOG_LIMIT);
  });

  it('an invalid logLimit is refused', async () => {
    expectError(await rejection(behaviour('log', {}, { logLimit: -1 })), RangeError, undefined, 'logLimit must be a whole number of lines (0 or more), got -1');
  });
});
