// The loader backend over the inspector: Mesos's loader steps (lib/verify.ts
// LoaderBackend: open, read, compatible, create) answered by the child
// process of lib/inspect/session.ts, so inspect checks modules with the same
// code as ModuleManager. Mirrors src/module/manager.cpp's calls into a
// library (dlopen, dlsym of the record, compatible(), create()).

import { createErrorMessage, fromNative, type NativeFailure } from '../errors.js';
import { diagnosisOf } from '../diagnose.js';
import type { Parameter } from '../manifest.js';
import { BackendError, type LoaderBackend, type ModuleRecordFields } from '../verify.js';
import { InspectorLost, type InspectorSession, type Reply } from './session.js';

/** A module record in the child: its library string and symbol. */
export interface ChildHandle {
  library: string;
  name: string;
}

/** An inspector reply's failure, in the shape fromNative() reads. */
function failureOf(reply: Reply): NativeFailure {
  return { code: typeof reply.code === 'string' ? reply.code : undefined, message: String(reply.error) };
}

function lostMessage(error: unknown): string {
  return (error as Error).message;
}

export class ChildBackend implements LoaderBackend<ChildHandle> {
  constructor(readonly session: InspectorSession) {}

  async open(library: string): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.session.open(library);
    } catch (error) {
      if (!(error instanceof InspectorLost)) throw error;
      throw new BackendError('other', lostMessage(error));
    }
    if (!reply.ok) {
      const error = fromNative(failureOf(reply), { step: 'open', library });
      if (error instanceof BackendError && error.kind === 'dlopen') {
        throw new BackendError('dlopen', error.message, diagnosisOf(reply, this.session.runtime));
      }
      throw error;
    }
  }

  async read(library: string, name: string): Promise<{ record: ModuleRecordFields; handle: ChildHandle }> {
    let reply: Reply;
    try {
      reply = await this.session.request(['read', library, name], `reading the record '${name}'`);
    } catch (error) {
      if (!(error instanceof InspectorLost)) throw error;
      throw new BackendError('other', lostMessage(error));
    }
    if (!reply.ok) throw fromNative(failureOf(reply), { step: 'read', library, module: name });
    return { record: reply.record as ModuleRecordFields, handle: { library, name } };
  }

  async compatible(handle: ChildHandle): Promise<boolean> {
    let reply: Reply;
    try {
      reply = await this.session.request(['compatible', handle.library, handle.name], 'compatible()');
    } catch (error) {
      if (!(error instanceof InspectorLost)) throw error;
      throw new BackendError('other', lostMessage(error));
    }
    if (!reply.ok) throw fromNative(failureOf(reply), { step: 'compatible', library: handle.library, module: handle.name });
    return reply.compatible === true;
  }

  /** Calls create(parameters); the reason it fails, if it does. */
  async create(handle: ChildHandle, parameters: Parameter[]): Promise<string | undefined> {
    let reply: Reply;
    try {
      reply = await this.session.request(
        ['create', handle.library, handle.name, ...parameters.flatMap((p) => [p.key, p.value])],
        'create()',
      );
    } catch (error) {
      if (!(error instanceof InspectorLost)) throw error;
      return createErrorMessage(handle.name, lostMessage(error));
    }
    if (!reply.ok) {
      return fromNative(failureOf(reply), { step: 'create', library: handle.library, module: handle.name }).message + loggedError(reply.stderr);
    }
    return reply.created === true ? undefined : createErrorMessage(handle.name) + loggedError(reply.stderr);
  }
}

/**
 * ` (it logged: <message>)` for the last glog ERROR or FATAL line in what
 * create() wrote to stderr, as ModuleCreateError says it; '' when none.
 */
function loggedError(stderr: unknown): string {
  if (typeof stderr !== 'string') return '';
  let last: string | undefined;
  for (const match of stderr.matchAll(/^[EF]\d{4,8} [\d:.]+ +\d+ [^\]\n]*\] (.*)$/gm)) last = match[1];
  return last === undefined ? '' : ` (it logged: ${last})`;
}

