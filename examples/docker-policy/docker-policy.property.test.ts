// Properties of the docker-policy hook over generated tasks (fast-check, via
// mesos-modules' arbitraries), each task launched through the agent's hook
// pipeline as the Docker containerizer would launch it. 10,000 cases in all.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { ModuleManager, arbitraries, type HookPipeline, type TaskInfo } from 'mesos-modules';

const ALLOWED = ['/data', '/scratch', '/var/log/apps'];
const DENIED = ['/data/secrets', '/etc', '/proc', '/sys', '/var/run/docker.sock'];
const PREFIXES = [...ALLOWED, ...DENIED, '/opt', '/home'];

let pipeline: HookPipeline;

beforeAll(async () => {
  // The example's manifest: these prefixes and deny_privileged=true.
  const manager = await ModuleManager.load('file://examples/docker-policy/agent-modules.json');
  pipeline = manager.pipeline('org_example_DockerPolicy');
  await pipeline.ready;
});

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** Every host path the task's container would bind-mount. */
function hostPaths(task: TaskInfo): string[] {
  const container = task.container;
  const paths = (container?.volumes ?? []).map((v) => v.host_path ?? v.source?.host_path?.path).filter((p): p is string => p !== undefined);
  for (const p of container?.docker?.parameters ?? []) if (p.key === 'volume') paths.push(p.value.split(':')[0]!);
  return paths;
}

const launch = (taskInfo: TaskInfo) => pipeline.simulateLaunch({ taskInfo, containerizer: 'docker' });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** How the Docker containerizer reports the hook's refusal of `task`: the agent's wrapping, then the policy's own words. */
const refusal = (task: TaskInfo, why: string) =>
  `Failed to launch container: Collect failed: policy 'example' refuses task '${task.task_id?.value}': ${why}`;

/** A refusal naming one host path, its volume or docker parameter, and the rule it breaks; only those vary. */
const pathRefusal = (task: TaskInfo) =>
  new RegExp(
    `^${escape(refusal(task, ''))}host path '.*' \\((volume \\d+, container path '.*'|docker parameter 'volume=.*')\\) ` +
      `(is under denied prefix '(${DENIED.map(escape).join('|')})'|is not under an allowed prefix \\(${ALLOWED.map(escape).join(', ')}\\))$`,
  );

describe('docker-policy properties', () => {
  it('no task mounting a host path under a denied prefix is ever accepted', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries.taskInfo({ container: 'docker', hostPathPrefixes: PREFIXES, privileged: false }), async (task) => {
        const verdict = await launch(task);
        const denied = hostPaths(task).find((p) => DENIED.some((d) => under(p, d)));
        if (denied !== undefined) {
          expect(verdict.launched).toBe(false);
          if (!verdict.launched) expect(verdict.message).toMatch(pathRefusal(task));
        }
        // A task is launched exactly when every host path is allowed and none denied.
        const allAllowed = hostPaths(task).every((p) => ALLOWED.some((a) => under(p, a)) && !DENIED.some((d) => under(p, d)));
        expect(verdict.launched).toBe(allAllowed);
      }),
      { numRuns: 4000 },
    );
  });

  it('privileged is always refused when deny_privileged is set', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries.taskInfo({ container: 'docker', hostPathPrefixes: PREFIXES, privileged: true }), async (task) => {
        const verdict = await launch(task);
        expect(verdict).toMatchObject({
          launched: false,
          reason: 'REASON_CONTAINER_LAUNCH_FAILED',
          message: refusal(task, 'privileged Docker containers are not allowed'),
        });
      }),
      { numRuns: 3000 },
    );
  });

  it("an accepted task's environment names the policy", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries.taskInfo({ container: 'docker', hostPathPrefixes: ALLOWED, privileged: 'any' }), async (task) => {
        const verdict = await launch(task);
        if (!verdict.launched) return;
        expect(verdict.executorEnvironment.MESOS_DOCKER_POLICY).toBe('example');
        expect(verdict.dockerTaskEnvironment?.MESOS_DOCKER_POLICY).toBe('example');
      }),
      { numRuns: 3000 },
    );
  });
});
