// arbitraries: every generated message crosses into C++ (never a BadMessage),
// round-trips where a hook hands it back, and follows its knobs.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { ModuleManager, arbitraries, builders, type Hook, type TaskInfo } from 'mesos-modules';

import { fixture, manifestFor } from './helpers.js';

let echo: Hook;
let chain: Hook;

beforeAll(async () => {
  echo = await (await ModuleManager.load(manifestFor(fixture('echo_hook'), { org_mm_EchoHook: [] }))).createHook('org_mm_EchoHook');
  chain = await (await ModuleManager.load(manifestFor(fixture('chain_hook'), { org_mm_ChainHookA: [] }))).createHook('org_mm_ChainHookA');
});

const runs = { numRuns: 300 };

describe('arbitraries are valid by construction', () => {
  it('taskInfo, frameworkInfo and slaveInfo convert (master label decorator)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries.taskInfo(), arbitraries.frameworkInfo(), arbitraries.slaveInfo(), async (taskInfo, frameworkInfo, slaveInfo) => {
        await expect(echo.masterLaunchTaskLabelDecorator({ taskInfo, frameworkInfo, slaveInfo })).resolves.not.toBeNull();
      }),
      runs,
    );
  });

  it('a taskStatus comes back from a hook unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries.taskStatus(), async (status) => {
        expect(await echo.slaveTaskStatusDecorator({ frameworkId: builders.frameworkID('f'), status })).toEqual(status);
      }),
      runs,
    );
  });

  it('executorInfo, containerID, resources, attributes, labels and environment convert', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraries.executorInfo(),
        arbitraries.containerID(),
        arbitraries.resources(),
        arbitraries.attributes(),
        arbitraries.labels(),
        arbitraries.environment(),
        async (executorInfo, containerId, resources, attributes, labels, environment) => {
          await chain.slavePostFetchHook({ containerId, directory: '/d' });
          const env = await chain.slaveExecutorEnvironmentDecorator({ executorInfo: { ...executorInfo, command: { ...executorInfo.command, environment } } });
          expect(env?.variables?.slice(0, -1)).toEqual(environment.variables);
          const slaveInfo = builders.slaveInfo({ resources, attributes });
          expect((await chain.slaveResourcesDecorator({ slaveInfo }))?.length).toBe(resources.length + 1);
          const taskInfo = builders.taskInfo({ labels });
          expect((await chain.slaveRunTaskLabelDecorator({ taskInfo, executorInfo, frameworkInfo: builders.frameworkInfo(), slaveInfo }))?.labels?.slice(0, -1)).toEqual(labels.labels);
        },
      ),
      runs,
    );
  });

  it('message(name) fills every required field with arbitrary values, overrides kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraries.message('mesos.TaskInfo', { container: { type: 'DOCKER' } }),
        arbitraries.message('mesos.FrameworkInfo'),
        arbitraries.message('mesos.SlaveInfo'),
        async (taskInfo, frameworkInfo, slaveInfo) => {
          expect(taskInfo.container?.docker?.image).toBeTypeOf('string');
          await expect(echo.masterLaunchTaskLabelDecorator({ taskInfo, frameworkInfo, slaveInfo })).resolves.not.toBeNull();
        },
      ),
      runs,
    );
    const names = new Set(fc.sample(arbitraries.message('mesos.TaskInfo'), 50).map((t) => t.name));
    expect(names.size).toBeGreaterThan(10);
    const unknown = (() => {
      try {
        return arbitraries.message('mesos.Nope' as 'mesos.TaskInfo');
      } catch (error) {
        return error;
      }
    })();
    expect(unknown).toBeInstanceOf(Error);
    expect((unknown as { code?: string }).code).toBeUndefined();
    expect((unknown as Error).message).toBe("unknown Mesos message type 'mesos.Nope'");
  });
});

describe('taskInfo knobs', () => {
  const paths = (t: TaskInfo) => [
    ...(t.container?.volumes ?? []).map((v) => v.host_path ?? v.source?.host_path?.path),
    ...(t.container?.docker?.parameters ?? []).filter((p) => p.key === 'volume').map((p) => p.value.split(':')[0]),
  ];
  const privileged = (t: TaskInfo) =>
    t.container?.docker?.privileged === true || (t.container?.docker?.parameters ?? []).some((p) => p.key === 'privileged' && p.value === 'true');

  it('container kind, host-path prefixes and privileged', () => {
    for (const t of fc.sample(arbitraries.taskInfo({ container: 'docker', hostPathPrefixes: ['/srv', '/var/x'], privileged: true }), 200)) {
      expect(t.container?.type).toBe('DOCKER');
      expect(privileged(t)).toBe(true);
      for (const p of paths(t)) expect(p).toMatch(/^(\/srv|\/var\/x)(\/[a-z][a-z0-9_-]*)*$/);
    }
    const mesos = fc.sample(arbitraries.taskInfo({ container: 'mesos', privileged: false }), 200);
    expect(mesos.every((t) => t.container?.type === 'MESOS' && !privileged(t))).toBe(true);
    expect(fc.sample(arbitraries.taskInfo({ container: 'none' }), 50).every((t) => t.container === undefined)).toBe(true);
    expect(fc.sample(arbitraries.taskInfo({ hostPathPrefixes: [] }), 100).every((t) => paths(t).length === 0)).toBe(true);
    // Every volume form appears: host_path, a HOST_PATH source, a docker parameter.
    const docker = fc.sample(arbitraries.taskInfo({ container: 'docker' }), 300);
    expect(docker.some((t) => t.container?.volumes?.some((v) => v.host_path !== undefined))).toBe(true);
    expect(docker.some((t) => t.container?.volumes?.some((v) => v.source?.type === 'HOST_PATH'))).toBe(true);
    expect(docker.some((t) => t.container?.docker?.parameters?.some((p) => p.key === 'volume'))).toBe(true);
  });

  it('labels and resources', () => {
    const none = fc.sample(arbitraries.taskInfo({ maxLabels: 0, resources: false }), 100);
    expect(none.every((t) => t.labels === undefined)).toBe(true);
    expect(none.every((t) => t.resources?.map((r) => r.name).join() === 'cpus,mem')).toBe(true);
    const some = fc.sample(arbitraries.taskInfo({ maxLabels: 5 }), 300);
    expect(some.some((t) => (t.labels?.labels?.length ?? 0) > 3)).toBe(true);
    expect(some.every((t) => (t.labels?.labels?.length ?? 0) <= 5)).toBe(true);
    expect(some.some((t) => t.resources?.some((r) => r.name === 'ports'))).toBe(true);
  });
});
