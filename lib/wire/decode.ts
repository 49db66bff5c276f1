// Decodes protobuf binary hook results straight into Mesos's JSON form, the
// form C++ reflection would print: fields in field-number order (C++'s
// ListFields), names as declared, enums as names, bytes as base64, maps as
// objects, 64-bit integers as strings beyond 2^53, NaN and Infinity as
// strings.
//
// Why codegen: a generic, descriptor-walking reader pays for a field lookup, a
// kind switch and a call per field. Like protobufjs, we instead emit one
// specialized function per message type (`new Function`), compiled lazily on
// first use and cached per type name: a `switch` on the whole tag, varints read
// inline with a one-byte fast path, and no allocation beyond the output itself.
// Each generated function keeps the read position in a local; the few
// out-of-line helpers (long varints) hand their new position back through the
// module-level cursor `cur`. Decoding is synchronous, and nothing survives a
// throw except that cursor, which every helper writes before it is read, so an
// error leaves the module usable.

import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';

/** Decodes one message (protobuf binary, bytes[start,end)) into its Mesos JSON form. */
export function decodeMessage(
  desc: DescMessage,
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): Record<string, unknown> {
  checkRange(bytes, start, end);
  return entryFor(desc).fn(bytes, start, end);
}

/** Decodes a list: the bytes hold field 1 (wire type 2) repeated, each a `desc` message. Returns the messages in order. */
export function decodeList(
  desc: DescMessage,
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): Record<string, unknown>[] {
  checkRange(bytes, start, end);
  const entry = entryFor(desc);
  const out: Record<string, unknown>[] = [];
  let pos = start;
  while (pos < end) {
    let tag = bytes[pos++];
    if (tag > 127) {
      tag = varint32(bytes, pos - 1, end);
      pos = cur.pos;
    }
    if (tag !== 10) {
      pos = skip(bytes, pos, end, tag);
      continue;
    }
    let len = bytes[pos++];
    if (len > 127 || pos > end) {
      len = varint32(bytes, pos - 1, end);
      pos = cur.pos;
    }
    if (len > end - pos) throw malformed('length-delimited field runs past the end');
    out.push(entry.fn(bytes, pos, pos + len));
    pos += len;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Runtime helpers shared by every generated decoder
// ---------------------------------------------------------------------------

type Decoder = (buf: Uint8Array, pos: number, end: number) => Record<string, unknown>;

/** Position after an out-of-line read (generated code copies it back into its local). */
const cur = { pos: 0 };

function malformed(what: string): Error {
  return new Error(`malformed protobuf result: ${what}`);
}

function checkRange(bytes: Uint8Array, start: number, end: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= bytes.length)) {
    throw new RangeError(`bad byte range [${start}, ${end}) for a buffer of ${bytes.length} bytes`);
  }
}

/** Varint at `p` truncated to its low 32 bits, unsigned (tags, lengths, uint32; `|0` gives int32). */
function varint32(buf: Uint8Array, p: number, end: number): number {
  let v = 0;
  for (let i = 0; i < 10; i++) {
    if (p >= end) throw malformed('truncated varint');
    const b = buf[p++];
    if (i < 5) v |= (b & 0x7f) << (7 * i);
    if (b < 128) {
      cur.pos = p;
      return v >>> 0;
    }
  }
  throw malformed('varint longer than 10 bytes');
}

/** A bool's varint: any non-zero value (of up to 10 bytes) is true. */
function varintBool(buf: Uint8Array, p: number, end: number): boolean {
  let any = 0;
  for (let i = 0; i < 10; i++) {
    if (p >= end) throw malformed('truncated varint');
    const b = buf[p++];
    any |= b & 0x7f;
    if (b < 128) {
      cur.pos = p;
      return any !== 0;
    }
  }
  throw malformed('varint longer than 10 bytes');
}

const U64 = 0;
const S64 = 1;
const Z64 = 2;

