// The docker-policy hook's own suite: what a module author would write,
// using only the public API of mesos-modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import 'mesos-modules/vitest';

import {
  ModuleCreateError,
  ModuleManager,
  builders,
  type ContainerInfo_DockerInfo,
  type DeepPartial,
  type Hook,
  type Parameter,
  type TaskInfo,
  type Volume,
} from 'mesos-modules';

const here = import.meta.dirname;
const manifestPath = join(here, 'agent-modules.json');
const MODULE = 'org_example_DockerPolicy';

function task(file: string): TaskInfo {
  return JSON.parse(readFileSync(join(here, 'tasks', file), 'utf8'));
}

function prelaunch(hook: Hook, taskInfo: TaskInfo, containerWorkDirectory = '/var/lib/mesos/sandbox') {
  return hook.slavePreLaunchDockerTaskExecutorDecorator({
    taskInfo,
    executorInfo: builders.executorInfo(),
    containerName: 'mesos-test',
    containerWorkDirectory,
    mappedSandboxDirectory: '/mnt/mesos/sandbox',
    env: {},
  });
}

function dockerTask(docker: DeepPartial<ContainerInfo_DockerInfo>, volumes: Array<DeepPartial<Volume>> = []) {
  return builders.taskInfo({
    task_id: { value: 'web-1' },
    container: { type: 'DOCKER', docker: { image: 'nginx:1.27', ...docker }, volumes },
  });
}

let manager: ModuleManager;
let hook: Hook;
let manifestParameters: Parameter[];

beforeAll(async () => {
  manager = await ModuleManager.load(`file://${manifestPath}`);
  hook = await manager.createHook(MODULE);
  manifestParameters = manager.modules[0].parameters;
});

function withParameters(overrides: Record<string, string>): Parameter[] {
  const kept = manifestParameters.filter((p) => !(p.key in overrides));
  return [...kept, ...Object.entries(overrides).map(([key, value]) => ({ key, value }))];
}

describe('the example tasks', () => {
  it('admits allowed.json and tells the task which policy did', async () => {
    const prepared = await prelaunch(hook, task('allowed.json'));
    expect(prepared).toEqual({
      executorEnvironment: { variables: [{ name: 'MESOS_DOCKER_POLICY', value: 'example' }] },
      taskEnvironment: { variables: [{ name: 'MESOS_DOCKER_POLICY', value: 'example' }] },
    });
  });

  it('refuses the privileged task', async () => {
    await expect(prelaunch(hook, task('privileged.json'))).toRejectTask(
      "policy 'example' refuses task 'db-backup-20240501': privileged Docker containers are not allowed",
    );
  });

  it('refuses the illegal mount, normalising /data/../etc to /etc', async () => {
    await expect(prelaunch(hook, task('illegal-mount.json'))).toRejectTask(
      "policy 'example' refuses task 'log-shipper-3': host path '/etc' (volume 1, container path '/host-etc') " +
        "is under denied prefix '/etc'",
    );
  });

  it('refuses the Docker socket given as a docker volume parameter', async () => {
    await expect(prelaunch(hook, task('docker-socket.json'))).toRejectTask(
      "policy 'example' refuses task 'ci-runner-42': host path '/var/run/docker.sock' " +
        "(docker parameter 'volume=/var/run/docker.sock:/var/run/docker.sock') is under denied prefix '/var/run/docker.sock'",
    );
  });

  it('leaves a non-Docker task alone (None)', async () => {
    await expect(prelaunch(hook, task('non-docker.json'))).resolves.toBeNull();
  });
});

