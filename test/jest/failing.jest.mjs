// Run by test/jest.test.ts: an expectation that fails, to check the printed diff.
import { expect, it } from '@jest/globals';

import 'mesos-modules/jest';
import { builders } from 'mesos-modules';

it('prints a diff of the labels', async () => {
  await expect(Promise.resolve(builders.labels({ baz: 'qux', team: 'web' }))).toReturnLabels({ baz: 'qux', team: 'api' });
});
