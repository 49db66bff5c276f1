// Modules manifests (agent-modules.json) read as the agent reads --modules and
// each --modules_dir file. Mirrors stout's flags::fetch, flags::parse<JSON::Object>,
// JSON::parse (picojson 1.3.0) and protobuf::parse<Modules> (3rdparty/stout).

import { readdirSync, readFileSync } from 'node:fs';

import { ManifestError, ManifestLintError } from './errors.js';
import { suggest as suggestName } from './suggest.js';

/** One module parameter (mesos.Parameter). */
export interface Parameter {
  key: string;
  value: string;
}

/** mesos.Modules.Library.Module: a module symbol and its parameters. */
export interface ManifestModule {
  name?: string;
  parameters?: Parameter[];
}

/** mesos.Modules.Library: a library by `file` (path) or `name` (lib<name>.so). */
export interface ManifestLibrary {
  file?: string;
  name?: string;
  modules?: ManifestModule[];
}

/** mesos.Modules: the manifest as Mesos holds it after parsing. */
export interface Modules {
  libraries?: ManifestLibrary[];
}

/**
 * What `ModuleManager.load` accepts: a manifest object, JSON text, a
 * `file://` URI, an absolute path (deprecated in Mesos, still accepted), or
 * bytes (a `Buffer` or `Uint8Array`, e.g. from `readFileSync`) read as JSON
 * text.
 */
export type ManifestSource = Modules | string | Uint8Array;

/** A key the agent accepts without error but does not use. */
export interface ManifestLintIssue {
  /** Where it is in the JSON document, e.g. `libraries[0].modules[0].paramters`. */
  path: string;
  /**
   * `unknown`: no such field; `null`: a null value, left unset; `shadowed`:
   * `name` next to `file`. Only from {@link lintManifest}, which lists rather
   * than throws: `invalid`, a value the agent refuses; `missing`, a required
   * field left unset.
   */
  reason: 'unknown' | 'null' | 'shadowed' | 'invalid' | 'missing';
  /** A field name the key was probably meant to be. */
  suggestion?: string;
  /** The manifest file it is in, if any. */
  file?: string;
  /** One line for people. */
  message: string;
}

/** A parsed manifest and where it came from. */
export interface ParsedManifest {
  modules: Modules;
  /** The file it was read from, if any. */
  file?: string;
  /** Mesos's deprecation warning, when a bare path was given. */
  warnings: string[];
  /** Every key the agent would silently ignore (see {@link lintManifest}). */
  lint: ManifestLintIssue[];
}

// ES2024's String methods (Node 20 has them).
declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

// ---------------------------------------------------------------------------
// stout's JSON::parse: picojson 1.3.0 with stout's depth limit (200) and checks.

/** A parsed JSON object: own keys only, no prototype. */
type JsonObject = Record<string, unknown>;

class JsonFail extends Error {}
class OutOfRange extends Error {}

/** picojson's input: bytes, one character of push-back, a line counter. */
class Input {
  cur = 0;
  #last = -1;
  #ungot = false;
  line = 1;
  constructor(readonly bytes: Uint8Array) {}

  getc(): number {
    if (this.#ungot) {
      this.#ungot = false;
      return this.#last;
    }
    if (this.cur === this.bytes.length) {
      this.#last = -1;
      return -1;
    }
    if (this.#last === 0x0a) this.line++;
    this.#last = this.bytes[this.cur++];
    return this.#last;
  }

  ungetc(): void {
    if (this.#last !== -1) this.#ungot = true;
  }

  skipWs(): void {
    for (;;) {
      const ch = this.getc();
      if (!(ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d)) {
        this.ungetc();
        return;
      }
    }
  }

  expect(ch: number): boolean {
    this.skipWs();
    if (this.getc() !== ch) {
      this.ungetc();
      return false;
    }
    return true;
  }

  match(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      if (this.getc() !== text.charCodeAt(i)) {
        this.ungetc();
        return false;
      }
    }
    return true;
  }
}

const MAX_DEPTH = 200;

function quadHex(input: Input): number {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    let hex = input.getc();
    if (hex === -1) return -1;
    if (hex >= 0x30 && hex <= 0x39) hex -= 0x30;
    else if (hex >= 0x41 && hex <= 0x46) hex -= 0x41 - 10;
    else if (hex >= 0x61 && hex <= 0x66) hex -= 0x61 - 10;
    else {
      input.ungetc();
      return -1;
    }
    value = value * 16 + hex;
  }
  return value;
}

