// The published types, checked by tsc against test/types/*.ts (and the
// builder and matcher suites): generated message types (required fields, enum
// names), typed builders, and both runners' matcher declarations. Each
// @ts-expect-error there must be an error.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { root } from './helpers.js';

describe('type declarations', () => {
  it('type-check as users would use them', () => {
    const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'test/types/tsconfig.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
