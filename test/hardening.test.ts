// Strict arguments, checked results, bounded logs and manifest corners
// (issue 11): each rule with the case that used to pass silently.
import { describe, expect, it } from 'vitest';

import {
  BadMessage,
  BadResult,
  DEFAULT_LOG_LIMIT,
  ManifestError,
  ModuleManager,
  builders,
  lintManifest,
  parseManifest,
  type Hook,
} from 'mesos-modules';

import { parseJsonObject, parseJsonObjectSlowly } from '../lib/manifest.js';
import { suggest } from '../lib/suggest.js';
import { behaviour, fixture, labelArgs, manifestFor } from './helpers.js';

const { taskInfo, executorInfo, slaveInfo } = labelArgs;
const docker = { executorInfo, containerName: 'c', containerWorkDirectory: '/w', mappedSandboxDirectory: '/m' };


async function incomplete(parameters: Array<{ key: string; value: string }> = []): Promise<Hook> {
  const manager = await ModuleManager.load(manifestFor(fixture('incomplete_hook'), { org_mm_IncompleteHook: [] }));
  return manager.createHook('org_mm_IncompleteHook', [{ key: 'required', value: 'yes' }, ...parameters]);
}

describe('strict arguments', () => {
  it('suggest: the closest name, or none', () => {
    expect(suggest('taskinfo', ['taskInfo', 'slaveInfo'])).toBe('taskInfo');
    expect(suggest('envv', ['env', 'executorInfo'])).toBe('env');
    expect(suggest('kye', ['key', 'value'])).toBe('key');
    expect(suggest('completely', ['key', 'value'])).toBeUndefined();
  });

  it('every method refuses an unknown key, listing its arguments', async () => {
    const hook = await behaviour('some');
    const error = await hook.masterSlaveLostHook({ slaveInfo, extra: 1 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadMessage);
    expect((error as BadMessage).message).toBe(
      'org_mm_BehaviourHook.masterSlaveLostHook: extra: unknown argument of masterSlaveLostHook; its arguments are slaveInfo',
    );
    // Keys holding undefined are keys too: a typo is a typo.
    await expect(hook.masterSlaveLostHook({ slaveInfo, slaveinfo: undefined } as never)).rejects.toThrow("(did you mean 'slaveInfo'?)");
  });

  it('env: a plain object or a Map; other objects are refused', async () => {
    const hook = await behaviour('some');
    const fromObject = await hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: { A: '1', B: '2' } });
    const fromMap = await hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Map([['A', '1'], ['B', '2']]) as never });
    const envOf = (r: typeof fromMap) => r?.taskEnvironment?.variables?.find((v) => v.name === 'ENV')?.value;
    expect(envOf(fromObject)).toBe('2');
    expect(envOf(fromMap)).toBe('2');
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Map([[1, '1']]) as never })).rejects.toThrow(
      "env: a Map's keys must be strings, got number 1",
    );
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Map([['A', 1]]) as never })).rejects.toThrow(
      'env.A: expected a string',
    );
    await expect(hook.slavePreLaunchDockerTaskExecutorDecorator({ ...docker, env: new Set() as never })).rejects.toThrow(
      'env: expected an object or a Map of strings, got Set',
    );
  });

  it('NaN and Infinity are invalid values naming the path, required or optional', async () => {
    const hook = await behaviour('some');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ health_check: { delay_seconds: NaN } }, 'taskInfo.health_check.delay_seconds: invalid value NaN'],
      [{ resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: Infinity } }] }, 'taskInfo.resources[0].scalar.value: invalid value Infinity'],
      [{ kill_policy: { grace_period: { nanoseconds: -Infinity } } }, 'taskInfo.kill_policy.grace_period.nanoseconds: invalid value -Infinity'],
      [{ discovery: { visibility: 'FRAMEWORK', ports: { ports: [{ number: NaN }] } } }, 'taskInfo.discovery.ports.ports[0].number: invalid value NaN'],
    ];
    for (const [fields, message] of cases) {
      const error = await hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: { ...taskInfo, ...fields } as never }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadMessage);
      expect((error as BadMessage).message).toContain(message);
    }
  });

  it('a bigint in the wrong place says bigint', async () => {
    const hook = await behaviour('some');
    await expect(hook.slaveRunTaskLabelDecorator({ ...labelArgs, taskInfo: { ...taskInfo, name: 5n as never } })).rejects.toThrow(
      'taskInfo.name: expected a string, got bigint 5',
    );
  });
});

