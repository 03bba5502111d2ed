/**
 * Changes of the root fields' nullability between two SDLs. The model does not carry it (the
 * generator decides it), so a generator change shows only here: a root field that becomes nullable
 * breaks clients whose types assumed a value; one that becomes non-null is safe.
 */
import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import type { SchemaChange } from './diff-fields.js';

const ROOT_TYPES = ['Query', 'Mutation'] as const;

export function diffRootFields(beforeSdl: string, afterSdl: string): SchemaChange[] {
  const before = rootFields(parse(beforeSdl));
  const after = rootFields(parse(afterSdl));
  const changes: SchemaChange[] = [];
  for (const [name, old] of before) {
    const current = after.get(name);
    if (current === undefined) continue; // a removed field is reported by the model diff with its endpoint
    const wasNonNull = old.type.kind === Kind.NON_NULL_TYPE;
    const isNonNull = current.type.kind === Kind.NON_NULL_TYPE;
    if (wasNonNull === isNonNull) continue;
    const label = `\`${name}\` changed from \`${print(old.type)}\` to \`${print(current.type)}\``;
    changes.push(
      wasNonNull
        ? { breaking: true, path: name, message: `root field ${label}: now nullable, clients must handle null (the field is null when its endpoint fails)` }
        : { breaking: false, path: name, message: `root field ${label}: now non-null` },
    );
  }
  return changes;
}

/** `Query.partners` → its definition, over the type and its extensions. */
function rootFields(document: DocumentNode): Map<string, FieldDefinitionNode> {
  const fields = new Map<string, FieldDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeName = definition.name.value;
    if (!(ROOT_TYPES as readonly string[]).includes(typeName)) continue;
    for (const field of definition.fields ?? []) fields.set(`${typeName}.${field.name.value}`, field);
  }
  return fields;
}
