// The getting-started test under Jest 30 (docs/guides/troubleshooting.md):
// Jest runs ES modules only with NODE_OPTIONS=--experimental-vm-modules.
// #region jest
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import 'mesos-modules/jest';
import { ModuleManager, builders } from 'mesos-modules';

let manager;
let hook;

beforeAll(async () => {
  manager = await ModuleManager.load('file://agent-modules.json');
  hook = await manager.createHook('org_example_MyHook');
});

afterAll(() => manager.close());

it('labels a task with the team', async () => {
  await expect(
    hook.slaveRunTaskLabelDecorator({
      taskInfo: builders.taskInfo(),
      executorInfo: builders.executorInfo(),
      frameworkInfo: builders.frameworkInfo(),
      slaveInfo: builders.slaveInfo(),
    }),
  ).toReturnLabels({ team: 'payments' });
});
// #endregion jest