function pushUtf8(out: number[], code: number): void {
  if (code < 0x80) out.push(code);
  else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
}

function parseString(input: Input): string {
  const out: number[] = [];
  for (;;) {
    let ch = input.getc();
    if (ch < 0x20) {
      input.ungetc();
      throw new JsonFail();
    }
    if (ch === 0x22) return Buffer.from(out).toString('utf8');
    if (ch !== 0x5c) {
      out.push(ch);
      continue;
    }
    ch = input.getc();
    switch (ch) {
      case 0x22: out.push(0x22); break;
      case 0x5c: out.push(0x5c); break;
      case 0x2f: out.push(0x2f); break;
      case 0x62: out.push(0x08); break;
      case 0x66: out.push(0x0c); break;
      case 0x6e: out.push(0x0a); break;
      case 0x72: out.push(0x0d); break;
      case 0x74: out.push(0x09); break;
      case 0x75: {
        let code = quadHex(input);
        if (code === -1) throw new JsonFail();
        if (code >= 0xd800 && code <= 0xdfff) {
          if (code >= 0xdc00) throw new JsonFail();
          if (input.getc() !== 0x5c || input.getc() !== 0x75) {
            input.ungetc();
            throw new JsonFail();
          }
          const second = quadHex(input);
          if (!(second >= 0xdc00 && second <= 0xdfff)) throw new JsonFail();
          code = (((code - 0xd800) << 10) | ((second - 0xdc00) & 0x3ff)) + 0x10000;
        }
        pushUtf8(out, code);
        break;
      }
      default:
        throw new JsonFail();
    }
  }
}

// strtoimax / strtod over picojson's number characters, consuming all of them.
const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

function parseNumber(input: Input): number {
  let text = '';
  for (;;) {
    const ch = input.getc();
    if ((ch >= 0x30 && ch <= 0x39) || ch === 0x2b || ch === 0x2d || ch === 0x65 || ch === 0x45 || ch === 0x2e) {
      text += String.fromCharCode(ch);
    } else {
      input.ungetc();
      break;
    }
  }
  if (text === '') throw new JsonFail();
  if (INTEGER.test(text)) {
    const big = BigInt(text);
    if (big >= -(2n ** 63n) && big < 2n ** 63n) return Number(big);
  }
  if (!DECIMAL.test(text)) throw new JsonFail();
  const value = Number(text);
  // picojson::value(double) throws std::overflow_error on inf/nan.
  if (!Number.isFinite(value)) throw new OutOfRange();
  return value;
}

function parseValue(input: Input, depth: number): unknown {
  input.skipWs();
  const ch = input.getc();
  switch (ch) {
    case 0x6e: // n
      if (input.match('ull')) return null;
      throw new JsonFail();
    case 0x66: // f
      if (input.match('alse')) return false;
      throw new JsonFail();
    case 0x74: // t
      if (input.match('rue')) return true;
      throw new JsonFail();
    case 0x22:
      return parseString(input);
    case 0x5b: {
      if (depth <= 0) throw new JsonFail();
      const array: unknown[] = [];
      if (input.expect(0x5d)) return array;
      do {
        array.push(parseValue(input, depth - 1));
      } while (input.expect(0x2c));
      if (!input.expect(0x5d)) throw new JsonFail();
      return array;
    }
    case 0x7b: {
      if (depth <= 0) throw new JsonFail();
      const object: JsonObject = Object.create(null) as JsonObject;
      if (input.expect(0x7d)) return object;
      do {
        if (!input.expect(0x22)) throw new JsonFail();
        const key = parseString(input);
        if (!input.expect(0x3a)) throw new JsonFail();
        object[key] = parseValue(input, depth - 1); // The last duplicate wins.
      } while (input.expect(0x2c));
      if (!input.expect(0x7d)) throw new JsonFail();
      return object;
    }
    default:
      if ((ch >= 0x30 && ch <= 0x39) || ch === 0x2d) {
        input.ungetc();
        return parseNumber(input);
      }
  }
  input.ungetc();
  throw new JsonFail();
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

// The fast path: V8's JSON.parse, used only when a walk of its result proves
// the text lies where picojson (with stout's checks) gives the same value:
// an object at the top, nesting within stout's depth limit, every number
// finite (picojson refuses overflow) and every string well formed (picojson
// refuses an unpaired \u surrogate escape). Text JSON.parse refuses, and
// text outside that subset, goes to the picojson-style parser, which also
// gives Mesos's exact error text. The test suite checks both agree.

/** Whether `value` (from JSON.parse) is what picojson would have made of the same text. */
function inCommonSubset(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth <= 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!inCommonSubset(value[i], depth - 1)) return false;
    return true;
  }
  for (const key in value) {
    if (!key.isWellFormed() || !inCommonSubset((value as JsonObject)[key], depth - 1)) return false;
  }
  return true;
}

