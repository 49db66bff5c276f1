// Isolated mode (lib/isolate.ts): module code runs in a child process, so a
// hook that crashes or hangs is a typed error here and the next call works
// in a fresh child with the same modules loaded and hooks created.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  builders,
  HookCrash,
  HookTimeout,
  IsolatedModuleManager,
  ModuleCreateError,
  ModuleManager,
  ModuleUnknownError,
  ModuleVerifyError,
  LibraryOpenError,
  type Hook,
} from 'mesos-modules';

import { keepChildReady, readyChildPid } from '../dist/lib/isolate.js';
import { nativeLayout } from '../dist/lib/paths.js';

import { expectError, fixture, manifestFor, rejection, root, thrown } from './helpers.js';

const managers: ModuleManager[] = [];
afterAll(async () => {
  await Promise.all(managers.map((m) => m.close()));
});

async function isolated(parameters: Array<{ key: string; value: string }> = [], options = {}): Promise<{ manager: ModuleManager; hook: Hook }> {
  const manager = await ModuleManager.load(manifestFor(fixture('crash_hook'), { org_mm_CrashHook: parameters }), {
    isolate: true,
    ...options,
  });
  managers.push(manager);
  return { manager, hook: await manager.createHook('org_mm_CrashHook') };
}

function labelCall(mode: string) {
  return {
    taskInfo: builders.taskInfo({ name: mode }),
    executorInfo: builders.executorInfo(),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  };
}

async function pidOf(hook: Hook): Promise<number> {
  const labels = await hook.slaveRunTaskLabelDecorator(labelCall('ok'));
  expect(labels?.labels?.[0]?.key).toBe('pid');
  return Number(labels!.labels![0]!.value);
}

describe('isolated mode: the same API, in another process', () => {
  it('loads, lists modules and calls a hook in a child process', async () => {
    const { manager, hook } = await isolated();
    expect(manager).toBeInstanceOf(IsolatedModuleManager);
    expect(manager.modules.map((m) => m.name)).toEqual(['org_mm_CrashHook']);
    expect(manager.contains('org_mm_CrashHook', 'Hook')).toBe(true);
    expect(manager.find('Hook')).toEqual(['org_mm_CrashHook']);
    const pid = await pidOf(hook);
    expect(pid).not.toBe(process.pid);
    expect(await pidOf(hook)).toBe(pid);
  });

  it('gives the same typed errors as in-process for load and create', async () => {
    const manifest = manifestFor('/nonexistent/libnothing.so', { org_mm_None: [] });
    const here = (await ModuleManager.load(manifest).catch((e: unknown) => e)) as LibraryOpenError;
    const there = (await ModuleManager.load(manifest, { isolate: true }).catch((e: unknown) => e)) as LibraryOpenError;
    expect(here).toBeInstanceOf(LibraryOpenError);
    expect(there).toBeInstanceOf(LibraryOpenError);
    expect(there.code).toBe(here.code);
    expect(there.message).toBe(here.message);
    expect(there.library).toBe(here.library);
    const { manager } = await isolated();
    const unknown = await manager.createHook('org_mm_Nope').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ModuleUnknownError);
    const notLoaded = thrown(() => manager.unload('org_mm_Nope'));
    expectError(notLoaded, ModuleUnknownError, 'MODULE_UNKNOWN', "Error unloading module 'org_mm_Nope': module not loaded");
  });

  it('calls the same hook as the in-process manager with the same result', async () => {
    const inProcess = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: [] }));
    const away = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: [] }), { isolate: true });
    managers.push(away);
    const args = {
      taskInfo: builders.taskInfo({ labels: { labels: [{ key: 'foo', value: 'bar' }] } }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    };
    const here = await (await inProcess.createHook('org_mm_TestHook')).slaveRunTaskLabelDecorator(args);
    const there = await (await away.createHook('org_mm_TestHook')).slaveRunTaskLabelDecorator(args);
    expect(there).toEqual(here);
  });
});

