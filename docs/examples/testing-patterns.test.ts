// The examples of the testing-patterns guide (docs/guides/testing-patterns.md),
// each region shown there, all run against the example hook.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import 'mesos-modules/vitest';
import {
  BadMessage,
  HookFailure,
  HookTimeout,
  ModuleCreateError,
  ModuleManager,
  arbitraries,
  builders,
  type Hook,
  type TaskInfo,
} from 'mesos-modules';

let manager: ModuleManager;
let hook: Hook;

beforeAll(async () => {
  manager = await ModuleManager.load('file://agent-modules.json');
  hook = await manager.createHook('org_example_MyHook');
});

afterAll(() => manager.close());

// #region helpers
/** The arguments the Docker containerizer gives the hook, for one task. */
function dockerLaunch(taskInfo: TaskInfo) {
  return {
    taskInfo,
    executorInfo: builders.executorInfo(),
    containerName: 'mesos-test',
    containerWorkDirectory: '/var/lib/mesos/sandbox',
    mappedSandboxDirectory: '/mnt/mesos/sandbox',
    env: {},
  };
}

function labelArgs(taskInfo: TaskInfo) {
  return {
    taskInfo,
    executorInfo: builders.executorInfo(),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  };
}
// #endregion helpers

describe('builders', () => {
  it('fill every required field, and take deep partial overrides', () => {
    // #region builders
    const task = builders.taskInfo({
      task_id: { value: 'web-1' },
      container: { type: 'DOCKER', docker: { image: 'nginx:1.27' } },
      resources: builders.resources('cpus:0.5;mem:256;ports:[31000-31001]'),
    });
    expect(task.name).toBeTypeOf('string'); // filled by the builder
    expect(task.slave_id.value).toBeTypeOf('string'); // required, at any depth
    expect(task.container?.docker?.image).toBe('nginx:1.27');
    expect(task.resources).toContainEqual(expect.objectContaining({ name: 'ports' }));
    // #endregion builders
  });
});

describe('matchers', () => {
  it('say what the agent would do with the result', async () => {
    // #region matchers
    const plain = builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'nginx:1.27' } } });
    const privileged = builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'nginx:1.27', privileged: true } } });
    const labelled = builders.taskInfo({ labels: builders.labels({ team: 'search' }) });

    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator(dockerLaunch(privileged))).toRejectTask(/privileged/);
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator(dockerLaunch(plain))).toSetEnv('TEAM', 'payments');
    await expect(hook.slaveRunTaskLabelDecorator(labelArgs(plain))).toReturnLabels({ team: 'payments' });
    await expect(hook.slaveRunTaskLabelDecorator(labelArgs(labelled))).toReturnNone();
    expect(hook).toHaveLogged(/already has a team label/, { severity: 'INFO', method: 'slaveRunTaskLabelDecorator' });
    // #endregion matchers
  });
});

describe('errors', () => {
  it('are typed and name the module and method', async () => {
    // #region errors
    const privileged = builders.taskInfo({
      task_id: { value: 'db-1' },
      container: { type: 'DOCKER', docker: { image: 'postgres:16', parameters: [{ key: 'privileged', value: 'true' }] } },
    });
    const error = await hook.slavePreLaunchDockerTaskExecutorDecorator(dockerLaunch(privileged)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookFailure); // the hook's future failed: the agent fails the launch
    expect(error).toMatchObject({
      code: 'HOOK_FAILURE',
      module: 'org_example_MyHook',
      hook: 'slavePreLaunchDockerTaskExecutorDecorator',
      message: "team 'payments' does not run privileged containers (task 'db-1')",
    });
    expect(error).toHaveLogged("refusing privileged task 'db-1'", { severity: 'WARNING' }); // the call's own lines

    // A misspelt argument is refused, never read as an absent optional one.
    const typo = { ...labelArgs(privileged), taskinfo: privileged } as Record<string, unknown>;
    delete typo.taskInfo;
    const refused = await hook.slaveRunTaskLabelDecorator(typo as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadMessage);
    expect(refused).toMatchObject({ code: 'BAD_MESSAGE', path: 'taskinfo' });
    expect((refused as BadMessage).message).toContain("taskinfo: unknown argument of slaveRunTaskLabelDecorator (did you mean 'taskInfo'?)");

    // create() returning nullptr: the message ends with what the module logged.
    await expect(manager.createHook('org_example_MyHook', [])).rejects.toThrow(ModuleCreateError);
    await expect(manager.createHook('org_example_MyHook', [])).rejects.toThrow(
      "Error creating Module instance for 'org_example_MyHook' (it logged: missing the 'team' parameter)",
    );
    // #endregion errors
  });
});