describe('results checked as the agent uses them', () => {
  it('each method: the field path and why', async () => {
    const hook = await incomplete();
    const cases: Array<[Promise<unknown>, string, string]> = [
      [hook.slaveRunTaskLabelDecorator(labelArgs), 'slaveRunTaskLabelDecorator', 'labels[1].key'],
      [hook.slaveExecutorEnvironmentDecorator({ executorInfo }), 'slaveExecutorEnvironmentDecorator', 'variables[0].name'],
      [hook.slaveAttributesDecorator({ slaveInfo }), 'slaveAttributesDecorator', '[0].type'],
      [hook.slavePreLaunchDockerTaskExecutorDecorator(docker), 'slavePreLaunchDockerTaskExecutorDecorator', 'taskEnvironment.variables[0].name'],
    ];
    for (const [call, method, path] of cases) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadResult);
      expect(error).toMatchObject({ code: 'BAD_RESULT', hook: method, path, module: 'org_mm_IncompleteHook', missing: [path] });
      expect((error as BadResult).message).toContain(`${method}: the agent could not deliver the result: required field ${path} is not set`);
    }
  });

  it("slaveTaskStatusDecorator: only labels and container_status must be complete", async () => {
    const status = { frameworkId: { value: 'f' }, status: builders.taskStatus() };
    // No task_id, no state: the agent allows it.
    await expect((await incomplete()).slaveTaskStatusDecorator(status)).resolves.toEqual({ labels: { labels: [{ key: 'k', value: 'v' }] } });
    await expect((await incomplete([{ key: 'status', value: 'bad' }])).slaveTaskStatusDecorator(status)).rejects.toMatchObject({
      code: 'BAD_RESULT',
      path: 'labels.labels[0].key',
    });
    // The behaviour hook's partial status (labels and container_status only) stays valid.
    await expect((await behaviour('some')).slaveTaskStatusDecorator(status)).resolves.toHaveProperty('container_status');
  });
});

describe('bounded logs', () => {
  it('keeps the most recent lines up to logLimit and counts the dropped', async () => {
    expect(DEFAULT_LOG_LIMIT).toBe(10_000);
    const hook = await behaviour('log', {}, { logLimit: 5 });
    for (let i = 0; i < 4; i++) await hook.slaveRunTaskLabelDecorator(labelArgs);
    // Three lines per call (INFO, WARNING, ERROR): 12 written, 5 kept.
    expect(hook.logs).toHaveLength(5);
    expect(hook.droppedLogs).toBe(7);
    expect(hook.logs[4].message).toBe('slaveRunTaskLabelDecorator complains');
    hook.clearLogs();
    expect(hook.logs).toHaveLength(0);
    expect(hook.droppedLogs).toBe(0);
    const none = await behaviour('log', {}, { logLimit: 0 });
    await none.slaveRunTaskLabelDecorator(labelArgs);
    expect(none.logs).toHaveLength(0);
    expect(none.droppedLogs).toBe(3);
  });

  it('many calls stay within the default cap', async () => {
    const hook = await behaviour('log');
    for (let i = 0; i < 4000; i++) await hook.slaveRunTaskLabelDecorator(labelArgs);
    expect(hook.logs).toHaveLength(DEFAULT_LOG_LIMIT);
    expect(hook.droppedLogs).toBe(12_000 - DEFAULT_LOG_LIMIT);
  });

  it('an invalid logLimit is refused', async () => {
    await expect(behaviour('log', {}, { logLimit: -1 })).rejects.toThrow('logLimit must be a whole number');
  });
});

describe('manifest corners', () => {
  const text = JSON.stringify({ libraries: [{ file: '/lib/x.so', modules: [{ name: 'm', parameters: [{ key: 'k', value: 'v' }] }] }] });

  it('bytes are JSON text', () => {
    const expected = parseManifest(text).modules;
    expect(parseManifest(Buffer.from(text)).modules).toEqual(expected);
    expect(parseManifest(new TextEncoder().encode(text)).modules).toEqual(expected);
    // A view into a larger buffer reads only its own bytes.
    const padded = Buffer.from(`xxxx${text}yyyy`);
    expect(parseManifest(new Uint8Array(padded.buffer, padded.byteOffset + 4, text.length)).modules).toEqual(expected);
    // Bytes are never a path.
    expect(() => parseManifest(Buffer.from('/etc/modules.json'))).toThrow(ManifestError);
  });

  it('other objects are refused', () => {
    for (const [value, kind] of [
      [new Map(), 'a Map'],
      [new Date(0), 'a Date'],
      [Object.create({ libraries: [] }), 'an object with a prototype'],
    ] as const) {
      expect(() => parseManifest(value as never)).toThrow(`a manifest must be an object, JSON text, bytes or a path, got ${kind}`);
    }
    expect(() => parseManifest({ libraries: [new Map()] } as never)).toThrow("libraries[0]: a Map is not a JSON value (field 'libraries')");
    expect(() => parseManifest({ libraries: [{ file: NaN }] } as never)).toThrow("libraries[0].file: NaN is not a JSON value");
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
    expect(() => parseManifest(manifest as never)).toThrow(ManifestError);
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