/** JSON.parse's object when it is provably picojson's too; undefined otherwise. */
function fastParse(text: string): JsonObject | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return inCommonSubset(value, MAX_DEPTH) ? (value as JsonObject) : undefined;
}

/** stout's JSON::parse<JSON::Object>: the object, or Mesos's error text. */
export function parseJsonObject(text: string | Uint8Array): JsonObject {
  // Bytes become text as picojson's strings do (invalid UTF-8 as U+FFFD).
  const fast = fastParse(typeof text === 'string' ? text.toWellFormed() : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'));
  if (fast !== undefined) return fast;
  return parseJsonObjectSlowly(text);
}

/** stout's JSON::parse<JSON::Object> by a picojson-style parser (exported for the differential test). */
export function parseJsonObjectSlowly(text: string | Uint8Array): JsonObject {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const input = new Input(bytes);
  let value: unknown;
  try {
    value = parseValue(input, MAX_DEPTH);
  } catch (error) {
    if (error instanceof OutOfRange) throw new ManifestError('Value out of range');
    if (!(error instanceof JsonFail)) throw error;
    const rest: number[] = [];
    for (;;) {
      const ch = input.getc();
      if (ch === -1 || ch === 0x0a) break;
      if (ch >= 0x20) rest.push(ch);
    }
    throw new ManifestError(`syntax error at line ${input.line} near: ${Buffer.from(rest).toString('utf8')}`);
  }
  let last = bytes.length - 1;
  while (last >= 0 && isWhitespace(bytes[last])) last--;
  if (input.cur !== last + 1) {
    // std::string::substr with an unsigned length: a "negative" one takes the rest.
    const end = last + 1 > input.cur ? last + 1 : bytes.length;
    const garbage = Buffer.from(bytes.subarray(input.cur, end)).toString('utf8');
    throw new ManifestError(`Parsed JSON included non-whitespace trailing characters: ${garbage}`);
  }
  if (jsonType(value) !== 'object') throw new ManifestError('Unexpected JSON type parsed');
  return value as JsonObject;
}

// ---------------------------------------------------------------------------
// stout's protobuf::parse<Modules>: the Modules descriptor, in field-number order.

interface Field {
  kind: 'string' | 'message';
  repeated: boolean;
  required: boolean;
  message?: Schema;
}
type Schema = Record<string, Field>;

const parameterSchema: Schema = {
  key: { kind: 'string', repeated: false, required: true },
  value: { kind: 'string', repeated: false, required: true },
};
const moduleSchema: Schema = {
  name: { kind: 'string', repeated: false, required: false },
  parameters: { kind: 'message', repeated: true, required: false, message: parameterSchema },
};
const librarySchema: Schema = {
  file: { kind: 'string', repeated: false, required: false },
  name: { kind: 'string', repeated: false, required: false },
  modules: { kind: 'message', repeated: true, required: false, message: moduleSchema },
};
const modulesSchema: Schema = {
  libraries: { kind: 'message', repeated: true, required: false, message: librarySchema },
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Byte-wise (UTF-8) order, like std::map<std::string, …>. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function suggest(key: string, schema: Schema): string | undefined {
  return suggestName(key, Object.keys(schema));
}

interface WalkContext {
  lint: ManifestLintIssue[];
  /** Lint mode: a value the agent refuses is listed, not thrown. */
  lenient: boolean;
  /** Where the walk is: keys and array indexes, outermost first (made into a path only for an issue). */
  segments: Array<string | number>;
  /** The objects and arrays being walked, outermost first (JSON nesting; a cycle never ends). */
  open: object[];
}

/** The JSON path of the walk's position, e.g. `libraries[0].modules[1].name`. */
function pathOf(context: WalkContext, segments: ReadonlyArray<string | number> = context.segments): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

function notExpecting(type: string, key: string): ManifestError {
  return new ManifestError(`Not expecting a JSON ${type} for field '${key}'`);
}

/** A value the agent refuses: thrown, or in lint mode listed. */
function refuse(context: WalkContext, error: ManifestError): void {
  if (!context.lenient) throw error;
  const path = pathOf(context);
  context.lint.push({ path, reason: 'invalid', message: `${path}: ${error.message}` });
}

/** What a JS value that JSON has no form for is called in errors. */
function jsKind(value: object): string {
  if (value instanceof Uint8Array) return 'a byte array';
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name !== 'string' || name === '' || name === 'Object') return 'an object with a prototype';
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** Whether a JS object is JSON's kind of object: a plain object (or one with no prototype). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Enters an object or array: nesting deeper than stout's JSON depth limit,
 * which JSON text cannot express, is refused, and named a cycle when a value
 * contains itself (only a JS manifest can; a cycle is nesting without end).
 */
function enter(value: object, context: WalkContext): void {
  if (context.open.length >= MAX_DEPTH) {
    // The k-th open value sits at the first k path segments; a cycle is named
    // where a value first appears inside itself.
    const seen = new Set<object>();
    const open = [...context.open, value];
    const repeat = open.findIndex((entered) => seen.size === seen.add(entered).size);
    if (repeat !== -1) {
      const where = pathOf(context, context.segments.slice(0, repeat)) || 'the manifest';
      throw new ManifestError(`${where}: a cycle (the value contains itself), which JSON cannot express`);
    }
    throw new ManifestError(`${pathOf(context) || 'the manifest'}: nested more than ${MAX_DEPTH} deep (stout's JSON limit)`);
  }
  context.open.push(value);
}

function isAscii(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Sorts keys byte-wise (UTF-8); ASCII keys, the usual case, compare as JS strings do. */
function sortedKeys(object: JsonObject): string[] {
  const keys = Object.keys(object);
  if (keys.length < 2) return keys;
  for (const key of keys) if (!isAscii(key)) return keys.sort(byteOrder);
  if (keys.length === 2) {
    if (keys[0] > keys[1]) keys.reverse();
    return keys;
  }
  return keys.sort();
}

/** protobuf::internal::parse(message, object): each key in sorted order. */
function parseMessage(object: JsonObject, schema: Schema, out: Record<string, unknown>, context: WalkContext): void {
  enter(object, context);
  const segments = context.segments;
  for (const key of sortedKeys(object)) {
    const value = object[key];
    if (value === undefined) continue; // A JS object's absent key.
    segments.push(key);
    const field = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    if (field === undefined) {
      const here = pathOf(context);
      const suggestion = suggest(key, schema);
      context.lint.push({
        path: here,
        reason: 'unknown',
        suggestion,
        message:
          `${here}: unknown key, ignored by the agent` + (suggestion !== undefined ? ` (did you mean '${suggestion}'?)` : ''),
      });
    } else {
      applyField(value, field, key, out, context);
    }
    segments.pop();
  }
  context.open.pop();
}

/** stout's Parser visitor: one JSON value applied to one field. */
function applyField(value: unknown, field: Field, key: string, out: Record<string, unknown>, context: WalkContext): void {
  if (typeof value === 'string') {
    if (field.kind !== 'string') return refuse(context, notExpecting('string', key));
    if (field.repeated) ((out[key] ??= []) as unknown[]).push(value);
    else out[key] = value;
    return;
  }
  const type = jsonType(value);
  switch (type) {
    case 'undefined': // A JS array's hole: JSON.stringify would make it null.
      return;
    case 'null': {
      const path = pathOf(context);
      context.lint.push({ path, reason: 'null', message: `${path}: null, which the agent treats as unset` });
      return;
    }
    case 'array': {
      if (!field.repeated) return refuse(context, notExpecting('array', key));
      const array = value as unknown[];
      enter(array, context);
      for (let i = 0; i < array.length; i++) {
        context.segments.push(i);
        applyField(array[i], field, key, out, context);
        context.segments.pop();
      }
      context.open.pop();
      return;
    }
    case 'object': {
      if (!isPlainObject(value as object)) {
        throw new ManifestError(`${pathOf(context)}: ${jsKind(value as object)} is not a JSON value (field '${key}')`);
      }
      if (field.kind !== 'message') return refuse(context, notExpecting('object', key));
      let target: Record<string, unknown>;
      if (field.repeated) {
        target = {};
        ((out[key] ??= []) as unknown[]).push(target);
      } else {
        target = (out[key] ??= {}) as Record<string, unknown>;
      }
      parseMessage(value as JsonObject, field.message!, target, context);
      return;
    }
    case 'number':
      if (!Number.isFinite(value)) {
        throw new ManifestError(`${pathOf(context)}: ${String(value)} is not a JSON value (field '${key}')`);
      }
      return refuse(context, notExpecting(type, key));
    case 'boolean':
      return refuse(context, notExpecting(type, key));
    default:
      throw new ManifestError(`Not expecting a JavaScript ${type} for field '${key}'`);
  }
}

// Each schema's fields as an array (walked once per message).
const fieldLists = new Map<Schema, Array<[string, Field]>>();
function fieldsOf(schema: Schema): Array<[string, Field]> {
  let list = fieldLists.get(schema);
  if (list === undefined) {
    list = Object.entries(schema);
    fieldLists.set(schema, list);
  }
  return list;
}

/** protobuf's FindInitializationErrors: this message's required fields, then sub-messages. */
function missingRequired(message: Record<string, unknown>, schema: Schema, prefix: string, missing: string[] = []): string[] {
  const fields = fieldsOf(schema);
  for (const [key, field] of fields) {
    if (field.required && message[key] === undefined) missing.push(prefix + key);
  }
  for (const [key, field] of fields) {
    const value = message[key];
    if (field.kind !== 'message' || value === undefined) continue;
    if (field.repeated) {
      const items = value as Record<string, unknown>[];
      for (let i = 0; i < items.length; i++) {
        // The prefix is made only for a message that lacks something.
        if (!isComplete(items[i], field.message!)) missingRequired(items[i], field.message!, `${prefix}${key}[${i}].`, missing);
      }
    } else if (!isComplete(value as Record<string, unknown>, field.message!)) {
      missingRequired(value as Record<string, unknown>, field.message!, `${prefix}${key}.`, missing);
    }
  }
  return missing;
}

/** Whether a message and its sub-messages have every required field. */
function isComplete(message: Record<string, unknown>, schema: Schema): boolean {
  for (const [key, field] of fieldsOf(schema)) {
    const value = message[key];
    if (value === undefined) {
      if (field.required) return false;
      continue;
    }
    if (field.kind !== 'message') continue;
    if (field.repeated) {
      for (const item of value as Record<string, unknown>[]) if (!isComplete(item, field.message!)) return false;
    } else if (!isComplete(value as Record<string, unknown>, field.message!)) {
      return false;
    }
  }
  return true;
}

/** `name` next to `file` in a library: the agent uses `file` and ignores `name`. */
function shadowed(object: JsonObject, modules: Modules, context: WalkContext): void {
  // Walk the JSON again only to find where each library came from.
  const libraries: Array<{ path: string; value: JsonObject }> = [];
  const collect = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => collect(v, `${path}[${i}]`));
    else if (jsonType(value) === 'object') libraries.push({ path, value: value as JsonObject });
  };
  if (object.libraries !== undefined) collect(object.libraries, 'libraries');
  libraries.forEach(({ path, value }, i) => {
    const library = modules.libraries?.[i];
    if (library?.file !== undefined && library.name !== undefined && value.name !== undefined) {
      context.lint.push({
        path: `${path}.name`,
        reason: 'shadowed',
        message: `${path}.name: ignored, the agent uses 'file' when a library has both`,
      });
    }
  });
}

/**
 * protobuf::parse<Modules>(JSON::Object), plus the keys Mesos would ignore.
 * `lenient` (lint mode) lists refused values and missing fields as issues
 * instead of throwing.
 */
export function modulesFromJson(object: Record<string, unknown>, lenient = false): { modules: Modules; lint: ManifestLintIssue[] } {
  const context: WalkContext = { lint: [], lenient, segments: [], open: [] };
  const modules: Record<string, unknown> = {};
  parseMessage(object, modulesSchema, modules, context);
  const missing = missingRequired(modules, modulesSchema, '');
  if (missing.length > 0) {
    if (!lenient) throw new ManifestError(`Missing required fields: ${missing.join(', ')}`);
    for (const path of missing) {
      context.lint.push({ path, reason: 'missing', message: `${path}: a required field is not set; the agent refuses the manifest` });
    }
  }
  shadowed(object, modules as Modules, context);
  return { modules: modules as Modules, lint: context.lint };
}

// ---------------------------------------------------------------------------
// flags::fetch / flags::parse<Modules> and the --modules_dir files.

const errnoText: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
};

