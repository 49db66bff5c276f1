// SDK breadth: fixture hooks written the ways published hooks are
// written — internal Mesos headers, libprocess actors and subprocesses,
// stout flags/JSON/os, Resources and Attributes — compiled unchanged against
// the bundled SDK and exercised through the public API. Where Mesos's own
// tests (src/tests/hook_tests.cpp) assert something about the equivalent
// behaviour of its reference test hook, the same is asserted here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  HookError,
  HookFailure,
  ModuleCreateError,
  ModuleManager,
  builders,
  type Hook,
  type Parameter,
  type Resource,
} from 'mesos-modules';

import { describeWithFixture, expectError, fixture, manifestFor, rejection } from './helpers.js';

async function hookFrom(library: string, module: string, parameters: Parameter[] = []): Promise<Hook> {
  const manager = await ModuleManager.load(manifestFor(fixture(library), { [module]: parameters }));
  return manager.createHook(module);
}

async function creating(library: string, module: string, parameters: Parameter[]): Promise<unknown> {
  return hookFrom(library, module, parameters).catch((e: unknown) => e);
}

function label(key: string, value: string) {
  return { key, value };
}

function named(resources: Resource[] | null, name: string): Resource[] {
  return (resources ?? []).filter((r) => r.name === name);
}

const dockerCall = {
  executorInfo: builders.executorInfo(),
  containerName: 'mesos-1',
  containerWorkDirectory: '/var/lib/mesos/sandbox',
  mappedSandboxDirectory: '/mnt/mesos/sandbox',
  env: {},
};

describeWithFixture('sdk_docker_policy_published')('a published Docker hook that includes "messages/messages.hpp"', () => {
  const MODULE = 'org_example_DockerPolicy';
  const parameters = [
    { key: 'policy_name', value: 'published' },
    { key: 'deny_privileged', value: 'true' },
    { key: 'denied_host_path_prefixes', value: '/etc,/var/run/docker.sock' },
  ];

  function dockerTask(
    docker: Record<string, unknown>,
    volumes: Array<{ container_path: string; host_path: string; mode: 'RW' | 'RO' }> = [],
  ) {
    return builders.taskInfo({
      task_id: { value: 'web-1' },
      container: { type: 'DOCKER', docker: { image: 'nginx:1.27', ...docker }, volumes },
    });
  }

  it('loads as a Hook module of the SDK version', async () => {
    const manager = await ModuleManager.load(
      manifestFor(fixture('sdk_docker_policy_published'), { [MODULE]: parameters }),
    );
    expect(manager.modules[0]).toMatchObject({ name: MODULE, kind: 'Hook', moduleApiVersion: '2' });
    expect(manager.modules[0].mesosVersion).toMatch(/^1\.11\.0/);
  });

  it('admits an allowed container and names its policy', async () => {
    const hook = await hookFrom('sdk_docker_policy_published', MODULE, parameters);
    await expect(
      hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: dockerTask({}), ...dockerCall }),
    ).resolves.toEqual({
      executorEnvironment: { variables: [{ name: 'MESOS_DOCKER_POLICY', value: 'published' }] },
      taskEnvironment: { variables: [{ name: 'MESOS_DOCKER_POLICY', value: 'published' }] },
    });
  });

  it('refuses privileged containers and denied host paths with a failed future', async () => {
    const hook = await hookFrom('sdk_docker_policy_published', MODULE, parameters);
    const privileged = await hook
      .slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: dockerTask({ privileged: true }), ...dockerCall })
      .catch((e: unknown) => e);
    expect(privileged).toBeInstanceOf(HookFailure);
    expect((privileged as HookFailure).message).toBe(
      "policy 'published' refuses task 'web-1': privileged Docker containers are not allowed",
    );

    const mount = { container_path: '/host-etc', host_path: '/data/../etc', mode: 'RO' as const };
    const error = await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: dockerTask({}, [mount]), ...dockerCall }));
    expectError(error, HookFailure, 'HOOK_FAILURE', "policy 'published' refuses task 'web-1': host path '/etc' (volume 0, container path '/host-etc') is under denied prefix '/etc'");
  });
});

