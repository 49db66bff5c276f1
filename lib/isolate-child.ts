// The child side of isolated mode: an in-process ModuleManager in its own
// node process, answering lib/isolate-protocol.ts requests from the parent
// over the child room's frames (lib/child/serve.ts). Module code only runs
// here. The manager's code is imported as soon as the process starts, while
// the parent is still sending its first request.

import { ANSWER_OK, encodeJson, decodeJson, type Frame } from './child/frame.js';
import { type ServedAnswer, serve } from './child/serve.js';
import type { Hook } from './hook.js';
import {
  encodeSettled,
  readCall,
  type SetupRequest,
  TAG_CALL,
  TAG_ERROR,
  TAG_SETUP,
  toWireError,
} from './isolate-protocol.js';
import type { ModuleManager } from './manager.js';

const loading = import('./manager.js');

// The parent reports this process's crashes as HookCrash: the addon's crash
// report (part of that error's stderr tail) needs no hint to use isolation.
loading
  .then(async () => (await import('./native.js')).native().setCrashHint(false))
  .catch(() => {
    // An addon that does not load fails the first request, with its own error.
  });
const hooks = new Map<number, Hook>();
let manager: ModuleManager | undefined;

async function managerFor(options: { mesosVersion?: string; strict?: boolean }): Promise<ModuleManager> {
  const { ModuleManager } = await loading;
  manager ??= new ModuleManager({ mesosVersion: options.mesosVersion, strict: options.strict });
  return manager;
}

function state(m: ModuleManager) {
  return { modules: m.modules, warnings: [...m.warnings] };
}

async function setup(request: SetupRequest): Promise<unknown> {
  switch (request.op) {
    case 'load': {
      const m = await managerFor(request);
      await m.load(request.manifest);
      return state(m);
    }
    case 'loadDir': {
      const m = await managerFor(request);
      await m.loadDir(request.dir);
      return state(m);
    }
    case 'unload': {
      const m = await managerFor({});
      m.unload(request.name);
      return state(m);
    }
    case 'create': {
      const hook = await (await managerFor({})).createHook(request.name, request.parameters);
      hooks.set(request.hook, hook);
      return null;
    }
  }
}

function failed(error: unknown): ServedAnswer {
  return { tag: TAG_ERROR, parts: [encodeJson(toWireError(error))] };
}

async function call(frame: Frame): Promise<ServedAnswer> {
  try {
    const { hook: id, method, bytes, offThread, timeout } = readCall(frame.payload);
    const hook = hooks.get(id);
    if (hook === undefined) throw new Error(`no hook ${id} in the child`);
    return { tag: ANSWER_OK, parts: encodeSettled(await hook.callWire(method, bytes, offThread, timeout)) };
  } catch (error) {
    return failed(error);
  }
}

serve((frame) => {
  if (frame.tag === TAG_CALL) return call(frame);
  if (frame.tag !== TAG_SETUP) return failed(new Error(`unknown request tag ${frame.tag}`));
  return (async () => setup(decodeJson<SetupRequest>(frame.payload)))().then(
    (value) => ({ tag: ANSWER_OK, parts: [encodeJson(value)] }),
    failed,
  );
});
