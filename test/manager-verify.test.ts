// ModuleManager::loadManifest and verifyModule, in Mesos's order and with its
// messages byte for byte: one fixture record per check (test/fixtures/module_records.cpp).
import { describe, expect, it } from 'vitest';

import {
  LibraryOpenError,
  ModuleLoadError,
  ModuleManager,
  ModuleVerifyError,
  RuntimeError,
  runtime,
} from 'mesos-modules';

import { expectError, fixture, itSdkOnly, manifestFor, rejection, thrown } from './helpers.js';

const records = fixture('module_records');
const testHook = fixture('test_hook');

/** An agent of Mesos 1.11.0, which the fixture records are written for. */
function agent(): ModuleManager {
  return new ModuleManager({ mesosVersion: '1.11.0' });
}

async function loadError(manager: ModuleManager, manifest: Parameters<ModuleManager['load']>[0]): Promise<ModuleLoadError> {
  const error = await manager.load(manifest).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ModuleLoadError);
  return error as ModuleLoadError;
}

async function verifyError(symbol: string): Promise<string> {
  const error = await loadError(agent(), manifestFor(records, { [symbol]: [] }));
  expect(error).toBeInstanceOf(ModuleVerifyError);
  expect(error).toMatchObject({ code: 'MODULE_VERIFY', module: symbol, library: records });
  return error.message;
}

describe('verifyModule: missing fields', () => {
  it.each([
    'org_mm_NullModuleApiVersion',
    'org_mm_NullMesosVersion',
    'org_mm_NullKind',
    'org_mm_NullAuthorName',
    'org_mm_NullAuthorEmail',
    'org_mm_NullDescription',
  ])('refuses %s, a record with a null string', async (symbol) => {
    expect(await verifyError(symbol)).toBe(`Error verifying module '${symbol}': Error loading module '${symbol}'; missing fields`);
  });
});

describe('verifyModule: module API version (compared as a string)', () => {
  it.each([
    ['org_mm_ApiVersion1', '1'],
    ['org_mm_ApiVersion2_0', '2.0'],
  ])('refuses %s (API version %s)', async (symbol, version) => {
    expect(await verifyError(symbol)).toBe(
      `Error verifying module '${symbol}': Module API version mismatch. Mesos has: 2, library requires: ${version}`,
    );
  });
});

describe("verifyModule: the kinds of Mesos 1.11.0's kindToVersion", () => {
  it('refuses a kind the agent does not know (SecretGenerator was never in the table)', async () => {
    expect(await verifyError('org_mm_UnknownKind')).toBe(
      "Error verifying module 'org_mm_UnknownKind': Unknown module kind: SecretGenerator",
    );
  });

  it('accepts another known kind (Anonymous)', async () => {
    const manager = agent();
    await manager.load(manifestFor(records, { org_mm_Anonymous: [] }));
    expect(manager.modules[0]).toMatchObject({ name: 'org_mm_Anonymous', kind: 'Anonymous' });
  });
});

describe('verifyModule: versions, SemVer as stout has it since Mesos 1.4.0', () => {
  it.each([
    ['org_mm_BadVersion', "Invalid version component 'x': Failed to convert 'x' to number"],
    ['org_mm_FourComponents', 'Version has 4 components; maximum 3 components allowed'],
  ])('passes the parse error of %s through as it is', async (symbol, message) => {
    expect(await verifyError(symbol)).toBe(`Error verifying module '${symbol}': ${message}`);
  });

  it.each([
    ['org_mm_Older', '1.10.0'],
    ['org_mm_OlderCompatible', '1.10.0'],
    ['org_mm_Prerelease', '1.11.0-rc1'],
  ])('refuses %s (%s) as older than the minimum, compatible() or not', async (symbol, version) => {
    expect(await verifyError(symbol)).toBe(
      `Error verifying module '${symbol}': Minimum supported mesos version for 'Hook' is 1.11.0, ` +
        `but module is compiled with version ${version}`,
    );
  });

  it.each(['org_mm_Newer', 'org_mm_NewerCompatible'])('refuses %s, newer than the agent', async (symbol) => {
    // org_mm_NewerCompatible's compatible() says false: it is not even called.
    expect(await verifyError(symbol)).toBe(
      `Error verifying module '${symbol}': Mesos has version 1.11.0, but module is compiled with version 1.12.0`,
    );
  });

  it.each(['org_mm_BuildMetadata', 'org_mm_ShortVersion', 'org_mm_LeadingZero', 'org_mm_Hook'])(
    'accepts %s (build metadata ignored, missing components 0, leading zeros)',
    async (symbol) => {
      const manager = agent();
      await manager.load(manifestFor(records, { [symbol]: [] }));
      expect(manager.contains(symbol, 'Hook')).toBe(true);
    },
  );

  it('prints versions normalised, as stringify(Version) does', async () => {
    const manager = new ModuleManager({ mesosVersion: '1.12' });
    const error = await loadError(manager, manifestFor(records, { org_mm_ShortVersion: [] }));
    expectError(error, ModuleVerifyError, 'MODULE_VERIFY',
      "Error verifying module 'org_mm_ShortVersion': Minimum supported mesos version for 'Hook' is 1.12.0, " +
        'but module is compiled with version 1.11.0',
    );
  });

  it('checks against the SDK version by default, and against any version given per manager', async () => {
    expect(new ModuleManager().mesosVersion).toBe(runtime().mesosVersion);
    const older = new ModuleManager({ mesosVersion: '1.11.0-rc2' });
    const error = await loadError(older, manifestFor(records, { org_mm_Hook: [] }));
    expectError(error, ModuleVerifyError, 'MODULE_VERIFY',
      "Error verifying module 'org_mm_Hook': Mesos has version 1.11.0-rc2, but module is compiled with version 1.11.0",
    );
  });

  it('refuses an agent version that does not parse', () => {
    expectError(thrown(() => new ModuleManager({ mesosVersion: 'one' })), RuntimeError, 'RUNTIME',
      "invalid agent version 'one': Invalid version component 'one': Failed to convert 'one' to number",
    );
  });
});

