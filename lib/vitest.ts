// Registers the mesos-modules matchers with Vitest's expect and types them:
// `import 'mesos-modules/vitest'` in a test file or in setupFiles.
// Mirrors @testing-library/jest-dom's vitest entry (Vitest 4.x typings).

import { expect } from 'vitest';

import { matchers, type MesosAsymmetricMatchers, type MesosMatchers } from './matchers.js';

expect.extend(matchers);

export { matchers };
export type { EnvTarget, LogFilter, MatcherResult, MesosAsymmetricMatchers, MesosMatchers } from './matchers.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends MesosMatchers<void, T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends MesosAsymmetricMatchers {}
}
