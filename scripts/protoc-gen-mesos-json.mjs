#!/usr/bin/env node
// protoc plugin: TypeScript interfaces for Mesos messages in Mesos's JSON form
// (what stout's JSON ⇄ protobuf reads and writes, and lib/wire/ converts).
//
//   proto field names as declared (snake_case mostly, `executorEnvironment` in
//   hook.proto); proto2 `required` fields non-optional (message fields too),
//   `optional` fields optional; repeated → arrays; maps → Record; enums →
//   unions of value names; int64/uint64 → number | string | bigint (results
//   are numbers, strings beyond 2^53); bytes → base64 string | Uint8Array. One doc comment per message and field, from the .proto.
//
// Run by scripts/gen-types.mjs: protoc --mesos-json_out=lib/gen --mesos-json_opt=target=ts.
// Writes <file>_json.ts next to protoc-gen-es's <file>_pb.ts.

import { ScalarType } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import { createEcmaScriptPlugin, getComments, getDeclarationString, runNodeJs } from '@bufbuild/protoplugin';

/** `mesos.ContainerInfo.DockerInfo` → `ContainerInfo_DockerInfo` (protoc-gen-es's naming). */
function localName(desc) {
  const pkg = desc.file.proto.package;
  const name = pkg ? desc.typeName.slice(pkg.length + 1) : desc.typeName;
  return name.replace(/\./g, '_');
}

function scalarType(scalar) {
  switch (scalar) {
    case ScalarType.STRING:
      return 'string';
    case ScalarType.BOOL:
      return 'boolean';
    case ScalarType.BYTES:
      return 'string | Uint8Array';
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 'number | string | bigint';
    default:
      return 'number';
  }
}

function comment(desc) {
  const c = getComments(desc);
  return (c.leading ?? c.trailing ?? '').trim();
}

/** A JSDoc block: the .proto comment, then the declaration it came from. */
function docBlock(f, text, declaration, indent) {
  const lines = [];
  if (text) lines.push(...text.split('\n').map((l) => l.replace(/\s+$/, '').replace(/^ /, '')), '');
  lines.push(...declaration.split('\n'));
  const body = lines.map((l) => `${indent} *${l ? ` ${l.replace(/\*\//g, '*\\/')}` : ''}`).join('\n');
  f.print(`${indent}/**\n${body}\n${indent} */`);
}

function isRequired(field) {
  return field.presence === FeatureSet_FieldPresence.LEGACY_REQUIRED;
}

/** The TS type of one element of a field (or of a map value). */
function elementType(f, kind, field, current) {
  switch (kind) {
    case 'scalar':
      return scalarType(field.scalar);
    case 'enum':
      return typeRef(f, field.enum, current);
    case 'message':
      return typeRef(f, field.message, current);
  }
  throw new Error(`unexpected field kind ${kind}`);
}

/** A reference to a generated type, imported when it lives in another file. */
function typeRef(f, desc, current) {
  const name = localName(desc);
  if (desc.file === current) return name;
  const path = `./${desc.file.name}_json.js`;
  return f.import(name, path, true);
}

function fieldType(f, field, current) {
  switch (field.fieldKind) {
    case 'scalar':
    case 'enum':
    case 'message':
      return [elementType(f, field.fieldKind, field, current)];
    case 'list': {
      const el = elementType(f, field.listKind, field, current);
      return typeof el === 'string' && el.includes('|') ? ['Array<', el, '>'] : [el, '[]'];
    }
    case 'map':
      return ['Record<string, ', elementType(f, field.mapKind, field, current), '>'];
  }
  throw new Error(`unexpected field kind ${field.fieldKind}`);
}

function generateMessage(f, message, current) {
  const name = localName(message);
  docBlock(f, comment(message), `Mesos JSON form of \`${message.typeName}\`.`, '');
  if (message.fields.length === 0) {
    f.print(f.export('type', name), ' = Record<string, never>;');
    f.print();
    return;
  }
  f.print(f.export('interface', name), ' {');
  message.fields.forEach((field, i) => {
    if (i > 0) f.print();
    let declaration = `\`${getDeclarationString(field)};\``;
    if (field.oneof) declaration += ` (one of \`${field.oneof.name}\`)`;
    if (field.deprecated) declaration += '\n@deprecated';
    docBlock(f, comment(field), declaration, '  ');
    const optional = isRequired(field) ? '' : '?';
    f.print(`  ${field.name}${optional}: `, ...fieldType(f, field, current), ';');
  });
  f.print('}');
  f.print();
}

function generateEnum(f, en) {
  const name = localName(en);
  const first = en.values[0]?.name;
  docBlock(
    f,
    comment(en),
    `Value names of \`${en.typeName}\`. An unset proto2 field reads as the first, \`${first}\`.`,
    '',
  );
  f.print(f.export('type', name), ' =');
  en.values.forEach((v, i) => f.print(`  | ${JSON.stringify(v.name)}${i === en.values.length - 1 ? ';' : ''}`));
  f.print();
}

function generateTs(schema) {
  for (const file of schema.files) {
    const f = schema.generateFile(`${file.name}_json.ts`);
    f.preamble(file);
    const types = [...schema.typesInFile(file)];
    for (const desc of types) {
      if (desc.kind === 'message' && !desc.proto.options?.mapEntry) generateMessage(f, desc, file);
      if (desc.kind === 'enum') generateEnum(f, desc);
    }
    const messages = types.filter((d) => d.kind === 'message' && !d.proto.options?.mapEntry);
    docBlock(f, '', 'Every message of this file by full proto name.', '');
    f.print(f.export('interface', `${pascal(file.name)}Messages`), ' {');
    for (const m of messages) f.print(`  ${JSON.stringify(m.typeName)}: ${localName(m)};`);
    f.print('}');
  }
}

/** `mesos/module/hook` → `MesosModuleHook`. */
function pascal(fileName) {
  return fileName
    .split(/[/_.-]/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

runNodeJs(
  createEcmaScriptPlugin({
    name: 'protoc-gen-mesos-json',
    version: 'v1',
    generateTs,
  }),
);
