// Manifests as the agent reads them: stout's flags::fetch / flags::parse,
// JSON::parse (picojson) and protobuf::parse<Modules>, plus the strict lint.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ManifestError, lintManifest, parseManifest } from 'mesos-modules';

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
