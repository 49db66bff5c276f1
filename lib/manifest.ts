// Modules manifests (agent-modules.json) read as the agent reads --modules.
// Mirrors stout's flags::fetch / flags::parse<JSON::Object> and
// protobuf::parse<Modules> (3rdparty/stout/include/stout/{flags,protobuf}.hpp).

import { readFileSync } from 'node:fs';

import { ManifestError } from './errors.js';

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
 * `file://` URI, or an absolute path (deprecated in Mesos, still accepted).
 */
export type ManifestSource = Modules | string;

/** A parsed manifest and where it came from. */
export interface ParsedManifest {
  modules: Modules;
  /** The file it was read from, if any. */
  file?: string;
  /** Mesos's deprecation warning, when a bare path was given. */
  warnings: string[];
}

type FieldKind = 'string' | 'message';
interface Field {
  kind: FieldKind;
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

const errnoText: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EMFILE: 'Too many open files',
  EIO: 'Input/output error',
};

/** strerror()'s text for a Node file-system error. */
export function strerror(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && errnoText[code]) || (error as Error).message;
}

function readManifestFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ManifestError(`Error reading file '${path}': ${strerror(error)}`, path, { cause: error });
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Line number and the rest of that line at `position`, picojson style. */
function syntaxError(text: string, error: SyntaxError): string {
  const match = /position (\d+)/.exec(error.message);
  let position = match ? Number(match[1]) : text.length;
  if (position > text.length) position = text.length;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const lineEnd = text.indexOf('\n', position);
  const rest = text.slice(position, lineEnd < 0 ? undefined : lineEnd);
  return `syntax error at line ${line} near: ${rest}`;
}

/** stout's JSON::parse<JSON::Object>. */
function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(syntaxError(text, error as SyntaxError));
  }
  if (jsonType(value) !== 'object') {
    throw new ManifestError('Unexpected JSON type parsed');
  }
  return value as Record<string, unknown>;
}

/**
 * stout's protobuf::parse over a JSON object: unknown keys ignored (and
 * reported to `ignored`), null leaves a field unset, an object stands for a
 * one-element array, nested arrays flatten, keys visited in sorted order.
 */
function walk(
  object: Record<string, unknown>,
  schema: Schema,
  path: string,
  ignored: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) {
    const value = object[key];
    const field = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    const here = path === '' ? key : `${path}.${key}`;
    if (field === undefined) {
      ignored.push(here);
      continue;
    }
    if (value === null) continue;
    if (field.repeated) {
      const items: unknown[] = (out[key] as unknown[] | undefined) ?? [];
      appendRepeated(value, field, key, here, items, ignored);
      out[key] = items;
    } else {
      out[key] = singular(value, field, key, here, ignored);
    }
  }
  return out;
}

function notExpecting(type: string, key: string): ManifestError {
  return new ManifestError(`Not expecting a JSON ${type} for field '${key}'`);
}

function singular(value: unknown, field: Field, key: string, path: string, ignored: string[]): unknown {
  const type = jsonType(value);
  if (type === 'array') throw notExpecting('array', key);
  return element(value, field, key, path, ignored);
}

function element(value: unknown, field: Field, key: string, path: string, ignored: string[]): unknown {
  const type = jsonType(value);
  if (field.kind === 'message') {
    if (type !== 'object') throw notExpecting(type === 'boolean' ? 'boolean' : type, key);
    return walk(value as Record<string, unknown>, field.message!, path, ignored);
  }
  if (type === 'string') return value;
  if (type === 'object') throw notExpecting('object', key);
  throw notExpecting(type, key);
}

function appendRepeated(
  value: unknown,
  field: Field,
  key: string,
  path: string,
  items: unknown[],
  ignored: string[],
): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === null) continue;
      appendRepeated(item, field, key, `${path}[${items.length}]`, items, ignored);
    }
    return;
  }
  items.push(element(value, field, key, `${path.replace(/\[\d+\]$/, '')}[${items.length}]`, ignored));
}

/** Every unset required field, as protobuf's InitializationErrorString lists them. */
function missingRequired(message: Record<string, unknown>, schema: Schema, prefix: string): string[] {
  const missing: string[] = [];
  for (const [key, field] of Object.entries(schema)) {
    const value = message[key];
    if (field.required && value === undefined) missing.push(prefix + key);
    if (field.kind === 'message' && value !== undefined) {
      if (field.repeated) {
        (value as Record<string, unknown>[]).forEach((item, i) => {
          missing.push(...missingRequired(item, field.message!, `${prefix}${key}[${i}].`));
        });
      } else {
        missing.push(...missingRequired(value as Record<string, unknown>, field.message!, `${prefix}${key}.`));
      }
    }
  }
  return missing;
}

/** protobuf::parse<Modules>(JSON::Object), plus the keys Mesos would ignore. */
export function modulesFromJson(object: Record<string, unknown>): { modules: Modules; ignored: string[] } {
  const ignored: string[] = [];
  const modules = walk(object, modulesSchema, '', ignored) as Modules;
  const missing = missingRequired(modules as Record<string, unknown>, modulesSchema, '');
  if (missing.length > 0) {
    throw new ManifestError(`Missing required fields: ${missing.join(', ')}`);
  }
  return { modules, ignored };
}

function withFile<T>(file: string | undefined, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ManifestError && file !== undefined && error.file === undefined) {
      throw new ManifestError(`Error parsing module manifest file '${file}': ${error.message}`, file, { cause: error });
    }
    throw error;
  }
}

/** flags::parse<Modules>(text): a leading '/' names a file (deprecated). */
function parseText(text: string, warnings: string[], file?: string): ParsedManifest {
  if (text.startsWith('/')) {
    warnings.push(
      "Specifying an absolute filename to read a command line option out of without using 'file:// is deprecated " +
        "and will be removed in a future release. Simply adding 'file://' to the beginning of the path should eliminate this warning.",
    );
    const path = text;
    const contents = readManifestFile(path);
    const { modules } = withFile(path, () => modulesFromJson(parseJsonObject(contents)));
    return { modules, file: path, warnings };
  }
  const { modules } = withFile(file, () => modulesFromJson(parseJsonObject(text)));
  return { modules, file, warnings };
}

/**
 * Reads a manifest in any form the agent's --modules flag accepts: an object,
 * JSON text, `file://<path>` (relative paths are relative to the working
 * directory), or a bare absolute path.
 */
export function parseManifest(source: ManifestSource): ParsedManifest {
  if (typeof source === 'string') {
    const warnings: string[] = [];
    if (source.startsWith('file://')) {
      const path = source.slice('file://'.length);
      return parseText(readManifestFile(path), warnings, path);
    }
    return parseText(source, warnings);
  }
  if (jsonType(source) !== 'object') {
    throw new ManifestError(`a manifest must be an object, JSON text or a path, got ${jsonType(source)}`);
  }
  const { modules } = modulesFromJson(source as Record<string, unknown>);
  return { modules, warnings: [] };
}
