// The public type declarations as a TypeScript user compiles them: strict,
// library checking on, in a project without @types/node.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { root, userProject } from './helpers.js';

const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');

describe('dist/lib/*.d.ts', () => {
  it('compiles under strict tsc with skipLibCheck false and no Node types', () => {
    const project = userProject();
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2022'],
          types: [],
          preserveSymlinks: true,
        },
        files: ['use.ts'],
      }),
    );
    writeFileSync(
      join(project, 'use.ts'),
      `import { ModuleManager, resolveHostFlags, type Hook, type InspectorOptions } from 'mesos-modules';
export async function first(file: string): Promise<Hook> {
  const manager = await ModuleManager.load({ libraries: [{ file, modules: [{ name: 'org_mm_TestHook' }] }] });
  return manager.createHook('org_mm_TestHook');
}
export const options: InspectorOptions = { env: { MESOS_HOME: '/opt/mesos' } };
export const flags = resolveHostFlags({}, { MESOS_HOOKS: 'a' });
`,
    );
    const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);
});
