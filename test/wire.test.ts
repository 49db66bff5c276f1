// Hook arguments and results on the wire (lib/wire/, src-native/common/wire.cc),
// end to end through a hook that hands back what C++ received: every JS
// value must reach C++ as protobuf-es reads the same JSON, results must come
// back in Mesos's JSON form, and every bad value must be a BadMessage naming
// its field path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { equals, fromBinary, fromJson, isFieldSet, type DescMessage } from '@bufbuild/protobuf';
import { beforeAll, describe, expect, it } from 'vitest';

import { BadMessage, ModuleManager, builders, type Hook, type TaskInfo } from 'mesos-modules';

import { FrameworkInfoSchema, SlaveInfoSchema, TaskInfoSchema } from '../dist/lib/gen/mesos/mesos_pb.js';
import { expectError, fixture, manifestFor, rejection, root } from './helpers.js';

let hook: Hook;
let manager: ModuleManager;

beforeAll(async () => {
  manager = await ModuleManager.load({ libraries: [{ file: fixture('echo_hook'), modules: [{ name: 'org_mm_EchoHook' }] }] });
  hook = await manager.createHook('org_mm_EchoHook');
});

const dockerTask = JSON.parse(readFileSync(join(root, 'bench', 'fixtures', 'docker-task.json'), 'utf8')) as TaskInfo;

// What C++ received, as protobuf-es reads its serialization.
async function received(taskInfo: unknown, frameworkInfo: unknown = builders.frameworkInfo(), slaveInfo: unknown = builders.slaveInfo()) {
  const labels = await hook.masterLaunchTaskLabelDecorator({ taskInfo, frameworkInfo, slaveInfo } as never);
  const bytes = (key: string) => Buffer.from(labels!.labels!.find((l) => l.key === key)!.value!, 'hex');
  return {
    taskInfo: fromBinary(TaskInfoSchema, bytes('taskInfo')),
    frameworkInfo: fromBinary(FrameworkInfoSchema, bytes('frameworkInfo')),
    slaveInfo: fromBinary(SlaveInfoSchema, bytes('slaveInfo')),
  };
}

function sameAs(desc: DescMessage, got: never, json: unknown) {
  const want = fromJson(desc, json as never);
  expect(equals(desc, got, want as never)).toBe(true);
}

// Every kind of field the Hook API's messages have.
const kitchenSink = {
  ...builders.taskInfo(),
  name: 'naïve — 名前 ✓ 😀',
  data: 'AAECAwQFBgcICQ==',
  resources: [
    { name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } },
    { name: 'ports', type: 1, ranges: { range: [{ begin: 31000, end: '18446744073709551615' }] } },
    { name: 'disks', type: 'SET', set: { item: ['a', 'b', ''] } },
  ],
  limits: { cpus: { value: 2.5 }, mem: { value: 1e300 } },
  labels: {
    labels: [
      ...Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(i * 7) })),
      { key: 'long non-ASCII', value: 'ü€😀'.repeat(60) },
      { key: 'ASCII, then not', value: `${'a'.repeat(40)}é` },
    ],
  },
  kill_policy: { grace_period: { nanoseconds: -9007199254740993n } },
  max_completion_time: { nanoseconds: '9223372036854775807' },
  health_check: {
    type: 'HTTP',
    http: { port: 8080, path: '/'.repeat(300), statuses: [200, 4294967295] },
    consecutive_failures: 3,
    delay_seconds: -0.5,
  },
  container: {
    type: 'MESOS',
    volumes: [
      {
        mode: 'RO',
        container_path: '/c',
        source: {
          type: 'CSI_VOLUME',
          csi_volume: {
            plugin_name: 'p',
            static_provisioning: {
              volume_id: 'v',
              volume_capability: { mount: { fs_type: 'ext4', mount_flags: ['ro'] }, access_mode: { mode: 'SINGLE_NODE_WRITER' } },
              volume_context: { a: '1', 'key with spaces': 'ü' },
              node_stage_secrets: { s: { type: 'VALUE', value: { data: '_-8=' } } },
            },
          },
        },
      },
    ],
    linux_info: { share_pid_namespace: true, capability_info: { capabilities: ['CHOWN', 1001] } },
  },
};

