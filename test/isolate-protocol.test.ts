// Isolated mode's wire (lib/isolate-protocol.ts): a call crosses as a 10-byte
// binary head and the protobuf wire bytes; a settled result comes back in
// binary (every kind, with or without log lines) as the native child
// (src-native/child/) writes it. The bytes here are built by hand from the
// layout, so a change on either side shows.
import { describe, expect, it } from 'vitest';

import { HOOK_METHODS } from 'mesos-modules';

import { CALL_HEAD, decodeSettled, writeCallHead } from '../dist/lib/isolate-protocol.js';
import { expectError, thrown } from './helpers.js';

describe('a call: binary head, then the wire bytes as they are', () => {
  it('carries hook, method index (hook_methods.h order), offThread and timeout rounded up', () => {
    for (const [i, method] of HOOK_METHODS.entries()) {
      const head = writeCallHead(Buffer.alloc(CALL_HEAD), { hook: 1000 + i, method, offThread: i % 2 === 1, timeout: 5000.4 });
      expect(head.readUInt32LE(0)).toBe(1000 + i);
      expect(head.readUInt8(4)).toBe(i);
      expect(head.readUInt8(5)).toBe(i % 2);
      expect(head.readUInt32LE(6)).toBe(5001);
    }
  });

  it('clamps a timeout to what 32 bits hold', () => {
    const head = writeCallHead(Buffer.alloc(CALL_HEAD), { hook: 1, method: HOOK_METHODS[0]!, offThread: false, timeout: 2 ** 40 });
    expect(head.readUInt32LE(6)).toBe(0xffffffff);
  });
});

/** A settled answer as the child lays it out: kind u8, number i32, two byte strings, then the log lines as JSON. */
function answer(kind: number, number: number, first = '', second = '', logs?: unknown[]): Uint8Array {
  const a = Buffer.from(first);
  const b = Buffer.from(second);
  const head = Buffer.alloc(9);
  head.writeUInt8(kind, 0);
  head.writeInt32LE(number, 1);
  head.writeUInt32LE(a.length, 5);
  const middle = Buffer.alloc(4);
  middle.writeUInt32LE(b.length, 0);
  return new Uint8Array(Buffer.concat([head, a, middle, b, logs === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(logs))]));
}

describe('a settled call comes back as the child wrote it', () => {
  const cases: Array<[string, Uint8Array, unknown]> = [
    ['None', answer(0, -1), -1],
    ['Nothing', answer(0, -2), -2],
    ['a Some', answer(1, 0, '\x01\x02\x03'), { kind: 'some', bytes: Uint8Array.of(1, 2, 3) }],
    ['an empty Some', answer(1, 0), { kind: 'some', bytes: new Uint8Array(0) }],
    ['an Error', answer(2, 0, 'refused: é'), { kind: 'error', message: 'refused: é' }],
    ['a failed future', answer(3, 0, 'Collect failed'), { kind: 'failure', message: 'Collect failed' }],
    ['a discarded future', answer(4, 0), { kind: 'discarded' }],
    ['an exception', answer(5, 0, 'boom', 'std::runtime_error'), { kind: 'exception', message: 'boom', type: 'std::runtime_error' }],
    ['a cancelled call', answer(6, 0), { kind: 'cancelled' }],
  ];
  for (const [what, bytes, settled] of cases) {
    it(`${what}, alone and with log lines`, () => {
      expect(decodeSettled(bytes)).toEqual(settled);
      const logs = ['WARNING', 'hook.cpp', 12, 'a line'];
      const logged = answer(bytes[0]!, Buffer.from(bytes).readInt32LE(1), ...texts(bytes), logs);
      expect(decodeSettled(logged)).toEqual([settled, ...logs]);
    });
  }

  it('refuses a length without its bytes, and a kind that does not exist', () => {
    expectError(thrown(() => decodeSettled(answer(0, 7))), RangeError, undefined, 'a settled call carries the length 7 without its bytes');
    expectError(thrown(() => decodeSettled(answer(9, 0))), RangeError, undefined, 'a settled call of unknown kind #9');
  });
});

/** The two byte strings of an answer, as text. */
function texts(bytes: Uint8Array): [string, string] {
  const view = Buffer.from(bytes);
  const first = view.readUInt32LE(5);
  const second = view.readUInt32LE(9 + first);
  return [view.subarray(9, 9 + first).toString('utf8'), view.subarray(13 + first, 13 + first + second).toString('utf8')];
}
