// A hook library that carries modules of other kinds beside its Hook
// (Isolator, Anonymous, ContainerLogger, ResourceEstimator, QoSController),
// built against the SDK's module-kind headers with -Wl,--no-undefined: loaded
// in-process, every module is listed with its kind and the Hook is called;
// the Hook drives the other modules through their Mesos interfaces.
import { describe, expect, it } from 'vitest';

import { HookError, ModuleCreateError, ModuleManager, builders } from 'mesos-modules';

import { expectError, fixture, manifestFor, rejection } from './helpers.js';

const kinds = {
  org_mm_KindsHook: 'Hook',
  org_mm_KindsIsolator: 'Isolator',
  org_mm_KindsAnonymous: 'Anonymous',
  org_mm_KindsLogger: 'ContainerLogger',
  org_mm_KindsEstimator: 'ResourceEstimator',
  org_mm_KindsQoS: 'QoSController',
};

async function load() {
  return ModuleManager.load(manifestFor(fixture('module_kinds'), Object.fromEntries(Object.keys(kinds).map((name) => [name, []]))));
}

describe('a library with a Hook and modules of the other kinds', () => {
  it('loads every module and lists each with its kind', async () => {
    const manager = await load();
    expect(manager.modules.map((m) => [m.name, m.kind])).toEqual(Object.entries(kinds));
    expect(manager.find('Isolator')).toEqual(['org_mm_KindsIsolator']);
    expect(manager.contains('org_mm_KindsQoS', 'QoSController')).toBe(true);
    expect(manager.contains('org_mm_KindsQoS', 'Hook')).toBe(false);
  });

  it('calls the Hook, which runs the other kinds through their interfaces', async () => {
    const manager = await load();
    const hook = await manager.createHook('org_mm_KindsHook');
    const taskInfo = builders.taskInfo({ labels: builders.labels({ team: 'web' }) });
    const result = await hook.slaveRunTaskLabelDecorator({
      taskInfo,
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    const task = taskInfo.task_id.value;
    const executor = builders.executorInfo().executor_id.value;
    const labels = Object.fromEntries(result!.labels.map((l) => [l.key, l.value]));
    expect(labels).toEqual({
      team: 'web',
      'isolator.prepare': `KINDS_CONTAINER=${task}@/sandbox/${task}`,
      'isolator.usage': `1.5/${64 * 1024 * 1024}`,
      'isolator.defaults': 'false,false,true,false',
      'logger.prepare': 'ready',
      estimator: 'cpus{REV}:1.5',
      qos: `KILL:${executor}`,
    });
  });

  it('refuses to create a Hook from a module of another kind', async () => {
    const manager = await load();
    expectError(await rejection(manager.createHook('org_mm_KindsIsolator')), ModuleCreateError, 'MODULE_CREATE',
      "Error creating module instance for 'org_mm_KindsIsolator': module is of kind 'Isolator', but the requested kind is 'Hook'",
    );
  });
});
