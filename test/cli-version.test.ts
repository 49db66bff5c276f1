// `mesos-modules --version`: the installed package's version, as `npx` runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { root, runCli, userProject } from './helpers.js';

describe('mesos-modules --version', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', (flag) => {
    const { status, stdout, stderr } = runCli(userProject(), [flag]);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${version}\n`);
    expect(status).toBe(0);
  });
});
