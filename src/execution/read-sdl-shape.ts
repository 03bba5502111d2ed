/** Which object fields and enums the SDL defines: resolvers are attached only to what exists. */
import { Kind, type DocumentNode } from 'graphql';

export interface SdlShape {
  /** Object type name → field names (type definitions and extensions merged). */
  readonly objectFields: ReadonlyMap<string, ReadonlySet<string>>;
  readonly enums: ReadonlySet<string>;
}

export function readSdlShape(document: DocumentNode): SdlShape {
  const objectFields = new Map<string, Set<string>>();
  const enums = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      const fields = objectFields.get(definition.name.value) ?? new Set<string>();
      for (const field of definition.fields ?? []) fields.add(field.name.value);
      objectFields.set(definition.name.value, fields);
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.add(definition.name.value);
    }
  }
  return { objectFields, enums };
}
