// Binary hook results: lib/wire/decode.ts turns protobuf bytes into the plain
// objects Mesos's JSON form gives (what C++ reflection in ListFields order
// prints, then JSON.parse). Bytes come from protobuf-es itself, or are written by hand
// where protobuf-es would not produce them (packed proto2 fields, unknown enum
// numbers, unknown fields, truncation).
import { create, createFileRegistry, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';

import { decodeList, decodeMessage } from '../dist/lib/wire/decode.js';
import {
  CheckStatusInfo_CommandSchema,
  DurationInfoSchema,
  HealthCheck_HTTPCheckInfoSchema,
  LabelSchema,
  LabelsSchema,
  ResourceSchema,
  Resource_ReservationInfo_Type,
  Secret_ValueSchema,
  TaskInfoSchema,
  TaskState,
  TaskStatusSchema,
  TaskStatus_Reason,
  TaskStatus_Source,
  Value_RangeSchema,
  Value_ScalarSchema,
  Value_Type,
  Volume_Source_CSIVolume_StaticProvisioningSchema,
  type Resource,
} from '../dist/lib/gen/mesos/mesos_pb.js';
import { DockerTaskExecutorPrepareInfoSchema } from '../dist/lib/gen/mesos/module/hook_pb.js';
import { expectError, thrown } from './helpers.js';

// --- hand-written wire bytes ------------------------------------------------

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const key = (field: number, wireType: number) => varint(field * 8 + wireType);
const vint = (field: number, value: number | bigint) => [...key(field, 0), ...varint(value)];
const delimited = (field: number, body: ArrayLike<number>) => [...key(field, 2), ...varint(body.length), ...Array.from(body)];
const text = (field: number, s: string) => delimited(field, new TextEncoder().encode(s));
const bytes = (...parts: Array<ArrayLike<number>>) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

// --- Mesos messages -----------------------------------------------------------

describe('decodeMessage on Mesos messages', () => {
  it('decodes Labels, keys in field-number order, absent fields left out', () => {
    const b = toBinary(
      LabelsSchema,
      create(LabelsSchema, { labels: [{ key: 'foo', value: 'bar' }, { key: 'only-key' }] }),
    );
    const out = decodeMessage(LabelsSchema, b);
    expect(out).toEqual({ labels: [{ key: 'foo', value: 'bar' }, { key: 'only-key' }] });
    expect(Object.keys((out.labels as object[])[1])).toEqual(['key']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('decodes an empty message to {} and an empty present sub-message to {}', () => {
    expect(decodeMessage(LabelsSchema, new Uint8Array(0))).toEqual({});
    expect(decodeMessage(LabelsSchema, bytes(delimited(1, [])))).toEqual({ labels: [{}] });
  });

  it('decodes a TaskInfo with nested messages, Resources, a map and bytes', () => {
    const task = create(TaskInfoSchema, {
      name: 'web',
      taskId: { value: 'web.1' },
      slaveId: { value: 'agent-S0' },
      resources: [
        {
          name: 'cpus',
          type: Value_Type.SCALAR,
          scalar: { value: 0.5 },
          reservations: [{ type: Resource_ReservationInfo_Type.STATIC, role: 'prod' }],
        },
        {
          name: 'ports',
          type: Value_Type.RANGES,
          ranges: { range: [{ begin: 31000n, end: 31005n }, { begin: 32000n, end: 32000n }] },
          allocationInfo: { role: 'prod' },
        },
        {
          name: 'zones',
          type: Value_Type.SET,
          set: { item: ['a', 'b'] },
          reservations: [
            {
              type: Resource_ReservationInfo_Type.DYNAMIC,
              role: 'prod/web',
              principal: 'ops',
              labels: { labels: [{ key: 'owner', value: 'me' }] },
            },
          ],
        },
      ],
      command: {
        value: 'echo hi',
        shell: true,
        environment: { variables: [{ name: 'A', value: 'b' }] },
      },
      healthCheck: { http: { port: 8080, path: '/health', statuses: [200, 204] }, delaySeconds: 1.25 },
      killPolicy: { gracePeriod: { nanoseconds: 5_000_000_000n } },
      data: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
      labels: { labels: [{ key: 'k', value: 'v' }] },
      limits: { cpus: { value: 2 }, mem: { value: 1024.5 } },
    });
    const out = decodeMessage(TaskInfoSchema, toBinary(TaskInfoSchema, task));
    expect(out).toEqual({
      name: 'web',
      task_id: { value: 'web.1' },
      slave_id: { value: 'agent-S0' },
      resources: [
        { name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 }, reservations: [{ role: 'prod', type: 'STATIC' }] },
        {
          name: 'ports',
          type: 'RANGES',
          ranges: {
            range: [
              { begin: 31000, end: 31005 },
              { begin: 32000, end: 32000 },
            ],
          },
          allocation_info: { role: 'prod' },
        },
        {
          name: 'zones',
          type: 'SET',
          set: { item: ['a', 'b'] },
          reservations: [
            { principal: 'ops', labels: { labels: [{ key: 'owner', value: 'me' }] }, role: 'prod/web', type: 'DYNAMIC' },
          ],
        },
      ],
      data: '3q2+7w==',
      command: { environment: { variables: [{ name: 'A', value: 'b' }] }, shell: true, value: 'echo hi' },
      health_check: { http: { port: 8080, path: '/health', statuses: [200, 204] }, delay_seconds: 1.25 },
      labels: { labels: [{ key: 'k', value: 'v' }] },
      kill_policy: { grace_period: { nanoseconds: 5000000000 } },
      limits: { cpus: { value: 2 }, mem: { value: 1024.5 } },
    });
    // The serializer writes field-number order; keys keep it.
    expect(Object.keys(out)).toEqual([
      'name',
      'task_id',
      'slave_id',
      'resources',
      'data',
      'command',
      'health_check',
      'labels',
      'kill_policy',
      'limits',
    ]);
    expect(Object.keys((out.resources as object[])[2])).toEqual(['name', 'type', 'set', 'reservations']);
  });

  it('decodes DockerTaskExecutorPrepareInfo (field names as declared, camelCase here)', () => {
    const info = create(DockerTaskExecutorPrepareInfoSchema, {
      executorEnvironment: { variables: [{ name: 'X', value: '1' }] },
      taskEnvironment: { variables: [{ name: 'Y', value: '2' }, { name: 'Z', value: '' }] },
    });
    expect(decodeMessage(DockerTaskExecutorPrepareInfoSchema, toBinary(DockerTaskExecutorPrepareInfoSchema, info))).toEqual({
      executorEnvironment: { variables: [{ name: 'X', value: '1' }] },
      taskEnvironment: {
        variables: [
          { name: 'Y', value: '2' },
          { name: 'Z', value: '' },
        ],
      },
    });
  });
});

describe('enums', () => {
  it('gives value names', () => {
    const status = create(TaskStatusSchema, {
      taskId: { value: 't' },
      state: TaskState.TASK_RUNNING,
      source: TaskStatus_Source.EXECUTOR,
      reason: TaskStatus_Reason.COMMAND_EXECUTOR_FAILED,
      healthy: false,
      timestamp: 1700000000.25,
    });
    expect(decodeMessage(TaskStatusSchema, toBinary(TaskStatusSchema, status))).toEqual({
      task_id: { value: 't' },
      state: 'TASK_RUNNING',
      timestamp: 1700000000.25,
      healthy: false,
      source: 'SOURCE_EXECUTOR',
      reason: 'REASON_COMMAND_EXECUTOR_FAILED',
    });
  });

  it('leaves a field with an unknown enum number out (as C++ keeps it as an unknown field)', () => {
    const b = bytes(delimited(1, text(1, 't')), vint(2, 99), vint(9, -1), vint(10, 33), text(4, 'm'));
    const out = decodeMessage(TaskStatusSchema, b);
    expect(out).toEqual({ task_id: { value: 't' }, reason: 'REASON_MAX_COMPLETION_TIME_REACHED', message: 'm' });
    expect('state' in out).toBe(false);
  });
});

describe('integers', () => {
  const duration = (n: bigint) =>
    decodeMessage(DurationInfoSchema, toBinary(DurationInfoSchema, create(DurationInfoSchema, { nanoseconds: n })));
  const range = (begin: bigint, end: bigint) =>
    decodeMessage(Value_RangeSchema, toBinary(Value_RangeSchema, create(Value_RangeSchema, { begin, end })));

  it('int64: numbers up to 2^53-1 in magnitude, decimal strings beyond', () => {
    expect(duration(0n)).toEqual({ nanoseconds: 0 });
    expect(duration(127n)).toEqual({ nanoseconds: 127 });
    expect(duration(128n)).toEqual({ nanoseconds: 128 });
    expect(duration(-1n)).toEqual({ nanoseconds: -1 });
    expect(duration(4294967296n)).toEqual({ nanoseconds: 4294967296 });
    expect(duration(-4294967296n)).toEqual({ nanoseconds: -4294967296 });
    expect(duration(2n ** 53n - 1n)).toEqual({ nanoseconds: Number.MAX_SAFE_INTEGER });
    expect(duration(-(2n ** 53n) + 1n)).toEqual({ nanoseconds: Number.MIN_SAFE_INTEGER });
    expect(duration(2n ** 53n)).toEqual({ nanoseconds: '9007199254740992' });
    expect(duration(2n ** 53n + 1n)).toEqual({ nanoseconds: '9007199254740993' });
    expect(duration(-(2n ** 53n))).toEqual({ nanoseconds: '-9007199254740992' });
    expect(duration(2n ** 63n - 1n)).toEqual({ nanoseconds: '9223372036854775807' });
    expect(duration(-(2n ** 63n))).toEqual({ nanoseconds: '-9223372036854775808' });
  });

  it('uint64: numbers up to 2^53-1, decimal strings beyond', () => {
    expect(range(0n, 2n ** 53n - 1n)).toEqual({ begin: 0, end: 9007199254740991 });
    expect(range(2n ** 53n + 1n, 2n ** 64n - 1n)).toEqual({
      begin: '9007199254740993',
      end: '18446744073709551615',
    });
    expect(range(2n ** 63n, 2n ** 32n - 1n)).toEqual({ begin: '9223372036854775808', end: 4294967295 });
  });

  it('int32 negative (10-byte varint) and uint32 large', () => {
    const exit = (code: number) =>
      decodeMessage(
        CheckStatusInfo_CommandSchema,
        toBinary(CheckStatusInfo_CommandSchema, create(CheckStatusInfo_CommandSchema, { exitCode: code })),
      );
    expect(exit(-1)).toEqual({ exit_code: -1 });
    expect(exit(-2147483648)).toEqual({ exit_code: -2147483648 });
    expect(exit(2147483647)).toEqual({ exit_code: 2147483647 });
    const http = bytes(vint(1, 4294967295));
    expect(decodeMessage(HealthCheck_HTTPCheckInfoSchema, http)).toEqual({ port: 4294967295 });
  });

  it('repeated uint32, packed and unpacked alike', () => {
    const packed = [...varint(200), ...varint(404), ...varint(300), ...varint(0)];
    const b = bytes(vint(1, 80), delimited(4, packed), vint(4, 503), delimited(4, []), text(2, '/x'));
    const out = decodeMessage(HealthCheck_HTTPCheckInfoSchema, b);
    expect(out).toEqual({ port: 80, statuses: [200, 404, 300, 0, 503], path: '/x' });
    expect(Object.keys(out)).toEqual(['port', 'statuses', 'path']);
    // An empty packed run alone adds nothing (C++ would list no field).
    expect(decodeMessage(HealthCheck_HTTPCheckInfoSchema, bytes(delimited(4, [])))).toEqual({});
  });
});

describe('doubles, bytes and strings', () => {
  const scalar = (value: number) =>
    decodeMessage(Value_ScalarSchema, toBinary(Value_ScalarSchema, create(Value_ScalarSchema, { value })));

  it('double: numbers, and NaN / Infinity as strings', () => {
    expect(scalar(0.1)).toEqual({ value: 0.1 });
    expect(scalar(1e300)).toEqual({ value: 1e300 });
    expect(scalar(5e-324)).toEqual({ value: 5e-324 });
    expect(scalar(-2.5)).toEqual({ value: -2.5 });
    expect(Object.is(scalar(-0).value, -0)).toBe(true);
    expect(scalar(NaN)).toEqual({ value: 'NaN' });
    expect(scalar(Infinity)).toEqual({ value: 'Infinity' });
    expect(scalar(-Infinity)).toEqual({ value: '-Infinity' });
  });

  it('bytes: standard base64 with padding', () => {
    const encode = (data: number[]) =>
      decodeMessage(Secret_ValueSchema, toBinary(Secret_ValueSchema, create(Secret_ValueSchema, { data: new Uint8Array(data) })));
    expect(encode([])).toEqual({ data: '' });
    expect(encode([0xff])).toEqual({ data: '/w==' });
    expect(encode([0xff, 0xfe])).toEqual({ data: '//4=' });
    expect(encode([0xfb, 0xff, 0xbf])).toEqual({ data: '+/+/' });
    expect(encode([0, 1, 2, 3])).toEqual({ data: 'AAECAw==' });
    const all = Array.from({ length: 256 }, (_, i) => i);
    for (const n of [5, 47, 48, 49, 50, 256]) {
      expect(encode(all.slice(0, n))).toEqual({ data: Buffer.from(all.slice(0, n)).toString('base64') });
    }
  });

  it('strings: ASCII at every chunk length, UTF-8, invalid UTF-8 as U+FFFD, BOM kept', () => {
    const label = (raw: ArrayLike<number>) => decodeMessage(LabelSchema, bytes(delimited(1, raw))).key;
    const ascii = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.~!@#$%^&*()';
    for (let n = 0; n <= ascii.length; n++) {
      expect(label(new TextEncoder().encode(ascii.slice(0, n)))).toBe(ascii.slice(0, n));
    }
    for (const s of ['ü', 'héllo wörld', '日本語テキスト', '😀 emoji', `${'x'.repeat(70)}é`, `${'é'.repeat(40)}`]) {
      expect(label(new TextEncoder().encode(s))).toBe(s);
    }
    expect(label([0x61, 0xff, 0x62])).toBe('a\uFFFDb');
    expect(label([...new Array(70).fill(0x61), 0xc3])).toBe(`${'a'.repeat(70)}\uFFFD`);
    expect(label([0xef, 0xbb, 0xbf, 0x61])).toBe('\uFEFFa');
  });
});

describe('maps', () => {
  it('map<string, Value.Scalar> (TaskInfo.limits)', () => {
    const task = create(TaskInfoSchema, {
      name: 't',
      taskId: { value: 't' },
      slaveId: { value: 's' },
      limits: { cpus: { value: 1.5 }, mem: { value: Infinity } },
    });
    expect(decodeMessage(TaskInfoSchema, toBinary(TaskInfoSchema, task)).limits).toEqual({
      cpus: { value: 1.5 },
      mem: { value: 'Infinity' },
    });
  });

  it('map<string, string> and map<string, Secret>, missing key or value taking the zero value', () => {
    const provisioning = create(Volume_Source_CSIVolume_StaticProvisioningSchema, {
      volumeId: 'vol-1',
      volumeCapability: { accessMode: { mode: 1 } },
      volumeContext: { zone: 'eu-1', tier: 'gold' },
    });
    const b = toBinary(Volume_Source_CSIVolume_StaticProvisioningSchema, provisioning);
    expect(decodeMessage(Volume_Source_CSIVolume_StaticProvisioningSchema, b)).toEqual({
      volume_id: 'vol-1',
      volume_capability: { access_mode: { mode: 'SINGLE_NODE_WRITER' } },
      volume_context: { zone: 'eu-1', tier: 'gold' },
    });

    const handWritten = bytes(
      text(1, 'vol-2'),
      delimited(3, text(1, 'no-value')), // node_stage_secrets: value missing → {}
      delimited(5, text(1, 'k')), // volume_context: value missing → ""
      delimited(5, text(2, 'v')), // key missing → ""
      delimited(5, [...text(1, 'k2'), ...text(2, 'first'), ...text(2, 'second')]), // last value wins
      delimited(5, [...text(1, '__proto__'), ...text(2, 'own')]),
    );
    const out = decodeMessage(Volume_Source_CSIVolume_StaticProvisioningSchema, handWritten);
    expect(out).toEqual(
      JSON.parse(
        '{"volume_id":"vol-2","node_stage_secrets":{"no-value":{}},' +
          '"volume_context":{"k":"","":"v","k2":"second","__proto__":"own"}}',
      ),
    );
    const context = out.volume_context as Record<string, unknown>;
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    expect(Object.keys(context)).toEqual(['k', '', 'k2', '__proto__']);
  });
});

// --- every scalar kind, via a descriptor built here ----------------------------

function scalarsDescriptor(): DescMessage {
  const field = (name: string, number: number, type: number, label = 1, extra: object = {}) => ({
    name,
    number,
    type,
    label,
    jsonName: name,
    ...extra,
  });
  const entry = (name: string, keyType: number, valueType: number, valueTypeName?: string) => ({
    name,
    field: [field('key', 1, keyType), field('value', 2, valueType, 1, valueTypeName ? { typeName: valueTypeName } : {})],
    options: { mapEntry: true },
  });
  const file = create(FileDescriptorProtoSchema, {
    name: 'wiretest.proto',
    package: 'wiretest',
    syntax: 'proto2',
    enumType: [
      {
        name: 'Color',
        value: [
          { name: 'RED', number: 2 },
          { name: 'GREEN', number: 5 },
          { name: 'BLUE', number: -1 },
        ],
      },
    ],
    messageType: [
      {
        name: 'All',
        field: [
          field('f_float', 1, 2),
          field('f_sint32', 2, 17),
          field('f_sint64', 3, 18),
          field('f_fixed32', 4, 7),
          field('f_fixed64', 5, 6),
          field('f_sfixed32', 6, 15),
          field('f_sfixed64', 7, 16),
          field('f_bool', 8, 8),
          field('r_color', 9, 14, 3, { typeName: '.wiretest.Color' }),
          field('m_int', 10, 11, 3, { typeName: '.wiretest.All.MIntEntry' }),
          field('m_bool', 11, 11, 3, { typeName: '.wiretest.All.MBoolEntry' }),
          field('m_color', 12, 11, 3, { typeName: '.wiretest.All.MColorEntry' }),
          field('m_int64', 13, 11, 3, { typeName: '.wiretest.All.MInt64Entry' }),
          field('r_float', 14, 2, 3),
          field('f_color', 15, 14, 1, { typeName: '.wiretest.Color' }),
          field('r_sint64', 16, 18, 3),
        ],
        nestedType: [
          entry('MIntEntry', 5, 9),
          entry('MBoolEntry', 8, 5),
          entry('MColorEntry', 9, 14, '.wiretest.Color'),
          entry('MInt64Entry', 3, 9),
        ],
      },
    ],
  });
  return createFileRegistry(file, () => undefined).getMessage('wiretest.All') as DescMessage;
}

describe('every scalar kind', () => {
  const All = scalarsDescriptor();
  const one = (init: Record<string, unknown>) => decodeMessage(All, toBinary(All, create(All, init as never)));

  it('float: the 32-bit value through %.9g; NaN/Infinity as strings; -0 kept', () => {
    expect(one({ fFloat: 0.1 })).toEqual({ f_float: 0.100000001 });
    expect(one({ fFloat: 1.5 })).toEqual({ f_float: 1.5 });
    expect(one({ fFloat: 123456789 })).toEqual({ f_float: 123456792 });
    expect(one({ fFloat: 1e10 })).toEqual({ f_float: 1e10 });
    expect(one({ fFloat: 3.4028234663852886e38 })).toEqual({ f_float: 3.40282347e38 });
    expect(one({ fFloat: -1 / 3 })).toEqual({ f_float: -0.333333343 });
    expect(Object.is(one({ fFloat: -0 }).f_float, -0)).toBe(true);
    expect(one({ fFloat: NaN })).toEqual({ f_float: 'NaN' });
    expect(one({ rFloat: [Infinity, -Infinity, 2.5] })).toEqual({ r_float: ['Infinity', '-Infinity', 2.5] });
  });

  it('sint32/sint64 (zigzag), fixed32/64, sfixed32/64', () => {
    expect(
      one({
        fSint32: -2147483648,
        fSint64: -(2n ** 63n),
        fFixed32: 4294967295,
        fFixed64: 2n ** 64n - 1n,
        fSfixed32: -2147483648,
        fSfixed64: -1n,
      }),
    ).toEqual({
      f_sint32: -2147483648,
      f_sint64: '-9223372036854775808',
      f_fixed32: 4294967295,
      f_fixed64: '18446744073709551615',
      f_sfixed32: -2147483648,
      f_sfixed64: -1,
    });
    expect(
      one({ fSint32: -1, fSint64: 2n ** 53n - 1n, fFixed64: 2n ** 53n - 1n, fSfixed64: -(2n ** 53n) }),
    ).toEqual({
      f_sint32: -1,
      f_sint64: 9007199254740991,
      f_fixed64: 9007199254740991,
      f_sfixed64: '-9007199254740992',
    });
    expect(one({ rSint64: [0n, -1n, 1n, -64n, 64n, 2n ** 63n - 1n] })).toEqual({
      r_sint64: [0, -1, 1, -64, 64, '9223372036854775807'],
    });
  });

  it('bool: any non-zero varint is true', () => {
    expect(one({ fBool: true })).toEqual({ f_bool: true });
    expect(decodeMessage(All, bytes(key(8, 0), [0x80, 0x01]))).toEqual({ f_bool: true });
    expect(decodeMessage(All, bytes(key(8, 0), [0x80, 0x80, 0x00]))).toEqual({ f_bool: false });
    expect(decodeMessage(All, bytes(vint(8, 2n ** 63n)))).toEqual({ f_bool: true });
  });

  it('repeated enum: packed or not, unknown numbers dropped, negative numbers named', () => {
    expect(one({ rColor: [2, -1, 5], fColor: -1 })).toEqual({ r_color: ['RED', 'BLUE', 'GREEN'], f_color: 'BLUE' });
    const packed = [...varint(5), ...varint(7), ...varint(-1), ...varint(1024)];
    expect(decodeMessage(All, bytes(delimited(9, packed), vint(9, 3), vint(9, 2)))).toEqual({
      r_color: ['GREEN', 'BLUE', 'RED'],
    });
    // Nothing known: no field at all.
    expect(decodeMessage(All, bytes(delimited(9, varint(7)), vint(9, 0)))).toEqual({});
  });

  it('maps with int, bool, int64 keys and enum values', () => {
    expect(
      one({
        mInt: { 1: 'one', [-7]: 'minus seven' },
        mBool: { true: 1, false: 0 },
        mColor: { a: 5, b: -1 },
        mInt64: { '9007199254740993': 'big', '-1': 'minus one' },
      }),
    ).toEqual({
      m_int: { '1': 'one', '-7': 'minus seven' },
      m_bool: { true: 1, false: 0 },
      m_color: { a: 'GREEN', b: 'BLUE' },
      m_int64: { '9007199254740993': 'big', '-1': 'minus one' },
    });
    const b = bytes(
      delimited(10, text(2, 'zero key')),
      delimited(11, []), // key false, value 0
      delimited(12, text(1, 'default')), // value missing: the first declared value
      delimited(12, [...text(1, 'unknown'), ...vint(2, 3)]), // dropped entry
    );
    expect(decodeMessage(All, b)).toEqual({
      m_int: { '0': 'zero key' },
      m_bool: { false: 0 },
      m_color: { default: 'RED' },
    });
    // A map whose only entry is dropped is not listed.
    expect(decodeMessage(All, bytes(delimited(12, [...text(1, 'x'), ...vint(2, 9)])))).toEqual({});
  });
});

// --- structure ------------------------------------------------------------------

describe('framing', () => {
  const resources = [
    create(ResourceSchema, { name: 'cpus', type: Value_Type.SCALAR, scalar: { value: 1 } }),
    create(ResourceSchema, { name: 'mem', type: Value_Type.SCALAR, scalar: { value: 256 }, role: '*' }),
    create(ResourceSchema, {
      name: 'ports',
      type: Value_Type.RANGES,
      ranges: { range: [{ begin: 1n, end: 2n }] },
    }),
  ];
  const list = (rs: Resource[]) => bytes(...rs.map((r) => delimited(1, toBinary(ResourceSchema, r))));
  const expected = [
    { name: 'cpus', type: 'SCALAR', scalar: { value: 1 } },
    { name: 'mem', type: 'SCALAR', scalar: { value: 256 }, role: '*' },
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 1, end: 2 }] } },
  ];

  it('decodeList decodes field 1 repeated, in order', () => {
    expect(decodeList(ResourceSchema, list(resources))).toEqual(expected);
    expect(decodeList(ResourceSchema, new Uint8Array(0))).toEqual([]);
    expect(decodeList(ResourceSchema, bytes(delimited(1, [])))).toEqual([{}]);
  });

  it('honours start/end into a larger buffer', () => {
    const inner = list(resources);
    const big = bytes([0xff, 0xff, 0xff], inner, [0x0a, 0x7f, 0xff]);
    expect(decodeList(ResourceSchema, big, 3, 3 + inner.length)).toEqual(expected);
    const labels = toBinary(LabelsSchema, create(LabelsSchema, { labels: [{ key: 'a', value: 'b' }] }));
    const padded = bytes([0x0a, 0x7f], labels, [0x0a, 0x7f]);
    expect(decodeMessage(LabelsSchema, padded, 2, 2 + labels.length)).toEqual({ labels: [{ key: 'a', value: 'b' }] });
    // A subarray view works the same (non-zero byteOffset).
    expect(decodeMessage(LabelsSchema, padded.subarray(2, 2 + labels.length))).toEqual({
      labels: [{ key: 'a', value: 'b' }],
    });
    expectError(thrown(() => decodeMessage(LabelsSchema, padded, 2, padded.length + 1)), RangeError, undefined, 'bad byte range [2, 13) for a buffer of 12 bytes');
  });

  it('skips unknown fields of every wire type', () => {
    const b = bytes(
      vint(90, 2n ** 64n - 1n),
      text(1, 'k'),
      key(91, 1),
      [1, 2, 3, 4, 5, 6, 7, 8],
      delimited(92, [1, 2, 3]),
      key(93, 5),
      [1, 2, 3, 4],
      text(2, 'v'),
      key(100000, 0),
      [0],
      vint(1, 7), // a known number with another wire type than declared is unknown too

    );
    expect(decodeMessage(LabelSchema, b)).toEqual({ key: 'k', value: 'v' });
    expect(decodeList(LabelSchema, bytes(vint(2, 1), delimited(1, text(1, 'x'))))).toEqual([{ key: 'x' }]);
  });

  it('throws on malformed input, and stays usable afterwards', () => {
    const good = toBinary(LabelsSchema, create(LabelsSchema, { labels: [{ key: 'foo', value: 'bar' }] }));
    const bad = /malformed protobuf result/;
    expectError(thrown(() => decodeMessage(LabelsSchema, good.subarray(0, good.length - 1))), Error, undefined, 'malformed protobuf result: length-delimited field runs past the end');
    expectError(thrown(() => decodeMessage(LabelsSchema, good, 0, good.length - 1)), Error, undefined, 'malformed protobuf result: length-delimited field runs past the end');
    expectError(thrown(() => decodeMessage(LabelsSchema, good, 0, 1)), Error, undefined, 'malformed protobuf result: truncated varint'); // length missing
    expectError(thrown(() => decodeMessage(LabelSchema, bytes(key(1, 2), [0x80]))), Error, undefined, 'malformed protobuf result: truncated varint'); // truncated length varint
    expectError(thrown(() => decodeMessage(DurationInfoSchema, bytes(key(1, 0), [0xff, 0xff]))), Error, undefined, 'malformed protobuf result: truncated varint');
    expectError(thrown(() => decodeMessage(Value_ScalarSchema, bytes(key(1, 1), [0, 0, 0]))), Error, undefined, 'malformed protobuf result: truncated 64-bit field');
    expectError(thrown(() => decodeMessage(LabelSchema, bytes(key(5, 1), [0, 0]))), Error, undefined, 'malformed protobuf result: truncated 64-bit field');
    expectError(thrown(() => decodeMessage(LabelSchema, bytes(key(5, 5), [0]))), Error, undefined, 'malformed protobuf result: truncated 32-bit field');
    expectError(thrown(() => decodeMessage(LabelSchema, bytes([0x80]))), Error, undefined, 'malformed protobuf result: truncated varint'); // truncated tag
    expectError(thrown(() => decodeMessage(LabelSchema, bytes(key(5, 3), key(5, 4)))), Error, undefined, 'malformed protobuf result: group (wire type 3) in field 5 is not supported');
    expectError(thrown(() => decodeMessage(LabelSchema, bytes(key(5, 6)))), Error, undefined, 'malformed protobuf result: invalid wire type 6 in field 5');
    expectError(thrown(() => decodeMessage(LabelSchema, bytes(new Array(11).fill(0xff), [0]))), Error, undefined, 'malformed protobuf result: varint longer than 10 bytes');
    expectError(thrown(() => decodeList(LabelsSchema, bytes([0x0a, 0x05, 0x0a]))), Error, undefined, 'malformed protobuf result: length-delimited field runs past the end');
    expect(decodeMessage(LabelsSchema, good)).toEqual({ labels: [{ key: 'foo', value: 'bar' }] });
  });

  it('reuses compiled decoders across differently shaped messages', () => {
    const a = create(TaskInfoSchema, { name: 'a', taskId: { value: '1' }, slaveId: { value: 's' } });
    const b = create(TaskInfoSchema, {
      name: 'b',
      taskId: { value: '2' },
      slaveId: { value: 's' },
      labels: { labels: [{ key: 'x' }] },
      resources: [{ name: 'gpus', type: Value_Type.SCALAR, scalar: { value: 1 } }],
    });
    expect(decodeMessage(TaskInfoSchema, toBinary(TaskInfoSchema, a))).toEqual({
      name: 'a',
      task_id: { value: '1' },
      slave_id: { value: 's' },
    });
    expect(decodeMessage(TaskInfoSchema, toBinary(TaskInfoSchema, b))).toEqual({
      name: 'b',
      task_id: { value: '2' },
      slave_id: { value: 's' },
      resources: [{ name: 'gpus', type: 'SCALAR', scalar: { value: 1 } }],
      labels: { labels: [{ key: 'x' }] },
    });
    // A type first compiled as a nested field decodes standalone too.
    expect(decodeMessage(LabelSchema, bytes(text(2, 'only value')))).toEqual({ value: 'only value' });
    expect(decodeMessage(TaskInfoSchema, toBinary(TaskInfoSchema, a))).toEqual({
      name: 'a',
      task_id: { value: '1' },
      slave_id: { value: 's' },
    });
  });
});
