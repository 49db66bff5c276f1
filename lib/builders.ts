// Synthetic messages with valid, realistic defaults, shaped like what the
// master and agent hand to hooks (src/master/master.cpp, src/slave/slave.cpp
// call sites). Overrides merge deeply (arrays replace, `null` drops a default);
// then every proto2 `required` field still unset, at any depth, is filled from
// the descriptors generated from sdk/proto, so a builder's output always
// converts. Resources and attributes also parse Mesos's text form
// (src/common/resources.cpp Resources::parse, src/common/attributes.cpp Attributes::parse).

import { createRegistry, ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';

import { BadMessage } from './errors.js';
import { file_mesos_mesos } from './gen/mesos/mesos_pb.js';
import { file_mesos_module_hook } from './gen/mesos/module/hook_pb.js';
import type {
  Attribute,
  ContainerID,
  DeepPartial,
  DockerTaskExecutorPrepareInfo,
  Environment,
  Environment_Variable,
  ExecutorID,
  ExecutorInfo,
  FrameworkID,
  FrameworkInfo,
  Label,
  Labels,
  MesosMessage,
  MessageName,
  MessageTypes,
  Resource,
  SlaveID,
  SlaveInfo,
  TaskID,
  TaskInfo,
  TaskStatus,
  Value_Ranges,
  Value_Set,
} from './messages.js';

export type { DeepPartial } from './messages.js';

const registry = createRegistry(file_mesos_mesos, file_mesos_module_hook);

/** The container id the builders use: Mesos container ids are UUIDs. */
const CONTAINER_ID = '5b2f6c3e-9d41-4a7e-8f10-2c3b4d5e6f70';

// Realistic values for required fields, by `<message>.<field>`; anything not
// listed gets a generic value (enum: its first declared value, as proto2 reads
// an unset enum; string: the field name; number: 0; bytes: empty).
const REQUIRED_DEFAULTS: Record<string, unknown> = {
  'mesos.TaskInfo.name': 'task-1',
  'mesos.TaskID.value': 'task-1',
  'mesos.SlaveID.value': 'agent-1-S0',
  'mesos.ExecutorID.value': 'task-1',
  'mesos.FrameworkID.value': 'framework-1',
  'mesos.ContainerID.value': CONTAINER_ID,
  'mesos.ResourceProviderID.value': 'resource-provider-1',
  'mesos.FrameworkInfo.user': 'root',
  'mesos.FrameworkInfo.name': 'example-framework',
  'mesos.SlaveInfo.hostname': 'agent-1.example.com',
  'mesos.TaskStatus.state': 'TASK_RUNNING',
  'mesos.Resource.name': 'cpus',
  'mesos.Attribute.name': 'rack',
  'mesos.Label.key': 'key',
  'mesos.Parameter.key': 'key',
  'mesos.Parameter.value': 'value',
  'mesos.Environment.Variable.name': 'NAME',
  'mesos.CommandInfo.URI.value': 'https://downloads.example.com/app.tar.gz',
  'mesos.CheckInfo.Command.command': { shell: true, value: 'true' },
  'mesos.CheckInfo.Http.port': 8080,
  'mesos.CheckInfo.Tcp.port': 8080,
  'mesos.HealthCheck.HTTPCheckInfo.port': 8080,
  'mesos.HealthCheck.TCPCheckInfo.port': 8080,
  'mesos.Port.number': 8080,
  'mesos.ContainerInfo.DockerInfo.image': 'busybox:1.36',
  'mesos.ContainerInfo.DockerInfo.PortMapping.host_port': 31000,
  'mesos.ContainerInfo.DockerInfo.PortMapping.container_port': 8080,
  'mesos.NetworkInfo.PortMapping.host_port': 31000,
  'mesos.NetworkInfo.PortMapping.container_port': 8080,
  'mesos.Image.Docker.name': 'busybox:1.36',
  'mesos.Image.Appc.name': 'example.com/app',
  'mesos.Credential.principal': 'principal',
  'mesos.Volume.container_path': '/mnt/data',
  'mesos.Volume.Source.DockerVolume.name': 'data',
  'mesos.Volume.Source.HostPath.path': '/var/lib/data',
  'mesos.Volume.Source.SandboxPath.path': 'data',
  'mesos.Volume.Source.CSIVolume.plugin_name': 'csi.example.com',
  'mesos.Volume.Source.CSIVolume.StaticProvisioning.volume_id': 'volume-1',
  'mesos.Volume.Source.CSIVolume.VolumeCapability.AccessMode.mode': 'SINGLE_NODE_WRITER',
  'mesos.Resource.DiskInfo.Persistence.id': 'persistent-volume-1',
  'mesos.Resource.DiskInfo.Source.type': 'PATH',
  'mesos.Secret.Reference.name': 'db-password',
  'mesos.Secret.Value.data': 'c2VjcmV0', // base64("secret")
  'mesos.DomainInfo.FaultDomain.RegionInfo.name': 'us-east-1',
  'mesos.DomainInfo.FaultDomain.ZoneInfo.name': 'us-east-1a',
  'mesos.DurationInfo.nanoseconds': 5_000_000_000,
  'mesos.TimeInfo.nanoseconds': '1714557600000000000', // 2024-05-01T10:00:00Z, beyond 2^53
  'mesos.TTYInfo.WindowSize.rows': 24,
  'mesos.TTYInfo.WindowSize.columns': 80,
  'mesos.Value.Scalar.value': 1,
  'mesos.Value.Range.begin': 31000,
  'mesos.Value.Range.end': 31000,
  'mesos.Value.Text.value': 'text',
};

/** Scalar quantities for a resource named but given no value. */
const SCALAR_QUANTITIES: Record<string, number> = { cpus: 1, mem: 128, disk: 1024, gpus: 1 };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isRequired(field: DescField): boolean {
  return field.presence === FeatureSet_FieldPresence.LEGACY_REQUIRED;
}

function descriptor(name: string): DescMessage {
  const desc = registry.getMessage(name);
  if (desc === undefined) throw new TypeError(`unknown Mesos message type '${name}'`);
  return desc;
}

function genericDefault(field: DescField): unknown {
  switch (field.fieldKind) {
    case 'message':
      return {};
    case 'enum':
      return field.enum.values[0].name;
    case 'scalar':
      switch (field.scalar) {
        case ScalarType.STRING:
          return field.name;
        case ScalarType.BYTES:
          return '';
        case ScalarType.BOOL:
          return false;
        default:
          return 0;
      }
    default:
      return [];
  }
}

// Messages whose required `type` says which value field is set (Value,
// Resource, Attribute; Image and ContainerInfo alike): infer the type from
// the field given, else pick a realistic pair.
const VALUE_TYPES: Array<[field: string, type: string]> = [
  ['scalar', 'SCALAR'],
  ['ranges', 'RANGES'],
  ['set', 'SET'],
  ['text', 'TEXT'],
];

function fillTagged(typeName: string, msg: Record<string, unknown>): void {
  const present = (f: string) => msg[f] !== undefined && msg[f] !== null;
  switch (typeName) {
    case 'mesos.Value':
    case 'mesos.Resource':
    case 'mesos.Attribute': {
      const name = (present('name') ? msg.name : REQUIRED_DEFAULTS[`${typeName}.name`]) as string | undefined;
      if (!present('type')) {
        const given = VALUE_TYPES.find(([f]) => present(f));
        msg.type = given
          ? given[1]
          : typeName === 'mesos.Attribute'
            ? 'TEXT'
            : name === 'ports'
              ? 'RANGES'
              : 'SCALAR';
      }
      if (VALUE_TYPES.some(([f]) => present(f))) return;
      switch (msg.type) {
        case 'SCALAR':
          msg.scalar = { value: SCALAR_QUANTITIES[name ?? ''] ?? 1 };
          break;
        case 'RANGES':
          msg.ranges = { range: [{ begin: 31000, end: 31099 }] };
          break;
        case 'SET':
          msg.set = { item: [] };
          break;
        case 'TEXT':
          msg.text = { value: typeName === 'mesos.Attribute' && name === 'rack' ? 'r1' : 'text' };
          break;
      }
      return;
    }
    case 'mesos.Image':
      if (!present('type')) msg.type = present('appc') ? 'APPC' : 'DOCKER';
      if (msg.type === 'DOCKER' && !present('docker')) msg.docker = {};
      if (msg.type === 'APPC' && !present('appc')) msg.appc = {};
      return;
    case 'mesos.ContainerInfo':
      if (!present('type')) msg.type = present('mesos') && !present('docker') ? 'MESOS' : 'DOCKER';
      if (msg.type === 'DOCKER' && !present('docker')) msg.docker = {};
      return;
  }
}

/** Fills every required field of `msg` (in place) at every depth; `null` fields are dropped. */
function complete(desc: DescMessage, msg: Record<string, unknown>): void {
  fillTagged(desc.typeName, msg);
  for (const field of desc.fields) {
    let value = msg[field.name];
    if (value === null) {
      delete msg[field.name];
      value = undefined;
    }
    if (value === undefined) {
      if (!isRequired(field)) continue;
      const curated = REQUIRED_DEFAULTS[`${desc.typeName}.${field.name}`];
      value = msg[field.name] = curated !== undefined ? structuredClone(curated) : genericDefault(field);
    }
    if (field.fieldKind === 'message' && isPlainObject(value)) {
      complete(field.message, value);
    } else if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
      for (const element of value) if (isPlainObject(element)) complete(field.message, element);
    } else if (field.fieldKind === 'map' && isPlainObject(value)) {
      for (const [key, entry] of Object.entries(value)) {
        if (entry === null || entry === undefined) delete value[key];
        else if (field.mapKind === 'message' && isPlainObject(entry)) complete(field.message, entry);
      }
    }
  }
}