/** strerror()'s text for a Node file-system error. */
export function strerror(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && errnoText[code]) || (error as Error).message;
}

/** The deprecation warning stout logs for a bare path. */
export const BARE_PATH_WARNING =
  "Specifying an absolute filename to read a command line option out of without using 'file:// is deprecated " +
  "and will be removed in a future release. Simply adding 'file://' to the beginning of the path should eliminate this warning.";

function readFile(path: string, what: (path: string) => string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ManifestError(`${what(path)}: ${strerror(error)}`, path, { cause: error });
  }
}

function withFileLint(lint: ManifestLintIssue[], file: string | undefined): ManifestLintIssue[] {
  return file === undefined ? lint : lint.map((issue) => ({ ...issue, file }));
}

/**
 * flags::parse<Modules>(text): text starting with '/' names a file (with
 * Mesos's deprecation warning), anything else is JSON. Errors carry Mesos's
 * text, unwrapped.
 */
export function parseModulesText(text: string | Uint8Array, warnings: string[] = [], lenient = false): ParsedManifest {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  if (bytes[0] === 0x2f) {
    warnings.push(BARE_PATH_WARNING);
    const path = bytes.toString('utf8');
    const contents = readFile(path, (p) => `Error reading file '${p}'`);
    const { modules, lint } = modulesFromJson(parseJsonObject(contents), lenient);
    return { modules, file: path, warnings, lint: withFileLint(lint, path) };
  }
  const { modules, lint } = modulesFromJson(parseJsonObject(bytes), lenient);
  return { modules, warnings, lint };
}

