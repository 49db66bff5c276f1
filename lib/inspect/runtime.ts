// Which runtime libmesos an inspection loads, and which Mesos version it is.
// Mirrors how an agent finds its libmesos (the dynamic loader's search path,
// or the install a MESOS_HOME names) and reads include/mesos/version.hpp's
// MESOS_VERSION; this build's own runtime (build-info.json, in build/tools
// or the prebuild) is the last resort.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import { InspectorError } from '../errors.js';
import { nativeLayout } from '../paths.js';

/** Where the runtime libmesos came from. */
export type RuntimeSource = 'option' | 'MESOS_HOME' | 'search path' | 'build';

/** The runtime libmesos an inspection used. */
export interface RuntimeUsed {
  /** The library string given to dlopen. */
  library: string;
  /** The file the dynamic loader opened. */
  path: string;
  source: RuntimeSource;
  /** The agent version modules are checked against. */
  mesosVersion: string;
  /** Where that version came from (`option`, a version.hpp, the file name). */
  versionFrom: string;
  /** True when it is this build's bundled SDK runtime. */
  sdk: boolean;
  /** Candidates that did not load, with dlerror()'s text. */
  tried: Array<{ library: string; error: string }>;
}

export interface InspectorOptions {
  /** The runtime libmesos to load; default: $MESOS_HOME's, the search path's, this build's. */
  libmesos?: string;
  /** The agent version to check against; default: the runtime's. */
  mesosVersion?: string;
  /** Longest a single call into module code (dlopen, compatible(), create()) may take; default 10000 ms. */
  timeoutMs?: number;
  /** Environment (MESOS_HOME, MESOS_MODULES, …); default process.env. */
  env?: Record<string, string | undefined>;
}

interface BuildInfo {
  mode: 'sdk' | 'mesos';
  prefix: string;
  libmesos: string;
}

/** The default longest single call into module code, in ms. */
export const DEFAULT_TIMEOUT_MS = 10_000;

function readBuildInfo(): BuildInfo | undefined {
  try {
    const tools = nativeLayout().tools;
    const info = JSON.parse(readFileSync(join(tools, 'build-info.json'), 'utf8')) as BuildInfo;
    // A prebuild's paths are relative to its folder.
    return { ...info, prefix: resolve(tools, info.prefix), libmesos: resolve(tools, info.libmesos) };
  } catch {
    return undefined;
  }
}

/** The inspector binary: $MESOS_MODULES_INSPECTOR, else this build's. */
export function inspectorBinary(env: Record<string, string | undefined>): string {
  return env.MESOS_MODULES_INSPECTOR ?? join(nativeLayout().tools, 'mesos-modules-inspector');
}

function versionFromHeader(prefix: string): string | undefined {
  try {
    const text = readFileSync(join(prefix, 'include', 'mesos', 'version.hpp'), 'utf8');
    return /#define\s+MESOS_VERSION\s+"([^"]*)"/.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The libraries to try, in order, and where each came from. */
export function runtimeCandidates(options: InspectorOptions, env: Record<string, string | undefined>): Array<{ library: string; source: RuntimeSource }> {
  if (options.libmesos !== undefined) return [{ library: options.libmesos, source: 'option' }];
  const home = env.MESOS_HOME;
  if (home !== undefined && home !== '') {
    const found = ['lib/libmesos.so', 'lib64/libmesos.so', 'src/.libs/libmesos.so', 'build/src/.libs/libmesos.so']
      .map((p) => join(home, p))
      .filter((p) => existsSync(p));
    if (found.length === 0) {
      throw new InspectorError(`MESOS_HOME is '${home}', but it has no lib/libmesos.so (nor lib64/, src/.libs/)`);
    }
    return [{ library: found[0], source: 'MESOS_HOME' }];
  }
  const candidates: Array<{ library: string; source: RuntimeSource }> = [{ library: 'libmesos.so', source: 'search path' }];
  const build = readBuildInfo();
  if (build !== undefined) candidates.push({ library: build.libmesos, source: 'build' });
  return candidates;
}

/** The agent version of the runtime at `path`, and where it came from. */
export function runtimeVersion(
  source: RuntimeSource,
  path: string,
  options: InspectorOptions,
  env: Record<string, string | undefined>,
): { mesosVersion: string; versionFrom: string; sdk: boolean } {
  const build = readBuildInfo();
  const isBuild = build !== undefined && real(path) === real(build.libmesos);
  const sdk = isBuild && build.mode === 'sdk';
  if (options.mesosVersion !== undefined) return { mesosVersion: options.mesosVersion, versionFrom: 'option', sdk };
  const prefixes: string[] = [];
  if (source === 'MESOS_HOME' && env.MESOS_HOME) prefixes.push(env.MESOS_HOME);
  if (isBuild) prefixes.push(build.prefix);
  for (const prefix of prefixes) {
    const version = versionFromHeader(prefix);
    if (version !== undefined) return { mesosVersion: version, versionFrom: join(prefix, 'include/mesos/version.hpp'), sdk };
  }
  // libtool's -release: libmesos.so -> libmesos-1.11.0.so.
  const named = /^libmesos-(.+)\.so$/.exec(basename(real(path)));
  if (named) return { mesosVersion: named[1], versionFrom: `the file name ${basename(real(path))}`, sdk };
  const guess = dirname(dirname(real(path)));
  const version = versionFromHeader(guess);
  if (version !== undefined) return { mesosVersion: version, versionFrom: join(guess, 'include/mesos/version.hpp'), sdk };
  throw new InspectorError(
    `cannot tell which Mesos version '${path}' is (no include/mesos/version.hpp beside it, no version in its name); ` +
      'give it (--mesos-version, or the mesosVersion option)',
  );
}

