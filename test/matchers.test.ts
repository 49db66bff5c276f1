// The Vitest matchers (mesos-modules/vitest): each passing and failing on real
// calls of the fixture hook, with the failure's message and diff checked.
import { diff } from '@vitest/utils/diff';
import { beforeAll, describe, expect, it } from 'vitest';

import 'mesos-modules/vitest';
import { ModuleManager, builders, type Hook, type LogRecord } from 'mesos-modules';

import { dockerPolicyLibrary, fixture, manifestFor } from './helpers.js';

let hook: Hook;
let refusing: Hook;

beforeAll(async () => {
  const manager = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: [] }));
  hook = await manager.createHook('org_mm_TestHook');
  refusing = await manager.createHook('org_mm_TestHook', [{ key: 'environment_mode', value: 'error' }]);
});

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** The error a failing expectation throws (sync or async). */
async function failure(assertion: () => unknown): Promise<Error & { actual?: unknown; expected?: unknown }> {
  try {
    await assertion();
  } catch (error) {
    return error as Error & { actual?: unknown; expected?: unknown };
  }
  throw new Error('the expectation passed');
}

function prelaunch(taskInfo = builders.taskInfo()) {
  return hook.slavePreLaunchDockerTaskExecutorDecorator({
    taskInfo,
    executorInfo: builders.executorInfo(),
    containerName: 'mesos-1',
    containerWorkDirectory: '/tmp/sandbox',
    mappedSandboxDirectory: '/mnt/mesos/sandbox',
    env: { A: 'b' },
  });
}

const errorTask = () => builders.taskInfo({ labels: builders.labels({ MESOS_Test_Error_Label: 'x' }) });

function labelArgs(labels: Record<string, string>) {
  return {
    taskInfo: builders.taskInfo({ labels: builders.labels(labels) }),
    executorInfo: builders.executorInfo(),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  };
}

describe('toRejectTask', () => {
  it('passes when the call rejects with HookFailure whose message matches', async () => {
    await expect(prelaunch(errorTask())).toRejectTask();
    await expect(prelaunch(errorTask())).toRejectTask(/error label/);
    await expect(prelaunch(errorTask())).toRejectTask('Spotted');
    await expect(() => prelaunch(errorTask())).toRejectTask('Spotted');
    await expect(prelaunch()).not.toRejectTask();
    expect(await prelaunch(errorTask()).catch((e: unknown) => e)).toRejectTask('Spotted error label');
  });

  it('fails with a diff of the refusal message when it does not match', async () => {
    const error = await failure(() => expect(prelaunch(errorTask())).toRejectTask(/privileged/));
    expect(plain(error.message)).toContain('Expected the refusal message to match /privileged/');
    expect(plain(error.message)).toContain('Received refusal: "Spotted error label"');
    expect(error.actual).toBe('Spotted error label');
    expect(error.expected).toBe('/privileged/');
    expect(plain(diff(error.expected, error.actual) ?? '')).toMatch(/- Expected\n\+ Received\n\n- \/privileged\/\n\+ Spotted error label/);
  });

  it('fails when the hook admits the task, showing what it returned', async () => {
    const error = await failure(() => expect(prelaunch()).toRejectTask());
    expect(plain(error.message)).toContain('Expected the hook to refuse the task (reject with a HookFailure),');
    expect(plain(error.message)).toContain('but the call resolved to Object {');
    expect(plain(error.message)).toContain('HOOKTEST_TASK');
  });

  it('does not take another error (HookError) for a refused launch', async () => {
    const error = await failure(() =>
      expect(refusing.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).toRejectTask(),
    );
    expect(plain(error.message)).toContain(
      'but the call rejected with HookError (HOOK_ERROR): environment decorator refused, which is not a refused launch',
    );
  });

  it('fails under .not when the hook refuses', async () => {
    const error = await failure(() => expect(prelaunch(errorTask())).not.toRejectTask());
    expect(plain(error.message)).toContain('Expected the hook not to refuse the task, but it did: "Spotted error label"');
  });
});

describe('toReturnNone', () => {
  it('passes on None and fails, with a diff, on a value', async () => {
    await expect(hook.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).toReturnNone();
    await expect(prelaunch()).not.toReturnNone();

    const error = await failure(() => expect(prelaunch()).toReturnNone());
    expect(plain(error.message)).toContain('Expected the hook to return None (null),\nbut the call resolved to');
    expect(error.expected).toBeNull();
    expect(error.actual).toMatchObject({ taskEnvironment: { variables: [{ name: 'HOOKTEST_TASK', value: 'foo' }] } });
  });

  it('fails on a rejection, naming the error', async () => {
    const error = await failure(() => expect(prelaunch(errorTask())).toReturnNone());
    expect(plain(error.message)).toContain('but the call rejected with HookFailure (HOOK_FAILURE): Spotted error label');
  });

  it('works on an awaited value, and asymmetrically', async () => {
    expect(await hook.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).toReturnNone();
    expect({ result: null }).toEqual({ result: expect.toReturnNone() });
  });
});

