// The Jest entry point (mesos-modules/jest), run by Jest 30 itself in ESM mode
// in a throwaway project that depends on this package: its matchers pass on
// real hook calls, and a failing expectation prints a diff.
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fixture, root, userProject } from './helpers.js';

let project: string;
let run: { status: number | null; output: string };

beforeAll(() => {
  project = userProject();
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'user-project',
      private: true,
      type: 'module',
      jest: { testEnvironment: 'node', transform: {}, testMatch: ['**/*.jest.mjs'] },
    }),
  );
  for (const file of ['matchers.jest.mjs', 'failing.jest.mjs']) copyFileSync(join(root, 'test', 'jest', file), join(project, file));
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--runInBand', '--verbose'], {
    cwd: project,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      MM_FIXTURE: fixture('test_hook'),
    },
  });
  run = { status: result.status, output: `${result.stdout}${result.stderr}` };
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('mesos-modules/jest under Jest 30', () => {
  it('passes every matcher on real hook calls', () => {
    expect(run.output).toMatch(/PASS \.?\/?matchers\.jest\.mjs/);
    for (const name of ['toRejectTask', 'toReturnNone', 'toReturnLabels', 'toSetEnv', 'toHaveLogged']) {
      expect(run.output).toMatch(new RegExp(`✓ ${name}`));
    }
  });

  it('fails the failing expectation with a diff in the message', () => {
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/FAIL \.?\/?failing\.jest\.mjs/);
    expect(run.output).toContain('Tests:       1 failed, 5 passed, 6 total');
    expect(run.output).toContain('expect(received).toReturnLabels(expected)');
    expect(run.output).toMatch(/- Expected\s+\+ Received/);
    expect(run.output).toMatch(/-\s+"team": "api",\n\s+\+\s+"team": "web",/);
  });
});
