// The edit-rebuild loop: a hook library rebuilt at the same path is what the
// next ModuleManager loads, while managers made before keep the code they
// loaded (as an agent keeps its libraries until it restarts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, expect, it } from 'vitest';

import { builders, LibraryOpenError, ModuleManager, sdk } from 'mesos-modules';

import { describeSdkOnly, expectError, manifestFor, root } from './helpers.js';

const source = join(root, 'test', 'fixtures', 'rebuild', 'rebuilt_hook.cpp');
let dir: string;
let library: string;

// Builds the fixture as a user's build script does, with the flags
// `mesos-modules sdk --cflags --libs` prints.
function build(label: string): void {
  const { cflags, libs } = sdk();
  const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');
  execFileSync('g++', [
    '-shared', '-fPIC', ...words(cflags), `-DBUILD_LABEL="${label}"`,
    source, '-o', library, ...words(libs), '-Wl,--no-undefined',
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function buildLabel(manager: ModuleManager): Promise<string | undefined> {
  const hook = await manager.createHook('org_mm_RebuiltHook');
  const labels = await hook.slaveRunTaskLabelDecorator({
    taskInfo: builders.taskInfo(),
    executorInfo: builders.executorInfo(),
    frameworkInfo: builders.frameworkInfo(),
    slaveInfo: builders.slaveInfo(),
  });
  return labels?.labels?.find((l) => l.key === 'build')?.value;
}

const load = () => ModuleManager.load(manifestFor(library, { org_mm_RebuiltHook: [] }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mm-rebuild-'));
  library = join(dir, 'librebuilt_hook.so');
});

// Built with the bundled SDK's flags, so it runs on the SDK runtime only.
describeSdkOnly('a hook library rebuilt at the same path', () => {
  it('is loaded anew by the next ModuleManager; earlier managers keep the old code', async () => {
    build('first');
    const before = await load();
    expect(await buildLabel(before)).toBe('first');

    build('second');
    const after = await load();
    expect(await buildLabel(after)).toBe('second');
    expect(await buildLabel(before)).toBe('first');

    // Unchanged since: the same loaded code, and no private copies left behind.
    expect(await buildLabel(await load())).toBe('second');
    expect(readdirSync(dir)).toEqual(['librebuilt_hook.so']);
  }, 180_000);

  it('reports a rebuilt file that no longer loads under its own path', async () => {
    build('third');
    expect(await buildLabel(await load())).toBe('third');
    execFileSync('sh', ['-c', `echo 'not an ELF file' > '${library}'`]);
    const error = await load().catch((e: unknown) => e);
    expectError(error, LibraryOpenError, 'MODULE_LOAD', `Error opening library: '${library}': Could not load library '${library}': ${library}: file too short`);
    expect((error as Error).message).not.toContain('.mesos-modules-');
  }, 120_000);
});
