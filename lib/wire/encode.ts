// JS values in Mesos's JSON form -> protobuf binary, written into one shared
// buffer that the addon reads in place (and writes its result back into).
//
// The encoder guarantees: the bytes are the protobuf wire form of each
// argument, written by code generated per message type, which libmesos's own
// generated parser reads (bench/ has the cost against JSON text). Values
// follow Mesos's JSON form: proto field names, enums by name (or number),
// int64 as numbers or decimal strings (or bigints), bytes as base64 (or a
// Uint8Array), maps as objects, `null` (and what JSON.stringify drops or
// writes as null) leaves a field unset, unknown fields are errors naming the
// field path. Required fields are checked by the addon (protobuf's own
// IsInitialized), all at once.

import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';

/** A value that cannot become its message; `segments` is the path, innermost first. */
export class EncodeError extends Error {
  readonly segments: Array<string | number | MapKey> = [];
  constructor(message: string) {
    super(message);
  }

  /** The field path under `root`, e.g. `taskInfo.container.docker.volumes[2].mode`. */
  path(root: string): string {
    let path = root;
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i];
      if (typeof s === 'number') path += `[${s}]`;
      else if (typeof s === 'string') path += path === '' ? s : `.${s}`;
      else path += `["${s.key}"]`;
    }
    return path;
  }
}

/** A map key as a path segment. */
class MapKey {
  constructor(readonly key: string) {}
}

function addSegment(error: unknown, segment: string | number | MapKey): unknown {
  if (error instanceof EncodeError) error.segments.push(segment);
  return error;
}

// --- The shared buffer -----------------------------------------------------

const INITIAL_SIZE = 64 * 1024;
let buf = new Uint8Array(INITIAL_SIZE);
let pos = 0;
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const f32 = new Float32Array(1);
const f32Bytes = new Uint8Array(f32.buffer);
const textEncoder = new TextEncoder();

/** The buffer the last encoding was written to (it grows, so ask each time). */
export function wireBuffer(): Uint8Array {
  return buf;
}

function ensure(n: number): void {
  if (pos + n <= buf.length) return;
  let size = buf.length * 2;
  while (size < pos + n) size *= 2;
  const bigger = new Uint8Array(size);
  bigger.set(buf.subarray(0, pos));
  buf = bigger;
}

function varint32(v: number): void {
  // v: an unsigned 32-bit value.
  while (v > 127) {
    buf[pos++] = (v & 127) | 128;
    v >>>= 7;
  }
  buf[pos++] = v;
}

function varint64(v: bigint): void {
  let u = BigInt.asUintN(64, v);
  while (u > 127n) {
    buf[pos++] = Number(u & 127n) | 128;
    u >>= 7n;
  }
  buf[pos++] = Number(u);
}

function varintSize(v: number): number {
  return v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : v < 268435456 ? 4 : 5;
}

// A length prefix is reserved as one byte before the content is written; a
// longer content moves right to make room.
function closeLength(lengthAt: number): void {
  const length = pos - lengthAt - 1;
  if (length < 128) {
    buf[lengthAt] = length;
    return;
  }
  const extra = varintSize(length) - 1;
  ensure(extra);
  buf.copyWithin(lengthAt + 1 + extra, lengthAt + 1, pos);
  pos += extra;
  const end = pos;
  pos = lengthAt;
  varint32(length);
  pos = end;
}

// Writes a tag at p (room for five bytes ensured); returns the new p. Tags of
// field numbers below 16 take one byte, below 2048 two.
function tagAt(b: Uint8Array, p: number, tag: number): number {
  if (tag < 128) {
    b[p] = tag;
    return p + 1;
  }
  if (tag < 16384) {
    b[p] = (tag & 127) | 128;
    b[p + 1] = tag >>> 7;
    return p + 2;
  }
  pos = p;
  varint32(tag);
  return pos;
}

// A short string with its tag: the common case, written with local cursors
// (module variables are slower to update in a loop).
function shortString(tag: number, s: string): void {
  const n = s.length;
  if (pos + n * 3 + 10 > buf.length) ensure(n * 3 + 10);
  const b = buf;
  let p = tagAt(b, pos, tag);
  const lengthAt = p++;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      p += textEncoder.encodeInto(s.slice(i), b.subarray(p)).written;
      break;
    }
    b[p++] = c;
  }
  pos = p;
  const length = p - lengthAt - 1;
  if (length < 128) b[lengthAt] = length;
  else closeLength(lengthAt);
}