/**
 * flags::fetch<Modules>(value): `file://<path>` reads the file (relative
 * paths are relative to the working directory), then flags::parse. Errors
 * carry Mesos's text, unwrapped: what the agent prints after
 * `Failed to load flag 'modules': Failed to load value '<value>': `.
 */
export function fetchModules(value: string): ParsedManifest {
  if (value.startsWith('file://')) {
    const path = value.slice('file://'.length);
    const contents = readFile(path, (p) => `Error reading file '${p}'`);
    const parsed = parseModulesText(contents);
    return { ...parsed, file: parsed.file ?? path, lint: withFileLint(parsed.lint, parsed.file ?? path) };
  }
  return parseModulesText(value);
}

function wrapParseError<T>(file: string | undefined, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ManifestError && file !== undefined && error.file === undefined) {
      throw new ManifestError(`Error parsing module manifest file '${file}': ${error.message}`, file, { cause: error });
    }
    throw error;
  }
}

/**
 * Reads a manifest in any form the agent's --modules flag accepts: an object,
 * JSON text, `file://<path>`, or a bare absolute path. A file that does not
 * parse is named: `Error parsing module manifest file '<path>': <error>`
 * (the unwrapped error is the `cause`).
 */
export function parseManifest(source: ManifestSource): ParsedManifest {
  return readManifest(source, false);
}

