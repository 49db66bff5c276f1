// The documentation: the typedoc API site (`npm run docs`, typedoc.json), and
// the names the guides use. The guides are the site's project documents and
// pull their code from docs/examples with {@includeCode}. Typedoc is run here
// without writing output, with every warning an error: a missing file or
// region, a broken link between guides, an unresolved {@link} in a TSDoc
// comment or a type the site references but does not document fails the
// suite. The error classes and codes, builders, arbitraries, methods and
// mesos-modules flags the guides name must exist.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import * as api from 'mesos-modules';

import { root } from './helpers.js';

const guideDir = join(root, 'docs', 'guides');
const guides = readdirSync(guideDir)
  .filter((file) => file.endsWith('.md'))
  .map((file) => readFileSync(join(guideDir, file), 'utf8'))
  .concat(readFileSync(join(root, 'docs', 'README.md'), 'utf8'))
  .join('\n');
const matches = (pattern: RegExp) => [...new Set([...guides.matchAll(pattern)].map((m) => m[1]))];

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

  it('names only error classes and codes that exist', () => {
    const classes = matches(/\b([A-Z][A-Za-z]+(?:Error|Failure|Timeout|Crash|Discarded|Exception|Message|Result))\b/g);
    expect(classes.length).toBeGreaterThan(10);
    for (const name of classes) expect(api, name).toHaveProperty(name);
    const codes = matches(/\b((?:HOOK|MODULE|MANIFEST|BAD)_[A-Z_]+)\b/g);
    expect(codes.length).toBeGreaterThan(5);
    const known = [
      new api.HookFailure('', { module: 'm', hook: 'h' }).code,
      new api.HookError('', { module: 'm', hook: 'h' }).code,
      new api.HookDiscarded({ module: 'm', hook: 'h' }).code,
      new api.HookException('', 't', { module: 'm', hook: 'h' }).code,
      new api.HookTimeout(1, { module: 'm', hook: 'h' }).code,
      new api.BadMessage('', '').code,
      new api.ModuleLoadError('').code,
      new api.ModuleVerifyError('').code,
      new api.ModuleCreateError('').code,
      new api.ModuleUnknownError('').code,
      new api.ManifestError('').code,
      new api.ManifestLintError('', []).code,
      'HOOK_CRASH',
      'BAD_RESULT',
      new api.HookBusy(1, { module: 'm', hook: 'h', runningMs: 1 }, { module: 'm', hook: 'h' }).code,
    ];
    for (const code of codes) expect(known, code).toContain(code);
  });

  it('names only builders, arbitraries and methods that exist', () => {
    for (const name of matches(/\bbuilders\.([a-zA-Z]+)\b/g)) expect(api.builders, `builders.${name}`).toHaveProperty(name);
    for (const name of matches(/\barbitraries\.([a-zA-Z]+)\b/g)) expect(api.arbitraries, `arbitraries.${name}`).toHaveProperty(name);
    for (const name of matches(/\bModuleManager\.([a-zA-Z]+)\b/g)) expect(api.ModuleManager, `ModuleManager.${name}`).toHaveProperty(name);
    const manager = new api.ModuleManager();
    const pipeline = manager.pipeline([]);
    pipeline.ready.catch(() => undefined);
    const instance = { manager, hook: new api.Hook(null, 'org_example_MyHook'), pipeline };
    for (const [object, proto] of Object.entries(instance)) {
      for (const name of matches(new RegExp(`(?<![\\w-])${object}\\.([a-zA-Z]+)\\b`, 'g'))) {
        expect(name in proto, `${object}.${name}`).toBe(true);
      }
    }
  });

  it('names only mesos-modules command-line flags that exist', () => {
    const help = ['sdk', 'runtime', 'inspect', 'check']
      .map((command) => spawnSync(process.execPath, [join(root, 'dist', 'lib', 'cli.js'), command, '--help'], { encoding: 'utf8' }).stdout)
      .join('\n');
    // Flags of other tools the guides mention: g++/ld, npm, Vitest, Node, Mesos's configure.
    const others = ['--no-undefined', '--save-dev', '--reporter', '--outputFile.junit', '--experimental-vm-modules', '--enable-install-module-dependencies'];
    const flags = matches(/(?:^|[^A-Za-z0-9-])(--[a-z][a-zA-Z_.-]*)/gm).filter((flag) => !others.includes(flag));
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) expect(help, flag).toMatch(new RegExp(`(^|\\s)${flag.replace('.', '\\.')}\\b`, 'm'));
  });
});
