// fast-check arbitraries for the messages hooks receive, derived from the
// message descriptors generated from sdk/proto (include/mesos/mesos.proto,
// include/mesos/module/hook.proto) and finished by lib/builders.ts, so every
// generated message converts (never a BadMessage). Knobs cover what hooks
// police: Docker or Mesos containers, host-path volumes, privileged mode,
// labels, resources, environment. Parts are plain messages already complete
// (every required field set); whole messages pass through the builders.

import { createRegistry, ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import fc from 'fast-check';

import * as builders from './builders.js';
import { file_mesos_mesos } from './gen/mesos/mesos_pb.js';
import { file_mesos_module_hook } from './gen/mesos/module/hook_pb.js';
import type {
  Attribute,
  ContainerID,
  DeepPartial,
  Environment,
  ExecutorInfo,
  FrameworkInfo,
  Labels,
  MessageName,
  MessageTypes,
  Resource,
  SlaveInfo,
  TaskInfo,
  TaskStatus,
} from './messages.js';

const registry = createRegistry(file_mesos_mesos, file_mesos_module_hook);

/** A name-like token: what ids, keys and path segments are made of. */
export const token = (): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...LOWER), fc.string({ unit: fc.constantFrom(...TOKEN_TAIL), maxLength: 11 })).map(([head, tail]) => head + tail);

const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const TOKEN_TAIL = [...LOWER, ...'0123456789_-'];
const NAME_TAIL = [...UPPER, ...'0123456789_'];

function scalarArbitrary(field: DescField & { fieldKind: 'scalar' }): fc.Arbitrary<unknown> {
  switch (field.scalar) {
    case ScalarType.STRING:
      return fc.string({ maxLength: 16 });
    case ScalarType.BYTES:
      return fc.uint8Array({ maxLength: 16 });
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return fc.double({ min: 0, max: 1e6, noNaN: true });
    default:
      // Fits every integer type, signed or not, 32 or 64 bits.
      return fc.integer({ min: 0, max: 2 ** 31 - 1 });
  }
}

/** Every required field of `desc`, at any depth, with arbitrary values. */
function requiredFields(desc: DescMessage): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of desc.fields) {
    if (field.presence !== FeatureSet_FieldPresence.LEGACY_REQUIRED) continue;
    if (field.fieldKind === 'scalar') shape[field.name] = scalarArbitrary(field);
    else if (field.fieldKind === 'enum') shape[field.name] = fc.constantFrom(...field.enum.values.map((v) => v.name));
    else if (field.fieldKind === 'message') shape[field.name] = requiredFields(field.message);
  }
  return fc.record(shape);
}

/**
 * Any message of the Hook API by full proto name: every required field
 * arbitrary (ids, names, enum values), `overrides` merged over them, then
 * completed by {@link builders.build} (a `type` and its matching value field).
 */
export function message<N extends MessageName>(name: N, overrides?: DeepPartial<MessageTypes[N]>): fc.Arbitrary<MessageTypes[N]> {
  const desc = registry.getMessage(name);
  if (desc === undefined) throw new TypeError(`unknown Mesos message type '${name}'`);
  return requiredFields(desc).map((fields) => builders.build(name, builders.merge(fields, overrides as never) as never));
}

/** Labels: up to `max` (3) key/value pairs, keys unique. */
export function labels(max = 3): fc.Arbitrary<Labels> {
  return fc
    .uniqueArray(fc.record({ key: token(), value: fc.string({ maxLength: 12 }) }), { maxLength: max, selector: (l) => l.key })
    .map((pairs) => ({ labels: pairs }));
}

/** An Environment: up to `max` (3) variables with unique names. */
export function environment(max = 3): fc.Arbitrary<Environment> {
  const name = fc.tuple(fc.constantFrom(...UPPER), fc.string({ unit: fc.constantFrom(...NAME_TAIL), maxLength: 11 })).map(([h, t]) => h + t);
  return fc
    .uniqueArray(fc.record({ name, value: fc.string({ maxLength: 12 }) }), { maxLength: max, selector: (v) => v.name })
    .map((variables) => ({ variables }));
}

