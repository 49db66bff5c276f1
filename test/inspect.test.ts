// inspectLibrary / inspectHost: module records read in a child process that
// hosts a runtime libmesos (this build's SDK, $MESOS_HOME's, the search
// path's or --libmesos), checked with the same code as ModuleManager.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InspectorError, inspectHost, inspectLibrary, resolveHostFlags, runtime } from 'mesos-modules';

import { built, expectError, fixture, itSdkOnly, manifestFor, rejection, sdkMode } from './helpers.js';

const records = fixture('module_records');
const testHook = fixture('test_hook');
const misbehaving = fixture('module_misbehaving');
const sdkLibmesos = join(built.sdkPrefix, 'lib', 'libmesos.so');
const noEnv = { PATH: process.env.PATH };

/** A prefix laid out like a Mesos install (lib/libmesos.so, include/mesos/version.hpp). */
function fakeMesosHome(version: string): string {
  const home = mkdtempSync(join(tmpdir(), 'mm-mesos-home-'));
  mkdirSync(join(home, 'lib'));
  mkdirSync(join(home, 'include', 'mesos'), { recursive: true });
  symlinkSync(sdkLibmesos, join(home, 'lib', 'libmesos.so'));
  writeFileSync(join(home, 'include', 'mesos', 'version.hpp'), `#define MESOS_VERSION "${version}"\n`);
  return home;
}

