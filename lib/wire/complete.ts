// Whether a hook result is a message the agent could deliver. Mirrors
// protobuf's Message::IsInitialized / FindInitializationErrors as the agent's
// HookManager (src/hook/manager.cpp) meets them: a result is copied into a
// TaskInfo, ExecutorInfo, SlaveInfo or status update that is later
// serialized, and an uninitialized message cannot be. Only the part of each
// result the agent uses is checked (mesos-facts.md §5.2).

import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import type { DescField, DescMessage } from '@bufbuild/protobuf';

type Json = Record<string, unknown>;

// Per message type: whether any required field is reachable from it (most
// result types need no walk at all for most of their fields).
const reaches = new Map<string, boolean>();

function isRequired(field: DescField): boolean {
  return field.presence === FeatureSet_FieldPresence.LEGACY_REQUIRED;
}

function hasRequired(desc: DescMessage): boolean {
  const known = reaches.get(desc.typeName);
  if (known !== undefined) return known;
  reaches.set(desc.typeName, false); // A cycle adds nothing new.
  let found = false;
  for (const field of desc.fields) {
    if (isRequired(field)) found = true;
    const sub = messageOf(field);
    if (sub !== undefined && hasRequired(sub)) found = true;
  }
  reaches.set(desc.typeName, found);
  return found;
}

function messageOf(field: DescField): DescMessage | undefined {
  if (field.fieldKind === 'message') return field.message;
  if (field.fieldKind === 'list' && field.listKind === 'message') return field.message;
  if (field.fieldKind === 'map' && field.mapKind === 'message') return field.message;
  return undefined;
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/**
 * Every required field left unset in `value` (a message in Mesos's JSON
 * form, as lib/wire/decode.ts gives it), as paths under `prefix`: this
 * message's own first, then its sub-messages', like
 * FindInitializationErrors.
 */
export function missingFields(desc: DescMessage, value: Json, prefix: string, out: string[] = []): string[] {
  if (!hasRequired(desc)) return out;
  for (const field of desc.fields) {
    if (isRequired(field) && value[field.name] === undefined) out.push(join(prefix, field.name));
  }
  for (const field of desc.fields) {
    const sub = messageOf(field);
    const v = value[field.name];
    if (sub === undefined || v === undefined || v === null || !hasRequired(sub)) continue;
    const at = join(prefix, field.name);
    if (field.fieldKind === 'list') {
      (v as Json[]).forEach((item, i) => missingFields(sub, item, `${at}[${i}]`, out));
    } else if (field.fieldKind === 'map') {
      for (const [key, item] of Object.entries(v as Json)) missingFields(sub, item as Json, `${at}["${key}"]`, out);
    } else {
      missingFields(sub, v as Json, at, out);
    }
  }
  return out;
}