/** Resources: cpus and mem, sometimes disk, gpus and ports, each optionally reserved to a role. */
export function resources(): fc.Arbitrary<Resource[]> {
  const role = fc.option(fc.constantFrom('*', 'web', 'batch'), { nil: undefined });
  const scalar = (name: string, min: number, max: number) =>
    fc.record({ value: fc.integer({ min, max }), role }).map(({ value, role: r }): Resource => ({ name, type: 'SCALAR', scalar: { value }, ...(r ? { allocation_info: { role: r } } : {}) }));
  const ports = fc
    .tuple(fc.integer({ min: 31000, max: 31999 }), fc.integer({ min: 0, max: 50 }))
    .map(([begin, n]): Resource => ({ name: 'ports', type: 'RANGES', ranges: { range: [{ begin, end: begin + n }] } }));
  return fc
    .tuple(scalar('cpus', 1, 16), scalar('mem', 32, 65536), fc.option(scalar('disk', 1, 100000), { nil: undefined }), fc.option(scalar('gpus', 1, 8), { nil: undefined }), fc.option(ports, { nil: undefined }))
    .map((list) => list.filter((r): r is Resource => r !== undefined));
}

/** Attributes: up to `max` (3) TEXT, SCALAR or SET attributes with unique names. */
export function attributes(max = 3): fc.Arbitrary<Attribute[]> {
  const value = fc.oneof(
    token().map((v) => ({ type: 'TEXT' as const, text: { value: v } })),
    fc.integer({ min: 0, max: 1000 }).map((v) => ({ type: 'SCALAR' as const, scalar: { value: v } })),
    fc.array(token(), { maxLength: 3 }).map((item) => ({ type: 'SET' as const, set: { item } })),
  );
  return fc
    .uniqueArray(fc.tuple(token(), value), { maxLength: max, selector: ([n]) => n })
    .map((list) => list.map(([name, v]): Attribute => ({ name, ...v })));
}

/** Knobs of {@link taskInfo}. */
export interface TaskInfoKnobs {
  /** The task's container: a Docker or Mesos ContainerInfo, none, or any of those (default). */
  container?: 'docker' | 'mesos' | 'none' | 'any';
  /**
   * Host paths of volumes start with one of these prefixes, then zero to two
   * more segments (default `/data`, `/tmp`, `/etc`). An empty list: no volumes.
   */
  hostPathPrefixes?: readonly string[];
  /** Most volumes per task (default 3); Docker volumes come in all three forms Mesos reads. */
  maxVolumes?: number;
  /** Docker privileged mode (`docker.privileged` or a `privileged` parameter): always, never, or either (default). */
  privileged?: boolean | 'any';
  /** Most labels (default 3; 0 for none). */
  maxLabels?: number;
  /** Generate resources (default true); otherwise the builder's cpus/mem. */
  resources?: boolean;
  /** Most variables in the command's environment (default 2). */
  maxEnvironment?: number;
}

/** A host path under one of `prefixes`: the prefix itself or one to two segments below it. */
export function hostPath(prefixes: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...prefixes), fc.array(token(), { maxLength: 2 }))
    .map(([prefix, segments]) => [prefix.replace(/\/+$/, '') || '', ...segments].join('/') || '/');
}

type Volume = NonNullable<NonNullable<TaskInfo['container']>['volumes']>[number];