describe('arguments reach C++ as protobuf reads the same JSON', () => {
  it('builder-made messages', async () => {
    const task = builders.taskInfo();
    const got = await received(task);
    sameAs(TaskInfoSchema, got.taskInfo as never, task);
    sameAs(FrameworkInfoSchema, got.frameworkInfo as never, builders.frameworkInfo());
    sameAs(SlaveInfoSchema, got.slaveInfo as never, builders.slaveInfo());
  });

  it('a realistic Docker task (2.9 KB)', async () => {
    sameAs(TaskInfoSchema, (await received(dockerTask)).taskInfo as never, dockerTask);
  });

  it('every field kind: unicode, long strings, int64 and uint64 as strings and bigints, enums by number, maps, bytes, nesting', async () => {
    const got = (await received(kitchenSink)).taskInfo;
    const json = JSON.parse(JSON.stringify(kitchenSink, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    sameAs(TaskInfoSchema, got as never, json);
    expect(got.name).toBe('naïve — 名前 ✓ 😀');
    expect(got.killPolicy?.gracePeriod?.nanoseconds).toBe(-9007199254740993n);
    expect(got.resources[1].ranges?.range[0].end).toBe(18446744073709551615n);
    expect(Array.from(got.data!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('bytes given as a Uint8Array', async () => {
    const got = (await received({ ...builders.taskInfo(), data: new Uint8Array([0, 1, 254, 255]) })).taskInfo;
    expect(Array.from(got.data!)).toEqual([0, 1, 254, 255]);
    const status = await hook.slaveTaskStatusDecorator({ frameworkId: { value: 'f' }, status: builders.taskStatus({ data: new Uint8Array([255, 0]) }) });
    expect(status!.data).toBe('/wA=');
  });

  it('a 200 KB task (the shared buffer grows; the result comes back in its own buffer)', async () => {
    const big = builders.taskInfo({
      labels: { labels: Array.from({ length: 2000 }, (_, i) => ({ key: `key-${i}`, value: `value-${i}-`.padEnd(90, 'x') })) },
    });
    sameAs(TaskInfoSchema, (await received(big)).taskInfo as never, big);
    // And an ordinary call after it still works.
    sameAs(TaskInfoSchema, (await received(dockerTask)).taskInfo as never, dockerTask);
  });

  it('a 2 MB task (the buffer is let go afterwards) and calls after it', async () => {
    const huge = builders.taskInfo({
      labels: { labels: Array.from({ length: 20000 }, (_, i) => ({ key: `key-${i}`, value: `value-${i}-`.padEnd(90, 'y') })) },
    });
    sameAs(TaskInfoSchema, (await received(huge)).taskInfo as never, huge);
    sameAs(TaskInfoSchema, (await received(dockerTask)).taskInfo as never, dockerTask);
    await expect(hook.slaveTaskStatusDecorator({ frameworkId: { value: 'f' }, status: builders.taskStatus() })).resolves.toMatchObject({
      state: 'TASK_RUNNING',
    });
  });

  it('ContainerID nested 100 deep is fine; deeper is an error, as is a circular value', async () => {
    const chain = (depth: number) => {
      let id: Record<string, unknown> = { value: 'c0' };
      for (let i = 1; i < depth; i++) id = { value: `c${i}`, parent: id };
      return id;
    };
    await expect(hook.slavePostFetchHook({ containerId: chain(100) as never, directory: '/d' })).resolves.toBeUndefined();
    expectError(await rejection(hook.slavePostFetchHook({ containerId: chain(102) as never, directory: '/d' })), BadMessage, 'BAD_MESSAGE', `org_mm_EchoHook.slavePostFetchHook: containerId${'.parent'.repeat(100)}: nested more than 100 messages deep (protobuf's limit; a circular value?)`);
    const circular: Record<string, unknown> = { value: 'c' };
    circular.parent = circular;
    expectError(await rejection(hook.slavePostFetchHook({ containerId: circular as never, directory: '/d' })), BadMessage, 'BAD_MESSAGE', `org_mm_EchoHook.slavePostFetchHook: containerId${'.parent'.repeat(100)}: nested more than 100 messages deep (protobuf's limit; a circular value?)`);
    // The refusal leaves the hook usable: the same call is refused the same way again.
    expectError(await rejection(hook.slavePostFetchHook({ containerId: circular as never, directory: '/d' })), BadMessage, 'BAD_MESSAGE', `org_mm_EchoHook.slavePostFetchHook: containerId${'.parent'.repeat(100)}: nested more than 100 messages deep (protobuf's limit; a circular value?)`);
  });

  it('optional arguments, strings and the environment map', async () => {
    const result = await hook.slavePreLaunchDockerTaskExecutorDecorator({
      executorInfo: builders.executorInfo(),
      containerName: 'mesos-ü',
      containerWorkDirectory: '/w',
      mappedSandboxDirectory: '',
      env: { A: '1', EMPTY: '', 'Ü': 'ß', skipped: undefined as never },
    });
    const vars = Object.fromEntries(result!.executorEnvironment!.variables!.map((v) => [v.name, v.value]));
    expect(vars).toMatchObject({ containerName: 'mesos-ü', mappedSandboxDirectory: '', taskInfo: '(none)', env: '3', 'env.A': '1', 'env.EMPTY': '', 'env.Ü': 'ß' });
    const none = await hook.slavePreLaunchDockerTaskExecutorDecorator({
      taskInfo: null,
      executorInfo: builders.executorInfo(),
      containerName: 'c',
      containerWorkDirectory: '/w',
      mappedSandboxDirectory: '/m',
    });
    expect(none!.executorEnvironment!.variables!.find((v) => v.name === 'env')!.value).toBe('(none)');
  });
});

describe('results come back in Mesos JSON form', () => {
  it('a TaskStatus with every kind of field, unchanged', async () => {
    const status = builders.taskStatus({
      state: 'TASK_FAILED',
      message: 'naïve',
      source: 2,
      timestamp: 1732492800.25,
      uuid: 'AQID',
      data: '',
      healthy: false,
      labels: { labels: [{ key: 'a', value: 'b' }] },
      limitation: { resources: [{ name: 'mem', type: 'SCALAR', scalar: { value: 128 } }] },
      unreachable_time: { nanoseconds: '9007199254740993' },
      container_status: { executor_pid: 4294967295, network_infos: [{ ip_addresses: [{ protocol: 'IPv6', ip_address: '::1' }] }] },
    });
    const echoed = await hook.slaveTaskStatusDecorator({ frameworkId: { value: 'f' }, status });
    expect(echoed).toEqual({
      ...status,
      source: 'SOURCE_EXECUTOR',
      data: '',
      unreachable_time: { nanoseconds: '9007199254740993' },
    });
  });

  it('lists of Resources in order', async () => {
    const resources = await hook.masterLaunchTaskResourceDecorator({
      task: builders.taskInfo({ resources: builders.resources('cpus:1') }),
      slaveResources: builders.resources('mem:64;disk:10'),
    });
    expect(resources!.map((r) => r.name)).toEqual(['cpus', 'mem', 'disk']);
  });
});

describe('bad values are BadMessage errors naming the field path', () => {
  const call = (taskInfo: unknown) => hook.masterLaunchTaskLabelDecorator({
    taskInfo: taskInfo as never,
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  });
  const task = (extra: Record<string, unknown>) => ({ ...builders.taskInfo(), ...extra });
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a string for a message', { command: 'ls' }, 'taskInfo.command: expected an object (mesos.CommandInfo), got string "ls"'],
    ['an array for a message', { command: [] }, 'taskInfo.command: expected an object (mesos.CommandInfo), got an array'],
    ['a number for a string', { name: 5 }, 'taskInfo.name: expected a string, got number 5'],
    ['an object for an array', { resources: {} }, 'taskInfo.resources: expected an array, got an object'],
    ['a null element', { resources: [null] }, 'taskInfo.resources[0]: an array element cannot be null'],
    ['an unknown field', { taskId: {} }, "taskInfo.taskId: unknown field: mesos.TaskInfo has no field 'taskId' (did you mean 'task_id'? fields use Mesos's proto names)"],
    ['an unknown nested field', { kill_policy: { grace: 1 } }, "taskInfo.kill_policy.grace: unknown field: mesos.KillPolicy has no field 'grace'"],
    ['an enum name', { container: { type: 'DOKCER' } }, 'taskInfo.container.type: invalid enum value "DOKCER" for mesos.ContainerInfo.Type (expected DOCKER or MESOS)'],
    ['an enum number', { container: { type: 7 } }, 'taskInfo.container.type: invalid enum value 7 for mesos.ContainerInfo.Type (expected DOCKER or MESOS)'],
    ['an enum of the wrong kind', { container: { type: true } }, 'taskInfo.container.type: expected an enum name of mesos.ContainerInfo.Type, got true'],
    ['a fraction for an int64', { kill_policy: { grace_period: { nanoseconds: 1.5 } } }, 'taskInfo.kill_policy.grace_period.nanoseconds: expected an int64, got number 1.5'],
    ['an int64 out of range', { kill_policy: { grace_period: { nanoseconds: '9223372036854775808' } } }, 'taskInfo.kill_policy.grace_period.nanoseconds: string "9223372036854775808" is out of range for an int64'],
    ['a bigint out of range', { kill_policy: { grace_period: { nanoseconds: 2n ** 64n } } }, 'taskInfo.kill_policy.grace_period.nanoseconds: bigint 18446744073709551616 is out of range for an int64'],
    ['a non-numeric string for an int64', { kill_policy: { grace_period: { nanoseconds: '1s' } } }, 'taskInfo.kill_policy.grace_period.nanoseconds: expected an int64, got string "1s"'],
    ['a negative uint32', { health_check: { http: { port: -1 } } }, 'taskInfo.health_check.http.port: number -1 is out of range for a uint32'],
    ['a uint32 too large', { health_check: { http: { port: 4294967296 } } }, 'taskInfo.health_check.http.port: number 4294967296 is out of range for a uint32'],
    ['a string for a double', { health_check: { delay_seconds: '15' } }, 'taskInfo.health_check.delay_seconds: expected a number, got string "15"'],
    ['a string for a bool', { container: { type: 'DOCKER', docker: { image: 'i', privileged: 'yes' } } }, 'taskInfo.container.docker.privileged: expected a boolean, got string "yes"'],
    ['bad base64', { data: 'a' }, 'taskInfo.data: invalid base64 for a bytes field'],
    ['a map of the wrong kind', { limits: [] }, 'taskInfo.limits: expected an object (a map), got an array'],
    ['a null map value', { limits: { cpus: null } }, 'taskInfo.limits["cpus"]: a map value cannot be null'],
    ['a bad map value', { limits: { cpus: { value: 'x' } } }, 'taskInfo.limits["cpus"].value: expected a number, got string "x"'],
    ['two fields of a oneof', {
      container: { type: 'MESOS', volumes: [{ mode: 'RW', container_path: '/c', source: { type: 'CSI_VOLUME', csi_volume: { plugin_name: 'p', static_provisioning: { volume_id: 'v', volume_capability: { block: {}, mount: {}, access_mode: { mode: 'SINGLE_NODE_WRITER' } } } } } }] },
    }, "taskInfo.container.volumes[0].source.csi_volume.static_provisioning.volume_capability.mount: only one of the fields of 'access_type' may be set, got 'block' and 'mount'"],
  ];
  for (const [what, extra, message] of cases) {
    it(what, async () => {
      const error = await call(task(extra)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadMessage);
      expect((error as BadMessage).message).toBe(`org_mm_EchoHook.masterLaunchTaskLabelDecorator: ${message}`);
      expect((error as BadMessage).path).toBe(message.slice(0, message.indexOf(': ')));
    });
  }

  it('values JSON leaves out (undefined, null) leave a field unset', async () => {
    const got = (await received(task({ data: undefined, labels: null, health_check: { http: { port: 1 } } }))).taskInfo;
    expect(isFieldSet(got, TaskInfoSchema.field.data)).toBe(false);
    expect(isFieldSet(got, TaskInfoSchema.field.labels)).toBe(false);
    expect(got.healthCheck?.delaySeconds).toBe(15); // unset: the proto2 default
  });

  it('required fields: all missing ones at once, with paths', async () => {
    const error = (await call({ name: 't', resources: [{ name: 'cpus' }] }).catch((e: unknown) => e)) as BadMessage;
    expectError(error, BadMessage, 'BAD_MESSAGE',
      'org_mm_EchoHook.masterLaunchTaskLabelDecorator: missing required fields: taskInfo.task_id, taskInfo.slave_id, taskInfo.resources[0].type');
    expect(error.missing).toEqual(['taskInfo.task_id', 'taskInfo.slave_id', 'taskInfo.resources[0].type']);
  });

  it('arguments: missing, of the wrong kind, in a list, in the environment', async () => {
    expectError(await rejection(hook.masterLaunchTaskLabelDecorator({ taskInfo: builders.taskInfo() } as never)), BadMessage, 'BAD_MESSAGE', 'org_mm_EchoHook.masterLaunchTaskLabelDecorator: frameworkInfo: missing argument (mesos.FrameworkInfo)');
    expectError(await rejection(hook.masterLaunchTaskResourceDecorator({ task: builders.taskInfo(), slaveResources: 'cpus:1' as never })), BadMessage, 'BAD_MESSAGE', 'org_mm_EchoHook.masterLaunchTaskResourceDecorator: slaveResources: expected an array of mesos.Resource, got string "cpus:1"');
    expectError(
      await rejection(
        hook.masterLaunchTaskResourceDecorator({ task: builders.taskInfo(), slaveResources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 'x' } }] as never }),
      ),
      BadMessage,
      'BAD_MESSAGE',
      'org_mm_EchoHook.masterLaunchTaskResourceDecorator: slaveResources[0].scalar.value: expected a number, got string "x"',
    );
    const docker = { executorInfo: builders.executorInfo(), containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/m' };
    expectError(await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, containerName: 1 as never })), BadMessage, 'BAD_MESSAGE', 'org_mm_EchoHook.slavePreLaunchDockerTaskExecutorDecorator: containerName: expected a string');
    expectError(await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: { A: 1 } as never })), BadMessage, 'BAD_MESSAGE', 'org_mm_EchoHook.slavePreLaunchDockerTaskExecutorDecorator: env.A: expected a string');
    expectError(await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: [] as never })), BadMessage, 'BAD_MESSAGE', 'org_mm_EchoHook.slavePreLaunchDockerTaskExecutorDecorator: env: expected an object or a Map of strings, got an array');
  });

  it('module parameters: paths and required fields', async () => {
    expectError(await rejection(manager.createHook('org_mm_EchoHook', [{ key: 'k', value: 1 }] as never)), BadMessage, 'BAD_MESSAGE', 'parameters[0].value: expected a string, got number 1');
    const error = (await manager.createHook('org_mm_EchoHook', [{ key: 'k' }] as never).catch((e: unknown) => e)) as BadMessage;
    expectError(error, BadMessage, 'BAD_MESSAGE', 'missing required fields: parameters[0].value');
    expect(error.missing).toEqual(['parameters[0].value']);
    expectError(await rejection(manager.createHook('org_mm_EchoHook', {} as never)), BadMessage, 'BAD_MESSAGE', 'parameters: expected an array of mesos.Parameter, got an object');
  });
});

