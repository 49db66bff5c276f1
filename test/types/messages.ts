// Type checks (tsc, no run): the generated message types and the builders.
// Every @ts-expect-error must be an error, or tsc fails on the unused directive.
import { expectTypeOf } from 'vitest';

import {
  builders,
  type DeepPartial,
  type DockerTaskExecutorPrepareInfo,
  type Hook,
  type Label,
  type Resource,
  type TaskInfo,
  type TaskState,
  type Value_Type,
} from 'mesos-modules';

// Required fields are non-optional, message fields included; optional ones optional.
expectTypeOf<TaskInfo['name']>().toEqualTypeOf<string>();
expectTypeOf<TaskInfo['task_id']>().toEqualTypeOf<{ value: string }>();
expectTypeOf<TaskInfo['container']>().toEqualTypeOf<import('mesos-modules').ContainerInfo | undefined>();
expectTypeOf<TaskInfo['resources']>().toEqualTypeOf<Resource[] | undefined>();
expectTypeOf<TaskInfo['limits']>().toEqualTypeOf<Record<string, import('mesos-modules').Value_Scalar> | undefined>();
expectTypeOf<TaskInfo['data']>().toEqualTypeOf<string | Uint8Array | undefined>();
expectTypeOf<import('mesos-modules').TimeInfo['nanoseconds']>().toEqualTypeOf<number | string | bigint>();
expectTypeOf<Value_Type>().toEqualTypeOf<'SCALAR' | 'RANGES' | 'SET' | 'TEXT'>();
expectTypeOf<TaskState>().toExtend<string>();
expectTypeOf<DockerTaskExecutorPrepareInfo>().toHaveProperty('executorEnvironment');
expectTypeOf<Label>().toEqualTypeOf<{ key: string; value?: string }>();

// A complete message type-checks; an incomplete one does not.
const task: TaskInfo = { name: 'web', task_id: { value: 'web-1' }, slave_id: { value: 'S0' } };
// @ts-expect-error -- slave_id is required
const noSlave: TaskInfo = { name: 'web', task_id: { value: 'web-1' } };
// @ts-expect-error -- 'RUNNING' is not a TaskState name
builders.taskStatus({ state: 'RUNNING' });
// @ts-expect-error -- a wrong Value.Type name
builders.resource({ name: 'cpus', type: 'FLOAT' });
// @ts-expect-error -- fields use proto names, not camelCase
builders.taskInfo({ taskId: { value: 'x' } });

// Builders take deep partials and return complete messages.
expectTypeOf(builders.taskInfo).parameter(0).toEqualTypeOf<DeepPartial<TaskInfo> | undefined>();
expectTypeOf(builders.taskInfo({ container: { docker: { privileged: true }, volumes: [{ host_path: '/etc' }] } })).toEqualTypeOf<TaskInfo>();
expectTypeOf(builders.resources('cpus:1')).toEqualTypeOf<Resource[]>();
expectTypeOf(builders.build('mesos.Volume', { host_path: '/x' }).mode).toEqualTypeOf<'RW' | 'RO'>();
// @ts-expect-error -- not a message of the Hook API
builders.build('mesos.Nope');

// Hook methods take and return the generated types.
declare const hook: Hook;
expectTypeOf(hook.slavePreLaunchDockerTaskExecutorDecorator).returns.resolves.toEqualTypeOf<DockerTaskExecutorPrepareInfo | null>();
void hook.slaveRunTaskLabelDecorator({
  taskInfo: task,
  executorInfo: builders.executorInfo(),
  frameworkInfo: builders.frameworkInfo(),
  slaveInfo: builders.slaveInfo(),
});
void noSlave;

// Hook argument and result types derive from lib/wire/calls.ts SIGNATURES.
expectTypeOf(hook.slaveResourcesDecorator).returns.resolves.toEqualTypeOf<Resource[] | null>();
expectTypeOf(hook.masterSlaveLostHook).returns.resolves.toEqualTypeOf<void>();
expectTypeOf(hook.slaveRunTaskLabelDecorator).returns.resolves.toEqualTypeOf<{ labels?: Label[] } | null>();
// @ts-expect-error -- `directory` (a C++ parameter) is required
void hook.slavePostFetchHook({ containerId: { value: 'c' } });
// @ts-expect-error -- a string argument takes a string
void hook.slavePostFetchHook({ containerId: { value: 'c' }, directory: 7 });
// An Option<TaskInfo> and the environment map may be null or left out.
void hook.slavePreLaunchDockerTaskExecutorDecorator({
  taskInfo: null,
  executorInfo: builders.executorInfo(),
  containerName: 'c',
  containerWorkDirectory: '/w',
  mappedSandboxDirectory: '/m',
});
