// The SDK's schema: every message and enum of Mesos 1.11.0's mesos.proto,
// slave/containerizer.proto and slave/oversubscription.proto (and of the
// appc, docker and seccomp files they import), read back from the generated
// descriptors; a few facts of 1.11.0 checked directly; and, in the bundled-SDK
// build, a C++ class in libmesos for every message.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { DescEnum, DescFile, DescMessage } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';

import { file_mesos_appc_spec } from '../dist/lib/gen/mesos/appc/spec_pb.js';
import { file_mesos_docker_v1 } from '../dist/lib/gen/mesos/docker/v1_pb.js';
import { file_mesos_mesos } from '../dist/lib/gen/mesos/mesos_pb.js';
import { file_mesos_seccomp_seccomp } from '../dist/lib/gen/mesos/seccomp/seccomp_pb.js';
import { file_mesos_slave_containerizer } from '../dist/lib/gen/mesos/slave/containerizer_pb.js';
import { file_mesos_slave_oversubscription } from '../dist/lib/gen/mesos/slave/oversubscription_pb.js';

import { built, itSdkOnly } from './helpers.js';

function types(file: DescFile): { messages: DescMessage[]; enums: DescEnum[] } {
  const messages: DescMessage[] = [];
  const enums: DescEnum[] = [...file.enums];
  const walk = (list: DescMessage[]) => {
    for (const m of list) {
      // Map fields' entry messages are not listed here (1.11.0's descriptors
      // count them: 7 in mesos.proto, 1 each in containerizer.proto and
      // docker/v1.proto, so 175, 15 and 3 there).
      messages.push(m);
      enums.push(...m.nestedEnums);
      walk(m.nestedMessages);
    }
  };
  walk(file.messages);
  return { messages, enums };
}

const files = {
  'mesos/mesos.proto': [file_mesos_mesos, 168, 34],
  'mesos/slave/containerizer.proto': [file_mesos_slave_containerizer, 14, 2],
  'mesos/slave/oversubscription.proto': [file_mesos_slave_oversubscription, 2, 1],
  'mesos/appc/spec.proto': [file_mesos_appc_spec, 6, 0],
  'mesos/docker/v1.proto': [file_mesos_docker_v1, 2, 0],
  'mesos/seccomp/seccomp.proto': [file_mesos_seccomp_seccomp, 4, 3],
} as const;

function message(name: string): DescMessage {
  for (const [file] of Object.values(files)) {
    const found = types(file).messages.find((m) => m.typeName === name);
    if (found) return found;
  }
  throw new Error(`no message ${name}`);
}

function fieldsOf(name: string): Record<string, number> {
  return Object.fromEntries(message(name).fields.map((f) => [f.name, f.number]));
}

describe("the SDK's schema is Mesos 1.11.0's", () => {
  it.each(Object.entries(files))('%s has as many messages and enums as in 1.11.0', (_, [file, messages, enums]) => {
    const found = types(file);
    expect(found.messages.length).toBe(messages);
    expect(found.enums.length).toBe(enums);
  });

  it('has the messages outside the Hook closure, with their field numbers', () => {
    expect(fieldsOf('mesos.ResourceStatistics')).toMatchObject({ timestamp: 1, cpus_limit: 4, mem_limit_bytes: 6 });
    expect(fieldsOf('mesos.slave.ContainerLaunchInfo')).toMatchObject({
      environment: 2, rootfs: 3, clone_namespaces: 4, command: 5, working_directory: 6, enter_namespaces: 9,
      user: 10, mounts: 17, seccomp_profile: 18, supplementary_groups: 19, masked_paths: 21, file_operations: 22,
    });
    expect(fieldsOf('mesos.slave.QoSCorrection')).toEqual({ type: 1, kill: 2 });
    expect(fieldsOf('mesos.slave.QoSCorrection.Kill')).toEqual({ framework_id: 1, executor_id: 2, container_id: 3 });
    expect(message('mesos.Offer.Operation').fields.find((f) => f.name === 'type')?.number).toBe(1);
    expect(message('mesos.Task').fields.find((f) => f.name === 'limits')?.fieldKind).toBe('map');
  });
});

describe('libmesos', () => {
  // The typeinfo symbol of a message's class: package parts are namespaces,
  // nested message names are joined with '_' (protoc's C++ naming), mangled
  // as N<len><name>...E.
  const typeinfo = (m: DescMessage) => {
    const pkg = m.file.proto.package ?? '';
    const parts = [...pkg.split('.'), m.typeName.slice(pkg.length + 1).replaceAll('.', '_')];
    return `_ZTIN${parts.map((p) => `${p.length}${p}`).join('')}E`;
  };

  itSdkOnly('defines the C++ class of every message of the schema', () => {
    const nm = spawnSync('nm', ['-D', '--defined-only', join(built.sdkPrefix, 'lib', 'libmesos.so')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(nm.status, nm.stderr).toBe(0);
    const defined = new Set(nm.stdout.split('\n').map((l) => l.trim().split(/\s+/)[2]));
    const all = Object.values(files).flatMap(([file]) => types(file).messages);
    expect(all.length).toBe(196);
    expect(all.filter((m) => !defined.has(typeinfo(m))).map((m) => m.typeName)).toEqual([]);
  });
});