describe('label and environment decorators that copy and extend their inputs', () => {
  const MODULE = 'org_mm_Decorators';
  let hook: Hook;

  beforeAll(async () => {
    hook = await hookFrom('sdk_decorators', MODULE);
  });

  // hook_tests.cpp VerifyMasterLaunchTaskLabelDecoratorHook.
  it('master: prepends the test label and removes MESOS_Test_Remove_Label', async () => {
    const labels = await hook.masterLaunchTaskLabelDecorator({
      taskInfo: builders.taskInfo({ labels: { labels: [label('MESOS_Test_Remove_Label', 'FooBar')] } }),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    expect(labels).toEqual({ labels: [label('MESOS_Test_Label', 'ApacheMesos')] });
  });

  // hook_tests.cpp VerifySlaveRunTaskHook: the master hook runs first, then the agent hook.
  it('master then agent: the executor sees [baz:qux, MESOS_Test_Label:ApacheMesos, bar:baz]', async () => {
    const taskInfo = builders.taskInfo({ labels: { labels: [label('foo', 'bar'), label('bar', 'baz')] } });
    const master = await hook.masterLaunchTaskLabelDecorator({
      taskInfo,
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    const agent = await hook.slaveRunTaskLabelDecorator({
      taskInfo: { ...taskInfo, labels: master! },
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    expect(agent).toEqual({
      labels: [label('baz', 'qux'), label('MESOS_Test_Label', 'ApacheMesos'), label('bar', 'baz')],
    });
  });

  // hook_tests.cpp VerifySlaveExecutorEnvironmentDecorator (the executor runs `test $FOO = 'bar'`).
  it('environment: keeps the executor environment and appends FOO=bar', async () => {
    const executorInfo = builders.executorInfo({
      command: { environment: { variables: [{ name: 'PATH', value: '/usr/bin' }] } },
    });
    await expect(hook.slaveExecutorEnvironmentDecorator({ executorInfo })).resolves.toEqual({
      variables: [
        { name: 'PATH', value: '/usr/bin' },
        { name: 'FOO', value: 'bar' },
      ],
    });
    await expect(hook.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).resolves.toEqual({
      variables: [{ name: 'FOO', value: 'bar' }],
    });
  });

  it('environment: appends the configured variables in parameter order, duplicates kept', async () => {
    const configured = await hookFrom('sdk_decorators', MODULE, [
      { key: 'variable', value: 'A=1' },
      { key: 'variable', value: 'B=x=y' },
      { key: 'variable', value: 'A=2' },
    ]);
    await expect(configured.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() })).resolves.toEqual({
      variables: [
        { name: 'A', value: '1' },
        { name: 'B', value: 'x=y' },
        { name: 'A', value: '2' },
      ],
    });
  });

  it('refuses to be created with a malformed variable', async () => {
    expect(await creating('sdk_decorators', MODULE, [{ key: 'variable', value: 'NOVALUE' }])).toBeInstanceOf(
      ModuleCreateError,
    );
  });

  // hook_tests.cpp VerifySlaveTaskStatusDecorator.
  it('status: [bar:qux, bar:baz] and one network 4.3.2.1 / public / net_foo:net_bar', async () => {
    const status = await hook.slaveTaskStatusDecorator({
      frameworkId: builders.frameworkID(),
      status: builders.taskStatus({ labels: { labels: [label('foo', 'bar'), label('bar', 'baz')] } }),
    });
    expect(status?.labels).toEqual({ labels: [label('bar', 'qux'), label('bar', 'baz')] });
    expect(status?.container_status?.network_infos).toEqual([
      { ip_addresses: [{ ip_address: '4.3.2.1' }], groups: ['public'], labels: { labels: [label('net_foo', 'net_bar')] } },
    ]);
    expect(status?.task_id).toBeUndefined();
  });

  it('logs through glog with the ids printed as their values', async () => {
    hook.clearLogs();
    await hook.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() });
    expect(hook.logs.map((l) => l.message)).toContain(
      "Executing 'slaveExecutorEnvironmentDecorator' hook for executor task-1",
    );
  });
});

describeWithFixture('sdk_command_runner')('a command-runner hook: task as JSON to a file, subprocess with a timeout, JSON back', () => {
  const MODULE = 'org_mm_CommandRunner';
  let dir: string;
  let script: string;

  // The "admission script": reads $TASK_FILE and answers by mode.
  const SCRIPT = `
const fs = require('node:fs');
const mode = process.argv[2];
const task = JSON.parse(fs.readFileSync(process.env.TASK_FILE, 'utf8'));
if (mode === 'ok') {
  console.log(JSON.stringify({ taskEnvironment: { variables: [
    { name: 'TASK_NAME', value: task.name },
    { name: 'TASK_ID', value: task.task_id.value },
    { name: 'CONTAINER', value: process.env.CONTAINER_NAME },
    { name: 'FROM_AGENT', value: process.env.FROM_AGENT || '' },
  ] } }));
} else if (mode === 'fail') {
  process.stderr.write('boom\\n');
  process.exit(3);
} else if (mode === 'sleep') {
  setTimeout(() => {}, 60000); // longer than any test: only the hook's kill ends it in time
} else if (mode === 'garbage') {
  console.log('not json');
} else if (mode === 'wrong') {
  console.log(JSON.stringify({ taskEnvironment: { variables: [{ value: 'no name' }] } }));
}
`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm-command-runner-'));
    script = join(dir, 'admit.cjs');
    writeFileSync(script, SCRIPT);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function runner(mode: string, timeout = '5secs') {
    return hookFrom('sdk_command_runner', MODULE, [
      { key: 'command', value: `'${process.execPath}' '${script}' ${mode}` },
      { key: 'timeout', value: timeout },
    ]);
  }

  function prelaunch(hook: Hook, sandbox: string) {
    return hook.slavePreLaunchDockerTaskExecutorDecorator(
      {
        taskInfo: builders.taskInfo({ name: 'web', task_id: { value: 'web-7' } }),
        executorInfo: builders.executorInfo(),
        containerName: 'mesos-42',
        containerWorkDirectory: sandbox,
        mappedSandboxDirectory: '/mnt/mesos/sandbox',
        env: { FROM_AGENT: 'yes' },
      },
      { timeout: 15_000 },
    );
  }

  it("writes the task as JSON and turns the command's JSON answer into a message", async () => {
    const sandbox = mkdtempSync(join(dir, 'sandbox-'));
    const hook = await runner('ok');
    await expect(prelaunch(hook, sandbox)).resolves.toEqual({
      taskEnvironment: {
        variables: [
          { name: 'TASK_NAME', value: 'web' },
          { name: 'TASK_ID', value: 'web-7' },
          { name: 'CONTAINER', value: 'mesos-42' },
          { name: 'FROM_AGENT', value: 'yes' },
        ],
      },
    });

    const written = JSON.parse(readFileSync(join(sandbox, 'task.json'), 'utf8'));
    expect(written).toMatchObject({ name: 'web', task_id: { value: 'web-7' }, slave_id: { value: 'agent-1-S0' } });
    expect(written.resources).toHaveLength(2);
  });

  it('answers None when the command prints nothing', async () => {
    const hook = await runner('empty');
    await expect(prelaunch(hook, mkdtempSync(join(dir, 'sandbox-')))).resolves.toBeNull();
  });

  it('fails the launch with the exit status (WSTRINGIFY) and stderr', async () => {
    const hook = await runner('fail');
    const error = await prelaunch(hook, mkdtempSync(join(dir, 'sandbox-'))).catch((e: unknown) => e);
    expectError(error, HookFailure, 'HOOK_FAILURE', `Command ''${process.execPath}' '${script}' fail' exited with status 3: boom`);
  });

  it('kills a command that outlives the timeout', async () => {
    const hook = await runner('sleep', '300ms');
    const error = await prelaunch(hook, mkdtempSync(join(dir, 'sandbox-'))).catch((e: unknown) => e);
    expectError(error, HookFailure, 'HOOK_FAILURE', `Command ''${process.execPath}' '${script}' sleep' timed out after 300ms`);
  });

  it('fails on output that is not a DockerTaskExecutorPrepareInfo', async () => {
    const invalid: Record<string, string> = { garbage: 'syntax error at line 1 near: ot json', wrong: 'Missing required fields: taskEnvironment.variables[0].name' };
    for (const mode of ['garbage', 'wrong']) {
      const hook = await runner(mode);
      const error = await prelaunch(hook, mkdtempSync(join(dir, 'sandbox-'))).catch((e: unknown) => e);
      expectError(error, HookFailure, 'HOOK_FAILURE', `Command ''${process.execPath}' '${script}' ${mode}' printed invalid output: ${invalid[mode]}`);
    }
  });

  it('fails when the sandbox cannot be written', async () => {
    const hook = await runner('ok');
    expectError(await rejection(prelaunch(hook, join(dir, 'missing', 'sandbox'))), HookFailure, 'HOOK_FAILURE', `Failed to write '${dir}/missing/sandbox/task.json': No such file or directory`);
  });

  it('refuses to be created without a command', async () => {
    // ModuleManager::create's message, then the line create() logged to say why.
    expectError(await creating('sdk_command_runner', MODULE, []), ModuleCreateError, 'MODULE_CREATE',
      `Error creating Module instance for '${MODULE}' (it logged: Missing parameter 'command')`);
    expectError(
      await creating('sdk_command_runner', MODULE, [
        { key: 'command', value: 'true' },
        { key: 'timeout', value: 'soon' },
      ]),
      ModuleCreateError,
      'MODULE_CREATE',
      // stout's Duration::parse reads no number before the unit "soon".
      `Error creating Module instance for '${MODULE}' (it logged: Invalid 'timeout': Failed to convert '' to number)`,
    );
  });
});

describeWithFixture('sdk_actor_signal')('a hook that signals an actor and waits on its promise', () => {
  const MODULE = 'org_mm_ActorSignal';
  // Logged by the hook once the actor's promise holds the module name that
  // arrived in the HookExecuted message.
  const executed = "Hook 'org_mm_ActorSignal' executed";

  // hook_tests.cpp MasterSlaveLostHookTest: a HookExecuted message is observed.
  it('masterSlaveLostHook returns once the actor handled HookExecuted', async () => {
    const hook = await hookFrom('sdk_actor_signal', MODULE);
    await expect(hook.masterSlaveLostHook({ slaveInfo: builders.slaveInfo() }, { offThread: true })).resolves.toBeUndefined();
    // The actor's own line (logged on a runtime thread while the call runs)
    // belongs to the call too.
    expect(hook.logs.map((l) => l.message)).toEqual([
      "Executing 'masterSlaveLostHook' for agent agent-1.example.com",
      expect.stringMatching(/^Received HookExecuted for module 'org_mm_ActorSignal' from actor-signal-hook\(\d+\)@127\.0\.0\.1:\d+$/),
      executed,
    ]);
  });

  // hook_tests.cpp VerifySlaveLaunchExecutorHook: executor removal triggers HookExecuted.
  it('slaveRemoveExecutorHook does the same, again and again', async () => {
    const hook = await hookFrom('sdk_actor_signal', MODULE);
    for (let i = 0; i < 3; i++) {
      await expect(
        hook.slaveRemoveExecutorHook(
          { frameworkInfo: builders.frameworkInfo(), executorInfo: builders.executorInfo() },
          { offThread: true },
        ),
      ).resolves.toBeUndefined();
    }
    expect(hook.logs.filter((l) => l.message === executed)).toHaveLength(3);
  });

  it('returns an Error when the message never comes', async () => {
    const hook = await hookFrom('sdk_actor_signal', MODULE, [
      { key: 'signal', value: 'false' },
      { key: 'wait', value: '100ms' },
    ]);
    const error = await hook.masterSlaveLostHook({ slaveInfo: builders.slaveInfo() }, { offThread: true }).catch((e: unknown) => e);
    expectError(error, HookError, 'HOOK_ERROR', 'Timed out waiting for HookExecuted after 100ms');
  });

  it("returns the actor's future from the Docker decorator", async () => {
    const hook = await hookFrom('sdk_actor_signal', MODULE);
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...dockerCall })).resolves.toEqual({
      taskEnvironment: { variables: [{ name: 'HOOK_MODULE', value: 'org_mm_ActorSignal' }] },
    });

    const silent = await hookFrom('sdk_actor_signal', MODULE, [
      { key: 'signal', value: 'false' },
      { key: 'wait', value: '100ms' },
    ]);
    expectError(
      await rejection(silent.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo(), ...dockerCall })),
      HookFailure,
      'HOOK_FAILURE',
      'Timed out waiting for HookExecuted after 100ms',
    );
  });
});