describe('inspectLibrary: every record a library exports, without a manifest', () => {
  it('lists the records by name with their fields and verdicts', async () => {
    const result = await inspectLibrary(records, { mesosVersion: '1.11.0', env: noEnv });
    expect(result).toMatchObject({ library: records, path: records, status: 'ok' });
    const names = result.modules.map((m) => m.name!);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(27);
    const byName = Object.fromEntries(result.modules.map((m) => [m.name, m]));
    expect(byName.org_mm_Hook).toEqual({
      name: 'org_mm_Hook',
      status: 'ok',
      kind: 'Hook',
      mesosVersion: '1.11.0',
      moduleApiVersion: '2',
      authorName: 'mesos-modules tests',
      authorEmail: 'tests@mesos-modules.invalid',
      description: 'Fixture record org_mm_Hook.',
      hasCompatible: false,
      hasCreate: true,
      parameters: [],
    });
    expect(byName.org_mm_BaseOnly).toMatchObject({ status: 'ok', hasCreate: false });
    expect(byName.org_mm_NullKind).toMatchObject({
      status: 'error',
      kind: null,
      error: "Error verifying module 'org_mm_NullKind': Error loading module 'org_mm_NullKind'; missing fields",
    });
    expect(byName.org_mm_Incompatible.error).toBe(
      "Error verifying module 'org_mm_Incompatible': Module org_mm_Incompatiblehas determined to be incompatible",
    );
    // compatible() (which says false) is not called before the version checks pass.
    expect(byName.org_mm_NewerCompatible.error).toBe(
      "Error verifying module 'org_mm_NewerCompatible': Mesos has version 1.11.0, but module is compiled with version 1.12.0",
    );
    expect(byName.org_mm_Prerelease.error).toMatch(/Minimum supported mesos version for 'Hook' is 1\.11\.0, but module is compiled with version 1\.11\.0-rc1$/);
  });

  itSdkOnly("reports the runtime it used: this build's SDK when there is no host Mesos", async () => {
    const result = await inspectLibrary(testHook, { env: noEnv });
    expect(result.runtime).toMatchObject({
      library: sdkLibmesos,
      path: sdkLibmesos,
      source: 'build',
      sdk: true,
      mesosVersion: '1.11.0-sdk',
      versionFrom: join(built.sdkPrefix, 'include', 'mesos', 'version.hpp'),
      tried: [{ library: 'libmesos.so', error: expect.stringContaining('cannot open shared object file') }],
    });
    expect(result.modules.map((m) => [m.name, m.status])).toEqual([['org_mm_TestHook', 'ok']]);
  });

  itSdkOnly("uses $MESOS_HOME's libmesos and version, as on a real Mesos host", async () => {
    const home = fakeMesosHome('1.11.0');
    const result = await inspectLibrary(testHook, { env: { ...noEnv, MESOS_HOME: home } });
    expect(result.runtime).toMatchObject({
      library: join(home, 'lib', 'libmesos.so'),
      source: 'MESOS_HOME',
      mesosVersion: '1.11.0',
      versionFrom: join(home, 'include/mesos/version.hpp'),
    });
    // A real 1.11.0 agent refuses modules built against the SDK.
    expect(result.modules[0].error).toBe(
      "Error verifying module 'org_mm_TestHook': Minimum supported mesos version for 'Hook' is 1.11.0, " +
        'but module is compiled with version 1.11.0-sdk',
    );
  });

  itSdkOnly('finds libmesos.so on the library search path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-ld-path-'));
    symlinkSync(sdkLibmesos, join(dir, 'libmesos.so'));
    const result = await inspectLibrary(testHook, { env: { ...noEnv, LD_LIBRARY_PATH: dir } });
    expect(result.runtime).toMatchObject({ library: 'libmesos.so', source: 'search path', mesosVersion: '1.11.0-sdk', tried: [] });
    expect(realpathSync(result.runtime.path)).toBe(realpathSync(sdkLibmesos));
  });

  itSdkOnly('takes the runtime and the agent version given', async () => {
    const result = await inspectLibrary(testHook, { libmesos: sdkLibmesos, mesosVersion: '1.11.0-sdk', env: noEnv });
    expect(result.runtime).toMatchObject({ source: 'option', versionFrom: 'option' });
  });

  it('says why a runtime cannot be loaded', async () => {
    expectError(await rejection(inspectLibrary(testHook, { libmesos: '/nonexistent/libmesos.so', env: noEnv })), InspectorError, 'INSPECTOR',
      "no runtime libmesos could be loaded ('/nonexistent/libmesos.so': /nonexistent/libmesos.so: " +
        'cannot open shared object file: No such file or directory)',
    );
    const empty = mkdtempSync(join(tmpdir(), 'mm-empty-home-'));
    expectError(await rejection(inspectLibrary(testHook, { env: { ...noEnv, MESOS_HOME: empty } })), InspectorError, 'INSPECTOR',
      `MESOS_HOME is '${empty}', but it has no lib/libmesos.so (nor lib64/, src/.libs/)`,
    );
  });

  it('says which symbols a library lacks, and the likely cause', async () => {
    const library = fixture('undefined_symbols');
    const result = await inspectLibrary(library, { env: noEnv });
    expect(result.status).toBe('error');
    expect(result.code).toBe('MODULE_LOAD');
    // dlopen names the first unresolved symbol it meets: one of those listed below.
    expect(result.error).toMatch(
      new RegExp(`^Error opening library: '${library}': Could not load library '${library}': ${library}: undefined symbol: [A-Za-z0-9_]+$`),
    );
    expect(result.unresolved!.map((u) => u.symbol)).toContain(result.error!.split(': undefined symbol: ')[1]);
    // In the library's dynamic symbol table order, which is the linker's.
    expect(result.unresolved!.map((u) => u.symbol).sort()).toEqual([
      '_ZN5mesos8internal16notInThisRuntimeERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE',
      '_ZN6google8protobuf8internal17NotInThisProtobufEi',
      'mm_missing_c_function',
    ]);
    expect(result.hint).toContain('a protobuf runtime mismatch');
    // The runtime is this build's: the bundled SDK, or the real Mesos it was built against.
    const used = sdkMode() ? `${sdkLibmesos} (Mesos 1.11.0-sdk, the bundled SDK)` : `${result.runtime!.path} (Mesos ${runtime().mesosVersion})`;
    expect(result.hint).toContain(`built against another Mesos or SDK version than ${used}`);
  });

  it('finds no record in a library of other symbols', async () => {
    const result = await inspectLibrary(fixture('not_a_module'), { env: noEnv });
    expect(result).toMatchObject({ status: 'ok', modules: [] });
  });

  it('survives module code that crashes, hangs or prints to stdout', async () => {
    const result = await inspectLibrary(misbehaving, { timeoutMs: 1500, env: noEnv });
    expect(Object.fromEntries(result.modules.map((m) => [m.name, m.error ?? m.status]))).toEqual({
      org_mm_Chatty: 'ok',
      org_mm_CrashingCompatible:
        "Error verifying module 'org_mm_CrashingCompatible': compatible() crashed the inspector process (SIGSEGV)",
      org_mm_CrashingCreate: 'ok',
      org_mm_Fine: 'ok',
      org_mm_HangingCompatible:
        "Error verifying module 'org_mm_HangingCompatible': compatible() did not finish within 1500 ms; the inspector process was killed",
    });
  });
});