function readManifest(source: ManifestSource, lenient: boolean): ParsedManifest {
  if (source instanceof Uint8Array) {
    // File contents: JSON text, never a path.
    const { modules, lint } = modulesFromJson(parseJsonObject(source), lenient);
    return { modules, warnings: [], lint };
  }
  if (typeof source === 'string') {
    if (source.startsWith('file://')) {
      const path = source.slice('file://'.length);
      const contents = readFile(path, (p) => `Error reading file '${p}'`);
      const parsed = wrapParseError(path, () => parseModulesText(contents, [], lenient));
      return { ...parsed, file: parsed.file ?? path, lint: withFileLint(parsed.lint, parsed.file ?? path) };
    }
    if (source.startsWith('/')) {
      const warnings = [BARE_PATH_WARNING];
      const contents = readFile(source, (p) => `Error reading file '${p}'`);
      const { modules, lint } = wrapParseError(source, () => modulesFromJson(parseJsonObject(contents), lenient));
      return { modules, file: source, warnings, lint: withFileLint(lint, source) };
    }
    return parseModulesText(source, [], lenient);
  }
  if (jsonType(source) !== 'object') {
    throw new ManifestError(`a manifest must be an object, JSON text, bytes or a path, got ${jsonType(source)}`);
  }
  if (!isPlainObject(source)) {
    throw new ManifestError(`a manifest must be an object, JSON text, bytes or a path, got ${jsKind(source)}`);
  }
  const { modules, lint } = modulesFromJson(source as Record<string, unknown>, lenient);
  return { modules, warnings: [], lint };
}

