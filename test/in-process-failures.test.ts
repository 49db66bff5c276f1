// In-process mode fails legibly: a hook that crashes the process names
// itself on stderr first (src-native/common/crash_report.*), a call stuck holding
// the hook lock is named by the calls behind it (src-native/common/hook_lock.*),
// createHook has a deadline (create() off the JS thread), and terminating a
// worker with calls in flight never aborts the process. Anything that can
// end a process runs in a child node, so this suite survives it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { builders, HookBusy, HookCrash, HookTimeout, ModuleManager } from 'mesos-modules';

import { expectError, fixture, manifestFor, rejection, root, thrown, userProject } from './helpers.js';

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs an ES module script (it can import 'mesos-modules') in a fresh node. */
function runScript(script: string, args: string[] = [], timeout = 30_000, cwd = root): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, '--', ...args], {
      cwd,
      env: { ...process.env, CRASH_LIB: fixture('crash_hook'), BEHAVIOUR_LIB: fixture('behaviour_hook') },
      timeout,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

// Calls the crash fixture's label decorator with a task named after the mode.
const crashScript = `
  import { ModuleManager, builders } from 'mesos-modules';
  const [mode, where] = process.argv.slice(-2);
  const manager = await ModuleManager.load({ libraries: [{ file: process.env.CRASH_LIB, modules: [{ name: 'org_mm_CrashHook' }] }] });
  const hook = await manager.createHook('org_mm_CrashHook');
  await hook.slaveRunTaskLabelDecorator({
    taskInfo: builders.taskInfo({ name: mode, task_id: { value: 'task-' + mode } }),
    executorInfo: builders.executorInfo(), frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo(),
  }, { offThread: where === 'off' });
  console.log('survived');
`;

const HINT = 'mesos-modules: hint: load the module with `isolate: true`';

function expectReport(run: Run, headline: string, mode: string, where = 'running on the crashing thread'): void {
  expect(run.stdout).not.toContain('survived');
  expect(run.stderr).toContain(headline);
  expect(run.stderr).toContain(`mesos-modules:   org_mm_CrashHook.slaveRunTaskLabelDecorator, task '${mode}' (id 'task-${mode}') - ${where}`);
  expect(run.stderr).toContain(HINT);
}

describe('a hook that ends the process names the call first', () => {
  const signals = [
    ['segfault', 'SIGSEGV'],
    ['abort', 'SIGABRT'],
    ['check', 'SIGABRT'],
    ['terminate', 'SIGABRT'],
    ['sigbus', 'SIGBUS'],
    ['sigfpe', 'SIGFPE'],
  ] as const;

  it('each fatal signal on the JS thread: module, method, task and the hint, then the signal still ends the process', async () => {
    const runs = await Promise.all(signals.map(([mode]) => runScript(crashScript, [mode, 'js'])));
    signals.forEach(([mode, signal], i) => {
      const run = runs[i]!;
      // The previous disposition ran: the process died of the same signal.
      expect(run.signal, `${mode}: ${run.stderr}`).toBe(signal);
      expectReport(run, `mesos-modules: fatal signal ${signal} while hook calls were in flight in this process:`, mode);
    });
    // glog's own failure output still comes first for a failed CHECK.
    const check = runs[signals.findIndex(([mode]) => mode === 'check')]!;
    expect(check.stderr).toMatch(/Check failed: mode == "never" crash_hook was told to fail a CHECK/);
    expect(check.stderr.indexOf('Check failed')).toBeLessThan(check.stderr.indexOf('mesos-modules: fatal signal'));
  });

  it('a crash in a call running off the JS thread names it on the crashing thread', async () => {
    const run = await runScript(crashScript, ['segfault', 'off']);
    expect(run.signal).toBe('SIGSEGV');
    expectReport(run, 'mesos-modules: fatal signal SIGSEGV', 'segfault');
  });

  it('exit() inside a hook method is reported with the exit status kept', async () => {
    const run = await runScript(crashScript, ['exit', 'js']);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(3);
    expectReport(run, 'mesos-modules: exit() was called inside a hook call; the process is ending:', 'exit', 'running on the exiting thread');
  });

  it('a crash on a thread of the hook while a call waits for its future lists that call', async () => {
    const run = await runScript(`
      import { ModuleManager, builders } from 'mesos-modules';
      const manager = await ModuleManager.load({ libraries: [{ file: process.env.CRASH_LIB, modules: [{ name: 'org_mm_CrashHook' }] }] });
      const hook = await manager.createHook('org_mm_CrashHook');
      hook.slavePreLaunchDockerTaskExecutorDecorator({ taskInfo: builders.taskInfo({ name: 'segfault-later', task_id: { value: 'later-1' } }),
        executorInfo: builders.executorInfo(), containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/s' },
        { timeout: 20000 }).catch(() => {});
      setTimeout(() => console.log('survived'), 5000);
    `);
    expect(run.signal).toBe('SIGSEGV');
    expect(run.stdout).not.toContain('survived');
    expect(run.stderr).toContain(
      "mesos-modules:   org_mm_CrashHook.slavePreLaunchDockerTaskExecutorDecorator, task 'segfault-later' (id 'later-1') - waiting for its future",
    );
    expect(run.stderr).toContain(HINT);
  });

  it('says nothing about a signal when no hook call is in flight, and the signal keeps its effect', async () => {
    const run = await runScript(`
      import { ModuleManager, builders } from 'mesos-modules';
      const manager = await ModuleManager.load({ libraries: [{ file: process.env.CRASH_LIB, modules: [{ name: 'org_mm_CrashHook' }] }] });
      const hook = await manager.createHook('org_mm_CrashHook');
      await hook.slaveRunTaskLabelDecorator({ taskInfo: builders.taskInfo({ name: 'ok' }), executorInfo: builders.executorInfo(),
        frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo() });
      process.kill(process.pid, 'SIGSEGV');
      setTimeout(() => console.log('survived'), 5000);
    `);
    expect(run.signal).toBe('SIGSEGV');
    expect(run.stderr).not.toContain('mesos-modules:');
  });

  it("leaves node's own SIGSEGV handling alone: WebAssembly bounds traps still throw while a call is in flight", async () => {
    // (module (memory 1) (func (export "f") (result i32) (i32.load (i32.const -1))))
    const wasm = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 5, 3, 1, 0, 1, 7, 5, 1, 1, 0x66, 0, 0, 0x0a, 9, 1, 7, 0, 0x41, 0x7f, 0x28, 2, 0, 0x0b];
    const run = await runScript(`
      import { ModuleManager, builders } from 'mesos-modules';
      const manager = await ModuleManager.load({ libraries: [{ file: process.env.CRASH_LIB, modules: [{ name: 'org_mm_CrashHook' }] }] });
      const hook = await manager.createHook('org_mm_CrashHook');
      hook.slavePreLaunchDockerTaskExecutorDecorator({ executorInfo: builders.executorInfo(), containerName: 'c',
        containerWorkDirectory: '/w', mappedSandboxDirectory: '/s' }, { timeout: 20000 }).catch(() => {});
      const { instance } = await WebAssembly.instantiate(new Uint8Array(${JSON.stringify(wasm)}));
      for (let i = 0; i < 3; i++) {
        try { instance.exports.f(); console.log('no trap'); } catch (e) { console.log(e.constructor.name); }
      }
      process.exit(0);
    `);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(['RuntimeError', 'RuntimeError', 'RuntimeError']);
    expect(run.stderr).not.toContain('mesos-modules:');
  });

  it('the hint can be turned off (the isolated child does: its parent reports a HookCrash)', async () => {
    const run = await runScript(`
      import { native } from './dist/lib/native.js';
      native().setCrashHint(false);
      ${crashScript}
    `, ['abort', 'js']);
    expect(run.signal).toBe('SIGABRT');
    expect(run.stderr).toContain("org_mm_CrashHook.slaveRunTaskLabelDecorator, task 'abort' (id 'task-abort')");
    expect(run.stderr).not.toContain('hint:');
  });
});

