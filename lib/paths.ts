// Where this package's files are, wherever it is installed.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder holding package.json). */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The bundled SDK's install prefix, made by the native build. */
export const sdkPrefix = join(packageRoot, 'build', 'sdk');
