// The JS fuzz targets, as fast-check properties over the public functions of
// the built package (dist/): the manifest parser (lib/manifest.ts), the
// argument encoder (lib/wire/encode.ts via encodeCall/encodeParameters) and
// the result decoder (lib/wire/decode.ts via decodeResult). bench/fuzz.mjs
// runs each a million times; test/fuzz.test.ts runs them briefly, with the
// inputs fuzzing has found kept as regression cases.
import { fromBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';

import { MesosModulesError, BadMessage } from '../../dist/lib/errors.js';
import { lintManifest, parseManifest } from '../../dist/lib/manifest.js';
import { SIGNATURES, decodeResult, encodeCall, encodeParameters, wireBuffer } from '../../dist/lib/wire/calls.js';
import { decodeList } from '../../dist/lib/wire/decode.js';
import { messageWriter, reset, written } from '../../dist/lib/wire/encode.js';

const METHODS = Object.keys(SIGNATURES);
const RESULT_METHODS = METHODS.filter((m) => SIGNATURES[m].result);

// --- Values shaped like a message type, right and wrong -----------------------

const oddValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(new Map([['a', 'b']])),
  fc.constant(new Uint8Array([1, 2, 3])),
  fc.constant([]),
  fc.constant({}),
);

function scalarValue(field) {
  // protobuf-es ScalarType: 1 double, 2 float, 8 bool, 9 string, 12 bytes, else integers.
  switch (field.scalar) {
    case 1:
    case 2:
      return fc.oneof(fc.double(), fc.integer());
    case 8:
      return fc.boolean();
    case 9:
      return fc.string({ unit: 'grapheme', maxLength: 16 });
    case 12:
      return fc.oneof(fc.base64String({ maxLength: 16 }), fc.uint8Array({ maxLength: 8 }));
    default:
      return fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }).map(String));
  }
}

function enumValue(field) {
  const names = field.enum.values.map((v) => v.name);
  return fc.oneof(fc.constantFrom(...names), fc.integer({ min: -1, max: 40 }));
}

const shapes = new Map();

/** Objects with the fields of `desc` (some missing, some wrong, some unknown), `depth` levels deep. */
export function shapeOf(desc, depth = 2) {
  const key = `${desc.typeName}/${depth}`;
  if (shapes.has(key)) return shapes.get(key);
  const members = {};
  for (const field of desc.fields) {
    members[field.name] = fieldValue(field, depth);
  }
  const shape = fc
    .tuple(
      fc.record(members, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 8 }), oddValue, { maxKeys: 1 }),
      fc.nat(20),
    )
    .map(([known, extra, roll]) => (roll === 0 ? { ...known, ...extra } : known));
  shapes.set(key, shape);
  return shape;
}

function fieldValue(field, depth) {
  const one = (() => {
    const kind = field.fieldKind === 'list' ? field.listKind : field.fieldKind;
    if (kind === 'scalar') return scalarValue(field);
    if (kind === 'enum') return enumValue(field);
    if (kind === 'map') return fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 });
    if (depth <= 0) return fc.constant({});
    return fc.constant(null).chain(() => shapeOf(field.message, depth - 1));
  })();
  const right = field.fieldKind === 'list' ? fc.array(one, { maxLength: 3 }) : one;
  return fc.oneof({ weight: 12, arbitrary: right }, { weight: 1, arbitrary: oddValue });
}

// --- Helpers ------------------------------------------------------------------

function fail(what, input, error) {
  const text = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  throw new Error(`${what}: ${text}\ninput: ${fc.stringify(input)}`);
}

/** The length-delimited fields of `bytes` (the encoder writes only those). */
function fieldsOf(bytes) {
  const out = [];
  let pos = 0;
  const varint = () => {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= bytes.length) throw new Error('truncated varint');
      const b = bytes[pos++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    throw new Error('varint too long');
  };
  while (pos < bytes.length) {
    const tag = varint();
    if ((tag & 7) !== 2) throw new Error(`wire type ${tag & 7}`);
    const length = varint();
    if (pos + length > bytes.length) throw new Error('field runs past the end');
    out.push({ number: tag >>> 3, bytes: bytes.subarray(pos, pos + length) });
    pos += length;
  }
  return out;
}

