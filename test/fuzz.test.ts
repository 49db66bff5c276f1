// The fuzz properties of bench/fuzz/properties.mjs, briefly (bench/fuzz.mjs
// runs them a million times each), and every input fuzzing has found, kept
// as a regression case of the target that found it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Plain JS, shared with bench/fuzz.mjs.
import { TARGETS, checkCall, checkManifest, checkResult } from '../bench/fuzz/properties.mjs';

import { expectError, thrown } from './helpers.js';

const RUNS = 300;

describe('fuzz properties (short runs)', () => {
  for (const [name, target] of Object.entries(TARGETS as Record<string, { arbitrary: fc.Arbitrary<unknown>; check: (x: unknown) => void }>)) {
    it(`${name}: ${RUNS} seeded inputs`, () => {
      fc.assert(
        fc.property(target.arbitrary, (input) => {
          target.check(input);
        }),
        { numRuns: RUNS, seed: 42 },
      );
    });
  }
});

describe('fuzz properties catch what they are meant to', () => {
  it('a refused encoding marked valid fails the decoder check', () => {
    expectError(thrown(() => checkResult(['slaveExecutorEnvironmentDecorator', { bytes: new Uint8Array([0x0a, 0x05]), valid: true }])), Error, undefined,
      'decodeResult refused a valid encoding: Error: malformed protobuf result: length-delimited field runs past the end\n' +
        'input: ["slaveExecutorEnvironmentDecorator",Uint8Array.from([10,5])]');
  });

  it('malformed bytes are a malformed-result error, not a crash', () => {
    expect(() => checkResult(['slaveResourcesDecorator', { bytes: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x7f]), valid: false }])).not.toThrow();
  });

  it('a call the encoder refuses is a BadMessage', () => {
    expect(() => checkCall(['masterSlaveLostHook', { slaveInfo: { hostname: 5 } }])).not.toThrow();
    expect(() => checkCall(['slavePostFetchHook', { containerId: { value: 'c' }, directory: 7 }])).not.toThrow();
  });

  it('manifest text and objects that agree', () => {
    expect(() => checkManifest({ libraries: [{ file: '/x.so', modules: [{ name: 'm', parameters: [{ key: 'k', value: 'v' }] }] }] })).not.toThrow();
    expect(() => checkManifest('{"libraries": [')).not.toThrow();
  });
});

// Inputs fuzzing found, one per finding: none so far (see bench/fuzz.mjs).
