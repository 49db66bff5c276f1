// The bad-input catalogue: one test per class of bad input a user can hand
// the public API. Each checks the typed error (class, code, what it names)
// and that the process is still alive and the addon still works afterwards.
import { describe, expect, it } from 'vitest';

import {
  BadMessage,
  BadResult,
  HookException,
  HookTimeout,
  LibraryOpenError,
  ManifestError,
  ModuleCreateError,
  ModuleLoadError,
  ModuleManager,
  ModuleVerifyError,
  builders,
  lintManifest,
  runtime,
} from 'mesos-modules';

import { behaviour, expectError, fixture, labelArgs, manifestFor } from './helpers.js';

const { taskInfo, executorInfo } = labelArgs;


/** The process is alive and the addon answers: a good call still works. */
async function alive(): Promise<void> {
  const hook = await behaviour('some');
  const labels = await hook.slaveRunTaskLabelDecorator(labelArgs);
  expect(labels?.labels?.length).toBeGreaterThan(0);
}

/** Awaits `promise`, which must reject with an instance of `type`; returns the error. */
function thrownBy<T>(run: () => unknown, type: new (...args: never[]) => T): T {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  return error as T;
}

async function rejection<T>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

function loadModule(file: string, name: string, options = {}): Promise<ModuleManager> {
  return ModuleManager.load({ libraries: [{ file, modules: [{ name }] }] }, options);
}

