// What the addon was built against, and the bundled SDK's install prefix
// (what `mesos-modules sdk` prints for a hook's build script).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';

import { RuntimeError } from './errors.js';
import { native } from './native.js';
import { nativeLayout } from './paths.js';

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
  /** `prebuild` (shipped in prebuilds/, nothing compiled) or `source` (built on this machine). */
  build: 'prebuild' | 'source';
  /** The install prefix of the Mesos hosted: the bundled SDK's, or the real Mesos's. */
  prefix: string;
  /** The addon file loaded. */
  addon: string;
}

/** The prefix a source build's CMake configuration recorded (build-info.json), if any. */
function builtPrefix(tools: string): string | undefined {
  try {
    const info = JSON.parse(readFileSync(join(tools, 'build-info.json'), 'utf8')) as { prefix?: string };
    return info.prefix === undefined ? undefined : resolve(tools, info.prefix);
  } catch {
    return undefined;
  }
}

/** The runtime the addon was built against and has loaded, and where it came from. */
export function runtime(): RuntimeInfo {
  const { mode, mesosVersion, moduleApiVersion, protobufVersion } = native().runtime();
  // As the dynamic loader found it: through the addon's $ORIGIN/../sdk/lib.
  const library = normalize(native().runtime().library);
  const layout = nativeLayout();
  const prefix = mode === 'sdk' ? layout.sdkPrefix : (builtPrefix(layout.tools) ?? dirname(dirname(library)));
  return { mode, mesosVersion, moduleApiVersion, library, protobufVersion, build: layout.from, prefix, addon: layout.addon };
}

/** One line: which addon and Mesos are loaded (prebuild, source build, or real Mesos at a prefix). */
export function describeRuntime(info: RuntimeInfo): string {
  const from = info.build === 'prebuild' ? 'prebuild' : 'source build';
  const mesos = info.mode === 'sdk' ? `the bundled SDK ${info.mesosVersion}` : `real Mesos ${info.mesosVersion}`;
  return `${from}: ${mesos} at ${info.prefix}`;
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
  const pc = join(nativeLayout().sdkPrefix, 'lib', 'pkgconfig', 'mesos.pc');
  if (!existsSync(pc)) {
    throw new RuntimeError(`the bundled SDK is not built (no ${pc}); run \`npm run build\``);
  }
  const text = readFileSync(pc, 'utf8');
  // pkg-config's own variable: the folder of the .pc file (a prebuild's
  // mesos.pc is relocatable through it).
  const vars: Record<string, string> = { pcfiledir: dirname(pc) };
  for (const line of text.split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line);
    if (!m) continue;
    const value = m[2].replace(/\$\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');
    vars[m[1]] = m[1] === 'prefix' ? normalize(value) : value;
  }
  if (vars.prefix === undefined) throw new RuntimeError(`${pc} defines no prefix`);
  return {
    prefix: vars.prefix,
    version: pcField(text, 'Version', vars),
    cflags: pcField(text, 'Cflags', vars),
    libs: pcField(text, 'Libs', vars),
  };
}
