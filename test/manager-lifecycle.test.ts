// Re-loads and duplicates (verifyIdenticalModule), create<Hook>, contains,
// find, unload, and the agent's --modules_dir (ModuleManager::load(dir)).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  BadMessage,
  ManifestError,
  ManifestLintError,
  ModuleCreateError,
  ModuleDuplicateError,
  ModuleLoadError,
  ModuleManager,
  ModuleUnknownError,
  ModuleVerifyError,
} from 'mesos-modules';

import { expectError, fixture, manifestFor, rejection, thrown } from './helpers.js';

const records = fixture('module_records');
const testHook = fixture('test_hook');

function agent(): ModuleManager {
  return new ModuleManager({ mesosVersion: '1.11.0' });
}

const prefix = (name: string) => `Error loading module '${name}'; this is potentially due to duplicate module names; `;

describe('re-loading a module (verifyIdenticalModule)', () => {
  it('makes an identical re-load a no-op', async () => {
    const manager = agent();
    const manifest = manifestFor(records, { org_mm_Hook: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] });
    await manager.load(manifest);
    await manager.load(JSON.stringify(manifest));
    expect(manager.modules).toHaveLength(1);
  });

  it('refuses the same name from another library string, even for the same file', async () => {
    const manager = agent();
    await manager.load(manifestFor(records, { org_mm_Hook: [] }));
    const alias = records.replace('/fixtures/', '/fixtures/../fixtures/');
    const error = await manager.load(manifestFor(alias, { org_mm_Hook: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleDuplicateError);
    expect(error).toMatchObject({
      code: 'MODULE_DUPLICATE',
      message: `${prefix('org_mm_Hook')}The same module appears in two different module libraries - '${alias}' and '${records}'`,
    });
  });

  it('refuses the same name from another library', async () => {
    const manager = agent();
    const twin = fixture('module_twin');
    await manager.load(manifestFor(records, { org_mm_Hook: [] }));
    expectError(await rejection(manager.load(manifestFor(twin, { org_mm_Hook: [] }))), ModuleDuplicateError, 'MODULE_DUPLICATE',
      `${prefix('org_mm_Hook')}The same module appears in two different module libraries - '${twin}' and '${records}'`,
    );
  });

  it('refuses other parameters, or the same ones in another order', async () => {
    const manager = agent();
    await manager.load(manifestFor(records, { org_mm_Hook: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }));
    for (const parameters of [[], [{ key: 'a', value: '1' }], [{ key: 'b', value: '2' }, { key: 'a', value: '1' }]]) {
      const error = await manager.load(manifestFor(records, { org_mm_Hook: parameters })).catch((e: unknown) => e);
      expectError(error, ModuleDuplicateError, 'MODULE_DUPLICATE', `${prefix('org_mm_Hook')}A module with same name but different parameters already exists`);
    }
  });

  it('refuses a module whose record changed since it was registered', async () => {
    const manager = new ModuleManager();
    const mutating = fixture('module_mutating');
    await manager.load(manifestFor(mutating, { org_mm_Mutating: [] }));
    await manager.createHook('org_mm_Mutating'); // Its create() rewrites its description.
    expectError(await rejection(manager.load(manifestFor(mutating, { org_mm_Mutating: [] }))), ModuleDuplicateError, 'MODULE_DUPLICATE',
      `${prefix('org_mm_Mutating')}A module with same name but different module manifest already exists`,
    );
  });
});

describe('createHook (ModuleManager::create<Hook>)', () => {
  it('creates a new instance each time, with the manifest parameters by default', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [{ key: 'create', value: 'null' }] }));
    expectError(await rejection(manager.createHook('org_mm_TestHook')), ModuleCreateError, 'MODULE_CREATE', "Error creating Module instance for 'org_mm_TestHook'");
    // Given parameters replace the manifest's; they are not merged.
    const a = await manager.createHook('org_mm_TestHook', [{ key: 'x', value: 'y' }]);
    const b = await manager.createHook('org_mm_TestHook', []);
    expect(a).not.toBe(b);
  });

  it.each([
    ['org_mm_NoCreate', "Error creating module instance for 'org_mm_NoCreate': create() method not found"],
    ['org_mm_BaseOnly', "Error creating module instance for 'org_mm_BaseOnly': create() method not found"],
    [
      'org_mm_Anonymous',
      "Error creating module instance for 'org_mm_Anonymous': module is of kind 'Anonymous', but the requested kind is 'Hook'",
    ],
    ['org_mm_CreateNull', "Error creating Module instance for 'org_mm_CreateNull'"],
  ])('refuses %s', async (name, message) => {
    const manager = agent();
    await manager.load(manifestFor(records, { [name]: [] }));
    const error = await manager.createHook(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleCreateError);
    expect(error).toMatchObject({ code: 'MODULE_CREATE', module: name, library: records, message });
  });

  it("refuses a module it does not know: Module '<name>' unknown", async () => {
    const error = await agent().createHook('org_mm_Hook').catch((e: unknown) => e);
    expectError(error, ModuleUnknownError, 'MODULE_UNKNOWN', "Module 'org_mm_Hook' unknown");
  });

  it('refuses an unknown module', async () => {
    const manager = await ModuleManager.load({});
    const error = await manager.createHook('org_mm_Nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleUnknownError);
    expect(error).toMatchObject({ code: 'MODULE_UNKNOWN', module: 'org_mm_Nope', message: "Module 'org_mm_Nope' unknown" });
  });

  it('reports create() returning nullptr', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [{ key: 'create', value: 'null' }] }));
    const error = await manager.createHook('org_mm_TestHook').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleCreateError);
    expect(error).toMatchObject({
      code: 'MODULE_CREATE',
      module: 'org_mm_TestHook',
      library: testHook,
      message: "Error creating Module instance for 'org_mm_TestHook'",
    });
  });

  it('reports an exception thrown by create() with its what()', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [] }));
    const error = await manager.createHook('org_mm_TestHook', [{ key: 'create', value: 'throw' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleCreateError);
    expect((error as ModuleCreateError).code).toBe('MODULE_CREATE');
    expect((error as Error).message).toBe(
      "Error creating Module instance for 'org_mm_TestHook': create() threw: bad parameters for TestHook",
    );
  });

  it('replaces (does not merge) the manifest parameters when given some', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [{ key: 'create', value: 'null' }] }));
    await expect(manager.createHook('org_mm_TestHook', [])).resolves.toBeDefined();
  });

  it('refuses a parameter without a value, naming the field', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [] }));
    const error = (await manager
      .createHook('org_mm_TestHook', [{ key: 'x' } as never])
      .catch((e: unknown) => e)) as BadMessage;
    expect(error).toBeInstanceOf(BadMessage);
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.message).toBe('missing required fields: parameters[0].value');
    expect(error.missing).toEqual(['parameters[0].value']);
  });
});