describe('isolated mode: crashes are HookCrash, and the next call works', () => {
  const crashes: Array<[string, { signal?: string; exitStatus?: number; stderr?: RegExp }]> = [
    ['segfault', { signal: 'SIGSEGV' }],
    ['abort', { signal: 'SIGABRT' }],
    ['check', { signal: 'SIGABRT', stderr: /Check failed: mode == "never".*crash_hook was told to fail a CHECK/ }],
    ['terminate', { signal: 'SIGABRT' }],
    ['exit', { exitStatus: 3 }],
    ['sigbus', { signal: 'SIGBUS' }],
    ['sigfpe', { signal: 'SIGFPE' }],
  ];
  for (const [mode, expected] of crashes) {
    it(`${mode}: HookCrash with how it ended, the module, method and input; then a fresh child`, async () => {
      const { hook } = await isolated();
      const before = await pidOf(hook);
      const input = labelCall(mode);
      const error = (await hook.slaveRunTaskLabelDecorator(input).catch((e: unknown) => e)) as HookCrash;
      expect(error).toBeInstanceOf(HookCrash);
      expect(error.code).toBe('HOOK_CRASH');
      expect(error.module).toBe('org_mm_CrashHook');
      expect(error.hook).toBe('slaveRunTaskLabelDecorator');
      expect(error.input).toBe(input);
      expect(error.signal).toBe(expected.signal ?? null);
      expect(error.exitStatus).toBe(expected.exitStatus ?? null);
      if (expected.stderr) expect(error.stderrTail).toMatch(expected.stderr);
      const how = expected.signal !== undefined ? `signal ${expected.signal}` : `exit status ${expected.exitStatus}`;
      expect(error.message).toBe(
        `org_mm_CrashHook.slaveRunTaskLabelDecorator crashed the process running it (${how}); the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created`,
      );
      const after = await pidOf(hook);
      expect(after).not.toBe(before);
    });
  }

  it('a failed CHECK carries glog\'s F line in the stderr tail', async () => {
    const { hook } = await isolated();
    const error = (await hook.slaveRunTaskLabelDecorator(labelCall('check')).catch((e: unknown) => e)) as HookCrash;
    expect(error.stderrTail).toMatch(/^F\d+ [\d:.]+ +\d+ crash_hook\.cpp:\d+\] Check failed/m);
  });
});

describe('isolated mode: module code that crashes or hangs while loading', () => {
  it('compatible() that crashes or hangs fails verification naming how; create() that crashes fails create; the manager goes on', async () => {
    const library = fixture('module_misbehaving');
    const manager = new ModuleManager({ isolate: true, setupTimeout: 800 });
    managers.push(manager);
    const load = (name: string) => manager.load({ libraries: [{ file: library, modules: [{ name }] }] });
    const restarted = 'the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created';
    const crashed = await rejection(load('org_mm_CrashingCompatible'));
    expectError(
      crashed,
      ModuleVerifyError,
      'MODULE_VERIFY',
      `Error verifying module 'org_mm_CrashingCompatible': compatible() ended the child process (signal SIGSEGV); ${restarted}`,
    );
    const hung = await rejection(load('org_mm_HangingCompatible'));
    expectError(
      hung,
      ModuleVerifyError,
      'MODULE_VERIFY',
      `Error verifying module 'org_mm_HangingCompatible': compatible() did not finish within 800 ms; ${restarted}`,
    );
    await load('org_mm_Fine');
    await load('org_mm_CrashingCreate');
    const created = await rejection(manager.createHook('org_mm_CrashingCreate'));
    expect(created).toBeInstanceOf(ModuleCreateError);
    expect((created as Error).message).toMatch(
      /^Error creating Module instance for 'org_mm_CrashingCreate': create\(\) ended the child process \(signal SIGSEGV\); the child process was killed/,
    );
    expect(manager.modules.map((m) => m.name)).toEqual(['org_mm_Fine', 'org_mm_CrashingCreate']);
    const fine = await manager.createHook('org_mm_Fine');
    expect(fine.module).toBe('org_mm_Fine');
  });
});

