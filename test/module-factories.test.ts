// The agent-side factories of the other module kinds, called from a hook:
// ContainerLogger::create, ResourceEstimator::create and QoSController::create
// return Mesos 1.11.0's defaults (the sandbox logger, the noop estimator and
// controller) for no type, and ModuleManager's "unknown" error for a module
// name, since the agent's ModuleManager is not this process's (the same
// against a real libmesos).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { HookError, ModuleCreateError, ModuleManager, builders } from 'mesos-modules';

import { expectError, fixture, manifestFor, rejection } from './helpers.js';

describe('ContainerLogger, ResourceEstimator and QoSController create()', () => {
  it("gives Mesos's defaults for no type and the unknown-module error for a name", async () => {
    const manager = await ModuleManager.load(manifestFor(fixture('module_factories'), { org_mm_FactoriesHook: [] }));
    const hook = await manager.createHook('org_mm_FactoriesHook');
    const sandbox = mkdtempSync(join(tmpdir(), 'mm-sandbox-'));
    const result = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo({ labels: builders.labels({ sandbox }) }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    const labels = result!.labels.map((l) => [l.key, l.value]);
    expect(labels).toEqual([
      ['logger.default', '0'],
      ['logger.named', "Failed to create container logger module 'org_mm_NoSuchLogger': Module 'org_mm_NoSuchLogger' unknown"],
      ['estimator.early', 'Noop resource estimator is not initialized'],
      ['estimator.init', 'ok,Noop resource estimator has already been initialized'],
      ['estimator.pending', 'true'],
      ['estimator.named', "Failed to create resource estimator module 'org_mm_NoSuchEstimator': Module 'org_mm_NoSuchEstimator' unknown"],
      ['qos.init', 'ok,Noop QoS Controller has already been initialized'],
      ['qos.pending', 'true'],
      ['qos.named', "Failed to create QoS Controller module 'org_mm_NoSuchQoS': Module 'org_mm_NoSuchQoS' unknown"],
    ]);
    // The sandbox logger sent the command's output to the sandbox's files.
    expect(readFileSync(join(sandbox, 'stdout'), 'utf8')).toBe('out\n');
    expect(readFileSync(join(sandbox, 'stderr'), 'utf8')).toBe('err\n');
  });

  it("fails the call with the hook's error when the task has no sandbox label", async () => {
    const manager = await ModuleManager.load(manifestFor(fixture('module_factories'), { org_mm_FactoriesHook: [] }));
    const hook = await manager.createHook('org_mm_FactoriesHook');
    const error = await rejection(
      hook.slaveRunTaskLabelDecorator({
        taskInfo: builders.taskInfo(),
        executorInfo: builders.executorInfo(),
        frameworkInfo: builders.frameworkInfo(),
        slaveInfo: builders.slaveInfo(),
      }),
    );
    expectError(error, HookError, 'HOOK_ERROR', "the task has no 'sandbox' label");
  });
});
