// Manifests as the agent reads them: stout's flags::fetch / flags::parse,
// JSON::parse (picojson) and protobuf::parse<Modules>, plus the strict lint.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ManifestError, ModuleManager, lintManifest, parseManifest } from 'mesos-modules';

import { parseJsonObject, parseJsonObjectSlowly } from '../lib/manifest.js';
import { expectError, fixture, manifestFor, thrown } from './helpers.js';

const testHook = fixture('test_hook');

function errorOf(run: () => unknown): ManifestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return error as ManifestError;
  }
  throw new Error('expected a ManifestError');
}

const parse = (text: string) => parseManifest(text).modules;
const parseError = (text: string) => errorOf(() => parseManifest(text)).message;

describe('the forms --modules takes (flags::fetch, flags::parse)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-manifest-'));
  const file = join(dir, 'agent-modules.json');
  writeFileSync(file, '{"libraries": [{"file": "/x/liba.so", "modules": [{"name": "m"}]}]}');
  const expected = { libraries: [{ file: '/x/liba.so', modules: [{ name: 'm' }] }] };

  it('takes a JS object, JSON text, a file:// URI and a bare path, all alike', () => {
    expect(parseManifest(expected).modules).toEqual(expected);
    expect(parse(JSON.stringify(expected))).toEqual(expected);
    expect(parseManifest(`file://${file}`)).toMatchObject({ modules: expected, file, warnings: [] });
  });

  it("warns, as Mesos does, that a bare path is deprecated", () => {
    const parsed = parseManifest(file);
    expect(parsed.modules).toEqual(expected);
    expect(parsed.warnings).toEqual([
      "Specifying an absolute filename to read a command line option out of without using 'file:// is deprecated " +
        "and will be removed in a future release. Simply adding 'file://' to the beginning of the path should eliminate this warning.",
    ]);
  });

  it('reads file://<relative path> from the working directory', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(parseManifest('file://agent-modules.json').modules).toEqual(expected);
    } finally {
      process.chdir(cwd);
    }
  });

  it('names a file it cannot read, with strerror', () => {
    expect(errorOf(() => parseManifest(`file://${dir}/nope.json`)).message).toBe(
      `Error reading file '${dir}/nope.json': No such file or directory`,
    );
    expect(errorOf(() => parseManifest(`file://${dir}`)).message).toBe(`Error reading file '${dir}': Is a directory`);
    expect(errorOf(() => parseManifest(`${dir}/nope.json`)).message).toBe(
      `Error reading file '${dir}/nope.json': No such file or directory`,
    );
  });

  it("names the manifest file when its contents do not parse, keeping stout's error as the cause", () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"libraries": 5}');
    const error = errorOf(() => parseManifest(`file://${bad}`));
    expect(error.message).toBe(`Error parsing module manifest file '${bad}': Not expecting a JSON number for field 'libraries'`);
    expect(error.file).toBe(bad);
    expect((error.cause as Error).message).toBe("Not expecting a JSON number for field 'libraries'");
  });
});