/**
 * Deep merge: objects merge key by key, anything else (arrays too) replaces;
 * `undefined` keeps the base, `null` removes the key.
 */
export function merge<T extends object>(base: T, overrides?: DeepPartial<T> | MesosMessage | null): T {
  const out = structuredClone(base) as Record<string, unknown>;
  if (overrides === undefined || overrides === null) return out as T;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key] as object, value) : structuredClone(value);
  }
  return out as T;
}

/**
 * Any message of the Hook API by full proto name, from `defaults` merged with
 * `overrides`, every required field filled: `build('mesos.Volume', { host_path: '/data' })`.
 */
export function build<N extends MessageName>(
  name: N,
  overrides?: DeepPartial<MessageTypes[N]>,
  defaults: DeepPartial<MessageTypes[N]> = {} as DeepPartial<MessageTypes[N]>,
): MessageTypes[N] {
  const desc = descriptor(name);
  const msg = merge(defaults as Record<string, unknown>, overrides as MesosMessage | undefined);
  complete(desc, msg);
  return msg as unknown as MessageTypes[N];
}

/** `'x'` → `{ value: 'x' }`, for the *ID messages. */
function id<T>(value: string | DeepPartial<T> | undefined): DeepPartial<T> | undefined {
  return typeof value === 'string' ? ({ value } as DeepPartial<T>) : value;
}