// A longer string with its tag: encoded by TextEncoder past a five-byte gap
// for the length, then moved back against it.
function longString(tag: number, s: string): void {
  ensure(s.length * 3 + 10);
  pos = tagAt(buf, pos, tag);
  const start = pos;
  const { written } = textEncoder.encodeInto(s, buf.subarray(start + 5));
  const size = varintSize(written);
  buf.copyWithin(start + size, start + 5, start + 5 + written);
  varint32(written);
  pos = start + size + written;
}

// --- Values ----------------------------------------------------------------

/** A value as errors describe it: `null`, a boolean, `number 5`, `string "x"`, `an array`, `an object`. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return `number ${v}`;
    case 'bigint':
      return `bigint ${v}`;
    case 'string':
      return `string "${v}"`;
    default:
      return Array.isArray(v) ? 'an array' : 'an object';
  }
}

function wrongKind(what: string, v: unknown): never {
  throw new EncodeError(`expected ${what}, got ${describe(v)}`);
}

/**
 * What JSON.stringify leaves out or writes as null: such values leave a field
 * unset. NaN and ±Infinity are not absent: Mesos's JSON (picojson) cannot
 * carry them, so a number field refuses them as an invalid value.
 */
export function isAbsent(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  const t = typeof v;
  return t === 'function' || t === 'symbol';
}

function notFinite(v: number): never {
  throw new EncodeError(`invalid value ${v}: a number must be finite (Mesos's JSON cannot carry NaN or Infinity)`);
}

const INT_KINDS = [
  { what: 'an int32', min: -(2n ** 31n), max: 2n ** 31n - 1n, signed: true },
  { what: 'an int64', min: -(2n ** 63n), max: 2n ** 63n - 1n, signed: true },
  { what: 'a uint32', min: 0n, max: 2n ** 32n - 1n, signed: false },
  { what: 'a uint64', min: 0n, max: 2n ** 64n - 1n, signed: false },
].map((k) => ({ ...k, low: Number(k.min), high: Number(k.max) }));

const WHOLE = /^[-0-9]+$/;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function narrow(v: bigint): number | bigint {
  return v >= -SAFE && v <= SAFE ? Number(v) : v;
}
const DECIMAL = /^-?[0-9]+$/;

/**
 * An integer field's value: a whole number, a decimal string or a bigint
 * within the field's range, as a number (a bigint beyond 2^53); anything else
 * is an EncodeError saying what was expected.
 */
function integer(v: unknown, kind: 0 | 1 | 2 | 3): number | bigint {
  const k = INT_KINDS[kind];
  if (typeof v === 'number') {
    // Common case first: a safe integer in range.
    if (Number.isSafeInteger(v)) {
      if (v >= k.low && v <= k.high) return v === 0 ? 0 : v;
      throw new EncodeError(`number ${v} is out of range for ${k.what}`);
    }
    if (Number.isInteger(v) && Math.abs(v) < 1e21) {
      const text = String(v);
      const big = BigInt(text);
      if (big >= k.min && big <= k.max) return narrow(big);
      throw new EncodeError(`number ${text} is out of range for ${k.what}`);
    }
    if (!Number.isFinite(v)) notFinite(v);
    return wrongKind(k.what, v);
  }
  if (typeof v === 'string') {
    if (v.length > 0 && WHOLE.test(v)) {
      if (DECIMAL.test(v) && (k.signed || v[0] !== '-')) {
        const big = BigInt(v);
        if (big >= k.min && big <= k.max) return narrow(big);
      }
      throw new EncodeError(`string "${v}" is out of range for ${k.what}`);
    }
    return wrongKind(k.what, v);
  }
  if (typeof v === 'bigint') {
    if (v >= k.min && v <= k.max) return narrow(v);
    throw new EncodeError(`bigint ${v} is out of range for ${k.what}`);
  }
  return wrongKind(k.what, v);
}

function real(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : notFinite(v);
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  return wrongKind('a number', v);
}

function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97 + 26;
  if (c >= 48 && c <= 57) return c - 48 + 52;
  if (c === 43 || c === 45) return 62; // + -
  if (c === 47 || c === 95) return 63; // / _
  return -1;
}

/** Writes base64 text decoded, with its length prefix; false if it is not base64. */
function base64(text: string): boolean {
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61) length--;
  if (text.length - length > 2 || length % 4 === 1) return false;
  ensure(length + 5);
  const lengthAt = pos++;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < length; i++) {
    const v = sextet(text.charCodeAt(i));
    if (v < 0) {
      pos = lengthAt;
      return false;
    }
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      buf[pos++] = (buffer >> bits) & 0xff;
    }
  }
  closeLength(lengthAt);
  return true;
}