describe('host paths', () => {
  it('matches prefixes on whole path components', async () => {
    const volume: DeepPartial<Volume> = { container_path: '/db', host_path: '/database', mode: 'RW' };
    await expect(prelaunch(hook, dockerTask({}, [volume]))).toRejectTask(
      "policy 'example' refuses task 'web-1': host path '/database' (volume 0, container path '/db') " +
        'is not under an allowed prefix (/data, /scratch, /var/log/apps)',
    );
  });

  it('lets a denied prefix win over an allowed one', async () => {
    const volume: DeepPartial<Volume> = { container_path: '/s', host_path: '/data/secrets/keys', mode: 'RO' };
    await expect(prelaunch(hook, dockerTask({}, [volume]))).toRejectTask(
      "policy 'example' refuses task 'web-1': host path '/data/secrets/keys' (volume 0, container path '/s') is under denied prefix '/data/secrets'",
    );
  });

  it('checks HOST_PATH volume sources', async () => {
    const volume: DeepPartial<Volume> = { container_path: '/p', mode: 'RO', source: { type: 'HOST_PATH', host_path: { path: '/proc' } } };
    await expect(prelaunch(hook, dockerTask({}, [volume]))).toRejectTask(
      "policy 'example' refuses task 'web-1': host path '/proc' (volume 0, container path '/p') is under denied prefix '/proc'",
    );
  });

  it('resolves a relative host path against the sandbox', async () => {
    const volume: DeepPartial<Volume> = { container_path: '/x', host_path: 'cache', mode: 'RW' };
    await expect(prelaunch(hook, dockerTask({}, [volume]), '/scratch/sandbox')).resolves.not.toBeNull();
    await expect(prelaunch(hook, dockerTask({}, [volume]), '/var/lib/mesos/sandbox')).toRejectTask(
      "policy 'example' refuses task 'web-1': host path '/var/lib/mesos/sandbox/cache' (volume 0, container path '/x') " +
        'is not under an allowed prefix (/data, /scratch, /var/log/apps)',
    );
  });

  it('ignores named docker volumes', async () => {
    const t = dockerTask({ parameters: [{ key: 'volume', value: 'cache:/cache' }] });
    await expect(prelaunch(hook, t)).resolves.not.toBeNull();
  });
});

describe('parameters', () => {
  it('allows privileged containers when deny_privileged is false', async () => {
    const lenient = await manager.createHook(MODULE, withParameters({ deny_privileged: 'false' }));
    await expect(prelaunch(lenient, task('privileged.json'))).resolves.not.toBeNull();
  });

  it('also catches privileged given as a docker parameter', async () => {
    const t = dockerTask({ parameters: [{ key: 'privileged', value: 'true' }] });
    await expect(prelaunch(hook, t)).toRejectTask("policy 'example' refuses task 'web-1': privileged Docker containers are not allowed");
  });

  it('names the policy it was configured with', async () => {
    const named = await manager.createHook(MODULE, withParameters({ policy_name: 'prod-east' }));
    const prepared = await prelaunch(named, task('allowed.json'));
    expect(prepared?.taskEnvironment).toEqual({ variables: [{ name: 'MESOS_DOCKER_POLICY', value: 'prod-east' }] });
  });

  it.each([
    [{ deny_privileged: 'yes' }, "parameter 'deny_privileged' must be 'true' or 'false', got 'yes'"],
    [{ allowed_host_path_prefixes: 'data' }, "parameter 'allowed_host_path_prefixes' has a prefix that is not an absolute path: 'data' (in 'data')"],
    [
      { paramters: 'typo' },
      "unknown parameter 'paramters' (value 'typo'); known parameters are policy_name, allowed_host_path_prefixes, " +
        'denied_host_path_prefixes and deny_privileged',
    ],
  ])('refuses to be created with %o', async (bad, why) => {
    // The module's create() logs why and returns nullptr: ModuleManager::create's message.
    const refusal = manager.createHook(MODULE, withParameters(bad));
    await expect(refusal).rejects.toBeInstanceOf(ModuleCreateError);
    await expect(refusal).rejects.toMatchObject({
      code: 'MODULE_CREATE',
      module: MODULE,
      // Mesos's message, then the ERROR line create() logged to say why.
      message: `Error creating Module instance for '${MODULE}' (it logged: ${MODULE}: invalid module parameters: ${why})`,
    });
    const error = await refusal.catch((e: ModuleCreateError) => e);
    expect(error.logs.some((line) => line.severity === 'ERROR')).toBe(true);
  });
});