describe('the report in isolated mode', () => {
  it("is part of a HookCrash's stderr tail, without the hint", async () => {
    const manager = await ModuleManager.load(manifestFor(fixture('crash_hook'), { org_mm_CrashHook: [] }), { isolate: true });
    try {
      const hook = await manager.createHook('org_mm_CrashHook');
      const crash = (await hook
        .slaveRunTaskLabelDecorator({
          taskInfo: builders.taskInfo({ name: 'segfault', task_id: { value: 'iso-1' } }),
          executorInfo: builders.executorInfo(),
          frameworkInfo: builders.frameworkInfo(),
          slaveInfo: builders.slaveInfo(),
        })
        .catch((e: unknown) => e)) as HookCrash;
      expectError(crash, HookCrash, 'HOOK_CRASH', 
        'org_mm_CrashHook.slaveRunTaskLabelDecorator crashed the process running it (signal SIGSEGV); the child process was killed; ' +
          'the next call runs in a fresh child with the same modules loaded and hooks created');
      expect(crash.signal).toBe('SIGSEGV');
      expect(crash.stderrTail).toContain("org_mm_CrashHook.slaveRunTaskLabelDecorator, task 'segfault' (id 'iso-1') - running on the crashing thread");
      expect(crash.stderrTail).not.toContain('hint:');
    } finally {
      await manager.close();
    }
  });
});

