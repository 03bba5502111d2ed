/**
 * What the SDL defines, flattened to members: `Type.field`, `Type.field(arg:)`, `Input.field` →
 * the named type; `Enum.VALUE` → `enum value`; `Type @key` → its key fields. Resolvers are attached only to what exists, and the
 * drift check compares these members with the ones the model implies.
 */
import { Kind, type DefinitionNode, type DocumentNode, type TypeNode } from 'graphql';

export interface SdlShape {
  /** Object type name → field names (type definitions and extensions merged). */
  readonly objectFields: ReadonlyMap<string, ReadonlySet<string>>;
  readonly enums: ReadonlySet<string>;
  /** Every member (see above) → its named type. */
  readonly members: ReadonlyMap<string, string>;
}

/** Types every generated SDL has, not derived from the model. */
const BUILT_IN_TYPES = new Set(['PageInfo']);

export const ENUM_VALUE = 'enum value';

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

export function readSdlShape(document: DocumentNode): SdlShape {
  const objectFields = new Map<string, Set<string>>();
  const enums = new Set<string>();
  const members = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      const fields = objectFields.get(definition.name.value) ?? new Set<string>();
      for (const field of definition.fields ?? []) fields.add(field.name.value);
      objectFields.set(definition.name.value, fields);
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.add(definition.name.value);
    }
    addMembers(members, definition);
  }
  return { objectFields, enums, members };
}

function addMembers(members: Map<string, string>, definition: DefinitionNode): void {
  if (!('name' in definition) || definition.name === undefined || BUILT_IN_TYPES.has(definition.name.value)) return;
  const type = definition.name.value;
  // Only object, input and enum definitions carry members; graphql's Kind has many more kinds.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- scalars, directives and the rest carry no member
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
      for (const key of definition.directives?.filter((directive) => directive.name.value === 'key') ?? []) {
        const fields = key.arguments?.find((argument) => argument.name.value === 'fields')?.value;
        members.set(`${type} @key`, fields?.kind === Kind.STRING ? fields.value : '');
      }
      for (const field of definition.fields ?? []) {
        members.set(`${type}.${field.name.value}`, namedType(field.type));
        for (const arg of field.arguments ?? []) members.set(`${type}.${field.name.value}(${arg.name.value}:)`, namedType(arg.type));
      }
      return;
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      for (const field of definition.fields ?? []) members.set(`${type}.${field.name.value}`, namedType(field.type));
      return;
    case Kind.ENUM_TYPE_DEFINITION:
      for (const value of definition.values ?? []) members.set(`${type}.${value.name.value}`, ENUM_VALUE);
      return;
    default:
      return;
  }
}
