// The examples of the troubleshooting guide (docs/guides/troubleshooting.md).
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import 'mesos-modules/vitest';
import { LibraryOpenError, ModuleManager, ModuleVerifyError, builders } from 'mesos-modules';

const team = [{ key: 'team', value: 'payments' }];

describe('library paths', () => {
  it('are relative to the working directory, not to the manifest or the test file', async () => {
    // #region relative-paths
    // "hooks/libmy_hook.so" is looked up from process.cwd(), as the agent
    // looks it up from its own working directory.
    const wrong = { libraries: [{ file: 'hooks/libmy_hook.so', modules: [{ name: 'org_example_MyHook' }] }] };
    await expect(ModuleManager.load(wrong)).rejects.toThrow(LibraryOpenError);
    await expect(ModuleManager.load(wrong)).rejects.toThrow(
      "Error opening library: 'hooks/libmy_hook.so': Could not load library 'hooks/libmy_hook.so': " +
        'hooks/libmy_hook.so: cannot open shared object file: No such file or directory',
    );

    // A path made from the test file's own URL works from any directory.
    const file = fileURLToPath(new URL('build/libmy_hook.so', import.meta.url));
    const manager = await ModuleManager.load({ libraries: [{ file, modules: [{ name: 'org_example_MyHook', parameters: team }] }] });
    expect(manager.modules[0]).toMatchObject({ name: 'org_example_MyHook', library: file, kind: 'Hook' });
    // #endregion relative-paths
  });
});

describe('versions', () => {
  it('are checked as the agent checks them', async () => {
    // #region versions
    // The SDK's modules say they are built for Mesos 1.11.0-sdk; an agent of
    // another version refuses them, with the agent's own message.
    const older = ModuleManager.load('file://agent-modules.json', { mesosVersion: '1.10.0' });
    await expect(older).rejects.toThrow(ModuleVerifyError);
    await expect(older).rejects.toThrow(
      "Error verifying module 'org_example_MyHook': Mesos has version 1.10.0, but module is compiled with version 1.11.0-sdk",
    );

    const newer = ModuleManager.load('file://agent-modules.json', { mesosVersion: '1.12.0' });
    await expect(newer).rejects.toThrow(
      "Error verifying module 'org_example_MyHook': Minimum supported mesos version for 'Hook' is 1.12.0, " +
        'but module is compiled with version 1.11.0-sdk',
    );
    // #endregion versions
  });
});

describe('isolated mode', () => {
  it('runs the same test with the hook in a child process', async () => {
    // #region isolate
    // A crash (SIGSEGV, abort(), a failed CHECK) in the hook becomes a
    // HookCrash in this test instead of ending the test worker.
    const manager = await ModuleManager.load('file://agent-modules.json', { isolate: true });
    try {
      const hook = await manager.createHook('org_example_MyHook');
      await expect(
        hook.slaveRunTaskLabelDecorator({
          taskInfo: builders.taskInfo(),
          executorInfo: builders.executorInfo(),
          frameworkInfo: builders.frameworkInfo(),
          slaveInfo: builders.slaveInfo(),
        }),
      ).toReturnLabels({ team: 'payments' });
    } finally {
      await manager.close(); // ends the child process
    }
    // #endregion isolate
  });
});
