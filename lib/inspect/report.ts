// What an inspection reports for each library and module: the loader's
// outcome (lib/verify.ts loadManifest) with the record's fields, Mesos's
// message and error code, and for a library that does not open, the symbols
// it lacks and the likely cause (lib/diagnose.ts).

import type { ErrorCode, MesosModulesError, UnresolvedSymbol } from '../errors.js';
import type { Parameter } from '../manifest.js';
import type { LibraryOutcome, ModuleRecordFields } from '../verify.js';
import type { RuntimeUsed } from './runtime.js';
import type { InspectorSession } from './session.js';

/** One module, as an inspection reports it. */
export interface InspectedModule {
  name: string | null;
  /** `ok`: it loads; `identical`: a re-load of a loaded module (a no-op); `error`; `not-loaded`: its library failed. */
  status: 'ok' | 'identical' | 'error' | 'not-loaded';
  kind: string | null;
  mesosVersion: string | null;
  moduleApiVersion: string | null;
  authorName: string | null;
  authorEmail: string | null;
  description: string | null;
  hasCompatible: boolean | null;
  hasCreate: boolean | null;
  /** The manifest's parameters (none for a library inspected without one). */
  parameters: Parameter[];
  /** Mesos's message. */
  error?: string;
  code?: ErrorCode;
}

/** One library, as an inspection reports it. */
export interface InspectedLibrary {
  /** The library string (`file`, or lib<name>.so). */
  library: string | null;
  /** The file the dynamic loader opened. */
  path?: string;
  status: 'ok' | 'error';
  /** Mesos's message when it does not open. */
  error?: string;
  code?: ErrorCode;
  /** When it does not open for want of symbols: which ones, and the likely cause. */
  unresolved?: UnresolvedSymbol[];
  missingLibraries?: Array<{ library: string; error: string }>;
  hint?: string;
  /** The manifest file that lists it, if any. */
  manifest?: string;
  modules: InspectedModule[];
}

/** {@link inspectLibrary}'s answer: the library and the runtime that read it. */
export interface LibraryInspection extends InspectedLibrary {
  runtime: RuntimeUsed;
}

export function recordColumns(record: ModuleRecordFields | undefined) {
  return {
    kind: record?.kind ?? null,
    mesosVersion: record?.mesosVersion ?? null,
    moduleApiVersion: record?.moduleApiVersion ?? null,
    authorName: record?.authorName ?? null,
    authorEmail: record?.authorEmail ?? null,
    description: record?.description ?? null,
    hasCompatible: record?.hasCompatible ?? null,
    hasCreate: record?.hasCreate ?? null,
  };
}

function errorFields(error: MesosModulesError | undefined): { error?: string; code?: ErrorCode } {
  return error === undefined ? {} : { error: error.message, code: error.code };
}

export function reportOutcome(outcome: LibraryOutcome, session: InspectorSession, manifest?: string): InspectedLibrary {
  const error = outcome.error as (MesosModulesError & Partial<InspectedLibrary>) | undefined;
  const path = outcome.library !== undefined ? session.pathOf(outcome.library) : undefined;
  return {
    library: outcome.library ?? null,
    ...(path !== undefined ? { path } : {}),
    status: outcome.status === 'opened' ? 'ok' : 'error',
    ...errorFields(error),
    ...(error?.unresolved !== undefined && error.unresolved.length > 0 ? { unresolved: error.unresolved } : {}),
    ...(error?.missingLibraries !== undefined && error.missingLibraries.length > 0
      ? { missingLibraries: error.missingLibraries }
      : {}),
    ...(error?.hint !== undefined ? { hint: error.hint } : {}),
    ...(manifest !== undefined ? { manifest } : {}),
    modules: outcome.modules.map((m) => ({
      name: m.name ?? null,
      status: m.status === 'loaded' ? 'ok' : m.status === 'failed' ? 'error' : m.status,
      ...recordColumns(m.record),
      parameters: m.parameters,
      ...errorFields(m.error),
    })),
  };
}