describe('verifyModule: compatible(), called last', () => {
  it('refuses a module whose compatible() says false (no space before "has")', async () => {
    expect(await verifyError('org_mm_Incompatible')).toBe(
      "Error verifying module 'org_mm_Incompatible': Module org_mm_Incompatiblehas determined to be incompatible",
    );
  });

  it('accepts one whose compatible() says true', async () => {
    const manager = agent();
    await manager.load(manifestFor(records, { org_mm_Compatible: [] }));
    expect(manager.find('Hook')).toEqual(['org_mm_Compatible']);
  });

  it('reports an exception from compatible() instead of dying of it', async () => {
    expect(await verifyError('org_mm_CompatibleThrows')).toBe(
      "Error verifying module 'org_mm_CompatibleThrows': compatible() threw: compatible() exploded",
    );
  });
});

describe('loadManifest: libraries and symbols', () => {
  it('refuses a library with neither file nor name', async () => {
    const error = await loadError(agent(), { libraries: [{ modules: [{ name: 'org_mm_Hook' }] }] });
    expectError(error, ModuleLoadError, 'MODULE_LOAD', 'Library name or path not provided');
  });

  it('refuses a module without a name', async () => {
    const error = await loadError(agent(), { libraries: [{ file: records, modules: [{ parameters: [] }] }] });
    expectError(error, ModuleLoadError, 'MODULE_LOAD', `Error: module name not provided with library '${records}'`);
    expect(error).toMatchObject({ library: records });
  });

  it('reports a missing symbol with the space before the colon', async () => {
    const error = await loadError(agent(), manifestFor(records, { org_mm_Missing: [] }));
    expectError(error, ModuleLoadError, 'MODULE_LOAD',
      `Error loading module 'org_mm_Missing': Error looking up symbol 'org_mm_Missing' in '${records}' : ` +
        `${records}: undefined symbol: org_mm_Missing`,
    );
  });

  it('reports a missing library with the dlerror', async () => {
    const error = await loadError(agent(), manifestFor('/nonexistent/libx.so', { m: [] }));
    expectError(error, LibraryOpenError, 'MODULE_LOAD',
      "Error opening library: '/nonexistent/libx.so': Could not load library '/nonexistent/libx.so': " +
        '/nonexistent/libx.so: cannot open shared object file: No such file or directory',
    );
  });

  it('uses file over name, and lib<name>.so for a name alone', async () => {
    const manager = agent();
    await manager.load({ libraries: [{ file: records, name: 'nonexistent', modules: [{ name: 'org_mm_Hook' }] }] });
    expect(manager.modules[0].library).toBe(records);
    const error = await loadError(manager, { libraries: [{ name: 'mm_nonexistent', modules: [{ name: 'm' }] }] });
    expect(error.library).toBe('libmm_nonexistent.so');
    expectError(error, LibraryOpenError, 'MODULE_LOAD',
      "Error opening library: 'libmm_nonexistent.so': Could not load library 'libmm_nonexistent.so': " +
        'libmm_nonexistent.so: cannot open shared object file: No such file or directory');
  });

  it("gives an empty file to the dynamic loader as it is (dlopen(\"\") is the program)", async () => {
    const error = await loadError(agent(), { libraries: [{ file: '', modules: [{ name: 'org_mm_Hook' }] }] });
    expect(error.code).toBe('MODULE_LOAD');
    // What follows ' : ' is dlerror()'s text for the program's own symbol table.
    expect(error.message).toMatch(/^Error loading module 'org_mm_Hook': Error looking up symbol 'org_mm_Hook' in '' : .+$/);
  });

  it('leaves earlier libraries and modules loaded when a later one fails (no rollback)', async () => {
    const manager = agent();
    const manifest = {
      libraries: [
        { file: records, modules: [{ name: 'org_mm_Hook' }, { name: 'org_mm_Compatible' }, { name: 'org_mm_Newer' }, { name: 'org_mm_CreateNull' }] },
        { file: fixture('test_hook'), modules: [{ name: 'org_mm_TestHook' }] },
      ],
    };
    expectError(await rejection(manager.load(manifest)), ModuleVerifyError, 'MODULE_VERIFY',
      "Error verifying module 'org_mm_Newer': Mesos has version 1.11.0, but module is compiled with version 1.12.0",
    );
    expect(manager.modules.map((m) => m.name)).toEqual(['org_mm_Hook', 'org_mm_Compatible']);
  });

  it('explains a library that does not open for want of symbols: which ones, and the likely cause', async () => {
    const library = fixture('undefined_symbols');
    const error = (await loadError(new ModuleManager(), manifestFor(library, { org_mm_Needy: [] }))) as LibraryOpenError;
    expect(error).toBeInstanceOf(LibraryOpenError);
    expect(error.code).toBe('MODULE_LOAD');
    // dlopen names the first unresolved symbol it meets: one of the three listed below.
    expect(error.unresolved.map((u) => u.symbol)).toContain(error.message.split(': undefined symbol: ')[1]);
    expect(error.message).toMatch(
      new RegExp(`^Error opening library: '${library}': Could not load library '${library}': ${library}: undefined symbol: [A-Za-z0-9_]+$`),
    );
    // In the library's dynamic symbol table order, which is the linker's.
    const unresolved = error.unresolved.map((u) => u.demangled);
    expect(unresolved).toHaveLength(3);
    expect(unresolved).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^mesos::internal::notInThisRuntime\(/),
        'google::protobuf::internal::NotInThisProtobuf(int)',
        'mm_missing_c_function',
      ]),
    );
    expect(error.hint).toMatch(/protobuf runtime mismatch/);
    expect(error.hint).toMatch(/built against another Mesos or SDK version/);
  });
});

