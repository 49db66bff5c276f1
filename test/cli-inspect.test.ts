// `mesos-modules inspect`, run as a user runs it (npx in a project that
// depends on the package): the agent's flags, environment and messages on
// stdout/stderr, and the exit status (0 all loads, 1 not, 2 usage).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { fixture, itSdkOnly, manifestFor, runCli, userProject } from './helpers.js';

const records = fixture('module_records');
const testHook = fixture('test_hook');

let project: string;
let dir: string;
const clean = { MESOS_HOME: '', LD_LIBRARY_PATH: '' };

beforeAll(() => {
  project = userProject();
  dir = mkdtempSync(join(tmpdir(), 'mm-cli-'));
});

function manifestFile(name: string, manifest: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return file;
}

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(project, ['inspect', ...args], { ...clean, ...env });

describe('mesos-modules inspect --modules / --modules_dir / --hooks', () => {
  itSdkOnly('prints a table per library and exits 0 when everything would load', () => {
    const file = manifestFile('good.json', manifestFor(testHook, { org_mm_TestHook: [{ key: 'docker_mode', value: 'ready' }] }));
    const { status, stdout, stderr } = run([`--modules=file://${file}`, '--hooks=org_mm_TestHook']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('runtime  ');
    expect(stdout).toContain('(the bundled SDK, found through this build)');
    expect(stdout).toContain('agent    Mesos 1.11.0-sdk');
    expect(stdout).toMatch(/│ org_mm_TestHook │ ok +│ Hook │ 1\.11\.0-sdk │ mesos-modules tests <tests@mesos-modules\.invalid> │/);
    expect(stdout).toContain('docker_mode=ready');
    expect(stdout).toMatch(/hooks org_mm_TestHook \(--hooks\)/);
    expect(stdout).toContain('everything would load');
  });

  it("prints the agent's messages on stderr and exits 1 when something would not load", () => {
    const file = manifestFile('bad.json', manifestFor(records, { org_mm_Hook: [], org_mm_Newer: [] }));
    const { status, stdout, stderr } = run(['--modules', `file://${file}`, '--mesos-version', '1.11.0', '--hooks', 'org_mm_Newer']);
    expect(status).toBe(1);
    expect(stderr.split('\n')).toEqual([
      "Error loading modules: Error verifying module 'org_mm_Newer': Mesos has version 1.11.0, but module is compiled with version 1.12.0",
      "Error installing hooks: No hook module named 'org_mm_Newer' available",
      '',
    ]);
    expect(stdout).toMatch(/│ org_mm_Newer +│ error +│/);
  });

  it('reads MESOS_MODULES and MESOS_HOOKS like the agent, and a bare path with its deprecation warning', () => {
    const file = manifestFile('env.json', manifestFor(testHook, { org_mm_TestHook: [] }));
    const { status, stdout, stderr } = run([], { MESOS_MODULES: file, MESOS_HOOKS: 'org_mm_TestHook,nope' });
    expect(status).toBe(1);
    expect(stdout).toContain(`modules  ${file} (MESOS_MODULES)`);
    expect(stderr).toContain("Warning: Specifying an absolute filename to read a command line option out of without using 'file:// is deprecated");
    expect(stderr).toContain("Error installing hooks: No hook module named 'nope' available\n");
  });

  it('refuses --modules with --modules_dir, with the agent message', () => {
    const { status, stderr } = run(['--modules={}'], { MESOS_MODULES_DIR: dir });
    expect(status).toBe(1);
    expect(stderr).toBe('Only one of --modules or --modules_dir should be specified\n');
  });

  it("prints the agent's flag error for a manifest that does not parse", () => {
    const { status, stderr } = run(['--modules={"libraries": [}']);
    expect(status).toBe(1);
    expect(stderr).toBe(
      'Failed to load flag \'modules\': Failed to load value \'{"libraries": [}\': syntax error at line 1 near: }\n',
    );
  });

  itSdkOnly('reads every file of --modules_dir in byte order', () => {
    const modulesDir = mkdtempSync(join(tmpdir(), 'mm-cli-dir-'));
    writeFileSync(join(modulesDir, 'b.json'), JSON.stringify(manifestFor(records, { org_mm_Older: [] })));
    writeFileSync(join(modulesDir, 'a.json'), JSON.stringify(manifestFor(testHook, { org_mm_TestHook: [] })));
    const { status, stdout, stderr } = run([`--modules_dir=${modulesDir}`]);
    expect(status).toBe(1);
    expect(stdout.indexOf(`(${modulesDir}/a.json)`)).toBeLessThan(stdout.indexOf(`(${modulesDir}/b.json)`));
    expect(stderr).toBe(
      `Error loading modules: Error loading modules from '${modulesDir}/b.json': Error verifying module 'org_mm_Older': ` +
        "Minimum supported mesos version for 'Hook' is 1.11.0-sdk, but module is compiled with version 1.10.0\n",
    );
  });

  it('warns of keys the agent would ignore, and fails on them with --strict', () => {
    const file = manifestFile('typo.json', { libraries: [{ file: testHook, modules: [{ name: 'org_mm_TestHook', paramters: [] }] }] });
    const lax = run([`--modules=file://${file}`]);
    expect(lax.status).toBe(0);
    expect(lax.stderr).toBe(
      `Warning: ${file}: libraries[0].modules[0].paramters: unknown key, ignored by the agent (did you mean 'parameters'?)\n`,
    );
    const strict = run([`--modules=file://${file}`, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe(`Error: ${file}: libraries[0].modules[0].paramters: unknown key, ignored by the agent (did you mean 'parameters'?)\n`);
  });

  itSdkOnly('prints the report as JSON with --json', () => {
    const file = manifestFile('json.json', manifestFor(records, { org_mm_Hook: [] }));
    const { status, stdout } = run([`--modules=file://${file}`, '--json', '--mesos-version=1.11.0']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      ok: true,
      runtime: { source: 'build', sdk: true, mesosVersion: '1.11.0', versionFrom: 'option' },
      libraries: [{ library: records, status: 'ok', modules: [{ name: 'org_mm_Hook', status: 'ok', kind: 'Hook' }] }],
      errors: [],
    });
  });

  it('says which runtime it could not load', () => {
    const { status, stderr } = run(['--modules={}', '--libmesos=/nonexistent/libmesos.so']);
    expect(status).toBe(1);
    expect(stderr).toBe(
      "mesos-modules: no runtime libmesos could be loaded ('/nonexistent/libmesos.so': /nonexistent/libmesos.so: " +
        'cannot open shared object file: No such file or directory)\n',
    );
  });
});

describe('mesos-modules inspect <library>…', () => {
  it('lists every record of a library and exits 0 when all verify', () => {
    const { status, stdout } = run([testHook]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/│ org_mm_TestHook │ ok +│ Hook │/);
  });

  it('exits 1 and explains a library that does not open', () => {
    const library = fixture('undefined_symbols');
    const { status, stdout, stderr } = run([library, '--json']);
    expect(status).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.libraries[0].unresolved).toHaveLength(3);
    expect(result.libraries[0].hint).toContain('protobuf runtime mismatch');
    expect(stderr).toBe('');
    const text = run([library]);
    expect(text.stdout).toContain('unresolved symbols (3): mesos::internal::notInThisRuntime(');
    expect(text.stdout).toContain('likely cause: protobuf symbols are missing');
    expect(text.stderr).toMatch(/^Error opening library: '.*libundefined_symbols\.so': Could not load library /);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [[], 'error: nothing to inspect: give --modules or --modules_dir (or set MESOS_MODULES / MESOS_MODULES_DIR), or library paths'],
    [['--bogus'], "error: unknown option '--bogus'"],
    [['--modules'], "error: option '--modules <value>' argument missing"],
    [[testHook, '--modules={}'], 'error: give either library paths or the agent\'s flags, not both'],
    [[testHook, '--timeout=soon'], "error: --timeout must be a positive number of milliseconds, not 'soon'"],
    [[testHook, '--mesos-version=x'], "error: --mesos-version 'x': Invalid version component 'x': Failed to convert 'x' to number"],
  ])('%j', (args, message) => {
    const { status, stderr } = run(args);
    expect(stderr).toBe(`${message}\n`);
    expect(status).toBe(2);
  });
});

describe('mesos-modules runtime', () => {
  itSdkOnly('runtime --json', () => {
    const { status, stdout } = runCli(project, ['runtime', '--json'], clean);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'sdk', mesosVersion: '1.11.0-sdk' });
  });
});
