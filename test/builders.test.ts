// Builders: every builder's output converts (the real hook methods of the
// fixture hook take it), overrides merge deeply, required fields are filled at
// every depth, and an incomplete message passed directly is refused with every
// missing field named.
import { create, createRegistry, fromJson, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { beforeAll, describe, expect, it } from 'vitest';

import { BadMessage, ModuleManager, builders, type Hook, type MessageName } from 'mesos-modules';

import { file_mesos_mesos } from '../dist/lib/gen/mesos/mesos_pb.js';
import { file_mesos_module_hook } from '../dist/lib/gen/mesos/module/hook_pb.js';
import { expectError, fixture, manifestFor, thrown } from './helpers.js';

let hook: Hook;

beforeAll(async () => {
  const manager = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: [] }));
  hook = await manager.createHook('org_mm_TestHook');
});

const registry = createRegistry(file_mesos_mesos, file_mesos_module_hook);

/** protobuf-es's own check: parse the JSON form and encode; encoding throws on a missing required field. */
function encodes(typeName: string, json: unknown): void {
  const desc = registry.getMessage(typeName) as DescMessage;
  toBinary(desc, fromJson(desc, json as never));
}

function allMessages(): DescMessage[] {
  const out: DescMessage[] = [];
  const walk = (messages: readonly DescMessage[]) => {
    for (const m of messages) {
      if (!m.proto.options?.mapEntry) out.push(m);
      walk(m.nestedMessages);
    }
  };
  walk(file_mesos_mesos.messages);
  walk(file_mesos_module_hook.messages);
  return out;
}

