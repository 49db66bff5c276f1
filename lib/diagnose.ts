// Why a library does not open: what dlerror() does not say. dlopen names only
// the first missing symbol; the inspector (lib/inspect/session.ts) lists
// every symbol no loaded object defines and every DT_NEEDED library that does
// not load, and likelyCause() turns them into the probable mismatch (another
// protobuf, another Mesos or SDK, another glog). Mirrors no Mesos file:
// Mesos's own message (src/module/manager.cpp "Error opening library") stays
// as it is, and this is added to it.

import { BackendError, fromNative, type UnresolvedSymbol } from './errors.js';
import { type Reply, InspectorSession } from './inspect/session.js';
import type { RuntimeUsed } from './inspect/runtime.js';
import { native } from './native.js';

interface Diagnosis {
  file?: string | null;
  unresolved?: UnresolvedSymbol[];
  unresolvedCount?: number;
  needed?: Array<{ library: string; error?: string }>;
}

function runtimeLabel(runtime: Pick<RuntimeUsed, 'path' | 'mesosVersion' | 'sdk'> | undefined): string {
  if (runtime === undefined) return 'the runtime in use';
  return `${runtime.path} (Mesos ${runtime.mesosVersion}${runtime.sdk ? ', the bundled SDK' : ''})`;
}

/** The likely cause of a failed dlopen, from dlerror() and the unresolved symbols. */
export function likelyCause(
  dlerror: string,
  unresolved: UnresolvedSymbol[],
  missingLibraries: Array<{ library: string; error: string }>,
  runtime?: Pick<RuntimeUsed, 'path' | 'mesosVersion' | 'sdk'>,
): string | undefined {
  const causes: string[] = [];
  if (missingLibraries.length > 0) {
    causes.push(
      `it needs ${missingLibraries.map((m) => m.library).join(', ')}, which the dynamic loader cannot load ` +
        '(install it, or add its directory to LD_LIBRARY_PATH)',
    );
  }
  const version = /version `([^']+)' not found/.exec(dlerror);
  if (version) {
    causes.push(`it was built against a newer ${version[1]} than this host has (rebuild it on, or for, this host)`);
  }
  const names = unresolved.map((u) => u.demangled);
  const has = (pattern: RegExp) => names.some((n) => pattern.test(n));
  if (has(/(^|[\s(:])google::protobuf::/)) {
    causes.push(
      'protobuf symbols are missing: it was built against another protobuf than the one the runtime carries ' +
        '(a protobuf runtime mismatch); rebuild it against the Mesos or SDK headers of this runtime',
    );
  }
  if (has(/(^|[\s(:])(mesos|process|stout)::/)) {
    causes.push(
      `Mesos symbols are missing: it was built against another Mesos or SDK version than ${runtimeLabel(runtime)}. ` +
        "A module built against a real Mesos needs that Mesos's libmesos (set MESOS_HOME, or --libmesos); " +
        'one built against the bundled SDK needs the SDK runtime',
    );
  }
  if (has(/(^|[\s(:])google::(?!protobuf::)/) || has(/^(fLI|fLB|fLS)::/)) {
    causes.push("glog symbols are missing: the runtime's glog is not the one it was built against");
  }
  if (causes.length === 0 && unresolved.length > 0) {
    causes.push('nothing loaded defines these symbols: link the library that does, or load it first');
  }
  return causes.length > 0 ? causes.join('; ') : undefined;
}

export function diagnosisOf(reply: Reply, runtime?: Pick<RuntimeUsed, 'path' | 'mesosVersion' | 'sdk'>): BackendError['diagnosis'] {
  const diagnosis = (reply.diagnosis ?? {}) as Diagnosis;
  const unresolved = diagnosis.unresolved ?? [];
  const missingLibraries = (diagnosis.needed ?? [])
    .filter((n): n is { library: string; error: string } => n.error !== undefined)
    .map((n) => ({ library: n.library, error: n.error }));
  return { unresolved, missingLibraries, hint: likelyCause(String(reply.error), unresolved, missingLibraries, runtime) };
}

/**
 * Why `library` does not open with `runtimeLibrary` loaded globally: asked
 * of a child process (dlerror() names only the first missing symbol). Used by
 * ModuleManager when the in-process dlopen fails; undefined if it cannot tell.
 * @internal
 */
export async function diagnoseOpenFailure(
  library: string,
  runtime: { library: string; mesosVersion: string; sdk: boolean },
): Promise<BackendError['diagnosis'] | undefined> {
  let session: InspectorSession | undefined;
  try {
    session = await InspectorSession.start({ libmesos: runtime.library, mesosVersion: runtime.mesosVersion, timeoutMs: 5000 });
    const reply = await session.request(['open', library], 'opening the library');
    if (reply.ok || reply.diagnosis === undefined) return undefined;
    return diagnosisOf(reply, { path: runtime.library, mesosVersion: runtime.mesosVersion, sdk: runtime.sdk });
  } catch {
    return undefined;
  } finally {
    await session?.close();
  }
}

/**
 * A library that did not open, as the loader reports it: a dlopen() failure
 * that says something the library needs is missing is diagnosed (which
 * symbols, which libraries, against which runtime).
 * @internal
 */
export async function openFailure(library: string, error: unknown): Promise<Error> {
  const e = fromNative(error, { step: 'open', library });
  if (!(e instanceof BackendError) || e.kind !== 'dlopen') return e;
  const runtime = native().runtime();
  // Worth a child process only when something the library needs is missing.
  const needsSomething =
    /undefined symbol|version `/.test(e.message) ||
    (/cannot open shared object file/.test(e.message) && !e.message.startsWith(`${library}:`));
  const diagnosis = needsSomething
    ? await diagnoseOpenFailure(library, {
        library: runtime.library,
        mesosVersion: runtime.mesosVersion,
        sdk: runtime.mode === 'sdk',
      })
    : undefined;
  return new BackendError('dlopen', e.message, diagnosis);
}