// --- Generated encoders ----------------------------------------------------

interface EnumTable {
  fullName: string;
  byName: Map<string, number>;
  numbers: Set<number>;
  choices: string;
}

const enumTables: EnumTable[] = [];
const enumIndex = new Map<string, number>();

function enumTable(e: DescEnum): number {
  let index = enumIndex.get(e.typeName);
  if (index === undefined) {
    const names = e.values.map((v) => v.name);
    const choices = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
    index = enumTables.length;
    enumTables.push({
      fullName: e.typeName,
      byName: new Map(e.values.map((v) => [v.name, v.number])),
      numbers: new Set(e.values.map((v) => v.number)),
      choices,
    });
    enumIndex.set(e.typeName, index);
  }
  return index;
}

function enumValue(v: unknown, table: number): number {
  const t = enumTables[table];
  let found: number | undefined;
  let shown: string;
  if (typeof v === 'string') {
    found = t.byName.get(v);
    shown = `"${v}"`;
  } else if (typeof v === 'number' || typeof v === 'bigint') {
    shown = String(v);
    const n = Number(v);
    if (Number.isInteger(n) && Math.abs(n) < 1e21 && n >= -2147483648 && n <= 2147483647 && t.numbers.has(n)) found = n;
  } else {
    return wrongKind(`an enum name of ${t.fullName}`, v);
  }
  if (found === undefined) {
    throw new EncodeError(`invalid enum value ${shown} for ${t.fullName} (expected ${t.choices})`);
  }
  return found;
}

interface MessageTable {
  fullName: string;
  fields: Map<string, DescField>;
}
const messageTables: MessageTable[] = [];

function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function unknownField(key: string, table: number): never {
  const t = messageTables[table];
  const guess = t.fields.get(camelToSnake(key));
  const hint = guess !== undefined ? ` (did you mean '${guess.name}'? fields use Mesos's proto names)` : '';
  throw new EncodeError(`unknown field: ${t.fullName} has no field '${key}'${hint}`);
}

const MAX_DEPTH = 100; // protobuf's parser refuses deeper nesting

function tooDeep(): never {
  throw new EncodeError(`nested more than ${MAX_DEPTH} messages deep (protobuf's limit; a circular value?)`);
}

