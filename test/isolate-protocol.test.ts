// Isolated mode's wire (lib/isolate-protocol.ts): a call crosses as a 10-byte
// binary head and the protobuf wire bytes, a settled result comes back in
// binary (every kind, with or without log lines), errors come back as the same
// class with their fields.
import { describe, expect, it } from 'vitest';

import { HOOK_METHODS, HookCrash, LibraryOpenError } from 'mesos-modules';

import {
  CALL_HEAD,
  decodeSettled,
  encodeSettled,
  fromWireError,
  readCall,
  toWireError,
  writeCallHead,
} from '../dist/lib/isolate-protocol.js';
import { expectError, thrown } from './helpers.js';

const joined = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('a call: binary head, then the wire bytes as they are', () => {
  it('carries hook, method, offThread and timeout for every Hook method', () => {
    for (const [i, method] of HOOK_METHODS.entries()) {
      const head = writeCallHead(Buffer.alloc(CALL_HEAD), { hook: 1000 + i, method, offThread: i % 2 === 1, timeout: 5000.4 });
      const bytes = Uint8Array.of(0x0a, 0x02, 0x08, i);
      expect(readCall(joined([head, bytes]))).toEqual({ hook: 1000 + i, method, offThread: i % 2 === 1, timeout: 5001, bytes });
    }
  });

  it('refuses a request without a head or naming a method that does not exist', () => {
    expectError(thrown(() => readCall(new Uint8Array(3))), RangeError, undefined, 'a call request of 3 bytes has no head');
    const head = Buffer.alloc(CALL_HEAD);
    head.writeUInt8(200, 4);
    expectError(thrown(() => readCall(head)), RangeError, undefined, 'a call request names method #200, which does not exist');
  });
});

describe('a settled call comes back as it left', () => {
  const cases = [
    -1,
    -2,
    { kind: 'some', bytes: Uint8Array.of(1, 2, 3) },
    { kind: 'some', bytes: new Uint8Array(0) },
    { kind: 'error', message: 'refused: é' },
    { kind: 'failure', message: 'Collect failed' },
    { kind: 'discarded' },
    { kind: 'exception', message: 'boom', type: 'std::runtime_error' },
    { kind: 'cancelled' },
  ] as const;
  for (const settled of cases) {
    it(`${JSON.stringify(settled, (_, v) => (v instanceof Uint8Array ? [...v] : v))}, alone and with log lines`, () => {
      expect(decodeSettled(joined(encodeSettled(settled as never)))).toEqual(settled);
      const logged = [settled, 'WARNING', 'hook.cpp', 12, 'a line'];
      expect(decodeSettled(joined(encodeSettled(logged as never)))).toEqual(logged);
    });
  }

  it('refuses a length whose bytes did not come with it', () => {
    expectError(thrown(() => decodeSettled(joined(encodeSettled(7)))), RangeError, undefined, 'a settled call carries the length 7 without its bytes');
  });
});

describe('errors cross as the same class with their fields', () => {
  it('rebuilds a typed error with code and fields; fields JSON cannot carry become text', () => {
    const original = new LibraryOpenError("Error opening library: 'x'", { library: 'x' } as never);
    const back = fromWireError(JSON.parse(JSON.stringify(toWireError(original)))) as LibraryOpenError;
    expect(back).toBeInstanceOf(LibraryOpenError);
    expect(back.code).toBe(original.code);
    expect(back.message).toBe(original.message);
    expect(back.library).toBe('x');
    const crash = new HookCrash({ module: 'm', hook: 'h', signal: 'SIGSEGV', exitStatus: null, input: { n: 10n } as never });
    const wire = toWireError(crash);
    expect(wire.fields.input).toBe('[object Object]');
    expect(fromWireError(wire)).toBeInstanceOf(HookCrash);
  });
});