/** 64-bit varint at `p`: U64 unsigned, S64 two's complement, Z64 zigzag. Number when safe, else decimal string. */
function varint64(buf: Uint8Array, p: number, end: number, kind: number): number | string {
  let lo = 0;
  let hi = 0;
  let i = 0;
  for (;; i++) {
    if (i === 10) throw malformed('varint longer than 10 bytes');
    if (p >= end) throw malformed('truncated varint');
    const b = buf[p++];
    if (i < 4) {
      lo |= (b & 0x7f) << (7 * i);
    } else if (i === 4) {
      lo |= (b & 0x7f) << 28;
      hi |= (b & 0x7f) >>> 4;
    } else {
      hi |= (b & 0x7f) << (7 * i - 32);
    }
    if (b < 128) break;
  }
  cur.pos = p;
  if (kind === Z64) {
    const negative = lo & 1;
    lo = (lo >>> 1) | (hi << 31);
    hi = hi >>> 1;
    if (negative) {
      lo = ~lo;
      hi = ~hi;
    }
    return int64(lo, hi, true);
  }
  return int64(lo, hi, kind === S64);
}

/** The 64-bit integer hi:lo (each taken as 32 bits) as a JS number when |v| <= 2^53-1, else its decimal text. */
function int64(lo: number, hi: number, signed: boolean): number | string {
  lo >>>= 0;
  hi >>>= 0;
  if (hi < 0x200000) return hi * 4294967296 + lo;
  if (signed && hi >= 0x80000000) {
    // Negative: the magnitude is the two's complement.
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    if (nhi < 0x200000) return -(nhi * 4294967296 + nlo);
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
  }
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

function fixed64(buf: Uint8Array, p: number, signed: boolean): number | string {
  const lo = buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24);
  const hi = buf[p + 4] | (buf[p + 5] << 8) | (buf[p + 6] << 16) | (buf[p + 7] << 24);
  return int64(lo, hi, signed);
}

// One scratch buffer for floating point (no DataView per read).
const scratch = new ArrayBuffer(8);
const scratchBytes = new Uint8Array(scratch);
const scratchF64 = new Float64Array(scratch);
const scratchF32 = new Float32Array(scratch, 0, 1);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Non-finite values go as strings, as the JSON printer wrote them. */
function nonFinite(d: number): string {
  return d !== d ? 'NaN' : d > 0 ? 'Infinity' : '-Infinity';
}

function readDouble(buf: Uint8Array, p: number): number | string {
  if (littleEndian) {
    for (let i = 0; i < 8; i++) scratchBytes[i] = buf[p + i];
  } else {
    for (let i = 0; i < 8; i++) scratchBytes[7 - i] = buf[p + i];
  }
  const d = scratchF64[0];
  return d - d === 0 ? d : nonFinite(d);
}

function readFloat(buf: Uint8Array, p: number): number | string {
  if (littleEndian) {
    for (let i = 0; i < 4; i++) scratchBytes[i] = buf[p + i];
  } else {
    for (let i = 0; i < 4; i++) scratchBytes[3 - i] = buf[p + i];
  }
  const f = scratchF32[0];
  if (f - f !== 0) return nonFinite(f);
  // The printer went through "%.9g"; whole numbers below 1e9 (and -0) read back unchanged.
  if (f === Math.trunc(f) && f < 1e9 && f > -1e9) return f;
  return Number(f.toPrecision(9));
}