describe('a hook that does Resources arithmetic and reads Attributes', () => {
  const MODULE = 'org_mm_ResourcesAttributes';
  let hook: Hook;

  beforeAll(async () => {
    hook = await hookFrom('sdk_resources_attributes', MODULE);
  });

  // hook_tests.cpp VerifyMasterLaunchTaskResourceDecoratorHook: get<Value::Scalar>("network_bandwidth") == 10.
  it('adds network_bandwidth:10 for the task role when the agent offers it', async () => {
    const task = builders.taskInfo();
    const result = await hook.masterLaunchTaskResourceDecorator({
      task,
      slaveResources: builders.resources('cpus:2;mem:1024;network_bandwidth:100'),
    });
    expect(named(result, 'network_bandwidth')).toEqual([
      { name: 'network_bandwidth', type: 'SCALAR', scalar: { value: 10 }, allocation_info: { role: '*' } },
    ]);
    expect(named(result, 'cpus')).toEqual([
      { name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 }, allocation_info: { role: '*' } },
    ]);
    expect(result).toHaveLength(3);
  });

  it("leaves the task's resources when the agent has no network_bandwidth, or the task asks for it", async () => {
    const task = builders.taskInfo();
    const plain = await hook.masterLaunchTaskResourceDecorator({ task, slaveResources: builders.resources('cpus:2') });
    expect(plain?.map((r) => r.name).sort()).toEqual(['cpus', 'mem']);

    const asking = builders.taskInfo({
      resources: [
        ...task.resources!,
        { name: 'network_bandwidth', type: 'SCALAR', scalar: { value: 50 }, allocation_info: { role: '*' } },
      ],
    });
    const kept = await hook.masterLaunchTaskResourceDecorator({
      task: asking,
      slaveResources: builders.resources('network_bandwidth:100'),
    });
    expect(named(kept, 'network_bandwidth')[0].scalar).toEqual({ value: 50 });
  });

  it('merges what Mesos merges and drops what is empty', async () => {
    const task = builders.taskInfo({
      resources: [
        { name: 'cpus', type: 'SCALAR', scalar: { value: 0.25 }, allocation_info: { role: 'web' } },
        { name: 'cpus', type: 'SCALAR', scalar: { value: 0.25 }, allocation_info: { role: 'web' } },
        { name: 'mem', type: 'SCALAR', scalar: { value: 0 }, allocation_info: { role: 'web' } },
      ],
    });
    const result = await hook.masterLaunchTaskResourceDecorator({
      task,
      slaveResources: builders.resources('network_bandwidth:100'),
    });
    expect(result).toEqual([
      { name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 }, allocation_info: { role: 'web' } },
      { name: 'network_bandwidth', type: 'SCALAR', scalar: { value: 10 }, allocation_info: { role: 'web' } },
    ]);
  });

  // hook_tests.cpp VerifySlaveResourcesAndAttributesDecorator.
  it('agent resources: cpus replaced by 4, foo:{bar,baz} added, the rest kept', async () => {
    const result = await hook.slaveResourcesDecorator({
      slaveInfo: builders.slaveInfo({ resources: builders.resources('cpus:8;mem:1024;ports:[31000-32000]') }),
    });
    expect(named(result, 'cpus')).toEqual([{ name: 'cpus', type: 'SCALAR', scalar: { value: 4 } }]);
    expect(named(result, 'foo')).toEqual([{ name: 'foo', type: 'SET', set: { item: ['bar', 'baz'] } }]);
    expect(named(result, 'mem')).toEqual([{ name: 'mem', type: 'SCALAR', scalar: { value: 1024 } }]);
    expect(named(result, 'ports')[0].ranges).toEqual({ range: [{ begin: 31000, end: 32000 }] });
  });

  it('agent attributes: rack=rack1 (TEXT) added after the existing ones', async () => {
    await expect(hook.slaveAttributesDecorator({ slaveInfo: builders.slaveInfo() })).resolves.toEqual([
      { name: 'rack', type: 'TEXT', text: { value: 'rack1' } },
    ]);
    await expect(
      hook.slaveAttributesDecorator({ slaveInfo: builders.slaveInfo({ attributes: builders.attributes('zone:2') }) }),
    ).resolves.toEqual([
      { name: 'zone', type: 'SCALAR', scalar: { value: 2 } },
      { name: 'rack', type: 'TEXT', text: { value: 'rack1' } },
    ]);
  });

  it('reads attributes and does arithmetic on the agent and task resources', async () => {
    const labels = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo(),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo({
        resources: [
          ...builders.resources('cpus:4;mem:1024'),
          {
            name: 'ports',
            type: 'RANGES',
            ranges: {
              range: [
                { begin: 31000, end: 31005 },
                { begin: 31006, end: 32000 },
              ],
            },
          },
        ],
        attributes: builders.attributes('rack:r7;zone:3'),
      }),
    });
    expect(Object.fromEntries(labels!.labels!.map((l) => [l.key, l.value]))).toEqual({
      rack: 'r7',
      zone: '3',
      cpus: '0.5',
      mem: '128MB',
      // ports() totals (and so coalesces); a stored resource prints as given.
      ports: '[31000-32000]',
      fits: 'true',
      remaining: 'cpus:3.5; mem:896; ports:[31000-31005, 31006-32000]',
      names: 'cpus,mem,ports',
    });

    const small = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo(),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo({ resources: builders.resources('cpus:0.25'), attributes: [] }),
    });
    expect(Object.fromEntries(small!.labels!.map((l) => [l.key, l.value]))).toMatchObject({
      rack: 'unknown',
      zone: '0',
      ports: 'none',
      fits: 'false',
      remaining: '{}',
    });
  });
});