describe("JSON::parse: picojson's syntax and stout's checks", () => {
  it.each([
    ['{"libraries": [\n  {"file": "x",}\n]}', 'syntax error at line 2 near: }'],
    ['{"a": tru}', 'syntax error at line 1 near: }'],
    ['', 'syntax error at line 1 near: '],
    ['{"a": "tab\there"}', 'syntax error at line 1 near: here"}'],
    ['{"a": 1e999}', 'Value out of range'],
    ['{"libraries": []} x', 'Parsed JSON included non-whitespace trailing characters:  x'],
    ['[{"libraries": []}]', 'Unexpected JSON type parsed'],
    ['"text"', 'Unexpected JSON type parsed'],
  ])('%j → %s', (text, message) => {
    expect(parseError(text)).toBe(message);
  });

  it('accepts what picojson accepts and JSON.parse does not (leading zeros)', () => {
    expect(parseError('{"libraries": 01}')).toBe("Not expecting a JSON number for field 'libraries'");
  });

  it('limits nesting to 200 levels', () => {
    const deep = (n: number) => `{"x": ${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(parse(deep(198))).toEqual({});
    expect(parseError(deep(200))).toMatch(/^syntax error at line 1 near: /);
  });

  it('lets the last of duplicate keys win', () => {
    expect(parse('{"libraries": {"file": "a", "file": "b"}}')).toEqual({ libraries: [{ file: 'b' }] });
  });

  it('decodes \\u escapes, surrogate pairs included', () => {
    expect(parse('{"libraries": {"file": "\\u00e9\\ud83d\\ude00"}}')).toEqual({ libraries: [{ file: 'é😀' }] });
  });
});

describe("protobuf::parse<Modules>: stout's rules, not protobuf's", () => {
  it('ignores unknown keys', () => {
    expect(parse('{"libraries": [{"file": "a", "path": "b", "modules": [{"name": "m", "kind": "Hook"}]}], "x": 1}')).toEqual({
      libraries: [{ file: 'a', modules: [{ name: 'm' }] }],
    });
  });

  it('treats null as unset, also inside arrays', () => {
    expect(parse('{"libraries": [null, {"file": null, "name": "n", "modules": null}]}')).toEqual({ libraries: [{ name: 'n' }] });
  });

  it('takes an object where an array is expected, and flattens nested arrays', () => {
    expect(parse('{"libraries": {"file": "a", "modules": {"name": "m", "parameters": {"key": "k", "value": "v"}}}}')).toEqual({
      libraries: [{ file: 'a', modules: [{ name: 'm', parameters: [{ key: 'k', value: 'v' }] }] }],
    });
    expect(parse('{"libraries": [[{"file": "a"}], [[{"file": "b"}]]]}')).toEqual({ libraries: [{ file: 'a' }, { file: 'b' }] });
  });

  it('keeps parameters in order, duplicates included', () => {
    const text = '{"libraries": {"file": "a", "modules": {"name": "m", "parameters": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]}}}';
    expect(parse(text).libraries![0].modules![0].parameters).toEqual([
      { key: 'k', value: '1' },
      { key: 'k', value: '2' },
    ]);
  });

  it('takes {} as a manifest of nothing', () => {
    expect(parse('{}')).toEqual({});
  });

  it.each([
    ['{"libraries": {"file": 5}}', "Not expecting a JSON number for field 'file'"],
    ['{"libraries": {"file": ["a"]}}', "Not expecting a JSON array for field 'file'"],
    ['{"libraries": {"file": true}}', "Not expecting a JSON boolean for field 'file'"],
    ['{"libraries": {"file": {}}}', "Not expecting a JSON object for field 'file'"],
    ['{"libraries": "x"}', "Not expecting a JSON string for field 'libraries'"],
    // A number where a string is expected is an error, not a conversion.
    ['{"libraries": {"modules": {"parameters": {"key": "port", "value": 8080}}}}', "Not expecting a JSON number for field 'value'"],
  ])('refuses %s', (text, message) => {
    expect(parseError(text)).toBe(message);
  });

  it('reports the first error in key order (keys are visited sorted)', () => {
    expect(parseError('{"libraries": {"name": 1, "file": true}}')).toBe("Not expecting a JSON boolean for field 'file'");
  });

  it('lists every missing required field, with protobuf paths', () => {
    const text =
      '{"libraries": [{"modules": [{"parameters": [{"key": "k"}, {}]}]}, ' +
      '{"modules": {"parameters": [[{"value": "v"}]]}}]}';
    expect(parseError(text)).toBe(
      'Missing required fields: libraries[0].modules[0].parameters[0].value, ' +
        'libraries[0].modules[0].parameters[1].key, libraries[0].modules[0].parameters[1].value, ' +
        'libraries[1].modules[0].parameters[0].key',
    );
  });

  it('does not require a library file or module name at parse time (the loader does)', () => {
    expect(parse('{"libraries": {"modules": {}}}')).toEqual({ libraries: [{ modules: [{}] }] });
  });
});

describe('the strict lint: what the agent would silently ignore', () => {
  it('reports a misspelt key with its JSON path and a suggestion', () => {
    const manifest = {
      libraries: [{ file: '/x/liba.so', modules: [{ name: 'm', paramters: [{ key: 'deny', value: 'true' }] }] }],
    };
    expect(parseManifest(manifest).modules.libraries![0].modules![0].parameters).toBeUndefined();
    expect(lintManifest(manifest)).toEqual([
      {
        path: 'libraries[0].modules[0].paramters',
        reason: 'unknown',
        suggestion: 'parameters',
        message: "libraries[0].modules[0].paramters: unknown key, ignored by the agent (did you mean 'parameters'?)",
      },
    ]);
  });

  it('reports nulls, name beside file, and unknown keys everywhere, with JSON paths as written', () => {
    const text = '{"Libraries": [], "libraries": {"file": "a", "name": "b", "modules": [null, {"name": null, "params": {}}]}}';
    expect(lintManifest(text).map((issue) => [issue.path, issue.reason, issue.suggestion])).toEqual([
      ['Libraries', 'unknown', 'libraries'],
      ['libraries.modules[0]', 'null', undefined],
      ['libraries.modules[1].name', 'null', undefined],
      ['libraries.modules[1].params', 'unknown', undefined],
      ['libraries.name', 'shadowed', undefined],
    ]);
  });

  it('is empty for a clean manifest', () => {
    expect(lintManifest({ libraries: [{ name: 'x', modules: [{ name: 'm', parameters: [] }] }] })).toEqual([]);
  });

  it('names the file of a file:// manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lint-'));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'm.json');
    writeFileSync(file, '{"libraries": {"fiel": "x"}}');
    expect(lintManifest(`file://${file}`)).toMatchObject([{ file, path: 'libraries.fiel', suggestion: 'file' }]);
  });
});