// `ignoreBOM` keeps a leading U+FEFF as the C++ string did; invalid UTF-8 becomes U+FFFD.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function readString(buf: Uint8Array, p: number, e: number): string {
  if (e - p >= 64) return utf8.decode(buf.subarray(p, e));
  // Short ASCII: 8 (then 4, then 1) characters per fromCharCode call; about
  // twice as fast as one character at a time, and the result has fewer pieces.
  let s = '';
  let i = p;
  for (; i + 8 <= e; i += 8) {
    const c0 = buf[i], c1 = buf[i + 1], c2 = buf[i + 2], c3 = buf[i + 3];
    const c4 = buf[i + 4], c5 = buf[i + 5], c6 = buf[i + 6], c7 = buf[i + 7];
    if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) > 127) return utf8.decode(buf.subarray(p, e));
    s += String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7);
  }
  if (i + 4 <= e) {
    const c0 = buf[i], c1 = buf[i + 1], c2 = buf[i + 2], c3 = buf[i + 3];
    if ((c0 | c1 | c2 | c3) > 127) return utf8.decode(buf.subarray(p, e));
    s += String.fromCharCode(c0, c1, c2, c3);
    i += 4;
  }
  for (; i < e; i++) {
    const c = buf[i];
    if (c > 127) return utf8.decode(buf.subarray(p, e));
    s += String.fromCharCode(c);
  }
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding. */
function readBase64(buf: Uint8Array, p: number, e: number): string {
  if (e - p > 48) return Buffer.from(buf.buffer, buf.byteOffset + p, e - p).toString('base64');
  let s = '';
  for (; p + 2 < e; p += 3) {
    const n = (buf[p] << 16) | (buf[p + 1] << 8) | buf[p + 2];
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (p + 1 === e) {
    const n = buf[p];
    s += B64[n >> 2] + B64[(n & 3) << 4] + '==';
  } else if (p + 2 === e) {
    const n = (buf[p] << 8) | buf[p + 1];
    s += B64[n >> 10] + B64[(n >> 4) & 63] + B64[(n & 15) << 2] + '=';
  }
  return s;
}

/** Skips an unknown field whose tag was just read; returns the position after it. */
function skip(buf: Uint8Array, pos: number, end: number, tag: number): number {
  if (tag < 8) throw malformed('field number 0');
  switch (tag & 7) {
    case 0:
      for (;;) {
        if (pos >= end) throw malformed('truncated varint');
        if (buf[pos++] < 128) return pos;
      }
    case 1:
      if (end - pos < 8) throw malformed('truncated 64-bit field');
      return pos + 8;
    case 2: {
      const len = varint32(buf, pos, end);
      pos = cur.pos;
      if (len > end - pos) throw malformed('length-delimited field runs past the end');
      return pos + len;
    }
    case 5:
      if (end - pos < 4) throw malformed('truncated 32-bit field');
      return pos + 4;
    case 3:
    case 4:
      throw malformed(`group (wire type ${tag & 7}) in field ${Math.floor(tag / 8)} is not supported`);
    default:
      throw malformed(`invalid wire type ${tag & 7} in field ${Math.floor(tag / 8)}`);
  }
}

/** Map keys are object keys: `__proto__` must become an own property, as JSON.parse makes it. */
function setKey(m: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(m, k, { value: v, writable: true, enumerable: true, configurable: true });
}

// ---------------------------------------------------------------------------
// Code generation
// ---------------------------------------------------------------------------

/** A type's decoder slot: `fn` starts as a stub that compiles the real decoder and replaces itself. */
interface Entry {
  fn: Decoder;
}

const entries = new Map<string, Entry>();

function entryFor(desc: DescMessage): Entry {
  let entry = entries.get(desc.typeName);
  if (entry === undefined) {
    const e: Entry = {
      fn(buf, pos, end) {
        e.fn = compile(desc);
        return e.fn(buf, pos, end);
      },
    };
    entries.set(desc.typeName, e);
    entry = e;
  }
  return entry;
}

/** Enum number → value name; the first declared value wins for aliases, as FindValueByNumber does. */
function enumTable(e: DescEnum): unknown[] | Record<number, string> {
  const dense = e.values.every((v) => v.number >= 0 && v.number < 1024);
  const table: unknown[] | Record<number, string> = dense
    ? new Array(Math.max(...e.values.map((v) => v.number)) + 1).fill(undefined)
    : Object.create(null);
  for (let i = e.values.length - 1; i >= 0; i--) {
    const v = e.values[i];
    (table as Record<number, string>)[v.number] = v.name;
  }
  return table;
}

/** Names and values handed to one generated factory (`new Function(...names)(...values)`). */
class Scope {
  readonly names: string[] = [];
  readonly values: unknown[] = [];
  private readonly ids = new Map<unknown, string>();
  add(prefix: string, value: unknown, key: unknown = value): string {
    let name = this.ids.get(key);
    if (name === undefined) {
      name = `${prefix}${this.names.length}`;
      this.names.push(name);
      this.values.push(value);
      this.ids.set(key, name);
    }
    return name;
  }
}

const HELPERS = {
  C: cur,
  V32: varint32,
  VB: varintBool,
  V64: varint64,
  FX64: fixed64,
  RD: readDouble,
  RF: readFloat,
  RS: readString,
  RB: readBase64,
  SK: skip,
  SET: setKey,
  M: malformed,
};

const WT_VARINT = 0;
const WT_64 = 1;
const WT_LEN = 2;
const WT_32 = 5;

function wireType(scalar: ScalarType): number {
  switch (scalar) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WT_64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WT_32;
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WT_LEN;
    default:
      return WT_VARINT;
  }
}