describe('a call stuck holding the hook lock', () => {
  const args = {
    taskInfo: builders.taskInfo({ name: 'stuck', task_id: { value: 'stuck-1' } }),
    executorInfo: builders.executorInfo(),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  };

  it('makes later calls reject within their own timeouts with HookBusy naming it, never blocking the JS thread', { timeout: 30_000 }, async () => {
    const manager = await ModuleManager.load(
      manifestFor(fixture('behaviour_hook'), { org_mm_BehaviourHook: [{ key: 'mode', value: 'block' }, { key: 'block_ms', value: '3000' }] }),
    );
    const hook = await manager.createHook('org_mm_BehaviourHook');

    // Times out off the JS thread and keeps running, holding the lock.
    const stuck = (await hook.slaveRunTaskLabelDecorator(args, { offThread: true, timeout: 200 }).catch((e: unknown) => e)) as HookTimeout;
    expectError(stuck, HookTimeout, 'HOOK_TIMEOUT',
      'org_mm_BehaviourHook.slaveRunTaskLabelDecorator did not return within 200 ms; it keeps running off the JS thread and holds the hook lock ' +
        'until it returns (later calls wait for it, then fail with HookBusy); with `isolate: true` such a call is killed');

    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      for (const offThread of [false, true]) {
        ticks = 0;
        const error = (await hook.slaveRunTaskLabelDecorator(args, { offThread, timeout: 300 }).catch((e: unknown) => e)) as HookBusy;
        expect(error, String(error)).toBeInstanceOf(HookBusy);
        expect(error.code).toBe('HOOK_BUSY');
        expect(error.message).not.toMatch(/future did not complete/);
        expect(error).toMatchObject({ module: 'org_mm_BehaviourHook', hook: 'slaveRunTaskLabelDecorator', timeout: 300 });
        expect(error.blockedBy).toMatchObject({ module: 'org_mm_BehaviourHook', hook: 'slaveRunTaskLabelDecorator' });
        expect(error.blockedBy.runningMs).toBeGreaterThan(300);
        // Only the holder's running time varies; the rest of the message is fixed.
        expect(error.message).toMatch(
          new RegExp(
            '^org_mm_BehaviourHook\\.slaveRunTaskLabelDecorator could not start within 300 ms: the hook lock is held by ' +
              'org_mm_BehaviourHook\\.slaveRunTaskLabelDecorator, still running after \\d+ ms \\(a hook method cannot be interrupted ' +
              'in-process; with `isolate: true` a call past its timeout is killed\\)$',
          ),
        );
        // Refused while the stuck call (3000 ms) still held the lock, not after waiting for it;
        // and timers kept firing meanwhile.
        expect(error.blockedBy.runningMs).toBeLessThan(3000);
        expect(ticks).toBeGreaterThan(2);
      }
    } finally {
      clearInterval(ticker);
    }

    // Once the stuck call returns, the lock is free again: calls are serialized, not lost
    // (this one waits for the stuck call, then blocks for 3 s itself).
    const later = await hook.slaveRunTaskLabelDecorator(args, { timeout: 12_000 });
    expect(later).toEqual({ labels: [{ key: 'most_concurrent', value: '1' }] });
  });

  it('a call that waits for the lock and gets it in time runs normally', async () => {
    const manager = await ModuleManager.load(
      manifestFor(fixture('behaviour_hook'), { org_mm_BehaviourHook: [{ key: 'mode', value: 'block' }, { key: 'block_ms', value: '150' }] }),
    );
    const hook = await manager.createHook('org_mm_BehaviourHook');
    const first = hook.slaveRunTaskLabelDecorator(args, { offThread: true });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // On the JS thread by default: it finds the lock taken and waits off the JS thread instead.
    const second = hook.slaveRunTaskLabelDecorator(args, { timeout: 3000 });
    expect(await Promise.all([first, second])).toEqual([
      { labels: [{ key: 'most_concurrent', value: '1' }] },
      { labels: [{ key: 'most_concurrent', value: '1' }] },
    ]);
  });
});

