// Paths of the libraries the native build makes for the tests.
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

/** build/fixtures/lib<name>.so, absolute. */
export function fixture(name: string): string {
  return join(root, 'build', 'fixtures', `lib${name}.so`);
}

export const dockerPolicyLibrary = join(root, 'build', 'examples', 'libdocker_policy.so');

/** A manifest with one library and modules (name → parameters). */
export function manifestFor(file: string, modules: Record<string, Array<{ key: string; value: string }>>) {
  return {
    libraries: [{ file, modules: Object.entries(modules).map(([name, parameters]) => ({ name, parameters })) }],
  };
}
