// The child room (lib/child/): frames of a stated length over fd 3 / fd 4,
// answers matched by id, per-request deadlines that kill the child, one
// "child lost" value (signal or exit status, stderr tail) for every request
// in flight, and restart with replay of set-up requests. Also the C++ end
// (src-native/child/frame.h) as the inspector speaks it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ANSWER_OK, decodeJson, encodeFrame, encodeJson, encodeStrings, FRAME_HEADER, FrameReader } from '../dist/lib/child/frame.js';
import { ChildLink } from '../dist/lib/child/link.js';
import { ChildDeadlineError, ChildLostError } from '../dist/lib/child/lost.js';
import { ChildReplayError, ChildRoom } from '../dist/lib/child/room.js';

import { expectError, rejection, root, thrown } from './helpers.js';

const text = (payload: Uint8Array) => Buffer.from(payload).toString('utf8');

/**
 * A node child that serves frames: tag 1 echoes the payload, tag 2 answers
 * after `payload` ms, tag 3 crashes as told ("abort", "exit 7", or writes to
 * stderr first), tag 4 remembers a string, tag 5 lists what it remembers, tag 6
 * refuses (answer tag 1).
 */
function childScript(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm-child-'));
  const script = join(dir, 'child.mjs');
  writeFileSync(
    script,
    `import { Socket } from 'node:net';
import { encodeFrame, FrameReader } from ${JSON.stringify(join(root, 'dist', 'lib', 'child', 'frame.js'))};
// The child end of the room, as a node child would serve it: frames from fd 3, answers to fd 4.
function serve(handler) {
  const requests = new Socket({ fd: 3, readable: true, writable: false });
  const answers = new Socket({ fd: 4, readable: false, writable: true });
  const reader = new FrameReader();
  const send = (id, answer) => answers.write(encodeFrame(id, answer.tag, ...answer.parts));
  requests.on('data', (chunk) => {
    for (const frame of reader.push(chunk)) {
      const answer = handler(frame);
      if (answer instanceof Promise) answer.then((a) => send(frame.id, a));
      else send(frame.id, answer);
    }
  });
  requests.on('end', () => process.exit(0));
  requests.on('error', () => process.exit(0));
}
const kept = [];
serve((frame) => {
  const text = Buffer.from(frame.payload).toString('utf8');
  switch (frame.tag) {
    case 1: return { tag: 0, parts: [frame.payload] };
    case 2: return new Promise((resolve) => setTimeout(() => resolve({ tag: 0, parts: [Buffer.from(text)] }), Number(text)));
    case 3:
      process.stderr.write('about to ' + text + '\\n');
      if (text === 'abort') process.abort();
      process.exit(Number(text.split(' ')[1]));
    case 4: kept.push(text); return { tag: 0, parts: [] };
    case 5: return { tag: 0, parts: [Buffer.from(JSON.stringify({ pid: process.pid, kept }))] };
    case 6: return { tag: 1, parts: [Buffer.from('refused ' + text)] };
  }
});
`,
  );
  return script;
}

const script = childScript();
const start = () => new ChildLink(process.execPath, [script]);

describe('frames: a 12-byte header and a payload of stated length', () => {
  it('cuts a byte stream into frames wherever the chunks split it', () => {
    const frames = Buffer.concat([encodeFrame(1, 7, Buffer.from('hello')), encodeFrame(2, 0), encodeFrame(3, 9, Buffer.from('x'), Buffer.from('yz'))]);
    for (let step = 1; step <= frames.length; step++) {
      const reader = new FrameReader();
      const got = [];
      for (let at = 0; at < frames.length; at += step) got.push(...reader.push(frames.subarray(at, at + step)));
      expect(got.map((f) => [f.id, f.tag, text(f.payload)])).toEqual([
        [1, 7, 'hello'],
        [2, 0, ''],
        [3, 9, 'xyz'],
      ]);
    }
  });

  it('refuses a header that announces more than the largest payload', () => {
    const header = Buffer.alloc(FRAME_HEADER);
    header.writeUInt32LE(0xffffffff, 0);
    expectError(thrown(() => new FrameReader().push(header)), RangeError, undefined, 'a frame announced 4294967295 payload bytes, more than 268435456');
  });

  it('writes lists of strings and JSON as payloads', () => {
    const strings = Buffer.from(encodeStrings(['open', 'é']));
    expect([...strings]).toEqual([4, 0, 0, 0, ...Buffer.from('open'), 2, 0, 0, 0, ...Buffer.from('é')]);
    expect(decodeJson(encodeJson({ a: [1, 'b'] }))).toEqual({ a: [1, 'b'] });
  });
});

