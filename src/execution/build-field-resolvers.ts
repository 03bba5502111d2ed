/**
 * Field resolvers of one object type, built once at startup. Only relation fields have one: every
 * other field is already under its name, normalized, in the shaped record (build-record-shapers.ts),
 * where GraphQL's default resolver reads it.
 */
import type { TypeEntry, TypeIndex } from './build-type-index.js';
import type { RecordShapers } from './build-record-shapers.js';
import { buildRelationResolver } from './build-relation-resolver.js';
import type { TypeResolvers } from './resolver-types.js';

export function buildFieldResolvers(entry: TypeEntry, index: TypeIndex, sdlFields: ReadonlySet<string>, shapers: RecordShapers): TypeResolvers {
  const resolvers: TypeResolvers = {};
  for (const field of entry.fields.values()) {
    if (!sdlFields.has(field.name) || field.value.kind !== 'relation') continue;
    resolvers[field.name] = buildRelationResolver(field, field.value, index, shapers.of(field.value.typeName));
  }
  return resolvers;
}