describe('logs', () => {
  it('keep the most recent lines, up to logLimit', async () => {
    // #region logs
    const quiet = await manager.createHook('org_example_MyHook', undefined, { logLimit: 2 });
    for (const id of ['a', 'b', 'c']) {
      await quiet.slaveRunTaskLabelDecorator(labelArgs(builders.taskInfo({ task_id: { value: id } })));
    }
    expect(quiet.logs.map((line) => line.message)).toEqual([
      "labelled task 'b' for team payments",
      "labelled task 'c' for team payments",
    ]);
    expect(quiet.logs[0]).toMatchObject({ severity: 'INFO', method: 'slaveRunTaskLabelDecorator', file: 'my_hook.cpp' });
    expect(quiet.droppedLogs).toBe(1);

    quiet.clearLogs(); // e.g. in beforeEach, so each test sees only its own lines
    expect(quiet.logs).toEqual([]);
    expect(quiet).not.toHaveLogged(/labelled/);
    // #endregion logs
  });
});

describe('futures and timeouts', () => {
  it('wait for a future the hook completes later, up to the timeout', async () => {
    // #region futures
    // review_delay_ms: the hook answers through a future that completes later.
    const slow = await manager.createHook('org_example_MyHook', [
      { key: 'team', value: 'payments' },
      { key: 'review_delay_ms', value: '200' },
    ]);
    const task = builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'nginx:1.27' } } });

    // The promise settles when the future does (the default timeout is 5000 ms).
    await expect(slow.slavePreLaunchDockerTaskExecutorDecorator(dockerLaunch(task))).toSetEnv('TEAM', 'payments');

    // A future still pending after `timeout` ms rejects with HookTimeout.
    await expect(slow.slavePreLaunchDockerTaskExecutorDecorator(dockerLaunch(task), { timeout: 50 })).rejects.toThrow(HookTimeout);
    await expect(slow.slavePreLaunchDockerTaskExecutorDecorator(dockerLaunch(task), { timeout: 50 })).rejects.toThrow(
      "the hook's future did not complete within 50 ms",
    );
    // #endregion futures
  });
});

describe('property tests', () => {
  it('no privileged Docker task is ever launched; every other one gets TEAM', async () => {
    // #region properties
    const pipeline = manager.pipeline('org_example_MyHook');

    await fc.assert(
      fc.asyncProperty(arbitraries.taskInfo({ container: 'docker', privileged: true }), async (taskInfo) => {
        const verdict = await pipeline.simulateLaunch({ taskInfo, containerizer: 'docker' });
        expect(verdict).toMatchObject({ launched: false, reason: 'REASON_CONTAINER_LAUNCH_FAILED' });
      }),
      { numRuns: 200 },
    );

    await fc.assert(
      fc.asyncProperty(arbitraries.taskInfo({ container: 'docker', privileged: false }), async (taskInfo) => {
        const verdict = await pipeline.simulateLaunch({ taskInfo, containerizer: 'docker' });
        expect(verdict).toMatchObject({ launched: true, dockerTaskEnvironment: { TEAM: 'payments' } });
        expect(verdict.labels.labels).toContainEqual(expect.objectContaining({ key: 'team' }));
      }),
      { numRuns: 200 },
    );
    // #endregion properties
  });
});

describe('the pipeline', () => {
  it('runs the hooks as the agent runs its --hooks for a task', async () => {
    // #region pipeline
    const pipeline = manager.pipeline('org_example_MyHook'); // the agent's --hooks, comma-separated
    await pipeline.ready; // the hooks are created (a creation error shows here)

    const privileged = builders.taskInfo({
      task_id: { value: 'db-1' },
      container: { type: 'DOCKER', docker: { image: 'postgres:16', privileged: true } },
    });
    expect(await pipeline.simulateLaunch({ taskInfo: privileged, containerizer: 'docker' })).toEqual({
      launched: false,
      state: 'TASK_FAILED',
      reason: 'REASON_CONTAINER_LAUNCH_FAILED',
      message: "Failed to launch container: Collect failed: team 'payments' does not run privileged containers (task 'db-1')",
      labels: { labels: [{ key: 'team', value: 'payments' }] },
      logs: [],
    });

    const web = builders.taskInfo({ container: { type: 'MESOS' } });
    const verdict = await pipeline.simulateLaunch({ taskInfo: web, containerizer: 'mesos' });
    expect(verdict).toMatchObject({ launched: true, labels: { labels: [{ key: 'team', value: 'payments' }] } });
    // #endregion pipeline
  });
});
