// What the addon was built against, and the bundled SDK's install prefix
// (what `mesos-modules sdk` prints for a hook's build script).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RuntimeError } from './errors.js';
import { native } from './native.js';
import { sdkPrefix } from './paths.js';

/** The Mesos the native addon hosts. */
export interface RuntimeInfo {
  /** `sdk` (the bundled SDK) or `mesos` (a real Mesos install). */
  mode: 'sdk' | 'mesos';
  /** Its MESOS_VERSION: what module records are checked against by default. */
  mesosVersion: string;
  moduleApiVersion: string;
  /** The libmesos loaded into this process. */
  library: string;
  protobufVersion: string;
}

/** The runtime the addon was built against and has loaded. */
export function runtime(): RuntimeInfo {
  const { mode, mesosVersion, moduleApiVersion, library, protobufVersion } = native().runtime();
  return { mode, mesosVersion, moduleApiVersion, library, protobufVersion };
}

/**
 * Also print hooks' INFO log lines to stderr (WARNING and above always are).
 * Captured lines are available on `hook.logs` either way.
 */
export function setLogEcho(echo: boolean): void {
  native().setLogEcho(echo);
}

/** The bundled SDK as an install prefix, with what a hook's build needs. */
export interface SdkInfo {
  prefix: string;
  version: string;
  cflags: string;
  libs: string;
}

function pcField(text: string, name: string, vars: Record<string, string>): string {
  const line = text.split('\n').find((l) => l.startsWith(`${name}:`));
  const value = line === undefined ? '' : line.slice(name.length + 1).trim();
  return value.replace(/\$\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');
}

/** Reads the SDK prefix's mesos.pc (like `pkg-config mesos`). */
export function sdk(): SdkInfo {
  const pc = join(sdkPrefix, 'lib', 'pkgconfig', 'mesos.pc');
  if (!existsSync(pc)) {
    throw new RuntimeError(`the bundled SDK is not built (no ${pc}); run \`npm run build\``);
  }
  const text = readFileSync(pc, 'utf8');
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/\$\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');
  }
  return {
    prefix: vars.prefix,
    version: pcField(text, 'Version', vars),
    cflags: pcField(text, 'Cflags', vars),
    libs: pcField(text, 'Libs', vars),
  };
}