function scalar(name: string, value: number, role?: string): DeepPartial<Resource> {
  const resource: DeepPartial<Resource> = { name, type: 'SCALAR', scalar: { value } };
  if (role !== undefined) resource.allocation_info = { role };
  return resource;
}

/** A TaskInfo as the agent passes it to hooks: name, ids, cpus/mem allocated to a role, a shell command. */
export function taskInfo(overrides?: DeepPartial<TaskInfo>): TaskInfo {
  return build('mesos.TaskInfo', overrides, {
    name: 'task-1',
    task_id: { value: 'task-1' },
    slave_id: { value: 'agent-1-S0' },
    resources: [scalar('cpus', 0.5, '*'), scalar('mem', 128, '*')],
    command: { value: 'sleep 1000', shell: true },
  });
}

/** An ExecutorInfo for the command executor of a task. */
export function executorInfo(overrides?: DeepPartial<ExecutorInfo>): ExecutorInfo {
  return build('mesos.ExecutorInfo', overrides, {
    executor_id: { value: 'task-1' },
    framework_id: { value: 'framework-1' },
    type: 'DEFAULT',
    command: { value: '/usr/libexec/mesos/mesos-executor', shell: false },
    name: "Command Executor (Task: task-1) (Command: sh -c 'sleep 1000')",
    source: 'task-1',
  });
}