describe('the bad-input catalogue', () => {
  it('malformed manifests', async () => {
    const cases: Array<[string, string]> = [
      ['{"libraries": [', 'syntax error at line 1 near: '],
      ['{"libraries": []} x', 'Parsed JSON included non-whitespace trailing characters:  x'],
      ['[]', 'Unexpected JSON type parsed'],
      [' ', 'syntax error at line 1 near: '],
      ['{"a": 1e999}', 'Value out of range'],
      ['{"a": "\\ud800"}', 'syntax error at line 1 near: "}'],
    ];
    for (const [text, message] of cases) {
      expectError(await rejection(ModuleManager.load(text), ManifestError), ManifestError, 'MANIFEST', message);
    }
    await alive();
  });

  it('wrong JSON types at every level', async () => {
    const cases: Array<[unknown, string]> = [
      [{ libraries: 'x' }, "Not expecting a JSON string for field 'libraries'"],
      [{ libraries: [7] }, "Not expecting a JSON number for field 'libraries'"],
      [{ libraries: [{ file: true }] }, "Not expecting a JSON boolean for field 'file'"],
      [{ libraries: [{ modules: [{ name: ['m', 'n'] }] }] }, "Not expecting a JSON array for field 'name'"],
      [{ libraries: [{ modules: [{ parameters: 'p' }] }] }, "Not expecting a JSON string for field 'parameters'"],
      [{ libraries: [{ modules: [{ parameters: [{ key: 1, value: 'v' }] }] }] }, "Not expecting a JSON number for field 'key'"],
    ];
    for (const [manifest, message] of cases) {
      const error = await rejection(ModuleManager.load(manifest as never), ManifestError);
      expect(error.message).toBe(message);
    }
    // A hook argument of the wrong type names the field path.
    const hook = await behaviour('some');
    const error = await rejection(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: { ...taskInfo, name: 5 as never } }), BadMessage);
    expect(error.path).toBe('taskInfo.name');
    expectError(error, BadMessage, 'BAD_MESSAGE', 'org_mm_BehaviourHook.slaveRunTaskLabelDecorator: taskInfo.name: expected a string, got number 5');
    await alive();
  });

  it('missing required fields', async () => {
    const manifest = await rejection(
      ModuleManager.load({ libraries: [{ file: fixture('behaviour_hook'), modules: [{ name: 'm', parameters: [{ key: 'k' }] }] }] } as never),
      ManifestError,
    );
    expect(manifest.message).toBe('Missing required fields: libraries[0].modules[0].parameters[0].value');
    const hook = await behaviour('some');
    const error = await rejection(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: { name: 'no ids' } as never }), BadMessage);
    expectError(error, BadMessage, 'BAD_MESSAGE', 'org_mm_BehaviourHook.slaveRunTaskLabelDecorator: missing required fields: taskInfo.task_id, taskInfo.slave_id');
    expect(error.missing).toEqual(expect.arrayContaining(['taskInfo.task_id', 'taskInfo.slave_id']));
    await alive();
  });

  it('unknown kinds', async () => {
    const error = await rejection(loadModule(fixture('module_records'), 'org_mm_UnknownKind'), ModuleVerifyError);
    expect(error.code).toBe('MODULE_VERIFY');
    expect(error.message).toBe("Error verifying module 'org_mm_UnknownKind': Unknown module kind: SecretGenerator");
    expect(error.module).toBe('org_mm_UnknownKind');
    await alive();
  });

  it('wrong API or Mesos versions', async () => {
    const api = await rejection(loadModule(fixture('module_records'), 'org_mm_ApiVersion1'), ModuleVerifyError);
    expect(api.message).toBe("Error verifying module 'org_mm_ApiVersion1': Module API version mismatch. Mesos has: 2, library requires: 1");
    const newer = await rejection(loadModule(fixture('module_records'), 'org_mm_Newer'), ModuleVerifyError);
    expect(newer.message).toBe(`Error verifying module 'org_mm_Newer': Mesos has version ${runtime().mesosVersion}, but module is compiled with version 1.12.0`);
    await alive();
  });

  it('missing library', async () => {
    const error = await rejection(loadModule('/nonexistent/libnothing.so', 'org_mm_X'), LibraryOpenError);
    expect(error.code).toBe('MODULE_LOAD');
    expect(error.message).toBe("Error opening library: '/nonexistent/libnothing.so': Could not load library '/nonexistent/libnothing.so': " +
        '/nonexistent/libnothing.so: cannot open shared object file: No such file or directory');
    await alive();
  });

  it('a symbol that is not a module record', async () => {
    const error = await rejection(loadModule(fixture('not_a_module'), 'org_mm_Function'), ModuleLoadError);
    expect(error.code).toBe('MODULE_LOAD');
    expect(error.message).toBe("Error loading module 'org_mm_Function': symbol 'org_mm_Function' is a function, not a module record (a global mesos::modules::Module<T> object)");
    await alive();
  });

  it('null record fields', async () => {
    for (const name of ['org_mm_NullKind', 'org_mm_NullModuleApiVersion', 'org_mm_NullAuthorEmail']) {
      const error = await rejection(loadModule(fixture('module_records'), name), ModuleVerifyError);
      expect(error.message).toBe(`Error verifying module '${name}': Error loading module '${name}'; missing fields`);
    }
    await alive();
  });

  it('create() returning null or throwing: the error carries what it logged', async () => {
    const manager = await loadModule(fixture('incomplete_hook'), 'org_mm_IncompleteHook');
    const refused = await rejection(manager.createHook('org_mm_IncompleteHook'), ModuleCreateError);
    expect(refused.code).toBe('MODULE_CREATE');
    expect(refused.message).toBe(
      "Error creating Module instance for 'org_mm_IncompleteHook' (it logged: IncompleteHook: missing the 'required' parameter)",
    );
    expect(refused.logs.map((line) => [line.severity, line.message])).toEqual([
      ['INFO', 'checking parameters'],
      ['ERROR', "IncompleteHook: missing the 'required' parameter"],
    ]);
    const threw = await rejection(manager.createHook('org_mm_IncompleteHook', [{ key: 'create', value: 'throw' }]), ModuleCreateError);
    expect(threw.message).toBe(
      "Error creating Module instance for 'org_mm_IncompleteHook': create() threw: create() gave up (it logged: about to throw from create())",
    );
    expect(threw.logs).toHaveLength(1);
    // A module that logs nothing: the message is Mesos's alone.
    const quiet = await rejection((await loadModule(fixture('module_records'), 'org_mm_CreateNull', { mesosVersion: '1.11.0' })).createHook('org_mm_CreateNull'), ModuleCreateError);
    expect(quiet.message).toBe("Error creating Module instance for 'org_mm_CreateNull'");
    expect(quiet.logs).toEqual([]);
    await alive();
  });

  it('a hook returning an incomplete message', async () => {
    const manager = await loadModule(fixture('incomplete_hook'), 'org_mm_IncompleteHook');
    const hook = await manager.createHook('org_mm_IncompleteHook', [{ key: 'required', value: 'yes' }]);
    const error = await rejection(hook.slaveRunTaskLabelDecorator(labelArgs), BadResult);
    expect(error.code).toBe('BAD_RESULT');
    expect(error.hook).toBe('slaveRunTaskLabelDecorator');
    expect(error.path).toBe('labels[1].key');
    expect(error.message).toBe(
      'org_mm_IncompleteHook.slaveRunTaskLabelDecorator: the agent could not deliver the result: required field labels[1].key is not set',
    );
    await alive();
  });

  it('a hook that throws', async () => {
    const hook = await behaviour('throw');
    const error = await rejection(hook.slaveRunTaskLabelDecorator(labelArgs), HookException);
    expect(error.code).toBe('HOOK_EXCEPTION');
    expect(error.message).toBe('slaveRunTaskLabelDecorator threw');
    expect(error.type).toBe('std::runtime_error');
    await alive();
  });

  it('a never-completed future', async () => {
    const hook = await behaviour('never', {}, { timeout: 50 });
    const error = await rejection(
      hook.slavePreLaunchDockerTaskExecutorDecorator({
        taskInfo,
        executorInfo,
        containerName: 'c',
        containerWorkDirectory: '/w',
        mappedSandboxDirectory: '/m',
      }),
      HookTimeout,
    );
    expectError(error, HookTimeout, 'HOOK_TIMEOUT', "the hook's future did not complete within 50 ms");
    expect(error.timeout).toBe(50);
    await alive();
  });

  it('a 10 MB message', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const hook = await behaviour('some');
    // Crosses and comes back intact as an argument…
    const status = await hook.slaveTaskStatusDecorator({ frameworkId: { value: 'f' }, status: builders.taskStatus({ message: big }) });
    expect(status?.labels).toBeDefined();
    // …and a 10 MB manifest that is not JSON is a ManifestError, not a hang or a crash.
    const error = await rejection(ModuleManager.load(`{"libraries": [], "pad": "${big}"`), ManifestError);
    expectError(error, ManifestError, 'MANIFEST', 'syntax error at line 1 near: ');
    await alive();
  });

  it('deeply nested input', async () => {
    // Manifest text deeper than stout's limit.
    const deep = `{"x": ${'['.repeat(300)}${']'.repeat(300)}}`;
    // stout's parser stops at the 201st nested array; the message quotes the text from there on.
    expectError(await rejection(ModuleManager.load(deep), ManifestError), ManifestError, 'MANIFEST',
      `syntax error at line 1 near: ${deep.slice('{"x": '.length + 200)}`,
    );
    // A JS manifest nested deeper still, and a cyclic one.
    let nested: unknown[] = [];
    const outer = nested;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      nested.push(next);
      nested = next;
    }
    expect((await rejection(ModuleManager.load({ libraries: outer as never }), ManifestError)).message).toBe(`libraries${'[0]'.repeat(199)}: nested more than 200 deep (stout's JSON limit)`);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect((await rejection(ModuleManager.load({ libraries: cyclic as never }), ManifestError)).message).toBe("libraries[0]: a cycle (the value contains itself), which JSON cannot express");
    expect((thrownBy(() => lintManifest({ libraries: cyclic as never }), ManifestError)).message).toBe("libraries[0]: a cycle (the value contains itself), which JSON cannot express");
    // A cyclic hook argument is refused at the first field of the wrong shape on the way round the cycle.
    const labels: Record<string, unknown> = { labels: [] };
    const task: Record<string, unknown> = { ...taskInfo, labels };
    (labels.labels as unknown[]).push({ key: 'k', value: 'v', extra: task });
    const hook = await behaviour('some');
    const arg = await rejection(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: task as never }), BadMessage);
    expect(arg.path).toBe('taskInfo.labels.labels[0].extra');
    expectError(arg, BadMessage, 'BAD_MESSAGE', "org_mm_BehaviourHook.slaveRunTaskLabelDecorator: taskInfo.labels.labels[0].extra: unknown field: mesos.Label has no field 'extra'");
    const circular: Record<string, unknown> = { key: 'k' };
    const circularTask = { ...taskInfo, labels: { labels: [circular] } };
    circular.value = circularTask;
    expectError(await rejection(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: circularTask as never }), BadMessage), BadMessage, 'BAD_MESSAGE', 'org_mm_BehaviourHook.slaveRunTaskLabelDecorator: taskInfo.labels.labels[0].value: expected a string, got an object');
    await alive();
  });

  it('invalid UTF-8', async () => {
    // Outside strings: a syntax error; inside a key: U+FFFD, as picojson passes bytes through.
    const outside = Buffer.concat([Buffer.from('{"libraries": [] '), Buffer.from([0xff]), Buffer.from('}')]);
    expect((await rejection(ModuleManager.load(outside), ManifestError)).message).toBe('syntax error at line 1 near: \ufffd}');
    const inKey = Buffer.concat([Buffer.from('{"librar'), Buffer.from([0xc3, 0x28]), Buffer.from('ies": []}')]);
    const lint = lintManifest(inKey);
    expect(lint).toHaveLength(1);
    expect(lint[0]).toMatchObject({ reason: 'unknown', path: 'librar\ufffd(ies' });
    // A lone surrogate in an argument string crosses as U+FFFD (protobuf strings are UTF-8).
    const hook = await behaviour('some');
    await expect(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: { ...taskInfo, name: 'bad \ud800 name' } })).resolves.toBeDefined();
    await alive();
  });

  it('misspelled argument names', async () => {
    const hook = await behaviour('some');
    const typo = await rejection(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskinfo: taskInfo } as never), BadMessage);
    expect(typo.path).toBe('taskinfo');
    expect(typo.message).toBe("org_mm_BehaviourHook.slaveRunTaskLabelDecorator: taskinfo: unknown argument of slaveRunTaskLabelDecorator (did you mean 'taskInfo'?); " +
        'its arguments are taskInfo, executorInfo, frameworkInfo, slaveInfo');
    const docker = {
      executorInfo,
      containerName: 'c',
      containerWorkDirectory: '/w',
      mappedSandboxDirectory: '/m',
    };
    const envv = await rejection(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, envv: { A: '1' } } as never), BadMessage);
    expect(envv.message).toBe("org_mm_BehaviourHook.slavePreLaunchDockerTaskExecutorDecorator: envv: unknown argument of slavePreLaunchDockerTaskExecutorDecorator (did you mean 'env'?); " +
        'its arguments are taskInfo, executorInfo, containerName, containerWorkDirectory, mappedSandboxDirectory, env');
    const manifest = lintManifest({ libraries: [{ file: '/x.so', modules: [{ name: 'm', paramters: [] }] }] } as never);
    expect(manifest).toEqual([expect.objectContaining({ path: 'libraries[0].modules[0].paramters', suggestion: 'parameters' })]);
    await alive();
  });
});
