// The documentation's examples (docs/examples/), run as the guides tell a
// reader to run them: copied into a project of their own that depends on this
// package, the hook built with the command of its package.json (g++ and the
// flags `mesos-modules sdk` prints), its Vitest suite run with `npm test`, its
// task files checked with `npm run check`, and its TypeScript type-checked.
// The guides include these files ({@includeCode}), so they cannot drift.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { describeSdkOnly, root, userProject } from './helpers.js';

const examples = join(root, 'docs', 'examples');

function run(cwd: string, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  // The outer Vitest's own variables would make the inner run think it is a worker.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...extraEnv } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let project: string;

// The example hook is built against the bundled SDK, which a real-Mesos build cannot load.
describeSdkOnly('docs/examples in a project of their own', () => {
  beforeAll(() => {
    project = userProject();
    cpSync(examples, project, { recursive: true, filter: (source) => !source.includes(`${examples}/build`) });
    // What `npm install` of the example's devDependencies would provide.
    for (const name of ['vitest', 'fast-check', 'typescript', '@types', 'jest', '@jest']) {
      const target = join(project, 'node_modules', name);
      if (!existsSync(target)) symlinkSync(join(root, 'node_modules', name), target);
    }
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    for (const bin of ['vitest', 'tsc', 'jest']) symlinkSync(join(root, 'node_modules', '.bin', bin), join(project, 'node_modules', '.bin', bin));
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('npm run build compiles the hook with the SDK flags, warning-free', () => {
    const build = run(project, 'npm', ['run', 'build']);
    expect(build.output).not.toMatch(/warning:|error:/);
    expect(build.status).toBe(0);
    expect(existsSync(join(project, 'build', 'libmy_hook.so'))).toBe(true);
  }, 120_000);

  it('npm test runs every example test, and they pass', () => {
    const tests = run(project, 'npm', ['test', '--', '--reporter=verbose']);
    expect(tests.output).toMatch(/Test Files {2}3 passed \(3\)/);
    expect(tests.output).toMatch(/Tests {2}12 passed \(12\)/);
    const passed = tests.output.split('\n').filter((line) => line.trimStart().startsWith('✓ '));
    for (const name of [
      'labels a task with the team',
      'refuses privileged Docker containers',
      'fill every required field, and take deep partial overrides',
      'say what the agent would do with the result',
      'are typed and name the module and method',
      'keep the most recent lines, up to logLimit',
      'wait for a future the hook completes later, up to the timeout',
      'no privileged Docker task is ever launched; every other one gets TEAM',
      'runs the hooks as the agent runs its --hooks for a task',
      'are relative to the working directory, not to the manifest or the test file',
      'are checked as the agent checks them',
      'runs the same test with the hook in a child process',
    ]) {
      expect(passed.join('\n')).toContain(` > ${name}`);
    }
    expect(tests.status).toBe(0);
  }, 120_000);

  it('npm run check gives the expected verdicts and a JUnit report', () => {
    const check = run(project, 'npm', ['run', 'check']);
    expect(check.output).toMatch(/privileged\.json\s+REJECT\s+.*team 'payments' does not run privileged containers \(task 'db-1'\)/);
    expect(check.output).toMatch(/web\.json\s+ACCEPT/);
    expect(check.output).toContain('2 task(s): 1 accepted, 1 rejected; all as expected');
    expect(check.status).toBe(0);
    expect(readFileSync(join(project, 'build', 'check-report.xml'), 'utf8')).toContain('<testcase');
  }, 60_000);

  it('the Jest example passes under Jest 30 with --experimental-vm-modules, and cannot load without it', () => {
    const jest = join(project, 'node_modules', '.bin', 'jest');
    const esm = run(project, jest, [], { NODE_OPTIONS: '--experimental-vm-modules' });
    expect(esm.output).toMatch(/PASS \.\/my-hook\.jest\.mjs/);
    expect(esm.output).toContain('✓ labels a task with the team');
    expect(esm.status).toBe(0);

    // Jest 30 runs ES modules without the flag only on Node 24.9 and later (require(esm)).
    const [major, minor] = process.versions.node.split('.').map(Number);
    if (major < 24 || (major === 24 && minor < 9)) {
      const plain = run(project, jest, []);
      expect(plain.output).toContain('Must use import to load ES Module');
      expect(plain.status).toBe(1);
    }
  }, 60_000);

  it('the examples type-check under strict tsc', () => {
    const tsc = run(project, join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});