/** A TaskInfo as a framework would send it, valid by construction, shaped by `knobs`. */
export function taskInfo(knobs: TaskInfoKnobs = {}): fc.Arbitrary<TaskInfo> {
  const prefixes = knobs.hostPathPrefixes ?? ['/data', '/tmp', '/etc'];
  const maxVolumes = prefixes.length === 0 ? 0 : (knobs.maxVolumes ?? 3);
  const kind = knobs.container ?? 'any';
  const containerPath = token().map((t) => `/mnt/${t}`);
  const mode = fc.constantFrom('RW' as const, 'RO' as const);

  // The three ways a Docker task mounts a host path: Volume.host_path, a
  // HOST_PATH source, and a `volume` docker parameter.
  const mount = fc.tuple(fc.constantFrom('legacy', 'source', 'parameter'), hostPath(prefixes.length > 0 ? prefixes : ['/']), containerPath, mode);
  const mounts = fc.array(mount, { maxLength: maxVolumes });

  const privileged =
    knobs.privileged === 'any' || knobs.privileged === undefined ? fc.constantFrom('no', 'field', 'parameter') : knobs.privileged ? fc.constantFrom('field', 'parameter') : fc.constant('no');

  const docker = fc.record({ image: fc.constantFrom('busybox:1.36', 'nginx:1.25-alpine', 'postgres:16'), mounts, privileged, network: fc.constantFrom('HOST', 'BRIDGE') }).map(({ image, mounts: ms, privileged: p, network }) => {
    const volumes: Volume[] = [];
    const parameters: Array<{ key: string; value: string }> = [];
    for (const [form, path, to, m] of ms) {
      if (form === 'legacy') volumes.push({ container_path: to, host_path: path, mode: m });
      else if (form === 'source') volumes.push({ container_path: to, mode: m, source: { type: 'HOST_PATH', host_path: { path } } });
      else parameters.push({ key: 'volume', value: `${path}:${to}` });
    }
    if (p === 'parameter') parameters.push({ key: 'privileged', value: 'true' });
    return {
      type: 'DOCKER' as const,
      docker: { image, network: network as 'HOST' | 'BRIDGE', ...(p === 'field' ? { privileged: true } : {}), ...(parameters.length > 0 ? { parameters } : {}) },
      ...(volumes.length > 0 ? { volumes } : {}),
    };
  });
  const mesos = mounts.map((ms) => {
    const volumes: Volume[] = ms.map(([, path, to, m]) => ({ container_path: to, host_path: path, mode: m }));
    return { type: 'MESOS' as const, ...(volumes.length > 0 ? { volumes } : {}) };
  });
  const container =
    kind === 'docker' ? docker : kind === 'mesos' ? mesos : kind === 'none' ? fc.constant(undefined) : fc.oneof(docker, mesos, fc.constant(undefined));

  return fc
    .record({
      id: token(),
      container,
      labels: labels(knobs.maxLabels ?? 3),
      resources: knobs.resources === false ? fc.constant(undefined) : resources(),
      environment: environment(knobs.maxEnvironment ?? 2),
      command: fc.constantFrom('sleep 1000', 'echo hello', '/app/run --serve'),
    })
    .map(({ id, container: c, labels: l, resources: r, environment: env, command }) =>
      builders.taskInfo({
        name: id,
        task_id: { value: id },
        ...(r ? { resources: r } : {}),
        command: { value: command, shell: true, ...(env.variables && env.variables.length > 0 ? { environment: env } : {}) },
        ...(c ? { container: c } : {}),
        ...(l.labels && l.labels.length > 0 ? { labels: l } : {}),
      } as DeepPartial<TaskInfo>),
    );
}

/** The command executor's ExecutorInfo for a task id. */
export function executorInfo(): fc.Arbitrary<ExecutorInfo> {
  return fc.record({ id: token(), env: environment(2) }).map(({ id, env }) =>
    builders.executorInfo({ executor_id: { value: id }, source: id, command: { environment: env } } as DeepPartial<ExecutorInfo>),
  );
}

/** A FrameworkInfo: user, name, roles and id. */
export function frameworkInfo(): fc.Arbitrary<FrameworkInfo> {
  return fc.record({ name: token(), user: fc.constantFrom('root', 'nobody', 'app'), role: fc.constantFrom('*', 'web', 'batch') }).map(({ name, user, role }) =>
    builders.frameworkInfo({ name, user, roles: [role], id: { value: `${name}-0000` } }),
  );
}

/** A SlaveInfo with generated resources and attributes. */
export function slaveInfo(): fc.Arbitrary<SlaveInfo> {
  return fc.record({ host: token(), port: fc.integer({ min: 1, max: 65535 }), resources: resources(), attributes: attributes() }).map(({ host, port, resources: r, attributes: a }) =>
    builders.slaveInfo({ hostname: `${host}.example.com`, port, resources: r, attributes: a }),
  );
}

/** A TaskStatus of any state and source, optionally with a message and labels. */
export function taskStatus(): fc.Arbitrary<TaskStatus> {
  const states = ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR'] as const;
  return fc
    .record({ id: token(), state: fc.constantFrom(...states), message: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), labels: labels(2) })
    .map(({ id, state, message: m, labels: l }) =>
      builders.taskStatus({ task_id: { value: id }, state, ...(m !== undefined ? { message: m } : {}), ...(l.labels && l.labels.length > 0 ? { labels: l } : {}) }),
    );
}

/** A ContainerID: a UUID. */
export function containerID(): fc.Arbitrary<ContainerID> {
  return fc.uuid().map((value) => builders.containerID(value));
}
