// The addon's object boundary: its classes cannot be constructed from JS,
// and every method checks its receiver's type tag, so a forged or foreign
// object is a TypeError and node stays up. Each case also runs in a child
// process, so a regression that crashes shows as an exit status, not as a
// lost test worker.
import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { native } from '../dist/lib/native.js';
import { built, expectError, fixture, thrown } from './helpers.js';

const addonPath = built.addon;

/** Runs `body` (JS, with `addon`, `library`, `record`, `hook` in scope) in a fresh node; its exit and output. */
function inChild(body: string) {
  const script = `
    const addon = require(${JSON.stringify(addonPath)});
    const library = addon.openLibrary(${JSON.stringify(fixture('test_hook'))});
    const record = library.readModule('org_mm_TestHook');
    const hook = record.createHook(new Uint8Array(0));
    try { ${body}; console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return { status: result.status, signal: result.signal, stdout: result.stdout.trim() };
}

function objects() {
  const addon = native() as unknown as Record<string, unknown> & ReturnType<typeof native>;
  const library = addon.openLibrary(fixture('test_hook'));
  const record = library.readModule('org_mm_TestHook');
  const hook = record.createHook(new Uint8Array(0))!;
  return { addon, library, record, hook };
}

describe('the addon exports no constructors', () => {
  it('has only openLibrary, runtime, setLogEcho, setCrashHint and the two lists', () => {
    expect(Object.keys(native()).sort()).toEqual(['errorCodes', 'hookSignatures', 'openLibrary', 'runtime', 'setCrashHint', 'setLogEcho']);
  });

  it('refuses `new` on each class reached through an instance (TypeError, process alive)', () => {
    const { library, record, hook } = objects();
    for (const [object, what] of [
      [library, 'Illegal constructor: use openLibrary(path)'],
      [record, 'Illegal constructor: module records come from Library.readModule()'],
      [hook, 'Illegal constructor: hooks come from ModuleRecord.createHook()'],
    ] as const) {
      const Constructor = Object.getPrototypeOf(object).constructor as new (...args: unknown[]) => unknown;
      expectError(thrown(() => new Constructor()), TypeError, undefined, what);
      expectError(thrown(() => new Constructor('/tmp/x.so', {})), TypeError, undefined, what);
    }
  });

  it('`new ModuleRecord().info()` is a TypeError in a process that stays up', () => {
    const result = inChild('new (Object.getPrototypeOf(record).constructor)().info()');
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('TypeError: Illegal constructor: module records come from Library.readModule()');
  });
});

describe('every method checks its receiver', () => {
  it('a ModuleRecord method called on a Hook, a Library or a plain object is a TypeError', () => {
    const { library, record, hook } = objects();
    for (const self of [hook, library, {}, Object.create(Object.getPrototypeOf(record) as object)]) {
      expectError(thrown(() => record.info.call(self)), TypeError, undefined, 'Illegal invocation: `this` is not a ModuleRecord made by mesos-modules');
      expectError(thrown(() => record.compatible.call(self)), TypeError, undefined, 'Illegal invocation: `this` is not a ModuleRecord made by mesos-modules');
      expectError(thrown(() => record.createHook.call(self, new Uint8Array(0))), TypeError, undefined, 'Illegal invocation: `this` is not a ModuleRecord made by mesos-modules');
      expectError(thrown(() => record.createHookOffThread.call(self, new Uint8Array(0))), TypeError, undefined, 'Illegal invocation: `this` is not a ModuleRecord made by mesos-modules');
    }
  });

  it('a Hook method called with a ModuleRecord as `this` is a TypeError', () => {
    const { record, hook } = objects();
    const method = hook.masterSlaveLostHook;
    expectError(thrown(() => method.call(record, new Uint8Array(16), 0, false)), TypeError, undefined, 'Illegal invocation: `this` is not a Hook made by mesos-modules');
  });

  it('Library.readModule on a forged object or a primitive is a TypeError', () => {
    const { library, record } = objects();
    for (const self of [record, undefined, 7, 'lib']) {
      expectError(thrown(() => library.readModule.call(self, 'org_mm_TestHook')), TypeError, undefined, 'Illegal invocation: `this` is not a Library made by mesos-modules');
    }
  });

  it('the same calls in a fresh process end it normally', () => {
    for (const body of [
      'hook.masterSlaveLostHook.call(record, new Uint8Array(16), 0, false)',
      'record.info.call(hook)',
      'library.readModule.call(Object.create(Object.getPrototypeOf(library)), "x")',
    ]) {
      const result = inChild(body);
      expect(result.signal).toBeNull();
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^TypeError: Illegal invocation/);
    }
  });
});

describe('arguments the addon never gets from lib/ are INTERNAL errors', () => {
  it('openLibrary(non-string) and readModule(non-string)', () => {
    const { addon, library } = objects();
    expectError(thrown(() => addon.openLibrary(42 as unknown as string)), Error, 'INTERNAL', 'openLibrary(path) takes a string');
    expectError(thrown(() => library.readModule({} as unknown as string)), Error, 'INTERNAL', 'readModule(symbol) takes a string');
  });

  it('a hook method without its buffer', () => {
    const { hook } = objects();
    expectError(thrown(() => hook.masterSlaveLostHook('x' as unknown as Uint8Array, 0, false)), Error, 'INTERNAL', 'a hook method takes (Uint8Array, length, offThread)');
    expectError(thrown(() => hook.masterSlaveLostHook(new Uint8Array(4), 5, false)), Error, 'INTERNAL', 'argument length out of the buffer');
  });
});