/** Code reading a varint's low 32 bits (unsigned) into `dst`, bounded by `lim`. */
function readVarint32(dst: string, lim: string): string {
  return `${dst}=buf[pos++];if(${dst}>127||pos>${lim}){${dst}=V32(buf,pos-1,${lim});pos=C.pos;}`;
}

/** Code reading a length prefix into `len` and checking it against `lim`. */
function readLength(lim: string): string {
  return `${readVarint32('len', lim)}if(len>${lim}-pos)throw M("length-delimited field runs past the end");`;
}

/** Code reading one scalar of type `t` into `v` (position `pos`, bound `lim`). */
function readScalar(t: ScalarType, lim: string): string {
  const fixed = (n: number) => `if(${lim}-pos<${n})throw M("truncated ${n * 8}-bit field");`;
  switch (t) {
    case ScalarType.STRING:
      return `${readLength(lim)}v=RS(buf,pos,pos+len);pos+=len;`;
    case ScalarType.BYTES:
      return `${readLength(lim)}v=RB(buf,pos,pos+len);pos+=len;`;
    case ScalarType.BOOL:
      return `v=buf[pos++];if(v>127||pos>${lim}){v=VB(buf,pos-1,${lim});pos=C.pos;}else v=v!==0;`;
    case ScalarType.INT32:
      return `${readVarint32('v', lim)}v|=0;`;
    case ScalarType.UINT32:
      return readVarint32('v', lim);
    case ScalarType.SINT32:
      return `${readVarint32('v', lim)}v=(v>>>1)^-(v&1);`;
    case ScalarType.INT64:
    case ScalarType.UINT64:
      // One byte: 0..127 either way.
      return `v=buf[pos++];if(v>127||pos>${lim}){v=V64(buf,pos-1,${lim},${t === ScalarType.INT64 ? S64 : U64});pos=C.pos;}`;
    case ScalarType.SINT64:
      return `v=buf[pos++];if(v>127||pos>${lim}){v=V64(buf,pos-1,${lim},${Z64});pos=C.pos;}else v=(v>>>1)^-(v&1);`;
    case ScalarType.FIXED32:
      return `${fixed(4)}v=(buf[pos]|buf[pos+1]<<8|buf[pos+2]<<16|buf[pos+3]<<24)>>>0;pos+=4;`;
    case ScalarType.SFIXED32:
      return `${fixed(4)}v=buf[pos]|buf[pos+1]<<8|buf[pos+2]<<16|buf[pos+3]<<24;pos+=4;`;
    case ScalarType.FIXED64:
      return `${fixed(8)}v=FX64(buf,pos,false);pos+=8;`;
    case ScalarType.SFIXED64:
      return `${fixed(8)}v=FX64(buf,pos,true);pos+=8;`;
    case ScalarType.DOUBLE:
      return `${fixed(8)}v=RD(buf,pos);pos+=8;`;
    case ScalarType.FLOAT:
      return `${fixed(4)}v=RF(buf,pos);pos+=4;`;
  }
  throw new Error(`unsupported scalar type ${String(t)}`);
}

/** A proto2 zero value as a JS literal (map entries missing their key or value). */
function zeroLiteral(t: ScalarType): string {
  switch (t) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return '""';
    case ScalarType.BOOL:
      return 'false';
    default:
      return '0';
  }
}