describe('every builder output converts through the native converter', () => {
  it('taskInfo, executorInfo, frameworkInfo, slaveInfo: slaveRunTaskLabelDecorator and masterLaunchTaskLabelDecorator', async () => {
    const args = {
      taskInfo: builders.taskInfo({ labels: builders.labels({ team: 'web' }) }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo({ attributes: builders.attributes('rack:r1;zone:a') }),
    };
    await expect(hook.slaveRunTaskLabelDecorator(args)).resolves.toEqual({
      labels: [
        { key: 'baz', value: 'qux' },
        { key: 'team', value: 'web' },
      ],
    });
    const { executorInfo: _unused, ...masterArgs } = args; // the master has no ExecutorInfo
    await expect(hook.masterLaunchTaskLabelDecorator(masterArgs)).resolves.toBeNull();
  });

  it('taskStatus and frameworkID: slaveTaskStatusDecorator', async () => {
    await expect(hook.slaveTaskStatusDecorator({ frameworkId: builders.frameworkID(), status: builders.taskStatus() })).resolves.toBeNull();
    await expect(
      hook.slaveTaskStatusDecorator({
        frameworkId: builders.frameworkID('framework-2'),
        status: builders.taskStatus({ state: 'TASK_FAILED', reason: 'REASON_CONTAINER_LIMITATION_MEMORY', unreachable_time: {} }),
      }),
    ).resolves.toBeNull();
  });

  it('containerID: slavePostFetchHook', async () => {
    await expect(hook.slavePostFetchHook({ containerId: builders.containerID(), directory: '/tmp/sandbox' })).resolves.toBeUndefined();
    await expect(
      hook.slavePostFetchHook({ containerId: builders.containerID({ value: 'child', parent: {} }), directory: '/tmp/sandbox' }),
    ).resolves.toBeUndefined();
  });

  it('resource(s) and attribute(s): masterLaunchTaskResourceDecorator, slaveResourcesDecorator, slaveAttributesDecorator', async () => {
    const slaveResources = [
      ...builders.resources('cpus:4;mem:8192;ports(web):[31000-32000];disks:{ssd1,ssd2}'),
      builders.resource({ name: 'gpus' }),
      builders.resource(),
    ];
    await expect(hook.masterLaunchTaskResourceDecorator({ task: builders.taskInfo(), slaveResources })).resolves.toBeNull();
    const slaveInfo = builders.slaveInfo({
      resources: builders.resources([{ name: 'disk', disk: { persistence: {}, volume: {} } }]),
      attributes: [...builders.attributes('rack:r1;level:10;ports:[1-2];tier:{a,b}'), builders.attribute()],
    });
    await expect(hook.slaveResourcesDecorator({ slaveInfo })).resolves.toBeNull();
    await expect(hook.slaveAttributesDecorator({ slaveInfo })).resolves.toBeNull();
    await expect(hook.masterSlaveLostHook({ slaveInfo })).resolves.toBeUndefined();
  });

  it('executorInfo with nested overrides: slaveExecutorEnvironmentDecorator', async () => {
    const executorInfo = builders.executorInfo({
      command: { environment: builders.environment({ A: 'b' }), uris: [{ extract: false }] },
      container: { mesos: { image: { docker: {} } } },
      shutdown_grace_period: {},
      discovery: { ports: { ports: [{}] } },
    });
    await expect(hook.slaveExecutorEnvironmentDecorator({ executorInfo })).resolves.toBeNull();
    await expect(hook.slaveRemoveExecutorHook({ frameworkInfo: builders.frameworkInfo(), executorInfo })).resolves.toBeUndefined();
  });

  it('dockerTaskExecutorPrepareInfo, labels, environment: protobuf-es encodes them (no hook takes them as input)', () => {
    const prepared = builders.dockerTaskExecutorPrepareInfo({ taskEnvironment: { A: 'b' }, executorEnvironment: builders.environment([{}]) });
    expect(prepared).toEqual({
      taskEnvironment: { variables: [{ name: 'A', value: 'b' }] },
      executorEnvironment: { variables: [{ name: 'NAME' }] },
    });
    expect(() => encodes('mesos.DockerTaskExecutorPrepareInfo', prepared)).not.toThrow();
    expect(() => encodes('mesos.Labels', builders.labels([{ value: 'no key' }]))).not.toThrow();
  });

  it('the hook sees the messages the builders made (a Docker task with partial volumes)', async () => {
    const taskInfo = builders.taskInfo({
      container: {
        docker: { privileged: true, port_mappings: [{}] },
        volumes: [{ host_path: '/etc' }, { source: { type: 'HOST_PATH', host_path: {} } }],
      },
      health_check: { type: 'HTTP', http: {} },
      check: { type: 'COMMAND', command: {} },
      kill_policy: { grace_period: {} },
      limits: { cpus: {}, mem: { value: 256 } },
    });
    await expect(
      hook.slavePreLaunchDockerTaskExecutorDecorator({
        taskInfo,
        executorInfo: builders.executorInfo(),
        containerName: 'mesos-1',
        containerWorkDirectory: '/tmp/sandbox',
        mappedSandboxDirectory: '/mnt/mesos/sandbox',
      }),
    ).resolves.toEqual(
      builders.dockerTaskExecutorPrepareInfo({ taskEnvironment: { HOOKTEST_TASK: 'foo' }, executorEnvironment: { HOOKTEST_EXECUTOR: 'bar' } }),
    );
  });

  it('build() completes every message of the closure so that protobuf-es encodes it', () => {
    const messages = allMessages();
    expect(messages.length).toBeGreaterThan(90);
    for (const desc of messages) {
      const built = builders.build(desc.typeName as MessageName);
      expect(() => encodes(desc.typeName, built), desc.typeName).not.toThrow();
    }
    // And an empty one does not: the check has teeth.
    expectError(thrown(() => toBinary(registry.getMessage('mesos.TaskInfo')!, create(registry.getMessage('mesos.TaskInfo')!))), Error, undefined,
      'cannot encode field mesos.TaskInfo.name to binary: required field not set');
  });
});

describe('defaults and overrides', () => {
  it('keeps the defaults tests rely on', () => {
    expect(builders.taskInfo()).toMatchObject({ name: 'task-1', task_id: { value: 'task-1' }, slave_id: { value: 'agent-1-S0' } });
    expect(builders.executorInfo()).toMatchObject({ executor_id: { value: 'task-1' }, framework_id: { value: 'framework-1' }, type: 'DEFAULT' });
    expect(builders.frameworkInfo()).toMatchObject({ user: 'root', name: 'example-framework', id: { value: 'framework-1' } });
    expect(builders.slaveInfo()).toMatchObject({ hostname: 'agent-1.example.com', port: 5051, id: { value: 'agent-1-S0' } });
    expect(builders.taskStatus()).toMatchObject({ task_id: { value: 'task-1' }, state: 'TASK_RUNNING', source: 'SOURCE_EXECUTOR' });
    expect(builders.containerID().value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(builders.frameworkID()).toEqual({ value: 'framework-1' });
  });

  it('merges objects deeply, keeps the rest, and replaces arrays', () => {
    const task = builders.taskInfo({ task_id: { value: 'web-1' }, command: { value: 'nginx' }, resources: [{ name: 'mem', scalar: { value: 64 } }] });
    expect(task.name).toBe('task-1');
    expect(task.task_id).toEqual({ value: 'web-1' });
    expect(task.command).toEqual({ value: 'nginx', shell: true });
    expect(task.resources).toEqual([{ name: 'mem', type: 'SCALAR', scalar: { value: 64 } }]);
  });

  it('drops a default given null, and refills a required one', () => {
    const task = builders.taskInfo({ command: null, name: null });
    expect(task).not.toHaveProperty('command');
    expect(task.name).toBe('task-1');
  });

  it('does not share state between calls', () => {
    const a = builders.taskInfo();
    a.task_id.value = 'changed';
    a.resources!.push(builders.resource());
    expect(builders.taskInfo().task_id.value).toBe('task-1');
    expect(builders.taskInfo().resources).toHaveLength(2);
  });

  it('fills required fields at depth with realistic values', () => {
    const task = builders.taskInfo({ container: { docker: { privileged: true }, volumes: [{ host_path: '/etc' }] } });
    expect(task.container).toEqual({
      type: 'DOCKER',
      docker: { privileged: true, image: 'busybox:1.36' },
      volumes: [{ host_path: '/etc', mode: 'RW', container_path: '/mnt/data' }],
    });
    const volume = builders.build('mesos.Volume', { source: { type: 'CSI_VOLUME', csi_volume: { static_provisioning: {} } } });
    expect(volume.source?.csi_volume).toEqual({
      plugin_name: 'csi.example.com',
      static_provisioning: { volume_id: 'volume-1', volume_capability: { access_mode: { mode: 'SINGLE_NODE_WRITER' } } },
    });
    expect(builders.build('mesos.TimeInfo').nanoseconds).toBe('1714557600000000000');
  });

  it('fills an enum with its first declared value, as proto2 reads an unset one', () => {
    expect(builders.build('mesos.DiscoveryInfo').visibility).toBe('FRAMEWORK');
    expect(builders.build('mesos.TaskStatus', { state: undefined }).state).toBe('TASK_RUNNING');
    expect(builders.build('mesos.Volume').mode).toBe('RW');
  });

  it('infers a value type from the value given', () => {
    expect(builders.resource({ name: 'ports', ranges: { range: [{ begin: 1, end: 2 }] } }).type).toBe('RANGES');
    expect(builders.resource({ name: 'ports' })).toEqual({ name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000, end: 31099 }] } });
    expect(builders.resource({ name: 'mem' })).toEqual({ name: 'mem', type: 'SCALAR', scalar: { value: 128 } });
    expect(builders.resource()).toEqual({ name: 'cpus', type: 'SCALAR', scalar: { value: 1 } });
    expect(builders.attribute()).toEqual({ name: 'rack', type: 'TEXT', text: { value: 'r1' } });
    expect(builders.attribute({ name: 'level', scalar: { value: 3 } }).type).toBe('SCALAR');
    expect(builders.build('mesos.Image', { docker: { name: 'nginx' } })).toEqual({ type: 'DOCKER', docker: { name: 'nginx' } });
    expect(builders.build('mesos.ContainerInfo', { mesos: {} }).type).toBe('MESOS');
  });
});