describe('a hook that loads stout flags from its parameters', () => {
  const MODULE = 'org_mm_FlagsHook';

  async function labelsOf(hook: Hook) {
    const labels = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo({ labels: { labels: [label('app', 'web')] } }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    return labels!.labels!.map((l) => [l.key, l.value]);
  }

  it('uses the defaults for what is not given', async () => {
    const hook = await hookFrom('sdk_flags_hook', MODULE, [{ key: 'label_value', value: 'payments' }]);
    expect(await labelsOf(hook)).toEqual([
      ['app', 'web'],
      ['team', 'payments'],
      ['max_cpus', '2'],
      ['timeout', '5secs'],
      ['dry_run', 'false'],
    ]);
  });

  it('parses strings, numbers, durations and booleans', async () => {
    const hook = await hookFrom('sdk_flags_hook', MODULE, [
      { key: 'label_key', value: 'owner' },
      { key: 'label_value', value: 'ops' },
      { key: 'max_cpus', value: '1.5' },
      { key: 'timeout', value: '2mins' },
      { key: 'dry_run', value: 'true' },
    ]);
    expect(await labelsOf(hook)).toEqual([
      ['app', 'web'],
      ['owner', 'ops'],
      ['max_cpus', '1.5'],
      ['timeout', '2mins'],
      ['dry_run', 'true'],
    ]);
  });

  it.each([
    ['a required flag is missing', [], "Flag 'label_value' is required, but it was not provided"],
    [
      'a value does not parse',
      [{ key: 'label_value', value: 'x' }, { key: 'max_cpus', value: 'lots' }],
      "Failed to load flag 'max_cpus': Failed to load value 'lots': Failed to convert into required type",
    ],
    ['a validator refuses', [{ key: 'label_value', value: 'x' }, { key: 'max_cpus', value: '-1' }], 'Expected --max_cpus to be positive'],
    ['a flag is unknown', [{ key: 'label_value', value: 'x' }, { key: 'colour', value: 'blue' }], "Failed to load unknown flag 'colour'"],
  ])('refuses to be created when %s', async (_why, parameters, why) => {
    // stout's flags error, logged by create() under the module's name.
    expectError(await creating('sdk_flags_hook', MODULE, parameters as Parameter[]), ModuleCreateError, 'MODULE_CREATE',
      `Error creating Module instance for '${MODULE}' (it logged: ${MODULE}: ${why})`);
  });

  it('caps cpus with Resources arithmetic, keeping the allocation', async () => {
    const hook = await hookFrom('sdk_flags_hook', MODULE, [
      { key: 'label_value', value: 'x' },
      { key: 'max_cpus', value: '1' },
    ]);
    const big = builders.taskInfo({
      resources: [
        { name: 'cpus', type: 'SCALAR', scalar: { value: 3 }, allocation_info: { role: 'web' } },
        { name: 'mem', type: 'SCALAR', scalar: { value: 64 }, allocation_info: { role: 'web' } },
      ],
    });
    const result = await hook.masterLaunchTaskResourceDecorator({ task: big, slaveResources: [] });
    expect(result).toEqual([
      { name: 'cpus', type: 'SCALAR', scalar: { value: 1 }, allocation_info: { role: 'web' } },
      { name: 'mem', type: 'SCALAR', scalar: { value: 64 }, allocation_info: { role: 'web' } },
    ]);
    expect(hook.logs.map((l) => l.message)).toContain('Capped cpus at 1 (excess 2)');

    await expect(hook.masterLaunchTaskResourceDecorator({ task: builders.taskInfo(), slaveResources: [] })).resolves.toBeNull();
  });
});
