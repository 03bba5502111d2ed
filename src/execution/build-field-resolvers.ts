/**
 * Field resolvers of one object type, built once at startup: each reads its external key from the
 * upstream record and normalizes the value; relation fields resolve through the relation resolver.
 */
import type { UpstreamRecord } from '../upstream/types.js';
import type { TypeEntry, TypeIndex } from './build-type-index.js';
import { buildRelationResolver } from './build-relation-resolver.js';
import { buildNormalizer } from './normalize-value.js';
import type { Resolver, TypeResolvers } from './resolver-types.js';

export function buildFieldResolvers(entry: TypeEntry, index: TypeIndex, sdlFields: ReadonlySet<string>): TypeResolvers {
  const resolvers: TypeResolvers = {};
  for (const field of entry.fields.values()) {
    if (!sdlFields.has(field.name)) continue;
    if (field.value.kind === 'relation') {
      resolvers[field.name] = buildRelationResolver(field, field.value, index);
      continue;
    }
    const normalize = buildNormalizer(field);
    const key = field.key;
    const resolve: Resolver<UpstreamRecord> = (parent) => normalize(parent[key]);
    resolvers[field.name] = resolve;
  }
  return resolvers;
}
