// `mesos-modules check`, run as a user runs it (npx in a project that depends
// on the package): task files through an agent's --hooks, the terminal, JSON
// and JUnit reports, --expect, and every exit status (0, 1, 2, 3), with hooks
// in a child process by default (--in-process to opt out).
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { dockerPolicyLibrary, fixture, root, runCli, userProject } from './helpers.js';

let project: string;
let tasks: string;
let policy: string;
let chain: string;

const exampleTasks = join(root, 'examples', 'docker-policy', 'tasks');
const taskFiles = () => readdirSync(tasks).sort().map((f) => join(tasks, f));

beforeAll(() => {
  project = userProject();
  tasks = mkdtempSync(join(tmpdir(), 'mm-tasks-'));
  for (const file of readdirSync(exampleTasks)) copyFileSync(join(exampleTasks, file), join(tasks, file));
  const example = JSON.parse(readFileSync(join(root, 'examples', 'docker-policy', 'agent-modules.json'), 'utf8'));
  example.libraries[0].file = dockerPolicyLibrary;
  policy = join(project, 'agent-modules.json');
  writeFileSync(policy, JSON.stringify(example));
  chain = JSON.stringify({
    libraries: [
      {
        file: fixture('chain_hook'),
        modules: [
          { name: 'org_mm_ChainHookA' },
          { name: 'org_mm_ChainHookB', parameters: [{ key: 'docker', value: 'failure' }] },
        ],
      },
    ],
  });
});

const check = (args: string[]) => runCli(project, ['check', ...args]);
const policyArgs = () => [`--modules=file://${policy}`, '--hooks=org_example_DockerPolicy'];

