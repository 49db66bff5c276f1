// The typedoc API site (`npm run docs`, typedoc.json): the guides are its
// project documents and pull their code from docs/examples with
// {@includeCode}. Typedoc is run here without writing output, with every
// warning an error: a missing file or region, a broken link between guides,
// an unresolved {@link} in a TSDoc comment or a type the site references
// but does not document fails the suite.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { root } from './helpers.js';

describe('the API site', () => {
  it('typedoc builds it (guides and included examples too) with no warning', () => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--emit', 'none', '--treatWarningsAsErrors', '--logLevel', 'Warn'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  it('has every guide of docs/guides as a project document, and the index links each', () => {
    const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { projectDocuments: string[]; readme: string };
    const guides = ['getting-started', 'testing-patterns', 'isolation', 'ci', 'real-mesos', 'troubleshooting'];
    expect(config.projectDocuments).toEqual(guides.map((g) => `docs/guides/${g}.md`));
    const index = readFileSync(join(root, config.readme), 'utf8');
    for (const guide of guides) expect(index).toContain(`(guides/${guide}.md)`);
  });
});