/** `case` clauses for one field, assigning into `o[name]`. */
function fieldCases(field: DescField, scope: Scope): string {
  const key = `o[${JSON.stringify(field.name)}]`;
  const tag = (wt: number) => `case ${field.number * 8 + wt}:`;
  const message = (m: DescMessage) => `${readLength('end')}v=${scope.add('T', entryFor(m), m.typeName)}.fn(buf,pos,pos+len);pos+=len;`;
  switch (field.fieldKind) {
    case 'scalar':
      return `${tag(wireType(field.scalar))}{${readScalar(field.scalar, 'end')}${key}=v;break;}`;
    case 'enum': {
      const table = scope.add('E', enumTable(field.enum), field.enum);
      return `${tag(WT_VARINT)}{${readScalar(ScalarType.INT32, 'end')}v=${table}[v];if(v!==undefined)${key}=v;break;}`;
    }
    case 'message':
      if (field.delimitedEncoding) return ''; // groups: skipped (and refused) as unknown
      return `${tag(WT_LEN)}{${message(field.message)}${key}=v;break;}`;
    case 'list': {
      const push = `(${key}||(${key}=[])).push(v);`;
      if (field.listKind === 'message') {
        if (field.delimitedEncoding) return '';
        return `${tag(WT_LEN)}{${message(field.message)}${push}break;}`;
      }
      const scalar = field.listKind === 'enum' ? ScalarType.INT32 : field.scalar;
      const wt = field.listKind === 'enum' ? WT_VARINT : wireType(scalar);
      const lookup =
        field.listKind === 'enum'
          ? `v=${scope.add('E', enumTable(field.enum), field.enum)}[v];if(v!==undefined)${push}`
          : push;
      const one = `${tag(wt)}{${readScalar(scalar, 'end')}${lookup}break;}`;
      if (wt === WT_LEN) return one; // strings and bytes are never packed
      // Packed: any repeated number may arrive either way.
      return `${one}${tag(WT_LEN)}{${readLength('end')}lim=pos+len;while(pos<lim){${readScalar(scalar, 'lim')}${lookup}}break;}`;
    }
    case 'map': {
      const entry = scope.add('P', compileMapEntry(field), field);
      return `${tag(WT_LEN)}{${readLength('end')}${entry}(buf,pos,pos+len,o);pos+=len;break;}`;
    }
  }
}

/** Function body of the field-decoding loop, `o` being the output object. */
function loop(cases: string): string {
  return (
    `while(pos<end){tag=buf[pos++];if(tag>127){tag=V32(buf,pos-1,end);pos=C.pos;}` +
    `switch(tag){${cases}default:pos=SK(buf,pos,end,tag);}}`
  );
}

function build(scope: Scope, name: string, params: string, body: string): unknown {
  const names = [...Object.keys(HELPERS), ...scope.names];
  const values = [...Object.values(HELPERS), ...scope.values];
  const source = `"use strict";return function ${name}(${params}){${body}};`;
  return new Function(...names, source)(...values);
}

function compile(desc: DescMessage): Decoder {
  const scope = new Scope();
  const cases = desc.fields.map((f) => fieldCases(f, scope)).join('');
  const body = `var o={},tag=0,len=0,lim=0,v;${loop(cases)}return o;`;
  return build(scope, `decode_${desc.typeName.replace(/\W/g, '_')}`, 'buf,pos,end', body) as Decoder;
}

/**
 * A map entry's decoder: reads key (1) and value (2), a missing one taking its
 * zero value, and sets `o[name][key]`. An entry whose enum value is unknown is
 * dropped, as the C++ parser keeps it as an unknown field.
 */
function compileMapEntry(field: DescField & { fieldKind: 'map' }): unknown {
  const scope = new Scope();
  const obj = `o[${JSON.stringify(field.name)}]`;
  let cases = `case ${8 + wireType(field.mapKey)}:{${readScalar(field.mapKey, 'end')}k=v;break;}`;
  let init: string;
  let finish = '';
  switch (field.mapKind) {
    case 'scalar':
      init = zeroLiteral(field.scalar);
      cases += `case ${16 + wireType(field.scalar)}:{${readScalar(field.scalar, 'end')}x=v;break;}`;
      break;
    case 'enum': {
      const table = scope.add('E', enumTable(field.enum), field.enum);
      init = String(field.enum.values[0].number);
      cases += `case 16:{${readScalar(ScalarType.INT32, 'end')}x=v;break;}`;
      finish = `x=${table}[x];if(x===undefined)return;`;
      break;
    }
    case 'message': {
      const entry = scope.add('T', entryFor(field.message), field.message.typeName);
      init = 'undefined';
      cases += `case 18:{${readLength('end')}x=${entry}.fn(buf,pos,pos+len);pos+=len;break;}`;
      finish = 'if(x===undefined)x={};';
      break;
    }
  }
  const body =
    `var k=${zeroLiteral(field.mapKey)},x=${init},tag=0,len=0,v;${loop(cases)}${finish}` +
    `var m=${obj}||(${obj}={});if(k==="__proto__")SET(m,k,x);else m[k]=x;`;
  return build(scope, `entry_${field.name}`, 'buf,pos,end,o', body);
}