describe('ModuleManager.load takes every form of --modules', () => {
  const manifest = manifestFor(testHook, { org_mm_TestHook: [{ key: 'a', value: '1' }] });

  it('accepts an object', async () => {
    const manager = await ModuleManager.load(manifest);
    expect(manager.modules.map((m) => m.name)).toEqual(['org_mm_TestHook']);
  });

  it('accepts inline JSON text', async () => {
    const manager = await ModuleManager.load(JSON.stringify(manifest));
    expect(manager.modules[0].parameters).toEqual([{ key: 'a', value: '1' }]);
  });

  it('accepts a file:// URI and a bare absolute path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-manifest-'));
    const file = join(dir, 'agent-modules.json');
    writeFileSync(file, JSON.stringify(manifest));
    expect((await ModuleManager.load(`file://${file}`)).modules).toHaveLength(1);
    expect((await ModuleManager.load(file)).modules).toHaveLength(1);
  });

  it('names the file it cannot read', async () => {
    const error = await ModuleManager.load('file:///nonexistent/agent-modules.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect(error).toMatchObject({
      code: 'MANIFEST',
      file: '/nonexistent/agent-modules.json',
      message: "Error reading file '/nonexistent/agent-modules.json': No such file or directory",
    });
  });

  it('lists every missing required field, with stout paths', async () => {
    const bad = { libraries: [{ file: testHook, modules: [{ name: 'x', parameters: [{ key: 'k' }, { value: 'v' }] }] }] };
    const error = await ModuleManager.load(bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).code).toBe('MANIFEST');
    expect((error as Error).message).toBe(
      'Missing required fields: libraries[0].modules[0].parameters[0].value, libraries[0].modules[0].parameters[1].key',
    );
  });

  it('names the manifest file when its JSON does not parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-manifest-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"libraries": [\n  {"file": "x",}\n]}');
    const error = (await ModuleManager.load(`file://${file}`).catch((e: unknown) => e)) as ManifestError;
    expect(error).toBeInstanceOf(ManifestError);
    expect(error.code).toBe('MANIFEST');
    expect(error.file).toBe(file);
    expect(error.message).toBe(`Error parsing module manifest file '${file}': syntax error at line 2 near: }`);
  });
});