describe('toReturnLabels', () => {
  const args = labelArgs({ foo: 'dropped', team: 'web' });

  it('passes on exactly these labels: a record in any order, an array in order', async () => {
    await expect(hook.slaveRunTaskLabelDecorator(args)).toReturnLabels({ team: 'web', baz: 'qux' });
    await expect(hook.slaveRunTaskLabelDecorator(args)).toReturnLabels([
      { key: 'baz', value: 'qux' },
      { key: 'team', value: 'web' },
    ]);
    await expect(hook.slaveRunTaskLabelDecorator(args)).not.toReturnLabels([
      { key: 'team', value: 'web' },
      { key: 'baz', value: 'qux' },
    ]);
    await expect(hook.slaveRunTaskLabelDecorator(args)).not.toReturnLabels({ baz: 'qux' });
    expect(await hook.slaveRunTaskLabelDecorator(args)).toEqual(expect.toReturnLabels({ baz: 'qux', team: 'web' }));
  });

  it('fails with a diff of the labels', async () => {
    const error = await failure(() => expect(hook.slaveRunTaskLabelDecorator(args)).toReturnLabels({ baz: 'qux', team: 'api' }));
    expect(plain(error.message)).toContain('Expected the hook to return exactly the labels (a record: in any order)');
    expect(error.actual).toEqual({ baz: 'qux', team: 'web' });
    expect(error.expected).toEqual({ baz: 'qux', team: 'api' });
    const shown = plain(diff(error.expected, error.actual) ?? '');
    expect(shown).toContain('-   "team": "api",');
    expect(shown).toContain('+   "team": "web",');
  });

  it('fails, in order, for arrays', async () => {
    const expected = [
      { key: 'team', value: 'web' },
      { key: 'baz', value: 'qux' },
    ];
    const error = await failure(() => expect(hook.slaveRunTaskLabelDecorator(args)).toReturnLabels(expected));
    expect(error.expected).toEqual(expected);
    expect(error.actual).toEqual([...expected].reverse());
  });

  it('does not compare repeated keys as a record', async () => {
    const twice = builders.labels([
      { key: 'team', value: 'web' },
      { key: 'team', value: 'api' },
    ]);
    expect(twice).toReturnLabels(twice.labels!);
    const error = await failure(() => expect(twice).toReturnLabels({ team: 'api' }));
    expect(plain(error.message)).toContain('(duplicate keys "team": use the array form to match them)');
  });

  it('fails on None', async () => {
    const { executorInfo: _unused, ...masterArgs } = args; // the master has no ExecutorInfo
    const error = await failure(() => expect(hook.masterLaunchTaskLabelDecorator(masterArgs)).toReturnLabels({}));
    expect(plain(error.message)).toContain('but the call resolved to None (null)');
  });
});

describe('toSetEnv', () => {
  it('passes when the task or executor environment sets the variable', async () => {
    await expect(prelaunch()).toSetEnv('HOOKTEST_TASK');
    await expect(prelaunch()).toSetEnv('HOOKTEST_TASK', 'foo');
    await expect(prelaunch()).toSetEnv('HOOKTEST_EXECUTOR', 'bar', 'executor');
    await expect(prelaunch()).toSetEnv('HOOKTEST_TASK', expect.stringMatching(/^f/));
    await expect(prelaunch()).not.toSetEnv('HOOKTEST_TASK', 'foo', 'executor');
    await expect(prelaunch()).not.toSetEnv('MISSING');
    expect(builders.environment({ A: 'b' })).toSetEnv('A', 'b');
    expect({ env: builders.environment({ A: 'b' }) }).toEqual({ env: expect.toSetEnv('A') });
  });

  it('fails with a diff of the environment', async () => {
    const error = await failure(() => expect(prelaunch()).toSetEnv('HOOKTEST_TASK', 'bar', 'task'));
    expect(plain(error.message)).toContain('Expected the task environment to set HOOKTEST_TASK="bar"');
    expect(plain(error.message)).toContain('Received taskEnvironment: HOOKTEST_TASK="foo"');
    expect(error.actual).toEqual({ HOOKTEST_TASK: 'foo' });
    expect(error.expected).toEqual({ HOOKTEST_TASK: 'bar' });
    const shown = plain(diff(error.expected, error.actual) ?? '');
    expect(shown).toContain('-   "HOOKTEST_TASK": "bar",');
    expect(shown).toContain('+   "HOOKTEST_TASK": "foo",');
  });

  it('fails for a missing variable, showing both environments', async () => {
    const error = await failure(() => expect(prelaunch()).toSetEnv('MESOS_DOCKER_POLICY'));
    expect(plain(error.message)).toContain('Expected the task or executor environment to set "MESOS_DOCKER_POLICY"');
    expect(error.actual).toEqual({ taskEnvironment: { HOOKTEST_TASK: 'foo' }, executorEnvironment: { HOOKTEST_EXECUTOR: 'bar' } });
    expect(error.expected).toEqual({
      taskEnvironment: { HOOKTEST_TASK: 'foo', MESOS_DOCKER_POLICY: '<any value>' },
      executorEnvironment: { HOOKTEST_EXECUTOR: 'bar' },
    });
  });

  it('fails on None and on a refusal', async () => {
    const none = await failure(() => expect(hook.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).toSetEnv('A'));
    expect(plain(none.message)).toContain('but the call resolved to None (null)');
    const refused = await failure(() => expect(prelaunch(errorTask())).toSetEnv('A'));
    expect(plain(refused.message)).toContain('but the call rejected with HookFailure (HOOK_FAILURE): Spotted error label');
  });
});

