// Synthetic messages with valid, realistic defaults, shaped like what the
// master and agent hand to hooks (src/master/master.cpp, src/slave/slave.cpp
// call sites). Overrides are merged deeply; arrays replace.

import type { ExecutorInfo, FrameworkInfo, MesosMessage, SlaveInfo, TaskInfo } from './messages.js';

type Overrides = MesosMessage | undefined;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Deep merge: objects merge key by key, anything else (arrays too) replaces. */
export function merge<T extends MesosMessage>(base: T, overrides: Overrides): T {
  if (overrides === undefined) return structuredClone(base);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key] as MesosMessage, value) : structuredClone(value);
  }
  return out as T;
}

function scalar(name: string, value: number, role?: string): MesosMessage {
  const resource: MesosMessage = { name, type: 'SCALAR', scalar: { value } };
  if (role !== undefined) resource.allocation_info = { role };
  return resource;
}

/** A TaskInfo as the agent passes it to hooks: name, ids, cpus/mem allocated to a role. */
export function taskInfo(overrides?: Overrides): TaskInfo {
  return merge(
    {
      name: 'task-1',
      task_id: { value: 'task-1' },
      slave_id: { value: 'agent-1-S0' },
      resources: [scalar('cpus', 0.5, '*'), scalar('mem', 128, '*')],
      command: { value: 'sleep 1000', shell: true },
    },
    overrides,
  );
}

/** An ExecutorInfo for the command executor of a task. */
export function executorInfo(overrides?: Overrides): ExecutorInfo {
  return merge(
    {
      executor_id: { value: 'task-1' },
      framework_id: { value: 'framework-1' },
      type: 'DEFAULT',
      command: { value: '/usr/libexec/mesos/mesos-executor', shell: false },
      name: 'Command Executor (Task: task-1) (Command: sh -c \'sleep 1000\')',
      source: 'task-1',
    },
    overrides,
  );
}

/** A FrameworkInfo with the required user and name, and an id. */
export function frameworkInfo(overrides?: Overrides): FrameworkInfo {
  return merge(
    {
      user: 'root',
      name: 'example-framework',
      id: { value: 'framework-1' },
      roles: ['*'],
      capabilities: [{ type: 'MULTI_ROLE' }],
    },
    overrides,
  );
}

/** A SlaveInfo (agent info) as a running agent has it. */
export function slaveInfo(overrides?: Overrides): SlaveInfo {
  return merge(
    {
      hostname: 'agent-1.example.com',
      port: 5051,
      id: { value: 'agent-1-S0' },
      resources: [scalar('cpus', 4), scalar('mem', 8192), scalar('disk', 10240)],
      attributes: [],
      checkpoint: true,
    },
    overrides,
  );
}