describe("Mesos's text forms", () => {
  it('parses resources: scalars, ranges, sets, static reservations', () => {
    expect(builders.resources('cpus:1.5;mem(web):128;ports:[31000-31005, 32000-32000];disks(*):{a,b}')).toEqual([
      { name: 'cpus', type: 'SCALAR', scalar: { value: 1.5 } },
      { name: 'mem', type: 'SCALAR', scalar: { value: 128 }, reservations: [{ type: 'STATIC', role: 'web' }] },
      { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000, end: 31005 }, { begin: 32000, end: 32000 }] } },
      { name: 'disks', type: 'SET', set: { item: ['a', 'b'] } },
    ]);
  });

  it('parses attributes: text unless the value is a number, ranges or a set', () => {
    expect(builders.attributes('rack:r1;zone:us-east-1a;level:10;ports:[1-2];tier:{gold}')).toEqual([
      { name: 'rack', type: 'TEXT', text: { value: 'r1' } },
      { name: 'zone', type: 'TEXT', text: { value: 'us-east-1a' } },
      { name: 'level', type: 'SCALAR', scalar: { value: 10 } },
      { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 1, end: 2 }] } },
      { name: 'tier', type: 'SET', set: { item: ['gold'] } },
    ]);
  });

  it('refuses malformed text with BadMessage naming the entry', () => {
    expectError(thrown(() => builders.resources('cpus')), BadMessage, 'BAD_MESSAGE', "bad resources entry 'cpus': expected name:value");
    expectError(thrown(() => builders.resources('cpus')), BadMessage, 'BAD_MESSAGE', "bad resources entry 'cpus': expected name:value");
    expectError(thrown(() => builders.resources('cpus:1;mem:lots')), BadMessage, 'BAD_MESSAGE', "bad resource 'mem:lots': 'lots' is not a scalar, ranges or set");
    expectError(thrown(() => builders.resources('ports:[1-]')), BadMessage, 'BAD_MESSAGE', "bad range '1-' in '[1-]': expected begin-end");
    const error = thrown(() => builders.attributes('rack:r1;nocolon'));
    expectError(error, BadMessage, 'BAD_MESSAGE', "bad attributes entry 'nocolon': expected name:value");
    expect(error).toMatchObject({ path: 'attributes[1]' });
  });

  it('makes labels and environments from records, in order', () => {
    expect(builders.labels({ team: 'web', tier: 'gold' })).toEqual({
      labels: [
        { key: 'team', value: 'web' },
        { key: 'tier', value: 'gold' },
      ],
    });
    expect(builders.environment({ A: 'b' })).toEqual({ variables: [{ name: 'A', value: 'b' }] });
  });
});