describe('isolated mode: hangs are HookTimeout, and the child is replaced', () => {
  it('a method that spins is killed at its timeout', async () => {
    const { hook } = await isolated();
    const before = await pidOf(hook);
    const error = (await hook.slaveRunTaskLabelDecorator(labelCall('spin'), { timeout: 300 }).catch((e: unknown) => e)) as HookTimeout;
    expect(error).toBeInstanceOf(HookTimeout);
    expect(error.timeout).toBe(300);
    expect(error.code).toBe('HOOK_TIMEOUT');
    expect(error.message).toBe('slaveRunTaskLabelDecorator did not complete within 300 ms; the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created');
    expect(await pidOf(hook)).not.toBe(before);
  });

  it('a future that never completes is a HookTimeout', async () => {
    const { hook } = await isolated();
    const error = await hook
      .slavePreLaunchDockerTaskExecutorDecorator(
        { executorInfo: builders.executorInfo(), containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/s' },
        { timeout: 200 },
      )
      .catch((e: unknown) => e);
    expectError(
      error,
      HookTimeout,
      'HOOK_TIMEOUT',
      'slavePreLaunchDockerTaskExecutorDecorator did not complete within 200 ms; the child process was killed; ' +
        'the next call runs in a fresh child with the same modules loaded and hooks created',
    );
    expect(await pidOf(hook)).toBeGreaterThan(0);
  });

  it('create() that blocks is a ModuleCreateError at the set-up timeout; the manager keeps working', async () => {
    const manager = await ModuleManager.load(
      {
        libraries: [
          {
            file: fixture('crash_hook'),
            modules: [{ name: 'org_mm_CrashHook', parameters: [{ key: 'block_create', value: 'true' }] }],
          },
        ],
      },
      { isolate: true, setupTimeout: 2000 },
    );
    managers.push(manager);
    const error = await manager.createHook('org_mm_CrashHook').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleCreateError);
    expect((error as ModuleCreateError).code).toBe('MODULE_CREATE');
    expect((error as ModuleCreateError).module).toBe('org_mm_CrashHook');
    expect((error as Error).message.split('\n')[0]).toBe(
      "Error creating Module instance for 'org_mm_CrashHook': create() did not return within 2000 ms; " +
        'the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created',
    );
    const hook = await manager.createHook('org_mm_CrashHook', []);
    expect(await pidOf(hook)).toBeGreaterThan(0);
  });

  it('createHook honours its own createTimeout over the set-up timeout', async () => {
    const manager = await ModuleManager.load(manifestFor(fixture('crash_hook'), { org_mm_CrashHook: [] }), { isolate: true });
    managers.push(manager);
    const error = await manager
      .createHook('org_mm_CrashHook', [{ key: 'block_create', value: 'true' }], { createTimeout: 600 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleCreateError);
    expect((error as Error).message.split('\n')[0]).toBe(
      "Error creating Module instance for 'org_mm_CrashHook': create() did not return within 600 ms; " +
        'the child process was killed; the next call runs in a fresh child with the same modules loaded and hooks created',
    );
    const bad = await manager.createHook('org_mm_CrashHook', [], { createTimeout: -1 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RangeError);
    expect((bad as Error).message).toBe('createTimeout must be a positive number of milliseconds, got -1');
    expect(await pidOf(await manager.createHook('org_mm_CrashHook', []))).toBeGreaterThan(0);
  });

  it('a replayed create() keeps the deadline it was created with', { timeout: 30_000 }, async () => {
    // create() takes 3.5 s: within its own createTimeout (15 s), beyond the manager's set-up timeout (3 s).
    const manager = await ModuleManager.load(manifestFor(fixture('crash_hook'), { org_mm_CrashHook: [] }), {
      isolate: true,
      setupTimeout: 3000,
    });
    managers.push(manager);
    const slow = await manager.createHook('org_mm_CrashHook', [{ key: 'create_delay_ms', value: '3500' }], { createTimeout: 15_000 });
    const first = await pidOf(slow);
    const crash = await slow.slaveRunTaskLabelDecorator(labelCall('segfault')).catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(HookCrash);
    const second = await pidOf(slow);
    expect(second).toBeGreaterThan(0);
    expect(second).not.toBe(first);
  });

  it('replays the parameters a hook was created with into the fresh child', async () => {
    const manager = await ModuleManager.load(manifestFor(fixture('test_hook'), { org_mm_TestHook: [] }), { isolate: true });
    managers.push(manager);
    const crashy = await manager.load(manifestFor(fixture('crash_hook'), { org_mm_CrashHook: [] }));
    void crashy;
    const failing = await manager.createHook('org_mm_TestHook', [{ key: 'environment_mode', value: 'error' }]);
    const crash = await manager.createHook('org_mm_CrashHook');
    await crash.slaveRunTaskLabelDecorator(labelCall('segfault')).catch(() => undefined);
    const error = await failing.slaveExecutorEnvironmentDecorator({ executorInfo: builders.executorInfo() }).catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('HookError');
  });
});

describe('isolated mode: one started child kept ready per process', () => {
  const manifest = () => manifestFor(fixture('crash_hook'), { org_mm_CrashHook: [] });
  const load = async () => {
    const manager = (await ModuleManager.load(manifest(), { isolate: true })) as unknown as IsolatedModuleManager;
    managers.push(manager as unknown as ModuleManager);
    return manager;
  };

  it('the next manager runs in the child started after the last one loaded, and another is started', async () => {
    await load();
    const waiting = readyChildPid();
    expect(waiting).toBeGreaterThan(0);
    const next = await load();
    expect(next.childPid).toBe(waiting);
    expect(readyChildPid()).toBeGreaterThan(0);
    expect(readyChildPid()).not.toBe(waiting);
  });

  it('a ready child started before the environment changed is not used', async () => {
    await load();
    const waiting = readyChildPid();
    expect(waiting).toBeGreaterThan(0);
    process.env.MM_ISOLATE_TEST_VARIABLE = 'changed';
    try {
      const next = await load();
      expect(next.childPid).toBeGreaterThan(0);
      expect(next.childPid).not.toBe(waiting);
    } finally {
      delete process.env.MM_ISOLATE_TEST_VARIABLE;
    }
  });

  it('keepChildReady(false) ends the waiting child and starts no other', async () => {
    await load();
    expect(readyChildPid()).toBeGreaterThan(0);
    keepChildReady(false);
    try {
      expect(readyChildPid()).toBeUndefined();
      const next = await load();
      expect(next.childPid).toBeGreaterThan(0);
      expect(readyChildPid()).toBeUndefined();
    } finally {
      keepChildReady(true);
    }
  });
});

describe('isolated mode: the child is the native mesos-modules-child', () => {
  it('runs the build\'s child executable, which maps the same libmesos as this process', async () => {
    const { manager } = await isolated();
    const pid = (manager as unknown as IsolatedModuleManager).childPid;
    expect(pid).toBeGreaterThan(0);
    expect(readlinkSync(`/proc/${pid}/exe`)).toBe(join(nativeLayout().tools, 'mesos-modules-child'));
    const libmesos = (p: number | string) =>
      readFileSync(`/proc/${p}/maps`, 'utf8')
        .split('\n')
        .map((line) => line.split(/\s+/)[5])
        .find((file) => file !== undefined && /\/libmesos[^/]*\.so/.test(file));
    expect(libmesos(pid!)).toBe(libmesos('self'));
    // The frame pipes left fd 3 and 4 for descriptors a process a hook starts does not inherit.
    const pipes = readdirSync(`/proc/${pid}/fd`)
      .filter((fd) => Number(fd) > 2 && readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:'))
      .map((fd) => ({ fd: Number(fd), flags: parseInt(/^flags:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))![1]!, 8) }));
    expect(pipes.map((p) => p.fd).sort()).toEqual([10, 11]);
    for (const { flags } of pipes) expect(flags & 0o2000000).toBe(0o2000000);
  });

  it('a parent that dies mid-call takes its children with it, even one stuck in a hook that spins', async () => {
    const script = [
      "import { ModuleManager, builders } from 'mesos-modules';",
      `const manager = await ModuleManager.load(${JSON.stringify(manifestFor(fixture('crash_hook'), { org_mm_CrashHook: [] }))}, { isolate: true });`,
      "const hook = await manager.createHook('org_mm_CrashHook');",
      'console.log(manager.childPid);',
      "void hook.slaveRunTaskLabelDecorator({ taskInfo: builders.taskInfo({ name: 'spin' }), executorInfo: builders.executorInfo(), frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo() }, { timeout: 600000 });",
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))));
    expect(pid).toBeGreaterThan(0);
    const alive = (p: number) => {
      try {
        return !/^State:\s+Z/m.test(readFileSync(`/proc/${p}/status`, 'utf8'));
      } catch {
        return false;
      }
    };
    // The hook spins in the child now (its call never answers).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await new Promise((resolve) => parent.once('close', resolve));
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive(pid)).toBe(false);
  });

  it('a manager that loads no library starts no child', async () => {
    const manager = (await ModuleManager.load({ libraries: [] }, { isolate: true })) as unknown as IsolatedModuleManager;
    expect(manager.childPid).toBeUndefined();
    await manager.close();
  });
});
