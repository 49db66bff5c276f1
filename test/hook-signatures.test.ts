// One hook-method list per language, checked across: the addon's list
// (src-native/common/hook_methods.h) equals lib/wire/calls.ts SIGNATURES, from which
// HOOK_METHODS and the Hook class's methods derive.
import { describe, expect, it } from 'vitest';

import { Hook, HOOK_METHODS } from 'mesos-modules';

import { native } from '../dist/lib/native.js';
import { describeSignature, SIGNATURES } from '../dist/lib/wire/calls.js';

describe('the native and TS hook signatures agree', () => {
  it('same methods, same order (the vtable order of include/mesos/hook.hpp)', () => {
    expect(native().hookSignatures.map((s) => s.name)).toEqual([...HOOK_METHODS]);
    expect([...HOOK_METHODS]).toEqual(Object.keys(SIGNATURES));
    expect(HOOK_METHODS).toHaveLength(11);
  });

  it('same wrapper, result and arguments, method by method', () => {
    for (const signature of native().hookSignatures) {
      expect(describeSignature(signature.name as (typeof HOOK_METHODS)[number])).toEqual(signature);
    }
  });

  it('spells Mesos 1.11.0 hook.hpp: e.g. the Docker decorator', () => {
    expect(native().hookSignatures.find((s) => s.name === 'slavePreLaunchDockerTaskExecutorDecorator')).toEqual({
      name: 'slavePreLaunchDockerTaskExecutorDecorator',
      returns: 'Future',
      result: 'mesos.DockerTaskExecutorPrepareInfo',
      arguments: [
        'taskInfo: mesos.TaskInfo?',
        'executorInfo: mesos.ExecutorInfo',
        'containerName: string',
        'containerWorkDirectory: string',
        'mappedSandboxDirectory: string',
        'env: map<string, string>?',
      ],
    });
  });
});

describe('the Hook class has one method per signature', () => {
  it('every HOOK_METHODS name is a Hook method and a native method', () => {
    for (const method of HOOK_METHODS) {
      expect(typeof (Hook.prototype as unknown as Record<string, unknown>)[method]).toBe('function');
    }
  });
});