describe('mesos-modules check', () => {
  it('prints one line per task and a summary, and exits 0 once every task was checked', () => {
    const { status, stdout, stderr } = check([...policyArgs(), ...taskFiles()]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^allowed\.json\s+ACCEPT\s+launched; hooks set executor env MESOS_DOCKER_POLICY; task env MESOS_DOCKER_POLICY$/);
    expect(stdout).toMatch(/privileged\.json\s+REJECT\s+Failed to launch container: Collect failed: policy 'example' refuses task 'db-backup-20240501': privileged Docker containers are not allowed/);
    expect(stdout).toMatch(/non-docker\.json\s+ACCEPT\s+launched; the hooks changed nothing/);
    expect(lines.at(-1)).toBe('5 task(s): 2 accepted, 3 rejected');
  });

  it('--json: a result per task with file, verdict, reason and decorations', () => {
    const { status, stdout } = check([...policyArgs(), '--json', ...taskFiles()]);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.summary).toEqual({ tasks: 5, accepted: 2, rejected: 3 });
    const allowed = doc.results.find((r: { file: string }) => r.file === 'allowed.json');
    expect(allowed).toMatchObject({
      verdict: 'ACCEPT',
      containerizer: 'docker',
      decorations: { executorEnvironment: { MESOS_DOCKER_POLICY: 'example' }, dockerTaskEnvironment: { MESOS_DOCKER_POLICY: 'example' } },
    });
    const rejected = doc.results.find((r: { file: string }) => r.file === 'privileged.json');
    expect(rejected).toMatchObject({ verdict: 'REJECT', state: 'TASK_FAILED', statusReason: 'REASON_CONTAINER_LAUNCH_FAILED' });
  });

  it('--expect: 0 when every task matches, 1 when one differs; --junit writes a testcase per task', () => {
    const good = join(project, 'expect-good.json');
    writeFileSync(
      good,
      JSON.stringify({
        'allowed.json': 'ACCEPT',
        'docker-socket.json': { verdict: 'REJECT', reason: 'docker\\.sock' },
        'illegal-mount.json': 'REJECT',
        'non-docker.json': 'ACCEPT',
        'privileged.json': { verdict: 'REJECT', reason: '^Failed to launch container: .*privileged' },
      }),
    );
    const junit = join(project, 'report.xml');
    const ok = check([...policyArgs(), `--expect=${good}`, `--junit=${junit}`, ...taskFiles()]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('5 task(s): 2 accepted, 3 rejected; all as expected');
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('tests="5" failures="0"');
    expect(xml).not.toContain('<failure');

    const bad = join(project, 'expect-bad.json');
    writeFileSync(bad, JSON.stringify({ 'allowed.json': 'REJECT', 'privileged.json': { verdict: 'REJECT', reason: 'nothing like this' } }));
    const differs = check([...policyArgs(), `--expect=${bad}`, `--junit=${junit}`, ...taskFiles()]);
    expect(differs.status).toBe(1);
    expect(differs.stdout).toContain('UNEXPECTED: expected REJECT, got ACCEPT');
    expect(differs.stdout).toContain("UNEXPECTED: no expectation for 'non-docker.json' in the expect file");
    expect(differs.stdout).toContain('UNEXPECTED: expected a reason matching /nothing like this/');
    expect(differs.stdout).toContain('5 not as expected');
    const failed = readFileSync(junit, 'utf8');
    expect(failed).toContain('tests="5" failures="5"');
    expect(failed).toMatch(/<testcase classname="mesos-modules.check" name="allowed.json">\n\s+<failure message="expected REJECT, got ACCEPT/);
  });

  it('runs a two-hook pipeline: a failing Docker decorator fails the launch, a Mesos task is launched', () => {
    const file = join(project, 'two.json');
    writeFileSync(
      file,
      JSON.stringify([
        { task_id: { value: 'd1' }, container: { type: 'DOCKER', docker: { image: 'busybox' } } },
        { task_id: { value: 'm1' }, labels: { labels: [{ key: 'team', value: 'x' }] } },
      ]),
    );
    const { status, stdout } = check([`--modules=${chain}`, '--hooks=org_mm_ChainHookA,org_mm_ChainHookB', '--json', file]);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.results.map((r: { file: string; verdict: string }) => `${r.file}:${r.verdict}`)).toEqual(['two.json[0]:REJECT', 'two.json[1]:ACCEPT']);
    expect(doc.results[0].reason).toBe('Failed to launch container: Collect failed: b refuses d1');
    expect(doc.results[1].decorations).toEqual({ labels: { chain: 'b' }, executorEnvironment: { ORDER: 'ab' } });
    expect(doc.results[1].filled).toEqual(['name', 'slave_id', 'resources', 'command']);
    const text = check([`--modules=${chain}`, '--hooks=org_mm_ChainHookA,org_mm_ChainHookB', '--containerizer=mesos', file]);
    expect(text.stdout).toContain('filled by the builders: name, slave_id, resources, command');
    expect(text.stdout).toContain('2 task(s): 2 accepted, 0 rejected');
  });

  it('reports a hook Error as the agent warning and still launches', () => {
    const file = join(project, 'one.json');
    writeFileSync(file, JSON.stringify({ task_id: { value: 'w' } }));
    const modules = JSON.stringify({
      libraries: [{ file: fixture('chain_hook'), modules: [{ name: 'org_mm_ChainHookA', parameters: [{ key: 'mode', value: 'error' }] }] }],
    });
    const { status, stdout } = check([`--modules=${modules}`, '--hooks=org_mm_ChainHookA', file]);
    expect(status).toBe(0);
    expect(stdout).toContain("warning: Agent label decorator hook failed for module 'org_mm_ChainHookA': a slaveRunTaskLabelDecorator refused");
  });

  // Eleven runs of the command; those that get past the flags start the hooks' child process too.
  it('exits 2 with the agent message for usage, manifest, load and hook-installation errors', () => {
    const file = taskFiles()[0]!;
    const missing = join(project, 'missing.json');
    const cases: Array<[string[], string]> = [
      [[`--modules=file://${policy}`, file], "error: required option '--hooks <list>' not specified"],
      [['--hooks=x', file], 'error: one of --modules or --modules_dir is required'],
      [[...policyArgs(), '--containerizer=lxc', file], "error: option '--containerizer <name>' argument 'lxc' is invalid. Allowed choices are docker, mesos."],
      [
        ['--modules={"libraries": 1}', '--hooks=x', file],
        'error: Failed to load flag \'modules\': Failed to load value \'{"libraries": 1}\': Not expecting a JSON number for field \'libraries\'',
      ],
      [
        [`--modules={"libraries":[{"file":"/nonexistent/libx.so","modules":[{"name":"m"}]}]}`, '--hooks=m', file],
        "error: Error loading modules: Error opening library: '/nonexistent/libx.so': Could not load library '/nonexistent/libx.so': " +
          '/nonexistent/libx.so: cannot open shared object file: No such file or directory',
      ],
      [[`--modules=file://${policy}`, '--hooks=org_example_DockerPolicy,nope', file], "error: Error installing hooks: No hook module named 'nope' available"],
      [[`--modules=file://${policy}`, '--hooks=org_example_DockerPolicy,', file], "error: Error installing hooks: No hook module named '' available"],
      [[...policyArgs(), missing], `error: Failed to read task file '${missing}': ENOENT: no such file or directory, open '${missing}'`],
      [
        [...policyArgs(), '--expect=/nonexistent/expect.json', file],
        "error: Failed to read expect file '/nonexistent/expect.json': ENOENT: no such file or directory, open '/nonexistent/expect.json'",
      ],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = check(args);
      expect({ args, status }).toEqual({ args, status: 2 });
      expect(stderr).toBe(`${message}\n`);
    }
    const badExpect = join(project, 'bad-expect.json');
    writeFileSync(badExpect, JSON.stringify({ 'allowed.json': 'MAYBE' }));
    const r = check([...policyArgs(), `--expect=${badExpect}`, file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: Expect file '${badExpect}': allowed.json: expected "ACCEPT" or "REJECT", got "MAYBE"\n`);
    const badTask = join(project, 'bad-task.json');
    writeFileSync(badTask, JSON.stringify({ task_id: { value: 7 } }));
    const t = check([...policyArgs(), badTask]);
    expect(t.status).toBe(2);
    expect(t.stderr).toBe(
      `error: Task file '${badTask}': org_example_DockerPolicy.slaveRunTaskLabelDecorator: taskInfo.task_id.value: expected a string, got number 7\n`,
    );
  }, 60_000);
});


describe('mesos-modules check: hooks run in a child process unless --in-process', () => {
  let crashing: string;
  let crashTasks: string;
  beforeAll(() => {
    crashing = JSON.stringify({ libraries: [{ file: fixture('crash_hook'), modules: [{ name: 'org_mm_CrashHook' }] }] });
    crashTasks = mkdtempSync(join(tmpdir(), 'mm-crash-tasks-'));
    for (const name of ['a-ok', 'b-segfault', 'c-ok']) {
      writeFileSync(join(crashTasks, `${name}.json`), JSON.stringify({ name: name.slice(2) }));
    }
  });
  const crashFiles = () => ['a-ok', 'b-segfault', 'c-ok'].map((n) => join(crashTasks, `${n}.json`));

  it('a hook that crashes rejects its task with the HookCrash report, exit status 3, and the next task runs', () => {
    const { status, stdout, stderr } = check([`--modules=${crashing}`, '--hooks=org_mm_CrashHook', ...crashFiles()]);
    expect(stderr).toBe('');
    expect(status).toBe(3);
    expect(stdout).toMatch(/a-ok\.json\s+ACCEPT\s+launched; hooks set labels pid/);
    expect(stdout).toMatch(
      /b-segfault\.json\s+REJECT\s+org_mm_CrashHook\.slaveRunTaskLabelDecorator: org_mm_CrashHook\.slaveRunTaskLabelDecorator crashed the process running it \(signal SIGSEGV\); the child process was killed/,
    );
    expect(stdout).toMatch(/CRASH: the agent would have died; its stderr ended with:/);
    expect(stdout).toMatch(/c-ok\.json\s+ACCEPT\s+launched; hooks set labels pid/);
    expect(stdout.trim().split('\n').at(-1)).toBe('3 task(s): 2 accepted, 1 rejected (1 by a hook that crashed)');
  });

  it('--json carries the crash: module, hook, signal, exit status and stderr tail', () => {
    const { status, stdout } = check([`--modules=${crashing}`, '--hooks=org_mm_CrashHook', '--json', ...crashFiles()]);
    expect(status).toBe(3);
    const doc = JSON.parse(stdout);
    expect(doc.summary).toEqual({ tasks: 3, accepted: 2, rejected: 1, crashed: 1 });
    expect(doc.results[1].crash).toMatchObject({
      module: 'org_mm_CrashHook',
      hook: 'slaveRunTaskLabelDecorator',
      signal: 'SIGSEGV',
      exitStatus: null,
    });
    expect(typeof doc.results[1].crash.stderrTail).toBe('string');
    // The tasks before and after ran in different children.
    const pids = [doc.results[0], doc.results[2]].map((r: { decorations: { labels: { pid: string } } }) => r.decorations.labels.pid);
    expect(pids[0]).not.toBe(pids[1]);
  });

  it('--in-process runs the hooks in the command itself: the same verdicts, and a crash ends the command', () => {
    const ok = check([`--modules=${crashing}`, '--hooks=org_mm_CrashHook', '--in-process', '--json', crashFiles()[0]!]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).results[0]).toMatchObject({ verdict: 'ACCEPT', decorations: { labels: { pid: expect.any(String) } } });
    const crashed = check([`--modules=${crashing}`, '--hooks=org_mm_CrashHook', '--in-process', ...crashFiles()]);
    expect(crashed.status).not.toBe(0);
    expect(crashed.status).not.toBe(3);
    expect(crashed.stdout).not.toMatch(/task\(s\):/);
  });
});