/** A FrameworkInfo with the required user and name, an id, and the MULTI_ROLE capability. */
export function frameworkInfo(overrides?: DeepPartial<FrameworkInfo>): FrameworkInfo {
  return build('mesos.FrameworkInfo', overrides, {
    user: 'root',
    name: 'example-framework',
    id: { value: 'framework-1' },
    roles: ['*'],
    capabilities: [{ type: 'MULTI_ROLE' }],
  });
}

/** A SlaveInfo (agent info) as a running agent has it. */
export function slaveInfo(overrides?: DeepPartial<SlaveInfo>): SlaveInfo {
  return build('mesos.SlaveInfo', overrides, {
    hostname: 'agent-1.example.com',
    port: 5051,
    id: { value: 'agent-1-S0' },
    resources: [scalar('cpus', 4), scalar('mem', 8192), scalar('disk', 10240)],
    attributes: [],
    checkpoint: true,
  });
}

/** A status update from the executor of task-1: TASK_RUNNING. */
export function taskStatus(overrides?: DeepPartial<TaskStatus>): TaskStatus {
  return build('mesos.TaskStatus', overrides, {
    task_id: { value: 'task-1' },
    state: 'TASK_RUNNING',
    source: 'SOURCE_EXECUTOR',
    slave_id: { value: 'agent-1-S0' },
    executor_id: { value: 'task-1' },
    timestamp: 1714557600,
    uuid: 'xJtTGiPGRVmB9XmXJY0XqA==',
  });
}

/** A ContainerID: a UUID, or the given value (`containerID('c1')`), optionally with a parent. */
export function containerID(overrides?: string | DeepPartial<ContainerID>): ContainerID {
  return build('mesos.ContainerID', id<ContainerID>(overrides), { value: CONTAINER_ID });
}

/** A FrameworkID: `framework-1`, or the given value. */
export function frameworkID(overrides?: string | DeepPartial<FrameworkID>): FrameworkID {
  return build('mesos.FrameworkID', id<FrameworkID>(overrides), { value: 'framework-1' });
}

/** A TaskID: `task-1`, or the given value. */
export function taskID(overrides?: string | DeepPartial<TaskID>): TaskID {
  return build('mesos.TaskID', id<TaskID>(overrides), { value: 'task-1' });
}

/** A SlaveID (agent id): `agent-1-S0`, or the given value. */
export function slaveID(overrides?: string | DeepPartial<SlaveID>): SlaveID {
  return build('mesos.SlaveID', id<SlaveID>(overrides), { value: 'agent-1-S0' });
}

/** An ExecutorID: `task-1` (the command executor's id is the task's), or the given value. */
export function executorID(overrides?: string | DeepPartial<ExecutorID>): ExecutorID {
  return build('mesos.ExecutorID', id<ExecutorID>(overrides), { value: 'task-1' });
}

/**
 * One Resource: 1 cpu unless told otherwise. The type follows the value given
 * (`{ name: 'ports', ranges: … }` is RANGES); a named resource with no value
 * gets a typical quantity (`{ name: 'mem' }` → 128).
 */
export function resource(overrides?: DeepPartial<Resource>): Resource {
  return build('mesos.Resource', overrides);
}

/**
 * Resources from Mesos's text form (`'cpus:1;mem:128;ports(web):[31000-31005]'`,
 * a role in parentheses is a static reservation) or from partial resources.
 */
export function resources(spec: string | Array<DeepPartial<Resource>> = 'cpus:1;mem:128'): Resource[] {
  if (typeof spec !== 'string') return spec.map((r) => resource(r));
  return entries(spec, 'resources').map(({ key, value, index }) => {
    const m = /^([^()\s]+)\s*(?:\(\s*([^()]*?)\s*\))?$/.exec(key);
    if (m === null) throw new BadMessage(`bad resource '${key}:${value}': expected name(role):value`, `resources[${index}]`);
    const [, name, role] = m;
    const parsed = parseValue(value, `resources[${index}]`);
    if (parsed.type === 'TEXT') {
      throw new BadMessage(`bad resource '${key}:${value}': '${value}' is not a scalar, ranges or set`, `resources[${index}]`);
    }
    const r: DeepPartial<Resource> = { name, ...parsed };
    if (role !== undefined && role !== '*') r.reservations = [{ type: 'STATIC', role }];
    return resource(r);
  });
}