/** The test hook (default parameters), and the Docker decorator's arguments other than the TaskInfo. */
async function testHookWith(): Promise<Hook> {
  const manager = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: [] }));
  return manager.createHook('org_mm_TestHook');
}
const testDockerArgs = {
  executorInfo: builders.executorInfo(),
  containerName: 'mesos-1',
  containerWorkDirectory: '/tmp/sandbox',
  mappedSandboxDirectory: '/mnt/mesos/sandbox',
  env: { A: 'b' },
};

describe('bad values in a call: every missing field listed, the method named', () => {
  async function badCall(taskInfo: unknown): Promise<BadMessage> {
    const hook = await testHookWith();
    const error = await hook
      .slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: taskInfo as never, ...testDockerArgs })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadMessage);
    expect((error as BadMessage).code).toBe('BAD_MESSAGE');
    return error as BadMessage;
  }

  it('lists every missing required field', async () => {
    const error = await badCall({ resources: [{ scalar: { value: 1 } }] });
    expect(error.missing).toEqual([
      'taskInfo.name',
      'taskInfo.task_id',
      'taskInfo.slave_id',
      'taskInfo.resources[0].name',
      'taskInfo.resources[0].type',
    ]);
    expect(error.message).toBe(
      'org_mm_TestHook.slavePreLaunchDockerTaskExecutorDecorator: missing required fields: ' +
        'taskInfo.name, taskInfo.task_id, taskInfo.slave_id, taskInfo.resources[0].name, taskInfo.resources[0].type',
    );
  });

  it('names an invalid enum value and its field', async () => {
    const error = await badCall(
      builders.taskInfo({
        container: {
          type: 'DOCKER',
          docker: { image: 'busybox' },
          volumes: [
            { container_path: '/a', mode: 'RW' },
            { container_path: '/b', mode: 'RO' },
            { container_path: '/c', mode: 'RWX' },
          ],
        },
      }),
    );
    expect(error.path).toBe('taskInfo.container.volumes[2].mode');
    expect(error.message).toBe(
      'org_mm_TestHook.slavePreLaunchDockerTaskExecutorDecorator: taskInfo.container.volumes[2].mode: invalid enum value "RWX" for mesos.Volume.Mode (expected RW or RO)',
    );
  });

  it('refuses unknown fields and hints at the proto name', async () => {
    const error = await badCall({ ...builders.taskInfo(), taskId: { value: 'x' } });
    expect(error.path).toBe('taskInfo.taskId');
    expect(error.message).toBe(
      "org_mm_TestHook.slavePreLaunchDockerTaskExecutorDecorator: taskInfo.taskId: unknown field: mesos.TaskInfo has no field 'taskId' " +
        "(did you mean 'task_id'? fields use Mesos's proto names)",
    );
  });

  it('refuses a value of the wrong kind', async () => {
    const error = await badCall(builders.taskInfo({ container: { type: 'DOCKER', docker: { image: 'x', privileged: 'yes' } } }));
    expect(error.path).toBe('taskInfo.container.docker.privileged');
    expect(error.message).toBe('org_mm_TestHook.slavePreLaunchDockerTaskExecutorDecorator: taskInfo.container.docker.privileged: expected a boolean, got string "yes"');
  });
});