// The writers generated code calls; each writes one tagged value.
const helpers = {
  str(tag: number, v: unknown): void {
    if (typeof v !== 'string') {
      if (isAbsent(v)) return;
      wrongKind('a string', v);
    }
    if (v.length <= 64) shortString(tag, v);
    else longString(tag, v);
  },
  bytes(tag: number, v: unknown): void {
    if (typeof v !== 'string') {
      if (isAbsent(v)) return;
      if (v instanceof Uint8Array) {
        ensure(v.length + 10);
        varint32(tag);
        varint32(v.length);
        buf.set(v, pos);
        pos += v.length;
        return;
      }
      wrongKind('base64 text', v);
    }
    ensure(5);
    const start = pos;
    varint32(tag);
    if (!base64(v)) {
      pos = start;
      throw new EncodeError('invalid base64 for a bytes field');
    }
  },
  bool(tag: number, v: unknown): void {
    if (typeof v !== 'boolean') {
      if (isAbsent(v)) return;
      wrongKind('a boolean', v);
    }
    if (pos + 8 > buf.length) ensure(8);
    const p = tagAt(buf, pos, tag);
    buf[p] = v ? 1 : 0;
    pos = p + 1;
  },
  int(tag: number, v: unknown, kind: 0 | 1 | 2 | 3): void {
    if (typeof v === 'number' && v >= 0 && v < 128 && Number.isInteger(v)) {
      // Small non-negative whole numbers are in range for every kind.
      if (pos + 8 > buf.length) ensure(8);
      const p = tagAt(buf, pos, tag);
      buf[p] = v;
      pos = p + 1;
      return;
    }
    if (isAbsent(v)) return;
    const value = integer(v, kind);
    ensure(16);
    varint32(tag);
    if (typeof value === 'bigint') {
      varint64(value);
    } else if (value >= 0) {
      let u = value; // a safe integer: no BigInt needed
      while (u > 2147483647) {
        buf[pos++] = (u % 128) | 128;
        u = Math.floor(u / 128);
      }
      varint32(u);
    } else {
      varint64(BigInt(value)); // negative: ten bytes, sign-extended
    }
  },
  double(tag: number, v: unknown): void {
    if (isAbsent(v)) return;
    f64[0] = real(v);
    if (pos + 16 > buf.length) ensure(16);
    const b = buf;
    const p = tagAt(b, pos, tag);
    const d = f64Bytes;
    b[p] = d[0];
    b[p + 1] = d[1];
    b[p + 2] = d[2];
    b[p + 3] = d[3];
    b[p + 4] = d[4];
    b[p + 5] = d[5];
    b[p + 6] = d[6];
    b[p + 7] = d[7];
    pos = p + 8;
  },
  float(tag: number, v: unknown): void {
    if (isAbsent(v)) return;
    f32[0] = real(v);
    ensure(10);
    varint32(tag);
    for (let i = 0; i < 4; i++) buf[pos++] = f32Bytes[i];
  },
  smallEnum(tag: number, n: number): void {
    if (pos + 4 > buf.length) ensure(4);
    buf[pos] = tag;
    buf[pos + 1] = n;
    pos += 2;
  },
  enumNumber(tag: number, n: number): void {
    ensure(16);
    varint32(tag);
    varint32(n);
  },
  enumeration(tag: number, v: unknown, table: number): void {
    if (isAbsent(v)) return;
    const value = enumValue(v, table);
    ensure(16);
    varint32(tag);
    if (value >= 0) varint32(value);
    else varint64(BigInt(value));
  },
  // A message value: checks its kind, writes it length-prefixed.
  message(tag: number, v: unknown, encode: (v: object, depth: number) => void, table: number, depth: number): void {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      if (isAbsent(v)) return;
      wrongKind(`an object (${messageTables[table].fullName})`, v);
    }
    if (depth >= MAX_DEPTH) tooDeep();
    if (pos + 8 > buf.length) ensure(8);
    const lengthAt = tagAt(buf, pos, tag);
    pos = lengthAt + 1;
    encode(v, depth + 1);
    const length = pos - lengthAt - 1;
    if (length < 128) buf[lengthAt] = length;
    else closeLength(lengthAt);
  },
  array(v: unknown): unknown[] {
    if (!Array.isArray(v)) wrongKind('an array', v);
    return v;
  },
  mapObject(v: unknown): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) wrongKind('an object (a map)', v);
    return v as Record<string, unknown>;
  },
  nullElement(): never {
    throw new EncodeError('an array element cannot be null');
  },
  nullMapValue(): never {
    throw new EncodeError('a map value cannot be null');
  },
  // Opens a map entry (a message with key = 1, value = 2); returns where its length goes.
  openEntry(tag: number): number {
    ensure(6);
    varint32(tag);
    return pos++;
  },
  closeEntry(lengthAt: number): void {
    closeLength(lengthAt);
  },
  oneofTwice(oneof: string, first: string, second: string): never {
    throw new EncodeError(`only one of the fields of '${oneof}' may be set, got '${first}' and '${second}'`);
  },
  unknownField,
  isField: (key: string, table: number): boolean => messageTables[table].fields.has(key),
  isAbsent,
  addSegment,
  mapKey: (key: string) => new MapKey(key),
};

type Encoder = (v: object, depth: number) => void;

const encoders = new Map<string, Encoder>();

// The call that writes one value of `field` (a scalar, enum or message) held in `value`.
function valueCall(field: DescField, tagOf: (wire: number) => number, value: string, names: (d: DescMessage) => string, depth: string): string {
  if (field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message')) {
    const m = field.message!;
    return `H.message(${tagOf(2)}, ${value}, ${names(m)}, ${tableOf(m)}, ${depth});`;
  }
  if (field.fieldKind === 'enum' || (field.fieldKind === 'list' && field.listKind === 'enum')) {
    return enumCall(tagOf(0), value, field.enum!);
  }
  return scalarCall(field.scalar!, tagOf, value);
}

// Enum names are looked up by a generated switch (cheaper than a Map);
// numbers and bad values go the general way.
let enumsUsed: Set<number> = new Set();

function enumCall(tag: number, value: string, e: DescEnum): string {
  const table = enumTable(e);
  enumsUsed.add(table);
  const small = e.values.every((v) => v.number >= 0 && v.number < 128) && tag < 128;
  const fast = small ? `H.smallEnum(${tag}, n)` : `H.enumNumber(${tag}, n)`;
  return `{ const n = typeof ${value} === 'string' ? n_${table}(${value}) : -1; if (n >= 0) ${fast}; else H.enumeration(${tag}, ${value}, ${table}); }`;
}

