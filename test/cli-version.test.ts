// `mesos-modules --version`: the installed package's version, as `npx` runs it;
// and the CLI's output ends quietly when its reader stops early.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { itSdkOnly, root, runCli, userProject } from './helpers.js';

describe('mesos-modules --version', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', (flag) => {
    const { status, stdout, stderr } = runCli(userProject(), [flag]);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${version}\n`);
    expect(status).toBe(0);
  });
});

describe('output into a pipe whose reader stops early', () => {
  function piped(args: string[]) {
    const cli = join(root, 'dist', 'lib', 'cli.js');
    const shell = `"${process.execPath}" "${cli}" ${args.join(' ')} | true; echo "status=\${PIPESTATUS[0]}" >&2`;
    const { stderr } = spawnSync('bash', ['-c', shell], { encoding: 'utf8' });
    expect(stderr).toBe('status=0\n');
  }
  it('mesos-modules runtime | true exits 0 with nothing on stderr', () => piped(['runtime']));
  // `sdk` describes the bundled SDK's prefix, which a build against a real Mesos does not have.
  itSdkOnly('mesos-modules sdk --json | true exits 0 with nothing on stderr', () => piped(['sdk', '--json']));
});
