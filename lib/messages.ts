// Mesos messages as plain JS objects in Mesos's JSON form: proto field names
// (snake_case as declared in sdk/proto, `executorEnvironment` in hook.proto),
// enums as value names, bytes as base64 (or a Uint8Array going in), int64 as
// numbers (strings beyond 2^53; decimal strings and bigints accepted going in). Mirrors include/mesos/mesos.proto and
// include/mesos/module/hook.proto; the types are generated from sdk/proto at
// build time (scripts/gen-types.mjs → lib/gen/), never written by hand.
// proto2 `required` fields are non-optional, message fields included.

export type * from './gen/mesos/mesos_json.js';
export type * from './gen/mesos/module/hook_json.js';

import type { MesosMesosMessages } from './gen/mesos/mesos_json.js';
import type { MesosModuleHookMessages } from './gen/mesos/module/hook_json.js';

/** Every message type of the Hook API by full proto name (`'mesos.TaskInfo'` → {@link TaskInfo}). */
export interface MessageTypes extends MesosMesosMessages, MesosModuleHookMessages {}

/** The full proto name of a message type, e.g. `'mesos.ContainerInfo.DockerInfo'`. */
export type MessageName = keyof MessageTypes;

/** Any Mesos message in JSON form, untyped (what the native converter accepts). */
export interface MesosMessage {
  [field: string]: unknown;
}

/**
 * A partial message for builders: every field optional at every depth, array
 * elements partial too (a builder fills what is missing), `null` to drop a
 * builder's default.
 */
export type DeepPartial<T> = T extends string | number | boolean | bigint | Uint8Array
  ? T
  : T extends ReadonlyArray<infer E>
    ? Array<DeepPartial<E>>
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> | null }
      : T;