function enumFunction(table: number): string {
  const t = enumTables[table];
  const cases = [...t.byName].map(([name, number]) => `case ${JSON.stringify(name)}: return ${number};`).join(' ');
  // Negative values (none in Mesos's protos) take the general path.
  return `function n_${table}(v) { switch (v) { ${cases} } return -1; }`;
}

function scalarCall(scalar: ScalarType, tagOf: (wire: number) => number, value: string): string {
  switch (scalar) {
    case ScalarType.STRING:
      return `H.str(${tagOf(2)}, ${value});`;
    case ScalarType.BYTES:
      return `H.bytes(${tagOf(2)}, ${value});`;
    case ScalarType.BOOL:
      return `H.bool(${tagOf(0)}, ${value});`;
    case ScalarType.DOUBLE:
      return `H.double(${tagOf(1)}, ${value});`;
    case ScalarType.FLOAT:
      return `H.float(${tagOf(5)}, ${value});`;
    case ScalarType.INT32:
      return `H.int(${tagOf(0)}, ${value}, 0);`;
    case ScalarType.INT64:
      return `H.int(${tagOf(0)}, ${value}, 1);`;
    case ScalarType.UINT32:
      return `H.int(${tagOf(0)}, ${value}, 2);`;
    case ScalarType.UINT64:
      return `H.int(${tagOf(0)}, ${value}, 3);`;
    default:
      // Not used by the Mesos protos this package ships (no sint/fixed types).
      throw new Error(`mesos-modules: field type ${ScalarType[scalar]} is not supported`);
  }
}

const tableIndex = new Map<string, number>();
function tableOf(d: DescMessage): number {
  let index = tableIndex.get(d.typeName);
  if (index === undefined) {
    index = messageTables.length;
    messageTables.push({ fullName: d.typeName, fields: new Map(d.fields.map((f) => [f.name, f])) });
    tableIndex.set(d.typeName, index);
  }
  return index;
}

/**
 * Compiles the encoders of `root` and every message type it reaches into one
 * generated scope (so they call each other directly, recursion included).
 */