// --- Manifest parser ------------------------------------------------------------

const parameter = fc.record(
  { key: fc.oneof(fc.string({ maxLength: 6 }), oddValue), value: fc.oneof(fc.string({ maxLength: 6 }), oddValue) },
  { requiredKeys: [] },
);
const manifestModule = fc.record({ name: fc.oneof(fc.string({ maxLength: 8 }), oddValue), parameters: fc.oneof(fc.array(parameter, { maxLength: 3 }), oddValue) }, { requiredKeys: [] });
const manifestLibrary = fc.record(
  {
    file: fc.oneof(fc.string({ maxLength: 8 }), oddValue),
    name: fc.oneof(fc.string({ maxLength: 8 }), oddValue),
    modules: fc.oneof(fc.array(manifestModule, { maxLength: 3 }), oddValue),
  },
  { requiredKeys: [] },
);
const manifestObject = fc
  .tuple(
    fc.record({ libraries: fc.oneof(fc.array(manifestLibrary, { maxLength: 3 }), oddValue) }, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('librarys', 'libaries', 'modules', 'x'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 1 }),
  )
  .map(([m, extra]) => ({ ...m, ...extra }));

// JSON text: a manifest's, then maybe cut, with bytes changed, or a value's.
const manifestText = fc.oneof(
  fc.tuple(manifestObject, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 3 })).map(([m, cut, edits]) => {
    let text = JSON.stringify(m, (_, v) => (typeof v === 'bigint' ? String(v) : v)) ?? '';
    for (const [at, insert] of edits) {
      const i = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, i) + insert + text.slice(i + 1);
    }
    return cut % 4 === 0 && text.length > 0 ? text.slice(0, cut % text.length) : text;
  }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Any manifest source a test may hand over; strings never name a file. */
export const manifestInput = fc
  .oneof(manifestObject, manifestText, fc.jsonValue({ maxDepth: 4 }), oddValue)
  .filter((v) => typeof v !== 'string' || !(v.trimStart().startsWith('/') || v.trimStart().startsWith('file://')));

/** parseManifest and lintManifest: a result or a typed error, and text and object agree. */
export function checkManifest(input) {
  let parsed;
  try {
    parsed = parseManifest(input);
    if (!Array.isArray(parsed.warnings) || !Array.isArray(parsed.lint) || typeof parsed.modules !== 'object') {
      fail('parseManifest returned a malformed result', input, parsed);
    }
    lintManifest(input);
  } catch (error) {
    if (!(error instanceof MesosModulesError) || typeof error.code !== 'string') fail('parseManifest threw an untyped error', input, error);
    return;
  }
  // The same manifest as JSON text means the same modules.
  if (typeof input === 'object' && input !== null) {
    let text;
    try {
      text = JSON.stringify(input);
    } catch {
      return; // not expressible as JSON text (a bigint)
    }
    if (text === undefined) return;
    let again;
    try {
      again = parseManifest(text);
    } catch (error) {
      fail('accepted as an object but refused as JSON text', input, error);
    }
    if (JSON.stringify(again.modules) !== JSON.stringify(parsed.modules)) {
      fail('object and JSON text give different modules', input, `${JSON.stringify(parsed.modules)} vs ${JSON.stringify(again.modules)}`);
    }
  }
}

// --- Argument encoder -------------------------------------------------------------

function argumentValue(arg) {
  switch (arg.kind) {
    case 'message':
      return shapeOf(arg.desc);
    case 'list':
      return fc.oneof({ weight: 8, arbitrary: fc.array(shapeOf(arg.desc), { maxLength: 3 }) }, { weight: 1, arbitrary: oddValue });
    case 'string':
      return fc.oneof({ weight: 8, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) }, { weight: 1, arbitrary: oddValue });
    default:
      return fc.oneof(
        { weight: 8, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), oddValue), { maxKeys: 3 }) },
        { weight: 1, arbitrary: oddValue },
      );
  }
}

/** [method, arguments]: a hook call as a test may write it. */
export const callInput = fc.constantFrom(...METHODS).chain((method) => {
  const members = {};
  for (const arg of SIGNATURES[method].args) members[arg.name] = argumentValue(arg);
  return fc.tuple(fc.constant(method), fc.record(members, { requiredKeys: [] }));
});

