// The child side of isolated mode: an in-process ModuleManager in its own
// node process, answering lib/isolate-protocol.ts requests from the parent
// over the IPC channel (lib/child/link.ts). Module code only runs here.

import type { Hook } from './hook.js';
import type { CallRequest, Request } from './isolate-protocol.js';
import { toWireError } from './isolate-protocol.js';
import { ModuleManager } from './manager.js';
import { native } from './native.js';
import type { HookMethod } from './wire/calls.js';

// The parent reports this process's crashes as HookCrash: the addon's crash
// report (part of that error's stderr tail) needs no hint to use isolation.
try {
  native().setCrashHint(false);
} catch {
  // An addon that does not load fails the first request, with its own error.
}

const hooks = new Map<number, Hook>();
let manager: ModuleManager | undefined;

function managerFor(options: { mesosVersion?: string; strict?: boolean }): ModuleManager {
  manager ??= new ModuleManager({ mesosVersion: options.mesosVersion, strict: options.strict });
  return manager;
}

function state(m: ModuleManager) {
  return { modules: m.modules, warnings: [...m.warnings] };
}

async function run(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'load': {
      const m = managerFor(request);
      await m.load(request.manifest);
      return state(m);
    }
    case 'loadDir': {
      const m = managerFor(request);
      await m.loadDir(request.dir);
      return state(m);
    }
    case 'unload': {
      const m = managerFor({});
      m.unload(request.name);
      return state(m);
    }
    case 'create': {
      const hook = await managerFor({}).createHook(request.name, request.parameters);
      hooks.set(request.hook, hook);
      return null;
    }
    case 'call': {
      const call = request as CallRequest;
      const hook = hooks.get(call.hook);
      if (hook === undefined) throw new Error(`no hook ${call.hook} in the child`);
      return hook.callWire(call.method as HookMethod, call.bytes, call.offThread, call.timeout);
    }
  }
}

process.on('message', (message: Request & { id: number }) => {
  run(message).then(
    (value) => process.send!({ id: message.id, ok: true, value }),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: toWireError(error) }),
  );
});

// The parent went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0));
