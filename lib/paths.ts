// Where this package's files are, wherever it is installed: the package root,
// and the native parts this process uses (a prebuild, or a source build), as
// node-gyp-build chooses the addon (build/Release first, then
// prebuilds/<platform>-<arch>/; MESOS_MODULES_PREBUILD and PREBUILDS_ONLY
// steer it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (the folder with its package.json). */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** This package's version, from its package.json. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Where the native addon, the inspector and the bundled SDK are. */
export interface NativeLayout {
  /** `prebuild`: prebuilds/<platform>-<arch>/ as shipped; `source`: a native build (build/). */
  from: 'prebuild' | 'source';
  /** The addon file node-gyp-build loads (it may not exist yet in a source checkout). */
  addon: string;
  /** The folder of mesos-modules-inspector and build-info.json. */
  tools: string;
  /** The bundled SDK's install prefix. */
  sdkPrefix: string;
}

let layout: NativeLayout | undefined;

/** The native layout node-gyp-build's rules select; a source build when none is found. */
export function nativeLayout(): NativeLayout {
  if (layout === undefined) {
    let addon: string | undefined;
    try {
      const gypBuild = createRequire(import.meta.url)('node-gyp-build') as { resolve(dir: string): string };
      addon = gypBuild.resolve(packageRoot);
    } catch {
      addon = undefined;
    }
    if (addon !== undefined && !['Release', 'Debug'].includes(basename(dirname(addon)))) {
      const dir = dirname(addon);
      layout = { from: 'prebuild', addon, tools: dir, sdkPrefix: join(dir, 'sdk') };
    } else {
      const build = addon !== undefined ? dirname(dirname(addon)) : join(packageRoot, 'build');
      layout = {
        from: 'source',
        addon: addon ?? join(build, 'Release', 'mesos_modules.node'),
        tools: join(build, 'tools'),
        sdkPrefix: join(build, 'sdk'),
      };
    }
  }
  return layout;
}
