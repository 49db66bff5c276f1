// The arguments and results of each Hook method on the wire (see
// src-native/common/wire.h): argument n (from 1) is the n-th C++ parameter, always
// length-delimited; list results are elements of field 1. SIGNATURES is the
// one TS list of the Hook methods (include/mesos/hook.hpp): HOOK_METHODS,
// HookMethod and the encoders derive from it, and test/hook-signatures.test.ts
// compares it with the addon's list (src-native/common/hook_methods.h).

import type { DescMessage } from '@bufbuild/protobuf';
import type { GenMessage } from '@bufbuild/protobuf/codegenv2';

import type { MessageTypes } from '../messages.js';

import { BadMessage } from '../errors.js';
import {
  AttributeSchema,
  ContainerIDSchema,
  ContainerStatusSchema,
  EnvironmentSchema,
  ExecutorInfoSchema,
  FrameworkIDSchema,
  FrameworkInfoSchema,
  LabelsSchema,
  ParameterSchema,
  ResourceSchema,
  SlaveInfoSchema,
  TaskInfoSchema,
  TaskStatusSchema,
} from '../gen/mesos/mesos_pb.js';
import { DockerTaskExecutorPrepareInfoSchema } from '../gen/mesos/module/hook_pb.js';
import { didYouMean } from '../suggest.js';
import { missingFields } from './complete.js';
import { decodeList, decodeMessage } from './decode.js';
import { EncodeError, describe, isAbsent, messageWriter, reset, wireBuffer, writeString, writeStringEntry, written } from './encode.js';

type Argument =
  | { name: string; kind: 'message'; desc: DescMessage; optional?: boolean; write?: Writer }
  | { name: string; kind: 'list'; desc: DescMessage; write?: Writer }
  | { name: string; kind: 'string' }
  | { name: string; kind: 'env'; optional: true };

type Writer = (number: number, value: unknown) => void;

// The writer of an argument's message type, made at its first use.
function writerOf(arg: { desc: DescMessage; write?: Writer }): Writer {
  return (arg.write ??= messageWriter(arg.desc));
}

interface Signature {
  /** The C++ wrapper of the result: Result<T>, Future<Option<T>> or Try<Nothing>. */
  returns: 'Result' | 'Future' | 'Try';
  args: Argument[];
  /** The argument names, for refusing unknown keys. */
  names?: Set<string>;
  /** The result's message type, and whether it is a list (Resources, Attributes). */
  result?: { desc: DescMessage; list: boolean };
}

const message = <N extends string, D extends DescMessage, O extends boolean = false>(name: N, desc: D, optional?: O) =>
  ({ name, kind: 'message', desc, optional: (optional ?? false) as O }) as const;
const list = <N extends string, D extends DescMessage>(name: N, desc: D) => ({ name, kind: 'list', desc }) as const;
const text = <N extends string>(name: N) => ({ name, kind: 'string' }) as const;
const env = <N extends string>(name: N) => ({ name, kind: 'env', optional: true }) as const;

/** Parameters and results of the Hook methods (include/mesos/hook.hpp). */
export const SIGNATURES = {
  masterLaunchTaskLabelDecorator: {
    returns: 'Result',
    args: [message('taskInfo', TaskInfoSchema), message('frameworkInfo', FrameworkInfoSchema), message('slaveInfo', SlaveInfoSchema)],
    result: { desc: LabelsSchema, list: false },
  },
  masterLaunchTaskResourceDecorator: {
    returns: 'Result',
    args: [message('task', TaskInfoSchema), list('slaveResources', ResourceSchema)],
    result: { desc: ResourceSchema, list: true },
  },
  slaveRunTaskLabelDecorator: {
    returns: 'Result',
    args: [
      message('taskInfo', TaskInfoSchema),
      message('executorInfo', ExecutorInfoSchema),
      message('frameworkInfo', FrameworkInfoSchema),
      message('slaveInfo', SlaveInfoSchema),
    ],
    result: { desc: LabelsSchema, list: false },
  },
  masterSlaveLostHook: { returns: 'Try', args: [message('slaveInfo', SlaveInfoSchema)] },
  slaveExecutorEnvironmentDecorator: {
    returns: 'Result',
    args: [message('executorInfo', ExecutorInfoSchema)],
    result: { desc: EnvironmentSchema, list: false },
  },
  slavePreLaunchDockerTaskExecutorDecorator: {
    returns: 'Future',
    args: [
      message('taskInfo', TaskInfoSchema, true),
      message('executorInfo', ExecutorInfoSchema),
      text('containerName'),
      text('containerWorkDirectory'),
      text('mappedSandboxDirectory'),
      env('env'),
    ],
    result: { desc: DockerTaskExecutorPrepareInfoSchema, list: false },
  },
  slavePostFetchHook: { returns: 'Try', args: [message('containerId', ContainerIDSchema), text('directory')] },
  slaveRemoveExecutorHook: { returns: 'Try', args: [message('frameworkInfo', FrameworkInfoSchema), message('executorInfo', ExecutorInfoSchema)] },
  slaveTaskStatusDecorator: {
    returns: 'Result',
    args: [message('frameworkId', FrameworkIDSchema), message('status', TaskStatusSchema)],
    result: { desc: TaskStatusSchema, list: false },
  },
  slaveResourcesDecorator: { returns: 'Result', args: [message('slaveInfo', SlaveInfoSchema)], result: { desc: ResourceSchema, list: true } },
  slaveAttributesDecorator: {
    returns: 'Result',
    args: [message('slaveInfo', SlaveInfoSchema)],
    result: { desc: AttributeSchema, list: true },
  },
} as const satisfies Record<string, Signature>;

