// The SDK's C++ unit tests (sdk/tests/*.cpp), built by the native build.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { expect } from 'vitest';

import { itCompilingAddon, itSdkOnly, prebuildsOnly, root } from './helpers.js';

(prebuildsOnly ? itCompilingAddon : itSdkOnly)('passes the SDK C++ unit tests', () => {
  const result = spawnSync(join(root, 'build', 'sdk-tests', 'sdk_tests'), [], { encoding: 'utf8', timeout: 300_000 });
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(result.stdout);
  expect(summary, result.stdout + result.stderr).not.toBeNull();
  expect(Number(summary![1])).toBeGreaterThan(0);
  expect(Number(summary![2]), result.stdout).toBe(0);
  expect(result.status).toBe(0);
}, 300_000);