/** One Attribute: `rack: r1` (TEXT) unless told otherwise; the type follows the value given. */
export function attribute(overrides?: DeepPartial<Attribute>): Attribute {
  return build('mesos.Attribute', overrides);
}

/** Attributes from Mesos's text form (`'rack:r1;zone:a;level:10'`) or from partial attributes. */
export function attributes(spec: string | Array<DeepPartial<Attribute>> = 'rack:r1'): Attribute[] {
  if (typeof spec !== 'string') return spec.map((a) => attribute(a));
  return entries(spec, 'attributes').map(({ key, value, index }) =>
    attribute({ name: key, ...parseValue(value, `attributes[${index}]`) }),
  );
}

/** `a:b;c:d` → entries (Mesos splits on ';' then on the first ':'). */
function entries(text: string, what: string): Array<{ key: string; value: string; index: number }> {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((item, index) => {
      const colon = item.indexOf(':');
      if (colon <= 0) throw new BadMessage(`bad ${what} entry '${item}': expected name:value`, `${what}[${index}]`);
      return { key: item.slice(0, colon).trim(), value: item.slice(colon + 1).trim(), index };
    });
}

type ParsedValue =
  | { type: 'SCALAR'; scalar: { value: number } }
  | { type: 'RANGES'; ranges: DeepPartial<Value_Ranges> }
  | { type: 'SET'; set: DeepPartial<Value_Set> }
  | { type: 'TEXT'; text: { value: string } };

/** Mesos's values::parse: `[a-b, c-d]` ranges, `{x,y}` set, a number is a scalar, else text. */
function parseValue(text: string, path: string): ParsedValue {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new BadMessage(`bad ranges '${text}'`, path);
    const body = text.slice(1, -1).trim();
    const range = body === '' ? [] : body.split(',').map((r) => {
      const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(r);
      if (m === null) throw new BadMessage(`bad range '${r.trim()}' in '${text}': expected begin-end`, path);
      return { begin: Number(m[1]), end: Number(m[2]) };
    });
    return { type: 'RANGES', ranges: { range } };
  }
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw new BadMessage(`bad set '${text}'`, path);
    const body = text.slice(1, -1).trim();
    return { type: 'SET', set: { item: body === '' ? [] : body.split(',').map((s) => s.trim()) } };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { type: 'SCALAR', scalar: { value: Number(text) } };
  return { type: 'TEXT', text: { value: text } };
}

/** Labels from a record (`{ team: 'web' }`) or a list of labels, in order. */
export function labels(from: Record<string, string> | Array<DeepPartial<Label>> = {}): Labels {
  const list = Array.isArray(from) ? from : Object.entries(from).map(([key, value]) => ({ key, value }));
  return build('mesos.Labels', { labels: list });
}

/** An Environment from a record (`{ A: 'b' }`) or a list of variables, in order. */
export function environment(from: Record<string, string> | Array<DeepPartial<Environment_Variable>> = {}): Environment {
  const list = Array.isArray(from) ? from : Object.entries(from).map(([name, value]) => ({ name, value }));
  return build('mesos.Environment', { variables: list });
}

/**
 * A DockerTaskExecutorPrepareInfo, the result of
 * slavePreLaunchDockerTaskExecutorDecorator; environments may be given as records:
 * `dockerTaskExecutorPrepareInfo({ taskEnvironment: { A: 'b' } })`.
 */
export function dockerTaskExecutorPrepareInfo(overrides?: {
  [K in keyof DockerTaskExecutorPrepareInfo]?: DeepPartial<Environment> | Record<string, string> | null;
}): DockerTaskExecutorPrepareInfo {
  const given = { ...(overrides ?? {}) } as Record<string, unknown>;
  for (const key of ['taskEnvironment', 'executorEnvironment']) {
    const env = given[key];
    if (isPlainObject(env) && !('variables' in env) && Object.values(env).every((v) => typeof v === 'string')) {
      given[key] = environment(env as Record<string, string>);
    }
  }
  return build('mesos.DockerTaskExecutorPrepareInfo', given as DeepPartial<DockerTaskExecutorPrepareInfo>);
}
