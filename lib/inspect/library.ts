// Every module record a library exports, read without a manifest: the
// library is opened as ModuleManager::load opens one, its dynamic symbol
// table is searched for objects that read as module records, and each is
// verified with Mesos's checks (src/module/manager.cpp verifyModule, in
// lib/verify.ts), compatible() last.

import type { ErrorCode } from '../errors.js';
import { loadManifest, type ModuleRecordFields, verifyModule } from '../verify.js';
import { ChildBackend } from './backend.js';
import { type InspectedLibrary, type LibraryInspection, recordColumns, reportOutcome } from './report.js';
import type { InspectorOptions, RuntimeUsed } from './runtime.js';
import { InspectorSession, type Reply } from './session.js';

async function inspectOne(session: InspectorSession, library: string): Promise<InspectedLibrary> {
  const backend = new ChildBackend(session);
  // One library, no modules: open it the way loadManifest does, for Mesos's message.
  const [opened] = await loadManifest({ libraries: [{ file: library }] }, { modules: new Map() }, backend, session.agent, {
    keepGoing: true,
  });
  const report = reportOutcome(opened, session);
  if (opened.status !== 'opened') return report;

  let reply: Reply;
  try {
    reply = await session.request(['records', library], 'reading the dynamic symbol table');
  } catch (error) {
    return { ...report, status: 'error', error: (error as Error).message, code: 'INSPECTOR' };
  }
  if (!reply.ok) return { ...report, status: 'error', error: String(reply.error), code: 'INSPECTOR' };

  for (const record of reply.records as Array<ModuleRecordFields & { name: string }>) {
    const problem = await verifyModule(record.name, record, session.agent, () =>
      backend.compatible({ library, name: record.name }),
    );
    report.modules.push({
      name: record.name,
      status: problem === undefined ? 'ok' : 'error',
      ...recordColumns(record),
      parameters: [],
      ...(problem !== undefined
        ? { error: `Error verifying module '${record.name}': ${problem}`, code: 'MODULE_VERIFY' as ErrorCode }
        : {}),
    });
  }
  return report;
}

/**
 * Every module record `library` exports (found from its dynamic symbol
 * table), with its fields and whether Mesos would accept it, read without a
 * manifest in a child process that hosts the runtime libmesos (see
 * {@link InspectorOptions}). `compatible()` runs only when the version checks
 * pass, as in Mesos.
 */
export async function inspectLibrary(library: string, options: InspectorOptions = {}): Promise<LibraryInspection> {
  const session = await InspectorSession.start(options);
  try {
    return { ...(await inspectOne(session, library)), runtime: session.runtime };
  } finally {
    await session.close();
  }
}

/**
 * {@link inspectLibrary} for several libraries, with one child process;
 * `ok` when every library opens and every record verifies.
 */
export async function inspectLibraries(
  libraries: string[],
  options: InspectorOptions = {},
): Promise<{ runtime: RuntimeUsed; libraries: InspectedLibrary[]; ok: boolean }> {
  const session = await InspectorSession.start(options);
  try {
    const reports: InspectedLibrary[] = [];
    for (const library of libraries) reports.push(await inspectOne(session, library));
    const ok = reports.every((l) => l.status === 'ok' && l.modules.every((m) => m.status === 'ok'));
    return { runtime: session.runtime, libraries: reports, ok };
  } finally {
    await session.close();
  }
}

