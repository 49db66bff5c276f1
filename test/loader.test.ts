// The loader's first slice: manifests in the agent's forms, library and
// symbol loading, module records, create(), and the typed errors of each.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  BadMessage,
  ManifestError,
  ModuleCreateError,
  ModuleLoadError,
  ModuleManager,
  ModuleUnknownError,
  ModuleVerifyError,
  runtime,
} from 'mesos-modules';

import { built, fixture, itSdkOnly, manifestFor } from './helpers.js';

const testHook = fixture('test_hook');

describe('runtime', () => {
  itSdkOnly('reports the bundled SDK and its libmesos', () => {
    const r = runtime();
    expect(r.mode).toBe('sdk');
    expect(r.mesosVersion).toBe('1.11.0-sdk');
    expect(r.moduleApiVersion).toBe('2');
    expect(r.library).toBe(`${built.sdkPrefix}/lib/libmesos.so`);
  });
});

describe('manifest forms (--modules)', () => {
  const manifest = manifestFor(testHook, { org_mm_TestHook: [{ key: 'a', value: '1' }] });

  it('accepts an object', async () => {
    const manager = await ModuleManager.load(manifest);
    expect(manager.modules.map((m) => m.name)).toEqual(['org_mm_TestHook']);
  });

  it('accepts inline JSON text', async () => {
    const manager = await ModuleManager.load(JSON.stringify(manifest));
    expect(manager.modules[0].parameters).toEqual([{ key: 'a', value: '1' }]);
  });

  it('accepts a file:// URI and a bare absolute path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-manifest-'));
    const file = join(dir, 'agent-modules.json');
    writeFileSync(file, JSON.stringify(manifest));
    expect((await ModuleManager.load(`file://${file}`)).modules).toHaveLength(1);
    expect((await ModuleManager.load(file)).modules).toHaveLength(1);
  });

  it('names the file it cannot read', async () => {
    const error = await ModuleManager.load('file:///nonexistent/agent-modules.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect(error).toMatchObject({
      file: '/nonexistent/agent-modules.json',
      message: "Error reading file '/nonexistent/agent-modules.json': No such file or directory",
    });
  });

  it('lists every missing required field, with stout paths', async () => {
    const bad = { libraries: [{ file: testHook, modules: [{ name: 'x', parameters: [{ key: 'k' }, { value: 'v' }] }] }] };
    const error = await ModuleManager.load(bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toBe(
      'Missing required fields: libraries[0].modules[0].parameters[0].value, libraries[0].modules[0].parameters[1].key',
    );
  });

  it('names the manifest file when its JSON does not parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-manifest-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"libraries": [\n  {"file": "x",}\n]}');
    const error = (await ModuleManager.load(`file://${file}`).catch((e: unknown) => e)) as ManifestError;
    expect(error).toBeInstanceOf(ManifestError);
    expect(error.file).toBe(file);
    expect(error.message).toMatch(new RegExp(`^Error parsing module manifest file '${file}': syntax error at line 2`));
  });
});

describe('library and symbol loading', () => {
  itSdkOnly('reads every field of the module record', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [] }));
    expect(manager.modules[0]).toEqual({
      name: 'org_mm_TestHook',
      library: testHook,
      kind: 'Hook',
      mesosVersion: '1.11.0-sdk',
      moduleApiVersion: '2',
      authorName: 'mesos-modules tests',
      authorEmail: 'tests@mesos-modules.invalid',
      description: 'Fixture hook for the loader and hook-call tests.',
      parameters: [],
    });
  });

  it('reports a missing library with Mesos\'s message and the dlerror', async () => {
    const error = (await ModuleManager.load(
      manifestFor('/nonexistent/libnope.so', { m: [] }),
    ).catch((e: unknown) => e)) as ModuleLoadError;
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect(error.code).toBe('MODULE_LOAD');
    expect(error.library).toBe('/nonexistent/libnope.so');
    expect(error.message).toBe(
      "Error opening library: '/nonexistent/libnope.so': Could not load library '/nonexistent/libnope.so': " +
        '/nonexistent/libnope.so: cannot open shared object file: No such file or directory',
    );
  });

  it('expands a library name to lib<name>.so', async () => {
    const error = (await ModuleManager.load({ libraries: [{ name: 'nosuchmodulelib', modules: [{ name: 'm' }] }] }).catch(
      (e: unknown) => e,
    )) as ModuleLoadError;
    expect(error.message).toMatch(/^Error opening library: 'libnosuchmodulelib\.so': Could not load library 'libnosuchmodulelib\.so': /);
  });

  it('reports a missing symbol', async () => {
    const error = (await ModuleManager.load(manifestFor(testHook, { org_mm_Nope: [] })).catch(
      (e: unknown) => e,
    )) as ModuleLoadError;
    expect(error.module).toBe('org_mm_Nope');
    expect(error.message).toBe(
      `Error loading module 'org_mm_Nope': Error looking up symbol 'org_mm_Nope' in '${testHook}' : ` +
        `${testHook}: undefined symbol: org_mm_Nope`,
    );
  });

  it.each([
    ['org_mm_Function', /is a function, not a module record/],
    ['org_mm_SmallObject', /is 4 bytes, too small for a module record \(56 bytes at least\)/],
    ['org_mm_GarbageRecord', /its field 'moduleApiVersion' does not point to a readable string/],
  ])('refuses %s, which is not a module, without crashing', async (symbol, reason) => {
    const error = (await ModuleManager.load(manifestFor(fixture('not_a_module'), { [symbol]: [] })).catch(
      (e: unknown) => e,
    )) as ModuleLoadError;
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect(error.message).toMatch(new RegExp(`^Error loading module '${symbol}': symbol '${symbol}'`));
    expect(error.message).toMatch(reason);
  });

  itSdkOnly('accepts exactly the SDK\'s version: a 1.11.0 agent refuses SDK-built modules', async () => {
    const manager = new ModuleManager({ mesosVersion: '1.11.0' });
    const error = await manager.load(manifestFor(testHook, { org_mm_TestHook: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleVerifyError);
    expect((error as Error).message).toBe(
      "Error verifying module 'org_mm_TestHook': Minimum supported mesos version for 'Hook' is 1.11.0, " +
        'but module is compiled with version 1.11.0-sdk',
    );
  });
});

describe('createHook (ModuleManager::create<Hook>)', () => {
  it('refuses an unknown module', async () => {
    const manager = await ModuleManager.load({});
    const error = await manager.createHook('org_mm_Nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleUnknownError);
    expect(error).toMatchObject({ module: 'org_mm_Nope', message: "Module 'org_mm_Nope' unknown" });
  });

  it('reports create() returning nullptr', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [{ key: 'create', value: 'null' }] }));
    const error = await manager.createHook('org_mm_TestHook').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleCreateError);
    expect(error).toMatchObject({
      module: 'org_mm_TestHook',
      library: testHook,
      message: "Error creating Module instance for 'org_mm_TestHook'",
    });
  });

  it('reports an exception thrown by create() with its what()', async () => {
    const manager = await ModuleManager.load(manifestFor(testHook, { org_mm_TestHook: [] }));
    const error = await manager.createHook('org_mm_TestHook', [{ key: 'create', value: 'throw' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleCreateError);
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
    expect(error.missing).toEqual(['parameters[0].value']);
  });
});