describe('opening the library and finding the record (dlopen, dlsym)', () => {
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
    expect(error).toBeInstanceOf(LibraryOpenError);
    expect(error.code).toBe('MODULE_LOAD');
    expect(error.message).toBe(
      "Error opening library: 'libnosuchmodulelib.so': Could not load library 'libnosuchmodulelib.so': " +
        'libnosuchmodulelib.so: cannot open shared object file: No such file or directory',
    );
  });

  it('reports a missing symbol', async () => {
    const error = (await ModuleManager.load(manifestFor(testHook, { org_mm_Nope: [] })).catch(
      (e: unknown) => e,
    )) as ModuleLoadError;
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect(error.code).toBe('MODULE_LOAD');
    expect(error.module).toBe('org_mm_Nope');
    expect(error.message).toBe(
      `Error loading module 'org_mm_Nope': Error looking up symbol 'org_mm_Nope' in '${testHook}' : ` +
        `${testHook}: undefined symbol: org_mm_Nope`,
    );
  });

  it.each([
    ['org_mm_Function', "is a function, not a module record (a global mesos::modules::Module<T> object)"],
    ['org_mm_SmallObject', 'is 4 bytes, too small for a module record (56 bytes at least)'],
    ['org_mm_GarbageRecord', "is not a module record: its field 'moduleApiVersion' does not point to a readable string"],
  ])('refuses %s, which is not a module, without crashing', async (symbol, reason) => {
    const error = (await ModuleManager.load(manifestFor(fixture('not_a_module'), { [symbol]: [] })).catch(
      (e: unknown) => e,
    )) as ModuleLoadError;
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect(error.code).toBe('MODULE_LOAD');
    expect(error.message).toBe(`Error loading module '${symbol}': symbol '${symbol}' ${reason}`);
  });

  itSdkOnly('accepts exactly the SDK\'s version: a 1.11.0 agent refuses SDK-built modules', async () => {
    const manager = new ModuleManager({ mesosVersion: '1.11.0' });
    const error = await manager.load(manifestFor(testHook, { org_mm_TestHook: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleVerifyError);
    expect((error as ModuleVerifyError).code).toBe('MODULE_VERIFY');
    expect((error as Error).message).toBe(
      "Error verifying module 'org_mm_TestHook': Minimum supported mesos version for 'Hook' is 1.11.0, " +
        'but module is compiled with version 1.11.0-sdk',
    );
  });
});
