// One error-code path: the native codes are named once (src-native/common/
// error_codes.h), typed once (NativeErrorCode) and mapped to error classes by
// one function, fromNative().
import { describe, expect, it } from 'vitest';

import {
  BadMessage,
  HookCallError,
  HookCrash,
  InternalError,
  MesosModulesError,
  ModuleCreateError,
  RuntimeError,
} from 'mesos-modules';

import { BackendError, fromNative } from '../dist/lib/errors.js';
import { NATIVE_ERROR_CODES, native } from '../dist/lib/native.js';

import { expectError } from './helpers.js';

const nativeError = (code: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { code }, extra);

describe('the native codes are one list', () => {
  it('the addon exports exactly NATIVE_ERROR_CODES, in order', () => {
    expect(native().errorCodes).toEqual([...NATIVE_ERROR_CODES]);
  });
});

describe('fromNative: loader steps become BackendError for verify.ts to word', () => {
  it.each([
    ['DLOPEN', 'dlopen'],
    ['DLSYM', 'dlsym'],
    ['NOT_A_MODULE', 'other'],
    ['NOT_OPEN', 'other'],
    ['ELF', 'other'],
  ])('%s → BackendError(%s), dlerror text kept', (code, kind) => {
    const error = fromNative(nativeError(code, 'libx.so: cannot open shared object file'), { step: 'open', library: 'libx.so' });
    expect(error).toBeInstanceOf(BackendError);
    expect((error as InstanceType<typeof BackendError>).kind).toBe(kind);
    expect(error.message).toBe('libx.so: cannot open shared object file');
  });

  it('MODULE_EXCEPTION from compatible() is the reason verifyModule reports', () => {
    const error = fromNative(nativeError('MODULE_EXCEPTION', 'compatible() threw: boom'), { step: 'compatible' });
    expect(error).toBeInstanceOf(BackendError);
    expect(error.message).toBe('compatible() threw: boom');
  });
});

describe("fromNative: create() failures carry ModuleManager::create's messages", () => {
  it('MODULE_EXCEPTION → MODULE_CREATE, "Error creating Module instance for …: <reason>"', () => {
    const error = fromNative(nativeError('MODULE_EXCEPTION', 'create() threw: bad'), {
      step: 'create',
      module: 'org_x_Hook',
      library: 'libx.so',
    });
    expect(error).toBeInstanceOf(ModuleCreateError);
    expect(error).toMatchObject({
      code: 'MODULE_CREATE',
      module: 'org_x_Hook',
      library: 'libx.so',
      message: "Error creating Module instance for 'org_x_Hook': create() threw: bad",
    });
  });

  it('NO_CREATE → "Error creating module instance for …: create() method not found" (Mesos spells it lower case)', () => {
    const error = fromNative(nativeError('NO_CREATE', 'create() method not found'), { step: 'create', module: 'm' });
    expect(error).toMatchObject({
      code: 'MODULE_CREATE',
      message: "Error creating module instance for 'm': create() method not found",
    });
  });

  it('PARAMETERS → MODULE_CREATE with the runtime reason', () => {
    const error = fromNative(nativeError('PARAMETERS', 'the runtime defines no mesos::Parameters constructor'), {
      step: 'create',
      module: 'm',
    });
    expect(error).toMatchObject({
      code: 'MODULE_CREATE',
      message: "Error creating Module instance for 'm': the runtime defines no mesos::Parameters constructor",
    });
  });
});

describe('fromNative: the remaining codes', () => {
  it('RUNTIME → RuntimeError', () => {
    const error = fromNative(nativeError('RUNTIME', 'mesos-modules runtime: no libmesos'), { step: 'open' });
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error).toMatchObject({ code: 'RUNTIME', message: 'mesos-modules runtime: no libmesos' });
  });

  it('BAD_MESSAGE in a call → BadMessage prefixed module.method, path and missing kept', () => {
    const error = fromNative(nativeError('BAD_MESSAGE', 'taskInfo: missing required field', { path: 'taskInfo', missing: ['taskInfo.name'] }), {
      step: 'call',
      module: 'm',
      hook: 'slaveRunTaskLabelDecorator',
    });
    expect(error).toBeInstanceOf(BadMessage);
    expect(error).toMatchObject({
      code: 'BAD_MESSAGE',
      path: 'taskInfo',
      missing: ['taskInfo.name'],
      message: 'm.slaveRunTaskLabelDecorator: taskInfo: missing required field',
    });
  });

  it('BAD_MESSAGE in create → BadMessage under `parameters`', () => {
    const error = fromNative(nativeError('BAD_MESSAGE', 'not a valid mesos.Parameters'), { step: 'create', module: 'm' });
    expectError(error, BadMessage, 'BAD_MESSAGE', 'not a valid mesos.Parameters');
    expect(error).toMatchObject({ path: 'parameters', missing: [] });
  });

  it.each([
    ['PROTOCOL', "mesos-modules internal error: read 'm': odd"],
    ['INTERNAL', "mesos-modules internal error: read 'm': odd"],
    [undefined, "mesos-modules internal error: read 'm': plain"],
    ['SOMETHING_NEW', "mesos-modules internal error: unknown native error code 'SOMETHING_NEW': odd"],
  ])('%s → InternalError (code INTERNAL)', (code, message) => {
    const raw = code === undefined ? new Error('plain') : nativeError(code, 'odd');
    const error = fromNative(raw, { step: 'read', module: 'm' });
    expectError(error, InternalError, 'INTERNAL', message);
    expect((error as Error).cause).toBe(raw);
  });

  it('a typed error passes through unchanged', () => {
    const typed = new RuntimeError('x');
    expect(fromNative(typed, { step: 'open' })).toBe(typed);
  });
});

describe('HookCrash', () => {
  it('carries signal, exit status, module, hook, stderr tail and input, code HOOK_CRASH', () => {
    const input = { slaveInfo: { hostname: 'a' } };
    const crash = new HookCrash({
      module: 'org_x_Hook',
      hook: 'masterSlaveLostHook',
      signal: 'SIGSEGV',
      exitStatus: null,
      stderrTail: '*** SIGSEGV',
      input,
    });
    expect(crash).toBeInstanceOf(HookCallError);
    expect(crash).toBeInstanceOf(MesosModulesError);
    expect(crash).toMatchObject({
      code: 'HOOK_CRASH',
      name: 'HookCrash',
      signal: 'SIGSEGV',
      exitStatus: null,
      module: 'org_x_Hook',
      hook: 'masterSlaveLostHook',
      stderrTail: '*** SIGSEGV',
      input,
      message: 'org_x_Hook.masterSlaveLostHook crashed the process running it (signal SIGSEGV)',
    });
    expect(new HookCrash({ module: 'm', hook: 'h', signal: null, exitStatus: 3 }).message).toBe(
      'm.h crashed the process running it (exit status 3)',
    );
  });
});
