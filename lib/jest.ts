// Registers the mesos-modules matchers with Jest's expect (Jest 30, ESM:
// node --experimental-vm-modules) and types them for @jest/globals and for
// @types/jest: `import 'mesos-modules/jest'` in a test file or in setupFilesAfterEnv.
// Mirrors @testing-library/jest-dom's entries. Jest prints no diff on its own,
// so a failure's message carries one.

import { matchers, type MatcherContext, type MatcherResult, type MesosAsymmetricMatchers, type MesosMatchers } from './matchers.js';

type Matcher = (this: MatcherContext, received: unknown, ...args: never[]) => MatcherResult | Promise<MatcherResult>;

function withDiff(this: MatcherContext, result: MatcherResult): MatcherResult {
  if (result.pass || this.isNot || !('expected' in result)) return result;
  const diff = this.utils?.diff?.(result.expected, result.actual, { expand: false });
  if (!diff) return result;
  const message = result.message;
  return { ...result, message: () => `${message()}\n\n${diff}` };
}

const jestMatchers = Object.fromEntries(
  Object.entries(matchers as Record<string, Matcher>).map(([name, matcher]) => [
    name,
    function (this: MatcherContext, received: unknown, ...args: never[]) {
      const result = matcher.call(this, received, ...args);
      return result instanceof Promise ? result.then((r) => withDiff.call(this, r)) : withDiff.call(this, result);
    },
  ]),
);

interface ExpectLike {
  extend(matchers: Record<string, unknown>): void;
}

// The global expect Jest injects, else @jest/globals' (injectGlobals: false).
const jestExpect: ExpectLike =
  (globalThis as { expect?: ExpectLike }).expect ?? ((await import('@jest/globals')).expect as unknown as ExpectLike);
jestExpect.extend(jestMatchers);

export { jestMatchers as matchers };
export type { EnvTarget, LogFilter, MatcherResult, MesosAsymmetricMatchers, MesosMatchers } from './matchers.js';

declare module '@jest/expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<R extends void | Promise<void>, T = unknown> extends MesosMatchers<R, T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchers extends MesosAsymmetricMatchers {}
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends MesosMatchers<R, T> {}
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Expect extends MesosAsymmetricMatchers {}
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface InverseAsymmetricMatchers extends MesosAsymmetricMatchers {}
  }
}
