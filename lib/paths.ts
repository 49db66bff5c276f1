// Where this package's files are, wherever it is installed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder holding package.json). */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The bundled SDK's install prefix, made by the native build. */
export const sdkPrefix = join(packageRoot, 'build', 'sdk');

/** This package's version, from its package.json. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
