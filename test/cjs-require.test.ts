// CommonJS consumers: `require('mesos-modules')` in a project's .cjs file
// loads the ES-module package synchronously (Node >= 20.19, package.json
// "engines"), with the same exports as `import`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import * as esm from 'mesos-modules';

import { fixture, userProject } from './helpers.js';

describe("require('mesos-modules') from CommonJS", () => {
  it('has the ES exports and loads and calls a hook', () => {
    const project = userProject();
    const script = join(project, 'use.cjs');
    writeFileSync(
      script,
      `const mm = require('mesos-modules');
const { matchers } = require('mesos-modules/vitest');
const manifest = { libraries: [{ file: ${JSON.stringify(fixture('test_hook'))}, modules: [{ name: 'org_mm_TestHook' }] }] };
mm.ModuleManager.load(manifest)
  .then((manager) => manager.createHook('org_mm_TestHook'))
  .then((hook) => hook.slaveRunTaskLabelDecorator({
    taskInfo: mm.builders.taskInfo(),
    executorInfo: mm.builders.executorInfo(),
    frameworkInfo: mm.builders.frameworkInfo(),
    slaveInfo: mm.builders.slaveInfo(),
  }))
  .then((labels) => console.log(JSON.stringify({ exports: Object.keys(mm).sort(), matchers: typeof matchers, labels })));
`,
    );
    const result = spawnSync(process.execPath, [script], { cwd: project, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { exports: string[]; matchers: string; labels: unknown };
    expect(out.exports).toEqual(Object.keys(esm).sort());
    expect(out.matchers).toBe('object');
    expect(out.labels).toEqual({ labels: [{ key: 'baz', value: 'qux' }] });
  });
});