/** A Hook method's name. */
export type HookMethod = keyof typeof SIGNATURES;

/** The names of the hook methods, in vtable order. */
export const HOOK_METHODS = Object.freeze(Object.keys(SIGNATURES)) as readonly HookMethod[];

/** The JSON-form type of a generated message descriptor. */
type JsonOf<D> =
  D extends GenMessage<infer M>
    ? M extends { $typeName: infer N }
      ? N extends keyof MessageTypes
        ? MessageTypes[N]
        : never
      : never
    : never;

type ArgumentOf<M extends HookMethod> = (typeof SIGNATURES)[M]['args'][number];

type ValueOf<A> = A extends { kind: 'message'; desc: infer D }
  ? JsonOf<D>
  : A extends { kind: 'list'; desc: infer D }
    ? Array<JsonOf<D>>
    : A extends { kind: 'string' }
      ? string
      : A extends { kind: 'env' }
        ? Record<string, string>
        : never;

/** The one argument object of a Hook method, keyed by the C++ parameter names (an Option may be null or left out). */
export type HookArgs<M extends HookMethod> = {
  [A in ArgumentOf<M> as A extends { optional: true } ? never : A['name']]: ValueOf<A>;
} & {
  [A in ArgumentOf<M> as A extends { optional: true } ? A['name'] : never]?: ValueOf<A> | null;
};

/** What a Hook method resolves to: its Some value, null for None, undefined for Try<Nothing>. */
export type HookResult<M extends HookMethod> = (typeof SIGNATURES)[M] extends { result: { desc: infer D; list: infer L } }
  ? (L extends true ? Array<JsonOf<D>> : JsonOf<D>) | null
  : void;

const signatureOf = (method: string): Signature => (SIGNATURES as Record<string, Signature>)[method];

/**
 * A method's signature in the addon's words (src-native/common/hook_methods.h):
 * returns, result type ('' for Nothing, `T[]` a list) and `name: type` per
 * argument (`T?` an Option).
 */
export function describeSignature(method: HookMethod): { name: string; returns: string; result: string; arguments: string[] } {
  const signature = signatureOf(method);
  const result = signature.result === undefined ? '' : `${signature.result.desc.typeName}${signature.result.list ? '[]' : ''}`;
  const args = signature.args.map((arg) => {
    switch (arg.kind) {
      case 'message':
        return `${arg.name}: ${arg.desc.typeName}${arg.optional === true ? '?' : ''}`;
      case 'list':
        return `${arg.name}: ${arg.desc.typeName}[]`;
      case 'string':
        return `${arg.name}: string`;
      case 'env':
        return `${arg.name}: map<string, string>?`;
    }
  });
  return { name: method, returns: signature.returns, result, arguments: args };
}

function bad(path: string, message: string): BadMessage {
  return new BadMessage(`${path}: ${message}`, path);
}

/** Writes an array of `desc` messages as elements of field `number`, paths under `root`. */
function writeList(number: number, arg: { desc: DescMessage; write?: Writer }, value: unknown, root: string): void {
  if (!Array.isArray(value)) throw bad(root, `expected an array of ${arg.desc.typeName}, got ${describe(value)}`);
  const write = writerOf(arg);
  for (let i = 0; i < value.length; i++) {
    try {
      write(number, isAbsent(value[i]) ? null : value[i]);
    } catch (error) {
      if (error instanceof EncodeError) throw bad(error.path(`${root}[${i}]`), error.message);
      throw error;
    }
  }
}

/**
 * Encodes the arguments of `method` into the shared buffer; returns their
 * length. Errors are BadMessage, their text starting `module.method: `.
 */