describe('ChildLink: requests by id over fd 3 and fd 4', () => {
  it('answers each request by its id, also when answers come back out of order', async () => {
    const link = start();
    try {
      const slow = link.request(2, [Buffer.from('150')]);
      const fast = link.request(1, [Buffer.from('echo '), Buffer.from('me')]);
      const first = await Promise.race([slow.then(() => 'slow'), fast.then(() => 'fast')]);
      expect(first).toBe('fast');
      expect(text((await fast).payload)).toBe('echo me');
      expect(text((await slow).payload)).toBe('150');
      expect((await fast).tag).toBe(ANSWER_OK);
    } finally {
      link.kill();
      await link.ended;
    }
  });

  it('carries a payload larger than a pipe buffer intact', async () => {
    const link = start();
    try {
      const big = Buffer.alloc(3 * 1024 * 1024, 'abcdefg');
      const answer = await link.request(1, [big]);
      expect(Buffer.compare(Buffer.from(answer.payload), big)).toBe(0);
    } finally {
      link.kill();
      await link.ended;
    }
  });

  it('kills the child when a deadline passes: ChildDeadlineError, and the link is dead', async () => {
    const link = start();
    await link.request(1, [Buffer.from('warm')]);
    const error = await link.request(2, [Buffer.from('5000')], 200).catch((e: unknown) => e);
    expectError(error, ChildDeadlineError, undefined, 'the child process did not answer within 200 ms and was killed');
    expect((error as ChildDeadlineError).deadline).toBe(200);
    const end = await link.ended;
    expect(end).toMatchObject({ signal: 'SIGKILL', killed: true });
    expect(link.alive).toBe(false);
    expectError(await rejection(link.request(1, [])), ChildLostError, undefined, 'the child process ended (signal SIGKILL)');
  });

  it('turns a signal or an exit into one ChildLostError for every request in flight, with the stderr tail', async () => {
    for (const [how, expected] of [
      ['abort', { signal: 'SIGABRT', exitStatus: null }],
      ['exit 7', { signal: null, exitStatus: 7 }],
    ] as const) {
      const link = start();
      const waiting = link.request(2, [Buffer.from('5000')]);
      const crashing = link.request(3, [Buffer.from(how)]);
      const errors = await Promise.all([waiting.catch((e: unknown) => e), crashing.catch((e: unknown) => e)]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(ChildLostError);
        expect((error as ChildLostError).end).toMatchObject({ ...expected, killed: false });
        expect((error as ChildLostError).end.stderrTail).toContain(`about to ${how}`);
      }
      expect((errors[0] as Error).message).toBe(
        `the child process ended (${expected.signal !== null ? `signal ${expected.signal}` : `exit status ${expected.exitStatus}`})`,
      );
    }
  });

  it('a command that cannot start is a lost child, not a crash of this process', async () => {
    const link = new ChildLink('/nonexistent/child-binary');
    const error = await link.request(1, []).catch((e: unknown) => e);
    // No process ran, so there is neither a signal nor an exit status to name.
    expectError(error, ChildLostError, undefined, 'the child process ended (could not start: spawn /nonexistent/child-binary ENOENT)');
    expect((error as ChildLostError).end).toEqual({
      signal: null,
      exitStatus: null,
      stderrTail: 'spawn /nonexistent/child-binary ENOENT\n',
      killed: false,
      startError: 'spawn /nonexistent/child-binary ENOENT',
    });
  });
});

describe('ChildRoom: a fresh child replays the set-up requests', () => {
  it('replays remembered requests in order into the next child after a loss', async () => {
    const room = new ChildRoom({ start, replayDeadline: 5000 });
    try {
      for (const value of ['a', 'b']) {
        await room.request(4, [Buffer.from(value)]);
        room.remember({ tag: 4, parts: [Buffer.from(value)], label: `keeping ${value}` });
      }
      const before = decodeJson<{ pid: number; kept: string[] }>((await room.request(5, [])).payload);
      expect(before.kept).toEqual(['a', 'b']);
      await room.request(3, [Buffer.from('exit 1')]).catch(() => undefined);
      const after = decodeJson<{ pid: number; kept: string[] }>((await room.request(5, [])).payload);
      expect(after.pid).not.toBe(before.pid);
      expect(after.kept).toEqual(['a', 'b']);
    } finally {
      await room.close();
    }
  });

  it('a refused replay is a ChildReplayError with the refusal, and nothing is left running', async () => {
    const room = new ChildRoom({ start, replayDeadline: 5000 });
    room.remember({ tag: 6, parts: [Buffer.from('this')], label: 'asking for a refusal' });
    const error = await room.request(1, []).catch((e: unknown) => e);
    expectError(error, ChildReplayError, undefined, 'a fresh child could not be brought back to its state: asking for a refusal failed');
    expect((error as ChildReplayError).setup.label).toBe('asking for a refusal');
    expect(text((error as ChildReplayError).answer!.payload)).toBe('refused this');
    expect(room.pid).toBeUndefined();
    await room.close();
  });

  it('starts a spare after a loss when asked, and the restart takes it', async () => {
    const room = new ChildRoom({ start, replayDeadline: 5000, spare: true });
    try {
      await room.request(3, [Buffer.from('exit 2')]).catch(() => undefined);
      room.lost();
      const answer = await room.request(1, [Buffer.from('again')]);
      expect(text(answer.payload)).toBe('again');
    } finally {
      await room.close();
    }
  });
});

describe('the C++ end (src-native/child/frame.h), as the inspector speaks it', () => {
  const inspector = join(root, 'build', 'tools', 'mesos-modules-inspector');

  it('answers a list of strings with a JSON object, tag 0 for ok and 1 for a failure', async () => {
    const link = new ChildLink(inspector, [], { stdout: 'ignore' });
    try {
      const ping = await link.request(0, [encodeStrings(['ping'])]);
      expect(ping.tag).toBe(0);
      expect(decodeJson<{ ok: boolean; pid: number }>(ping.payload)).toEqual({ ok: true, pid: link.pid });
      const unknown = await link.request(0, [encodeStrings(['fly'])]);
      expect(unknown.tag).toBe(1);
      expect(decodeJson(unknown.payload)).toEqual({ ok: false, code: 'PROTOCOL', error: "unknown request 'fly'" });
      // A length that runs past the payload: refused, and the inspector goes on.
      const broken = Buffer.from([9, 0, 0, 0, 0x61]);
      const refused = await link.request(0, [broken]);
      expect(decodeJson(refused.payload)).toEqual({ ok: false, code: 'PROTOCOL', error: 'a request is a list of strings, the operation first' });
      expect((await link.request(0, [encodeStrings(['ping'])])).tag).toBe(0);
    } finally {
      link.kill();
      await link.ended;
    }
  });
});