describe('contains, find, unload', () => {
  it('answers per kind, in load order', async () => {
    const manager = agent();
    await manager.load(manifestFor(records, { org_mm_Hook: [], org_mm_Anonymous: [], org_mm_Compatible: [] }));
    expect(manager.contains('org_mm_Anonymous')).toBe(true);
    expect(manager.contains('org_mm_Anonymous', 'Hook')).toBe(false);
    expect(manager.contains('org_mm_Anonymous', 'Anonymous')).toBe(true);
    expect(manager.find('Hook')).toEqual(['org_mm_Hook', 'org_mm_Compatible']);
    expect(manager.find('Anonymous')).toEqual(['org_mm_Anonymous']);
    expect(manager.find('Isolator')).toEqual([]);
  });

  it('forgets an unloaded module, which can then come from another library', async () => {
    const manager = agent();
    await manager.load(manifestFor(records, { org_mm_Hook: [] }));
    manager.unload('org_mm_Hook');
    expect(manager.contains('org_mm_Hook')).toBe(false);
    await manager.load(manifestFor(fixture('module_twin'), { org_mm_Hook: [{ key: 'k', value: 'v' }] }));
    expect(manager.modules).toMatchObject([{ name: 'org_mm_Hook', library: fixture('module_twin') }]);
  });

  it('refuses to unload what is not loaded', () => {
    expectError(thrown(() => agent().unload('org_mm_Hook')), ModuleUnknownError, 'MODULE_UNKNOWN', "Error unloading module 'org_mm_Hook': module not loaded");
  });

  it('keeps each manager to itself, though the libraries are the same', async () => {
    const a = agent();
    const b = agent();
    await a.load(manifestFor(records, { org_mm_Hook: [{ key: 'a', value: '1' }] }));
    await b.load(manifestFor(records, { org_mm_Hook: [{ key: 'b', value: '2' }] }));
    expect(a.modules[0].parameters).toEqual([{ key: 'a', value: '1' }]);
    expect(b.modules[0].parameters).toEqual([{ key: 'b', value: '2' }]);
  });
});

describe('strict manifests', () => {
  it('refuses keys the agent would ignore, listing them', async () => {
    const manifest = { libraries: [{ file: records, modules: [{ name: 'org_mm_Hook', paramters: [] }] }] };
    const error = await ModuleManager.load(manifest, { mesosVersion: '1.11.0', strict: true }).catch((e: unknown) => e);
    expectError(error, ManifestLintError, 'MANIFEST_LINT',
      "The agent would ignore a key: libraries[0].modules[0].paramters: unknown key, ignored by the agent (did you mean 'parameters'?)");
    expect(error).toMatchObject({
      issues: [{ path: 'libraries[0].modules[0].paramters', suggestion: 'parameters' }],
    });
    // Without strict, the agent's behaviour: the parameters are silently lost.
    const manager = await ModuleManager.load(manifest, { mesosVersion: '1.11.0' });
    expect(manager.modules[0].parameters).toEqual([]);
  });
});