function compile(root: DescMessage): void {
  const types: DescMessage[] = [];
  const seen = new Set<string>();
  const visit = (d: DescMessage): void => {
    if (seen.has(d.typeName) || encoders.has(d.typeName)) return;
    seen.add(d.typeName);
    types.push(d);
    for (const f of d.fields) {
      if (f.fieldKind === 'message' || (f.fieldKind === 'list' && f.listKind === 'message')) visit(f.message!);
      if (f.fieldKind === 'map' && f.mapKind === 'message') visit(f.message!);
    }
  };
  visit(root);
  enumsUsed = new Set();
  const fnName = (d: DescMessage): string =>
    seen.has(d.typeName) ? `e_${d.typeName.replace(/\./g, '_')}` : `X[${JSON.stringify(d.typeName)}]`;

  const lines: string[] = [];
  for (const d of types) {
    // Declared fields are read directly (monomorphic loads); the keys are
    // only counted, and looked at one by one when the count says some key
    // is not a field (or holds undefined).
    lines.push(`function ${fnName(d)}(v, depth) {`);
    for (let i = 0; i < d.oneofs.length; i++) lines.push(`  let o${i} = null;`);
    lines.push('  let k = null, n = 0, x;');
    lines.push('  try {');
    for (const f of d.fields) {
      const tagOf = (wire: number): number => ((f.number << 3) | wire) >>> 0;
      const name = JSON.stringify(f.name);
      lines.push(`    x = v[${name}];`);
      lines.push(`    if (x !== undefined) { n++; if (x !== null) do { k = ${name};`);
      if (f.oneof !== undefined) {
        const i = d.oneofs.indexOf(f.oneof);
        lines.push('      if (H.isAbsent(x)) break;');
        lines.push(`      if (o${i} !== null) H.oneofTwice(${JSON.stringify(f.oneof.name)}, o${i}, k);`);
        lines.push(`      o${i} = k;`);
      }
      if (f.fieldKind === 'list') {
        lines.push('      if (H.isAbsent(x)) break;');
        lines.push('      const a = H.array(x);');
        lines.push('      let i = 0;');
        lines.push('      try {');
        lines.push('        for (; i < a.length; i++) {');
        lines.push('          const y = a[i];');
        lines.push('          if (H.isAbsent(y)) H.nullElement();');
        lines.push(`          ${valueCall(f, tagOf, 'y', fnName, 'depth')}`);
        lines.push('        }');
        lines.push('      } catch (e) { throw H.addSegment(e, i); }');
      } else if (f.fieldKind === 'map') {
        const keyTag = (wire: number): number => (1 << 3) | wire;
        const valueTag = (wire: number): number => (2 << 3) | wire;
        let valueWrite: string;
        if (f.mapKind === 'message') {
          valueWrite = `H.message(${valueTag(2)}, y, ${fnName(f.message!)}, ${tableOf(f.message!)}, depth + 1);`;
        } else if (f.mapKind === 'enum') {
          valueWrite = enumCall(valueTag(0), 'y', f.enum!);
        } else {
          valueWrite = scalarCall(f.scalar!, valueTag, 'y');
        }
        let keyWrite: string;
        if (f.mapKey === ScalarType.STRING) keyWrite = `H.str(${keyTag(2)}, key);`;
        else if (f.mapKey === ScalarType.BOOL) keyWrite = `H.bool(${keyTag(0)}, key === 'true');`;
        else keyWrite = scalarCall(f.mapKey, keyTag, 'key');
        lines.push('      if (H.isAbsent(x)) break;');
        lines.push('      const m = H.mapObject(x);');
        lines.push('      let key;');
        lines.push('      try {');
        lines.push('        for (key in m) {');
        lines.push('          const y = m[key];');
        lines.push('          if (y === undefined || typeof y === "function" || typeof y === "symbol") continue;');
        lines.push('          if (H.isAbsent(y)) H.nullMapValue();');
        lines.push(`          const at = H.openEntry(${tagOf(2)});`);
        lines.push(`          ${keyWrite}`);
        lines.push(`          ${valueWrite}`);
        lines.push('          H.closeEntry(at);');
        lines.push('        }');
        lines.push('      } catch (e) { throw H.addSegment(e, H.mapKey(key)); }');
      } else {
        lines.push(`      ${valueCall(f, tagOf, 'x', fnName, 'depth')}`);
      }
      lines.push('    } while (false); }');
    }
    lines.push('    k = null;');
    lines.push('    let c = 0;');
    lines.push('    for (const key in v) c++;');
    lines.push(`    if (c !== n) for (const key in v) { k = key; if (!H.isField(key, ${tableOf(d)})) H.unknownField(key, ${tableOf(d)}); }`);
    lines.push('  } catch (e) { throw H.addSegment(e, k); }');
    lines.push('}');
  }
  for (const table of enumsUsed) lines.push(enumFunction(table));
  const exports = types.map((d) => `${JSON.stringify(d.typeName)}: ${fnName(d)}`).join(', ');
  const source = `'use strict';\n${lines.join('\n')}\nreturn { ${exports} };`;
  const made = new Function('H', 'X', source)(helpers, Object.fromEntries(encoders)) as Record<string, Encoder>;
  for (const [name, fn] of Object.entries(made)) encoders.set(name, fn);
}

function encoderOf(d: DescMessage): Encoder {
  let encode = encoders.get(d.typeName);
  if (encode === undefined) {
    compile(d);
    encode = encoders.get(d.typeName)!;
  }
  return encode;
}

// --- Entry points ----------------------------------------------------------

/**
 * Starts a new encoding at the beginning of the shared buffer; a buffer that
 * grew past 1 MiB for one large call is let go.
 */
export function reset(): void {
  pos = 0;
  if (buf.length > 1024 * 1024) buf = new Uint8Array(INITIAL_SIZE);
}

/** The number of bytes written since reset(). */
export function written(): number {
  return pos;
}

/**
 * A writer of `desc` messages: appends `value` as field `number`
 * (length-delimited). Throws EncodeError (path segments under the field).
 * Made once per type and argument, so a call does no lookups.
 */
export function messageWriter(desc: DescMessage): (number: number, value: unknown) => void {
  const encode = encoderOf(desc);
  const table = tableOf(desc);
  return (number, value) => helpers.message(((number << 3) | 2) >>> 0, value, encode, table, 0);
}

/** Appends `text` as field `number` (a string). */
export function writeString(number: number, text: string): void {
  helpers.str(((number << 3) | 2) >>> 0, text);
}

/** Appends one map<string, string> entry as field `number`. */
export function writeStringEntry(number: number, key: string, value: string): void {
  const at = helpers.openEntry(((number << 3) | 2) >>> 0);
  helpers.str((1 << 3) | 2, key);
  helpers.str((2 << 3) | 2, value);
  closeLength(at);
}
