#!/usr/bin/env node
// The `mesos-modules` command: a thin shell over the library's public API.
// Flag names follow the agent's (src/slave/flags.cpp) where they overlap.

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { Command, CommanderError } from 'commander';

import { MesosModulesError } from './errors.js';
import { runtime, sdk } from './runtime.js';

function print(value: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  } else if (typeof value === 'string') {
    process.stdout.write(`${value}\n`);
  } else {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      process.stdout.write(`${key.padEnd(16)} ${String(v)}\n`);
    }
  }
}

export function program(): Command {
  const cli = new Command('mesos-modules')
    .description('Load and inspect Apache Mesos modules, and build hooks against the bundled SDK')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cli
    .command('sdk')
    .description("the bundled Mesos SDK as an install prefix: what a hook's build needs")
    .option('--prefix', 'print the install prefix (use as MESOS_HOME, or -I$P/include -L$P/lib)')
    .option('--cflags', 'print the compiler flags (like `pkg-config --cflags mesos`)')
    .option('--libs', 'print the linker flags (like `pkg-config --libs mesos`)')
    .option('--json', 'print everything as JSON')
    .action((options: { prefix?: boolean; cflags?: boolean; libs?: boolean; json?: boolean }) => {
      const info = sdk();
      const wanted = [
        options.prefix ? info.prefix : undefined,
        options.cflags ? info.cflags : undefined,
        options.libs ? info.libs : undefined,
      ].filter((x): x is string => x !== undefined);
      if (options.json) {
        print({ ...info, pkgConfigPath: `${info.prefix}/lib/pkgconfig` }, true);
      } else if (wanted.length > 0) {
        print(wanted.join(' '), false);
      } else {
        print({ prefix: info.prefix, version: info.version, cflags: info.cflags, libs: info.libs, pkgConfigPath: `${info.prefix}/lib/pkgconfig` }, false);
      }
    });

  cli
    .command('runtime')
    .description('the Mesos (bundled SDK or real install) the native addon hosts')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      print(runtime(), options.json === true);
    });

  return cli;
}

/** Runs the CLI; resolves to the exit status (0 ok, 1 failure, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof MesosModulesError) {
      process.stderr.write(`mesos-modules: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Run when executed (also through node_modules/.bin's symlink), not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
