// The environment variables that choose what the native build builds against
// (MESOS_HOME, MESOS_SOURCE_DIR, MESOS_BUILD_DIR), written to the stamp file
// the CMake build depends on (cmake/BuildEnv.cmake), so that changing one of
// them in the environment reconfigures the next build.
//
// Rule: the stamp holds the variables that are set (even to ""), one
// NAME=value line each; it is rewritten only when that text changes, so an
// unchanged environment triggers no reconfigure.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_ENV_VARIABLES = ['MESOS_HOME', 'MESOS_SOURCE_DIR', 'MESOS_BUILD_DIR'];

/** Rewrites <buildDir>/mesos-env.stamp if `env` changed; returns whether it did. */
export function syncBuildEnv(buildDir, env = process.env) {
  const text = BUILD_ENV_VARIABLES.filter((name) => env[name] !== undefined)
    .map((name) => `${name}=${env[name]}\n`)
    .join('');
  const stamp = join(buildDir, 'mesos-env.stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === text) return false;
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(stamp, text);
  return true;
}