describe("inspectHost: the agent's start-up, with every problem reported", () => {
  it('reads the agent flags from the environment, the command line winning', () => {
    const env = { MESOS_MODULES: '{}', MESOS_modules_dir: '/etc/mesos/modules.d', MESOS_HOOKS: 'a' };
    expect(resolveHostFlags({ hooks: 'b' }, env)).toEqual({
      modules: '{}',
      modulesDir: '/etc/mesos/modules.d',
      hooks: 'b',
      from: { modules: 'environment', modulesDir: 'environment', hooks: 'flag' },
    });
  });

  it('refuses --modules with --modules_dir, after parsing --modules as the agent does', async () => {
    const both = await inspectHost({ modules: '{}', modulesDir: '/tmp', env: noEnv });
    expect(both).toMatchObject({ ok: false, errors: ['Only one of --modules or --modules_dir should be specified'] });
    const bad = await inspectHost({ modules: '{"libraries": 1}', modulesDir: '/tmp', env: noEnv });
    expect(bad.errors).toEqual([
      'Failed to load flag \'modules\': Failed to load value \'{"libraries": 1}\': ' +
        "Not expecting a JSON number for field 'libraries'",
    ]);
  });

  it('reports every library, module, anonymous module and hook, with the agent messages', async () => {
    const manifest = {
      libraries: [
        { file: records, modules: [{ name: 'org_mm_Hook' }, { name: 'org_mm_Newer' }, { name: 'org_mm_Anonymous' }, { name: 'org_mm_CreateNull' }] },
        { file: '/nonexistent/libz.so', modules: [{ name: 'm' }] },
      ],
    };
    const report = await inspectHost({
      modules: JSON.stringify(manifest),
      hooks: 'org_mm_Hook,org_mm_Anonymous,org_mm_Newer,org_mm_CreateNull,,org_mm_Hook',
      mesosVersion: '1.11.0',
      env: noEnv,
    });
    expect(report.ok).toBe(false);
    expect(report.libraries.map((l) => [l.library, l.status, l.modules.map((m) => `${m.name}:${m.status}`)])).toEqual([
      [records, 'ok', ['org_mm_Hook:ok', 'org_mm_Newer:error', 'org_mm_Anonymous:ok', 'org_mm_CreateNull:ok']],
      ['/nonexistent/libz.so', 'error', ['m:not-loaded']],
    ]);
    expect(report.anonymous).toEqual([
      { name: 'org_mm_Anonymous', status: 'error', error: "Failed to create anonymous module named 'org_mm_Anonymous'", reason: "Error creating Module instance for 'org_mm_Anonymous'" },
    ]);
    expect(report.hooks.map((h) => h.error ?? 'ok')).toEqual([
      'ok',
      "No hook module named 'org_mm_Anonymous' available",
      "No hook module named 'org_mm_Newer' available",
      "Failed to instantiate hook module 'org_mm_CreateNull': Error creating Module instance for 'org_mm_CreateNull'",
      "No hook module named '' available",
      "Hook module 'org_mm_Hook' already loaded",
    ]);
    expect(report.errors).toEqual([
      "Error loading modules: Error verifying module 'org_mm_Newer': Mesos has version 1.11.0, but module is compiled with version 1.12.0",
      "Error loading modules: Error opening library: '/nonexistent/libz.so': Could not load library '/nonexistent/libz.so': " +
        '/nonexistent/libz.so: cannot open shared object file: No such file or directory',
      "Failed to create anonymous module named 'org_mm_Anonymous'",
      ...report.hooks.slice(1).map((h) => `Error installing hooks: ${h.error}`),
    ]);
  });

  it('creates hooks with their manifest parameters, surviving a create() that crashes', async () => {
    const manifest = manifestFor(misbehaving, { org_mm_CrashingCreate: [], org_mm_Fine: [{ key: 'k', value: 'v' }] });
    const report = await inspectHost({ modules: JSON.stringify(manifest), hooks: 'org_mm_CrashingCreate,org_mm_Fine', env: noEnv });
    expect(report.hooks).toEqual([
      {
        name: 'org_mm_CrashingCreate',
        status: 'error',
        error:
          "Failed to instantiate hook module 'org_mm_CrashingCreate': Error creating Module instance for " +
          "'org_mm_CrashingCreate': create() crashed the inspector process (SIGSEGV)",
      },
      { name: 'org_mm_Fine', status: 'ok' },
    ]);
  });

  it('passes create() the manifest parameters', async () => {
    const manifest = manifestFor(testHook, { org_mm_TestHook: [{ key: 'create', value: 'null' }] });
    const report = await inspectHost({ modules: JSON.stringify(manifest), hooks: 'org_mm_TestHook', env: noEnv });
    expect(report.errors).toEqual([
      "Error installing hooks: Failed to instantiate hook module 'org_mm_TestHook': Error creating Module instance for 'org_mm_TestHook'",
    ]);
  });

  it("names the last error line create() logged when it refuses or throws", async () => {
    const manifest = {
      libraries: [
        {
          file: fixture('incomplete_hook'),
          modules: [
            { name: 'org_mm_IncompleteHook' },
          ],
        },
      ],
    };
    const refused = await inspectHost({ modules: JSON.stringify(manifest), hooks: 'org_mm_IncompleteHook', env: noEnv });
    expect(refused.hooks[0].error).toBe(
      "Failed to instantiate hook module 'org_mm_IncompleteHook': Error creating Module instance for 'org_mm_IncompleteHook' " +
        "(it logged: IncompleteHook: missing the 'required' parameter)",
    );
    manifest.libraries[0].modules[0] = { name: 'org_mm_IncompleteHook', parameters: [{ key: 'create', value: 'throw' }] } as never;
    const threw = await inspectHost({ modules: JSON.stringify(manifest), hooks: 'org_mm_IncompleteHook', env: noEnv });
    expect(threw.hooks[0].error).toBe(
      "Failed to instantiate hook module 'org_mm_IncompleteHook': Error creating Module instance for 'org_mm_IncompleteHook': " +
        'create() threw: create() gave up (it logged: about to throw from create())',
    );
  });

  it('reads a modules directory file by file, going on after a failing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-inspect-dir-'));
    writeFileSync(join(dir, '1.json'), JSON.stringify(manifestFor(records, { org_mm_Older: [] })));
    writeFileSync(join(dir, '2.json'), '{"libraries": [');
    writeFileSync(join(dir, '3.json'), JSON.stringify(manifestFor(testHook, { org_mm_TestHook: [] })));
    const report = await inspectHost({ modulesDir: dir, env: { ...noEnv, MESOS_MODULES_DIR: '/ignored' } });
    expect(report.manifests.map((m) => [m.file, m.status])).toEqual([
      [`${dir}/1.json`, 'ok'],
      [`${dir}/2.json`, 'error'],
      [`${dir}/3.json`, 'ok'],
    ]);
    expect(report.errors).toEqual([
      `Error loading modules: Error loading modules from '${dir}/1.json': Error verifying module 'org_mm_Older': ` +
        `Minimum supported mesos version for 'Hook' is ${runtime().mesosVersion}, but module is compiled with version 1.10.0`,
      `Error loading modules: Error parsing module manifest file '${dir}/2.json': syntax error at line 1 near: `,
    ]);
    expect(report.libraries.map((l) => l.manifest)).toEqual([`${dir}/1.json`, `${dir}/3.json`]);
  });

  it('fails on ignored keys only when strict', async () => {
    const manifest = JSON.stringify({ libraries: { file: testHook, modules: { name: 'org_mm_TestHook', paramters: [] } } });
    const lax = await inspectHost({ modules: manifest, env: noEnv });
    expect(lax).toMatchObject({ ok: true, lint: [{ path: 'libraries.modules.paramters', suggestion: 'parameters' }] });
    expect((await inspectHost({ modules: manifest, strict: true, env: noEnv })).ok).toBe(false);
  });
});