/**
 * Every key of a manifest the agent would silently ignore, at any depth:
 * unknown keys with the field they were probably meant to be (a typo such as
 * `paramters` loses the parameters), nulls, and `name` next to `file`; and,
 * listed rather than thrown, values the agent refuses (`invalid`) and
 * required fields left unset (`missing`, e.g. after a typo `kye`). Throws
 * only when the manifest cannot be read or is not JSON (or not a JSON-like
 * object), as {@link parseManifest} does.
 */
export function lintManifest(source: ManifestSource): ManifestLintIssue[] {
  return readManifest(source, true).lint;
}

/** Throws {@link ManifestLintError} when `lint` is not empty. */
export function assertNoLint(lint: ManifestLintIssue[]): void {
  if (lint.length > 0) {
    const where = lint.map((issue) => (issue.file !== undefined ? `${issue.file}: ${issue.message}` : issue.message));
    throw new ManifestLintError(`The agent would ignore ${lint.length === 1 ? 'a key' : `${lint.length} keys`}: ${where.join('; ')}`, lint);
  }
}

/** stout's path::join for a directory and an entry. */
function joinPath(dir: string, name: string): string {
  return `${dir.endsWith('/') ? dir.slice(0, -1) : dir}/${name.startsWith('/') ? name.slice(1) : name}`;
}

/**
 * The files of a --modules_dir, as ModuleManager::load(dir) takes them:
 * every entry but `.` and `..` (hidden files and subdirectories too, no
 * extension filter), in byte-wise order.
 */
export function listModulesDir(dir: string): string[] {
  let names: Buffer[];
  try {
    names = readdirSync(dir, { encoding: 'buffer' });
  } catch (error) {
    throw new ManifestError(
      `Error loading module manifests from '${dir}' directory: Failed to opendir '${dir}': ${strerror(error)}`,
      dir,
      { cause: error },
    );
  }
  return names.sort(Buffer.compare).map((name) => joinPath(dir, name.toString('utf8')));
}

/** One --modules_dir file: read, then flags::parse<Modules>, with Mesos's messages. */
export function readModulesDirFile(path: string): ParsedManifest {
  let contents: Buffer;
  try {
    contents = readFileSync(path);
  } catch (error) {
    throw new ManifestError(`Error reading module manifest file '${path}': ${strerror(error)}`, path, { cause: error });
  }
  try {
    const parsed = parseModulesText(contents);
    return { ...parsed, file: path, lint: withFileLint(parsed.lint, path) };
  } catch (error) {
    if (error instanceof ManifestError) {
      throw new ManifestError(`Error parsing module manifest file '${path}': ${error.message}`, path, { cause: error });
    }
    throw error;
  }
}
