// Loopback by default: the addon sets LIBPROCESS_IP=127.0.0.1 (unless the
// user set it) before any hook can start libprocess in the node process, so a
// real libmesos's libprocess never serves its endpoints beyond loopback. The
// sockets are read from /proc (this process's descriptors, matched against
// /proc/net/tcp and tcp6), so no port is assumed.
import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { fixture, root } from './helpers.js';

// Runs in a fresh node process: loads the addon, calls a hook that starts
// libprocess, then reports LIBPROCESS_IP and every listening TCP socket the
// process owns.
const script = `
  import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
  import { ModuleManager, builders, runtime } from 'mesos-modules';
  const MODULE = 'org_mm_LibprocessActor';
  runtime();
  const manager = await ModuleManager.load({ libraries: [{ file: process.env.LIB, modules: [{ name: MODULE, parameters: [] }] }] });
  const hook = await manager.createHook(MODULE);
  await hook.masterSlaveLostHook({ slaveInfo: builders.slaveInfo() });
  const inodes = new Set();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\\[(\\d+)\\]$/.exec(readlinkSync('/proc/self/fd/' + fd));
      if (m) inodes.add(m[1]);
    } catch {}
  }
  const listening = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = readFileSync(table, 'utf8'); } catch { continue; }
    for (const line of text.trim().split('\\n').slice(1)) {
      const f = line.trim().split(/\\s+/);
      if (f[3] === '0A' && inodes.has(f[9])) listening.push(f[1]);
    }
  }
  console.log(JSON.stringify({ ip: process.env.LIBPROCESS_IP ?? null, listening, logs: hook.logs.map((l) => l.message) }));
`;

function run(env: NodeJS.ProcessEnv) {
  const childEnv = { ...process.env, LIB: fixture('libprocess_actor'), ...env };
  for (const [key, value] of Object.entries(childEnv)) {
    if (value === undefined) delete childEnv[key];
  }
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: childEnv });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { ip: string | null; listening: string[]; logs: string[] };
}

/** Whether a /proc/net/tcp{,6} local address (hex, kernel byte order) is a loopback one. */
function isLoopback(address: string): boolean {
  const [host] = address.split(':');
  if (host.length === 8) return host.slice(6, 8) === '7F'; // 127.0.0.0/8, little-endian
  if (host === '00000000000000000000000001000000') return true; // ::1
  return host.startsWith('0000000000000000FFFF0000') && host.slice(30, 32) === '7F'; // ::ffff:127.x
}

describe('libprocess in the node process', () => {
  it('listens on loopback only when LIBPROCESS_IP is unset: the addon sets it to 127.0.0.1', () => {
    const result = run({ LIBPROCESS_IP: undefined });
    expect(result.ip).toBe('127.0.0.1');
    expect(result.logs).toEqual([expect.stringMatching(/^libprocess actor at libprocess-actor-hook\(\d+\)@127\.0\.0\.1:\d+$/)]);
    expect(result.listening.filter((a) => !isLoopback(a))).toEqual([]);
  });

  it('keeps an address the user set', () => {
    const result = run({ LIBPROCESS_IP: '127.0.0.2' });
    expect(result.ip).toBe('127.0.0.2');
    expect(result.logs).toEqual([expect.stringMatching(/^libprocess actor at libprocess-actor-hook\(\d+\)@127\.0\.0\.2:\d+$/)]);
    expect(result.listening.filter((a) => !isLoopback(a))).toEqual([]);
  });

  it('tells loopback addresses from others', () => {
    expect(isLoopback('0100007F:1F90')).toBe(true);
    expect(isLoopback('00000000:1F90')).toBe(false);
    expect(isLoopback('00000000000000000000000001000000:1F90')).toBe(true);
    expect(isLoopback('00000000000000000000000000000000:1F90')).toBe(false);
    expect(isLoopback('0000000000000000FFFF00000100007F:1F90')).toBe(true);
  });
});