describe('toHaveLogged', () => {
  const logs: LogRecord[] = [
    { severity: 'INFO', file: 'docker_policy.cpp', line: 120, message: "Admitted task 'web-1'", method: 'slavePreLaunchDockerTaskExecutorDecorator' },
    { severity: 'WARNING', file: 'docker_policy.cpp', line: 131, message: 'Image nginx has no tag', method: 'slavePreLaunchDockerTaskExecutorDecorator' },
  ];
  const stub = { logs };

  it('passes when a line matches, filtered by severity and method', () => {
    expect(stub).toHaveLogged(/Admitted task 'web-1'/);
    expect(stub).toHaveLogged('no tag', { severity: 'WARNING' });
    expect(stub).toHaveLogged('no tag', { severity: ['ERROR', 'WARNING'], method: 'slavePreLaunchDockerTaskExecutorDecorator' });
    expect(stub).not.toHaveLogged('no tag', { severity: 'ERROR' });
    expect(stub).not.toHaveLogged('no tag', { method: 'slaveRunTaskLabelDecorator' });
    expect(logs).toHaveLogged(/admitted/i);
    expect(Object.assign(new Error('refused'), { logs })).toHaveLogged('Admitted');
  });

  it('fails listing what the hook logged, as glog prints it', async () => {
    const error = await failure(() => expect(stub).toHaveLogged(/Refused/));
    expect(plain(error.message)).toContain('Expected the hook to log a line matching /Refused/, but it did not');
    expect(plain(error.message)).toContain("  I docker_policy.cpp:120] Admitted task 'web-1'\n  W docker_policy.cpp:131] Image nginx has no tag");
    const negated = await failure(() => expect(stub).not.toHaveLogged('Admitted'));
    expect(plain(negated.message)).toContain('Expected the hook not to log a line containing "Admitted", but it logged:');
  });

  it('fails on something without logs', async () => {
    const error = await failure(() => expect({}).toHaveLogged('x'));
    expect(plain(error.message)).toContain('Expected a Hook, a hook error or log records');
  });

  it("reads a real Hook's logs, and a refusal's", async () => {
    const manager = await ModuleManager.load(
      manifestFor(dockerPolicyLibrary, {
        org_example_DockerPolicy: [
          { key: 'policy_name', value: 'test' },
          { key: 'deny_privileged', value: 'true' },
        ],
      }),
    );
    const policy = await manager.createHook('org_example_DockerPolicy');
    const launch = (docker: { privileged?: boolean }) =>
      policy.slavePreLaunchDockerTaskExecutorDecorator({
        taskInfo: builders.taskInfo({ container: { docker } }),
        executorInfo: builders.executorInfo(),
        containerName: 'mesos-1',
        containerWorkDirectory: '/tmp/sandbox',
        mappedSandboxDirectory: '/mnt/mesos/sandbox',
      });

    await expect(launch({})).toSetEnv('MESOS_DOCKER_POLICY', 'test');
    expect(policy).toHaveLogged("Docker policy 'test' accepted task 'task-1'", {
      severity: 'INFO',
      method: 'slavePreLaunchDockerTaskExecutorDecorator',
    });
    expect(policy).not.toHaveLogged(/refused/);

    const refusal = await launch({ privileged: true }).catch((e: unknown) => e);
    expect(refusal).toRejectTask('privileged Docker containers are not allowed');
    expect(refusal).toHaveLogged(/refused container 'mesos-1'/, { method: 'slavePreLaunchDockerTaskExecutorDecorator' });
    expect(refusal).not.toHaveLogged(/accepted/);
    expect(policy).toHaveLogged(/refused container/);

    const error = await failure(() => expect(launch({ privileged: true })).toRejectTask(/host path/));
    expect(plain(error.message)).toMatch(/Hook log:\n {2}I docker_policy\.cpp:\d+\] Docker policy refused container 'mesos-1'/);
  });
});