describe('--modules_dir (ModuleManager::load(dir))', () => {
  function modulesDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'mm-modules-dir-'));
    for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
    return dir;
  }
  const manifest = (name: string, parameters: Array<{ key: string; value: string }> = []) =>
    JSON.stringify(manifestFor(records, { [name]: parameters }));

  it('loads every entry in byte order, whatever its name (no .json filter, hidden files too)', async () => {
    const dir = modulesDir({
      'b.conf': manifest('org_mm_Compatible'),
      '.hidden': manifest('org_mm_BuildMetadata'),
      '10.json': manifest('org_mm_ShortVersion'),
      '9.json': manifest('org_mm_LeadingZero'),
      'A.json': manifest('org_mm_Hook'),
    });
    const manager = await ModuleManager.loadDir(dir, { mesosVersion: '1.11.0' });
    expect(manager.modules.map((m) => m.name)).toEqual([
      'org_mm_BuildMetadata', // .hidden
      'org_mm_ShortVersion', // 10.json
      'org_mm_LeadingZero', // 9.json
      'org_mm_Hook', // A.json
      'org_mm_Compatible', // b.conf
    ]);
  });

  it('takes the same manifest in several files (identical re-loads)', async () => {
    const dir = modulesDir({ 'a.json': manifest('org_mm_Hook'), 'b.json': manifest('org_mm_Hook') });
    expect((await ModuleManager.loadDir(dir, { mesosVersion: '1.11.0' })).modules).toHaveLength(1);
  });

  it('stops at the first failing file, with earlier files loaded', async () => {
    const dir = modulesDir({ '1.json': manifest('org_mm_Hook'), '2.json': manifest('org_mm_Newer'), '3.json': manifest('org_mm_Compatible') });
    const manager = agent();
    const error = await manager.loadDir(dir).catch((e: unknown) => e);
    expectError(error, ModuleVerifyError, 'MODULE_VERIFY',
      `Error loading modules from '${dir}/2.json': Error verifying module 'org_mm_Newer': ` +
        'Mesos has version 1.11.0, but module is compiled with version 1.12.0',
    );
    expect(manager.modules.map((m) => m.name)).toEqual(['org_mm_Hook']);
  });

  it('names a file that does not parse', async () => {
    const dir = modulesDir({ 'a.json': '{"libraries": [}' });
    expectError(await rejection(ModuleManager.loadDir(dir)), ManifestError, 'MANIFEST',
      `Error parsing module manifest file '${dir}/a.json': syntax error at line 1 near: }`,
    );
  });

  it("reads a file whose contents start with '/' as a path, as flags::parse does", async () => {
    const target = modulesDir({ 'real.json': manifest('org_mm_Hook') });
    const dir = modulesDir({ 'pointer': `${target}/real.json` });
    expect((await ModuleManager.loadDir(dir, { mesosVersion: '1.11.0' })).modules).toHaveLength(1);
  });

  it('fails on a subdirectory: Is a directory', async () => {
    const dir = modulesDir({ 'a.json': manifest('org_mm_Hook') });
    mkdirSync(join(dir, 'b.d'));
    const error = await ModuleManager.loadDir(dir, { mesosVersion: '1.11.0' }).catch((e: unknown) => e);
    expectError(error, ManifestError, 'MANIFEST', `Error reading module manifest file '${dir}/b.d': Is a directory`);
  });

  it('fails on a dangling link, with strerror', async () => {
    const dir = modulesDir({});
    symlinkSync(join(dir, 'nowhere'), join(dir, 'a.json'));
    expectError(await rejection(ModuleManager.loadDir(dir)), ManifestError, 'MANIFEST',
      `Error reading module manifest file '${dir}/a.json': No such file or directory`,
    );
  });

  it('fails on a directory it cannot list', async () => {
    expectError(await rejection(ModuleManager.loadDir('/nonexistent/modules.d')), ManifestError, 'MANIFEST',
      "Error loading module manifests from '/nonexistent/modules.d' directory: " +
        "Failed to opendir '/nonexistent/modules.d': No such file or directory",
    );
  });

  it('keeps the error class of a load failure (a missing library stays a ModuleLoadError)', async () => {
    const dir = modulesDir({ 'a.json': JSON.stringify(manifestFor('/nonexistent/liby.so', { m: [] })) });
    const error = await ModuleManager.loadDir(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect((error as ModuleLoadError).library).toBe('/nonexistent/liby.so');
    expect((error as ModuleLoadError).code).toBe('MODULE_LOAD');
    expect((error as Error).message).toBe(
      `Error loading modules from '${dir}/a.json': Error opening library: '/nonexistent/liby.so': ` +
        "Could not load library '/nonexistent/liby.so': /nonexistent/liby.so: cannot open shared object file: No such file or directory",
    );
  });
});