export function encodeCall(method: string, args: Record<string, unknown>, module: string): number {
  try {
    return writeCall(method, args);
  } catch (error) {
    if (error instanceof BadMessage) throw new BadMessage(`${module}.${method}: ${error.message}`, error.path, error.missing);
    throw error;
  }
}

/**
 * Refuses keys that name no argument: a misspelled optional argument would
 * otherwise become None without a word.
 */
function checkKeys(method: string, signature: Signature, args: Record<string, unknown>): void {
  const names = (signature.names ??= new Set(signature.args.map((arg) => arg.name)));
  let count = 0;
  for (const key in args) count++;
  if (count <= names.size) {
    let known = 0;
    for (const key in args) if (names.has(key)) known++;
    if (known === count) return;
  }
  for (const key in args) {
    if (names.has(key)) continue;
    const list = signature.args.map((arg) => arg.name).join(', ');
    throw bad(key, `unknown argument of ${method}${didYouMean(key, names)}; its arguments are ${list}`);
  }
}

/** The entries of an `env` argument: a plain object or a Map of strings. */
function envEntries(name: string, value: unknown): Array<[string, unknown]> {
  if (value instanceof Map) {
    const entries: Array<[string, unknown]> = [];
    for (const [key, v] of value) {
      if (typeof key !== 'string') throw bad(name, `a Map's keys must be strings, got ${describe(key)}`);
      entries.push([key, v]);
    }
    return entries;
  }
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    throw bad(name, `expected an object or a Map of strings, got ${describe(value)}`);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw bad(name, `expected an object or a Map of strings, got ${(value as object).constructor?.name ?? 'an object'}`);
  }
  return Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
}

function writeCall(method: string, args: Record<string, unknown>): number {
  const signature = signatureOf(method);
  checkKeys(method, signature, args);
  reset();
  for (let i = 0; i < signature.args.length; i++) {
    const arg = signature.args[i];
    const number = i + 1;
    const value = args[arg.name];
    if (isAbsent(value)) {
      if (arg.kind === 'env' || (arg.kind === 'message' && arg.optional)) continue;
      const what = arg.kind === 'string' ? 'a string' : arg.kind === 'list' ? `an array of ${arg.desc.typeName}` : arg.desc.typeName;
      throw bad(arg.name, `missing argument (${what})`);
    }
    switch (arg.kind) {
      case 'message':
        try {
          writerOf(arg)(number, value);
        } catch (error) {
          if (error instanceof EncodeError) throw bad(error.path(arg.name), error.message);
          throw error;
        }
        break;
      case 'list':
        writeList(number, arg, value, arg.name);
        break;
      case 'string':
        if (typeof value !== 'string') throw bad(arg.name, 'expected a string');
        writeString(number, value);
        break;
      case 'env': {
        for (const [key, v] of envEntries(arg.name, value)) {
          if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
          if (typeof v !== 'string') throw bad(`${arg.name}.${key}`, 'expected a string');
          writeStringEntry(number, key, v);
        }
        break;
      }
    }
  }
  return written();
}

const PARAMETER: { desc: DescMessage; write?: Writer } = { desc: ParameterSchema };

/** The mesos.Parameters message of a module's parameters (for create()). */
export function encodeParameters(parameters: unknown): Uint8Array {
  reset();
  writeList(1, PARAMETER, parameters, 'parameters');
  return wireBuffer().subarray(0, written());
}

/** The value of a result: `bytes[0, length)` as the method's result type. */
export function decodeResult(method: string, bytes: Uint8Array, length: number): unknown {
  const result = signatureOf(method).result!;
  return result.list ? decodeList(result.desc, bytes, 0, length) : decodeMessage(result.desc, bytes, 0, length);
}

/**
 * The required fields left unset in the part of a decoded result the agent
 * uses (mesos-facts.md §5.2), as paths; empty when the agent could deliver
 * it. Of slaveTaskStatusDecorator's TaskStatus the agent copies only
 * `labels` and `container_status`, so only those must be complete.
 */
export function incompleteResult(method: string, value: unknown): string[] {
  const result = signatureOf(method).result!;
  if (result.list) {
    const missing: string[] = [];
    (value as Array<Record<string, unknown>>).forEach((item, i) => missingFields(result.desc, item, `[${i}]`, missing));
    return missing;
  }
  const message = value as Record<string, unknown>;
  if (method === 'slaveTaskStatusDecorator') {
    const missing: string[] = [];
    const used: Array<[string, DescMessage]> = [['labels', LabelsSchema], ['container_status', ContainerStatusSchema]];
    for (const [name, desc] of used) {
      const part = message[name] as Record<string, unknown> | undefined;
      if (part !== undefined && part !== null) missingFields(desc, part, name, missing);
    }
    return missing;
  }
  return missingFields(result.desc, message, '');
}

export { wireBuffer };