describe('createHook has a deadline', () => {
  const blockingCreate = `
    import { ModuleManager } from 'mesos-modules';
    const [how] = process.argv.slice(-1);
    const manager = await ModuleManager.load({ libraries: [{ file: process.env.CRASH_LIB,
      modules: [{ name: 'org_mm_CrashHook', parameters: [{ key: 'block_create', value: 'true' }] }] }] },
      how === 'manager' ? { setupTimeout: 300 } : {});
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = Date.now();
    const error = await manager.createHook('org_mm_CrashHook', undefined, how === 'option' ? { createTimeout: 300 } : {}).catch((e) => e);
    clearInterval(ticker);
    console.log(JSON.stringify({ name: error.constructor.name, code: error.code, module: error.module, message: error.message,
      elapsed: Date.now() - started, ticks }));
    // No process.exit(): the blocked create() must not keep node alive.
  `;

  it('a create() that blocks is a ModuleCreateError naming the module and create(), and the JS thread runs meanwhile', async () => {
    const runs = await Promise.all([runScript(blockingCreate, ['option']), runScript(blockingCreate, ['manager'])]);
    for (const run of runs) {
      // The process ended by itself, with create() still blocked on its own thread.
      expect(run.signal, run.stderr).toBeNull();
      expect(run.status, run.stderr).toBe(0);
      const outcome = JSON.parse(run.stdout) as { name: string; code: string; module: string; message: string; elapsed: number; ticks: number };
      expect(outcome).toMatchObject({ name: 'ModuleCreateError', code: 'MODULE_CREATE', module: 'org_mm_CrashHook' });
      expect(outcome.message).toBe(
        "Error creating Module instance for 'org_mm_CrashHook': create() did not return within 300 ms; it keeps running off the JS " +
          'thread (create() cannot be interrupted in-process; with `isolate: true` it is killed)',
      );
      // Not before its deadline (a create() that is never refused fails the test by its own timeout).
      expect(outcome.elapsed).toBeGreaterThanOrEqual(290);
      expect(outcome.ticks).toBeGreaterThan(2);
    }
  });

  it('refuses a timeout that is not a positive number of milliseconds', async () => {
    const manager = await ModuleManager.load(manifestFor(fixture('crash_hook'), { org_mm_CrashHook: [] }));
    expectError(
      await rejection(manager.createHook('org_mm_CrashHook', undefined, { createTimeout: 0 })),
      RangeError,
      undefined,
      'createTimeout must be a positive number of milliseconds, got 0',
    );
    expectError(thrown(() => new ModuleManager({ setupTimeout: -1 })), RangeError, undefined, 'setupTimeout must be a positive number of milliseconds, got -1');
    // The normal case: create() runs off the JS thread and the hook works.
    const hook = await manager.createHook('org_mm_CrashHook');
    const labels = await hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo({ name: 'ok' }),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    });
    expect(labels?.labels?.[0]).toEqual({ key: 'pid', value: String(process.pid) });
  });

  it('a blocked create() does not stop a spinning off-thread call from timing out, and neither keeps node alive', async () => {
    const run = await runScript(`
      import { ModuleManager, builders } from 'mesos-modules';
      const manager = await ModuleManager.load({ libraries: [{ file: process.env.CRASH_LIB, modules: [{ name: 'org_mm_CrashHook' }] }] });
      const hook = await manager.createHook('org_mm_CrashHook');
      const error = await hook.slaveRunTaskLabelDecorator({ taskInfo: builders.taskInfo({ name: 'spin' }), executorInfo: builders.executorInfo(),
        frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo() }, { offThread: true, timeout: 200 }).catch((e) => e);
      console.log(error.constructor.name);
    `);
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('HookTimeout');
  });
});

describe('terminating a worker thread with calls in flight', () => {
  it('never aborts the process (20 workers, terminated as futures complete and off-thread calls run)', async () => {
    const project = userProject();
    writeFileSync(
      join(project, 'worker.mjs'),
      `
        import { ModuleManager, builders } from 'mesos-modules';
        import { parentPort, workerData } from 'node:worker_threads';
        const manager = await ModuleManager.load({ libraries: [{ file: process.env.BEHAVIOUR_LIB, modules: [{ name: 'org_mm_BehaviourHook',
          parameters: [{ key: 'mode', value: 'pending' }, { key: 'delay_ms', value: String(workerData.delay) }] }] }] });
        const hook = await manager.createHook('org_mm_BehaviourHook');
        const docker = { executorInfo: builders.executorInfo(), containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/s' };
        for (let i = 0; i < 10; i++) hook.slavePreLaunchDockerTaskExecutorDecorator(docker).catch(() => {});
        for (let i = 0; i < 10; i++) hook.slavePreLaunchDockerTaskExecutorDecorator(docker, { offThread: true }).catch(() => {});
        hook.slaveRunTaskLabelDecorator({ taskInfo: builders.taskInfo(), executorInfo: builders.executorInfo(),
          frameworkInfo: builders.frameworkInfo(), slaveInfo: builders.slaveInfo() }, { offThread: true }).catch(() => {});
        parentPort.postMessage('started');
      `,
    );
    const run = await runScript(
      `
      import { Worker } from 'node:worker_threads';
      for (let round = 0; round < 20; round++) {
        const worker = new Worker(new URL('./worker.mjs', 'file://' + process.cwd() + '/'), { workerData: { delay: round % 4 }, execArgv: [] });
        worker.on('error', (e) => { console.error(e); process.exit(3); });
        await new Promise((resolve) => worker.once('message', resolve));
        await new Promise((resolve) => setTimeout(resolve, round % 3));
        await worker.terminate();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      console.log('survived 20');
    `,
      [],
      120_000,
      project,
    );
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('survived 20');
  }, 120_000);
});