/**
 * encodeCall: a length or a BadMessage; what it writes is protobuf the
 * reference decoder (protobuf-es) and this package's decoder both read.
 */
export function checkCall([method, args]) {
  let length;
  try {
    length = encodeCall(method, args, 'fuzz');
  } catch (error) {
    if (!(error instanceof BadMessage) || !error.message.startsWith(`fuzz.${method}: `)) fail('encodeCall threw other than a BadMessage', [method, args], error);
    return;
  }
  const bytes = wireBuffer().slice(0, length);
  let fields;
  try {
    fields = fieldsOf(bytes);
  } catch (error) {
    fail('encodeCall wrote a malformed buffer', [method, args], error);
  }
  const signature = SIGNATURES[method].args;
  for (const field of fields) {
    const arg = signature[field.number - 1];
    if (!arg) fail(`encodeCall wrote field ${field.number}`, [method, args], '');
    if (arg.kind !== 'message' && arg.kind !== 'list') continue;
    try {
      fromBinary(arg.desc, field.bytes);
    } catch (error) {
      fail(`protobuf-es cannot read ${arg.name}`, [method, args], error);
    }
    try {
      decodeList(arg.desc, concatElement(field.bytes));
    } catch (error) {
      fail(`the result decoder cannot read ${arg.name}`, [method, args], error);
    }
  }
}

function concatElement(bytes) {
  const header = [10];
  let n = bytes.length;
  while (n > 0x7f) {
    header.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  header.push(n);
  const out = new Uint8Array(header.length + bytes.length);
  out.set(header);
  out.set(bytes, header.length);
  return out;
}

/** encodeParameters: a mesos.Parameters buffer or a BadMessage. */
export const parametersInput = fc.oneof(fc.array(parameter, { maxLength: 4 }), oddValue);

export function checkParameters(input) {
  try {
    const bytes = encodeParameters(input);
    fieldsOf(bytes);
  } catch (error) {
    if (!(error instanceof BadMessage)) fail('encodeParameters threw other than a BadMessage', input, error);
  }
}

// --- Result decoder ---------------------------------------------------------------

// A method with a result, and bytes: a valid encoding of a value of its type
// (by this package's encoder), maybe damaged, or random.
export const resultInput = fc.constantFrom(...RESULT_METHODS).chain((method) => {
  const { desc } = SIGNATURES[method].result;
  const valid = shapeOf(desc).map((value) => {
    reset();
    try {
      messageWriter(desc)(1, value);
    } catch {
      return new Uint8Array();
    }
    const list = wireBuffer().slice(0, written());
    return SIGNATURES[method].result.list ? list : fieldsOf(list)[0].bytes;
  });
  const damaged = fc.tuple(valid, fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }), fc.nat()).map(([bytes, edits, cut]) => {
    const out = bytes.slice();
    for (const [at, value] of edits) if (out.length > 0) out[at % out.length] = value;
    return cut % 3 === 0 && out.length > 0 ? out.subarray(0, cut % out.length) : out;
  });
  return fc.tuple(fc.constant(method), fc.oneof(valid.map((b) => ({ bytes: b, valid: true })), damaged.map((b) => ({ bytes: b, valid: false })), fc.uint8Array({ maxLength: 64 }).map((b) => ({ bytes: b, valid: false }))));
});

/** decodeResult: a value, or a "malformed protobuf result" error; a valid encoding always decodes. */
export function checkResult([method, { bytes, valid }]) {
  try {
    const value = decodeResult(method, bytes, bytes.length);
    if (value === null || typeof value !== 'object') fail('decodeResult returned a non-object', [method, bytes], value);
  } catch (error) {
    if (valid) fail('decodeResult refused a valid encoding', [method, bytes], error);
    if (!(error instanceof Error) || !/^malformed protobuf result/.test(error.message)) fail('decodeResult threw other than a malformed-result error', [method, bytes], error);
  }
}

/** The targets, by name: an arbitrary and the check each input must pass. */
export const TARGETS = {
  manifest: { arbitrary: manifestInput, check: checkManifest },
  encodeCall: { arbitrary: callInput, check: checkCall },
  encodeParameters: { arbitrary: parametersInput, check: checkParameters },
  decodeResult: { arbitrary: resultInput, check: checkResult },
};