describe('what is and is not a manifest: bytes, other objects, lint, the JSON fast path', () => {
  const text = JSON.stringify({ libraries: [{ file: '/lib/x.so', modules: [{ name: 'm', parameters: [{ key: 'k', value: 'v' }] }] }] });

  it('bytes are JSON text', () => {
    const expected = parseManifest(text).modules;
    expect(parseManifest(Buffer.from(text)).modules).toEqual(expected);
    expect(parseManifest(new TextEncoder().encode(text)).modules).toEqual(expected);
    // A view into a larger buffer reads only its own bytes.
    const padded = Buffer.from(`xxxx${text}yyyy`);
    expect(parseManifest(new Uint8Array(padded.buffer, padded.byteOffset + 4, text.length)).modules).toEqual(expected);
    // Bytes are never a path.
    expectError(thrown(() => parseManifest(Buffer.from('/etc/modules.json'))), ManifestError, 'MANIFEST', 'syntax error at line 1 near: /etc/modules.json');
  });

  it('other objects are refused', () => {
    for (const [value, kind] of [
      [new Map(), 'a Map'],
      [new Date(0), 'a Date'],
      [Object.create({ libraries: [] }), 'an object with a prototype'],
    ] as const) {
      expectError(thrown(() => parseManifest(value as never)), ManifestError, 'MANIFEST', `a manifest must be an object, JSON text, bytes or a path, got ${kind}`);
    }
    expectError(thrown(() => parseManifest({ libraries: [new Map()] } as never)), ManifestError, 'MANIFEST', "libraries[0]: a Map is not a JSON value (field 'libraries')");
    expectError(thrown(() => parseManifest({ libraries: [{ file: NaN }] } as never)), ManifestError, 'MANIFEST', "libraries[0].file: NaN is not a JSON value (field 'file')");
  });

  it('lintManifest lists every ignored key with suggestions and never throws on a parsable manifest', () => {
    const manifest = {
      libraries: [
        { file: '/lib/x.so', modules: [{ name: 'm', parameters: [{ kye: 'k', value: 'v' }] }] },
        { fiel: '/lib/y.so', name: 'y', modules: [{ nmae: 'n', parameters: 'oops' }] },
      ],
      librarys: [],
    };
    const issues = lintManifest(manifest as never);
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue]));
    expect(byPath['libraries[0].modules[0].parameters[0].kye']).toMatchObject({ reason: 'unknown', suggestion: 'key' });
    expect(byPath['libraries[1].fiel']).toMatchObject({ reason: 'unknown', suggestion: 'file' });
    expect(byPath['libraries[1].modules[0].nmae']).toMatchObject({ reason: 'unknown', suggestion: 'name' });
    expect(byPath.librarys).toMatchObject({ reason: 'unknown', suggestion: 'libraries' });
    expect(byPath['libraries[1].modules[0].parameters']).toMatchObject({ reason: 'invalid' });
    expect(byPath['libraries[0].modules[0].parameters[0].key']).toMatchObject({ reason: 'missing' });
    // The same through text, and what load says about it.
    expect(lintManifest(JSON.stringify(manifest)).map((i) => i.path)).toEqual(issues.map((i) => i.path));
    expectError(thrown(() => parseManifest(manifest as never)), ManifestError, 'MANIFEST', "Not expecting a JSON string for field 'parameters'");
  });

  it('the JSON.parse fast path agrees with the picojson-style parser', () => {
    const corpus = [
      text,
      '{}',
      ' {"a": [1, 2.5, -3e2, true, false, null, {"b": "c"}]} \n',
      '{"big": 123456789012345678901234567890, "neg": -0, "small": 1e-400}',
      '{"esc": "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"}',
      '{"dup": 1, "dup": 2}',
      '{"__proto__": {"x": 1}, "constructor": 2}',
      '{"uni": "héllo wörld ✓ 😀"}',
      `{"deep": ${'['.repeat(199)}${']'.repeat(199)}}`,
      // Outside the common subset: each must give picojson's answer (or its error).
      `{"deep": ${'['.repeat(200)}${']'.repeat(200)}}`,
      '{"lone": "\\ud800"}',
      '{"low": "\\udc00x"}',
      '{"inf": 1e400}',
      '[1]',
      '"text"',
      '{"a": 1,}',
      '{"a": 01}',
      '{"a": 1.}',
      '{"a": .5}',
      '{"a": +1}',
      '{"a" 1}',
      '{"a": 1} {}',
      '\ufeff{}',
      '{"ctl": "a\u0001b"}',
      '',
    ];
    const outcome = (parse: () => unknown): unknown => {
      try {
        return { value: JSON.parse(JSON.stringify(parse())) };
      } catch (error) {
        return { error: (error as Error).message, type: (error as Error).constructor.name };
      }
    };
    for (const input of corpus) {
      for (const form of [input, Buffer.from(input)]) {
        expect(outcome(() => parseJsonObject(form)), input.slice(0, 60)).toEqual(outcome(() => parseJsonObjectSlowly(form)));
      }
    }
    // Invalid UTF-8 bytes in a string: U+FFFD either way.
    const invalid = Buffer.concat([Buffer.from('{"k": "a'), Buffer.from([0xff, 0xc3]), Buffer.from('b"}')]);
    expect(outcome(() => parseJsonObject(invalid))).toEqual(outcome(() => parseJsonObjectSlowly(invalid)));
    // A JS string with a lone surrogate reads as its UTF-8 encoding would.
    expect(outcome(() => parseJsonObject('{"k": "a\ud800b"}'))).toEqual(outcome(() => parseJsonObjectSlowly('{"k": "a\ud800b"}')));
  });

  it('the differential holds on generated documents', () => {
    // A small deterministic generator of JSON documents with the awkward parts.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const strings = ['a', 'é', '😀', '\\u0041', '\\ud800', '\\ud83d\\ude00', '\\n', 'key', ''];
    const numbers = ['0', '-1', '1.5', '1e308', '1e309', '-0', '12345678901234567890', '2.5e-3'];
    const value = (depth: number): string => {
      switch (random(depth > 4 ? 4 : 6)) {
        case 0:
          return `"${strings[random(strings.length)]}"`;
        case 1:
          return numbers[random(numbers.length)];
        case 2:
          return ['true', 'false', 'null'][random(3)];
        case 3:
          return `"${strings[random(strings.length)]}${strings[random(strings.length)]}"`;
        case 4:
          return `[${Array.from({ length: random(4) }, () => value(depth + 1)).join(',')}]`;
        default:
          return `{${Array.from({ length: random(4) }, () => `"${strings[random(strings.length)]}":${value(depth + 1)}`).join(',')}}`;
      }
    };
    for (let i = 0; i < 2000; i++) {
      const doc = `{"libraries":[],"x":${value(0)}}`;
      let fast: unknown;
      let slow: unknown;
      try {
        fast = JSON.stringify(parseJsonObject(doc));
      } catch (error) {
        fast = (error as Error).message;
      }
      try {
        slow = JSON.stringify(parseJsonObjectSlowly(doc));
      } catch (error) {
        slow = (error as Error).message;
      }
      expect(fast, doc).toEqual(slow);
    }
  });
});