describe('an incomplete message given directly', () => {
  it('is refused with every missing required field, by path, in one BadMessage', async () => {
    const error = await hook
      .slaveRunTaskLabelDecorator({
        taskInfo: { name: 'web', container: { docker: {}, volumes: [{}] } } as never,
        executorInfo: builders.executorInfo(),
        frameworkInfo: builders.frameworkInfo(),
        slaveInfo: builders.slaveInfo(),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadMessage);
    expect((error as BadMessage).missing).toEqual([
      'taskInfo.task_id',
      'taskInfo.slave_id',
      'taskInfo.container.type',
      'taskInfo.container.volumes[0].mode',
      'taskInfo.container.volumes[0].container_path',
      'taskInfo.container.docker.image',
    ]);
    expect((error as BadMessage).code).toBe('BAD_MESSAGE');
    expect((error as BadMessage).message).toBe(
      'org_mm_TestHook.slaveRunTaskLabelDecorator: missing required fields: taskInfo.task_id, taskInfo.slave_id, taskInfo.container.type, ' +
        'taskInfo.container.volumes[0].mode, taskInfo.container.volumes[0].container_path, taskInfo.container.docker.image',
    );
  });

  it('converts once a builder completes it', async () => {
    const taskInfo = builders.taskInfo({ name: 'web', container: { docker: {}, volumes: [{}] } });
    await expect(
      hook.slaveRunTaskLabelDecorator({
        taskInfo,
        executorInfo: builders.executorInfo(),
        frameworkInfo: builders.frameworkInfo(),
        slaveInfo: builders.slaveInfo(),
      }),
    ).resolves.toEqual({ labels: [{ key: 'baz', value: 'qux' }] });
  });
});
