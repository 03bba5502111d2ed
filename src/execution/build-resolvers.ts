/**
 * The resolver map for `buildSubgraphSchema`, derived once from the SourceModel: Query and Mutation
 * fields per endpoint, field resolvers per object type, `__resolveReference` per entity, and enum
 * internal values (GraphQL enum value → technical key, so filters and inputs arrive as keys and
 * upstream keys serialize as enum values).
 */
import type { DocumentNode } from 'graphql';
import type { Config } from '../config/types.js';
import type { EndpointModel, FieldModel, MutationKind, ValueModel } from '../model/source-model.js';
import { buildFieldResolvers } from './build-field-resolvers.js';
import { buildRecordShapers, loadShaped, type RecordShapers, type Shaper } from './build-record-shapers.js';
import { buildCreateResolver, buildDeleteResolver, buildUpdateResolver } from './build-mutation-resolvers.js';
import { buildListResolver, buildSingleResolver } from './build-query-resolvers.js';
import { idFieldNameOf, type TypeIndex } from './build-type-index.js';
import { buildWriteBodyBuilder, type WriteBodyBuilder } from './build-write-body.js';
import type { TextLimits } from './check-input-text.js';
import { checkSchemaDrift } from './check-schema-drift.js';
import { readSdlShape, type SdlShape } from './read-sdl-shape.js';
import type { ReferenceResolver, Resolver, ResolverMap, TypeResolvers } from './resolver-types.js';

export function buildResolvers(index: TypeIndex, config: Config, typeDefs: DocumentNode): ResolverMap {
  const sdl = readSdlShape(typeDefs);
  checkSchemaDrift(sdl, index.endpoints.values());
  const shapers = buildRecordShapers(index);
  const resolvers: ResolverMap = {};
  const query: TypeResolvers = {};
  const mutation: TypeResolvers = {};
  for (const endpoint of index.endpoints.values()) {
    const shape = shapers.of(endpoint.typeName);
    addQueryFields(query, endpoint, config.server, sdl.objectFields.get('Query'), shape);
    addMutationFields(mutation, endpoint, { index, config, shape }, sdl.objectFields.get('Mutation'));
  }
  if (Object.keys(query).length > 0) resolvers['Query'] = query;
  if (Object.keys(mutation).length > 0) resolvers['Mutation'] = mutation;
  for (const entry of index.types.values()) {
    const fields = sdl.objectFields.get(entry.typeName);
    if (fields === undefined) continue;
    const typeResolvers = buildFieldResolvers(entry, index, fields, shapers);
    if (entry.endpoint?.methods.includes('GET') === true) typeResolvers['__resolveReference'] = referenceResolver(entry.endpoint, shapers);
    resolvers[entry.typeName] = typeResolvers;
  }
  addEnums(resolvers, index, sdl);
  return resolvers;
}

function addQueryFields(query: TypeResolvers, endpoint: EndpointModel, server: Config['server'], fields: ReadonlySet<string> | undefined, shape: Shaper): void {
  if (fields === undefined || !endpoint.methods.includes('GET')) return;
  if (fields.has(endpoint.listField)) query[endpoint.listField] = buildListResolver(endpoint, server.defaultPageSize, shape, server.limits);
  if (fields.has(endpoint.singleField)) query[endpoint.singleField] = buildSingleResolver(endpoint, shape, server.limits);
}

interface MutationParts {
  readonly index: TypeIndex;
  readonly config: Config;
  readonly shape: Shaper;
}

function addMutationFields(
  mutation: TypeResolvers,
  endpoint: EndpointModel,
  { index, config, shape }: MutationParts,
  fields: ReadonlySet<string> | undefined,
): void {
  if (fields === undefined) return;
  const endpointConfig = config.endpoints.find((e) => e.name === endpoint.endpoint);
  for (const write of endpoint.mutations) {
    if (!fields.has(write.field)) continue;
    const body = write.input === null ? null : buildWriteBodyBuilder(endpoint, write.input, endpointConfig, index);
    mutation[write.field] = mutationResolver(endpoint, write.kind, body, shape, config.server.limits);
  }
}

function mutationResolver(endpoint: EndpointModel, kind: MutationKind, body: WriteBodyBuilder | null, shape: Shaper, limits: TextLimits): Resolver<unknown> {
  const noInput: WriteBodyBuilder = () => ({});
  switch (kind) {
    case 'create':
      return buildCreateResolver(endpoint, body ?? noInput, shape);
    case 'update':
      return buildUpdateResolver(endpoint, body ?? noInput, shape, limits);
    case 'delete':
      return buildDeleteResolver(endpoint, limits);
  }
}

function referenceResolver(endpoint: EndpointModel, shapers: RecordShapers): ReferenceResolver {
  const idField = idFieldNameOf(endpoint);
  const shape = shapers.of(endpoint.typeName);
  return async (reference, ctx) => loadShaped(ctx.loaders, endpoint.endpoint, reference[idField], shape);
}

function addEnums(resolvers: ResolverMap, index: TypeIndex, sdl: SdlShape): void {
  const visit = (value: ValueModel): void => {
    if (value.kind === 'object') value.fields.forEach((field: FieldModel) => visit(field.value));
    if (value.kind !== 'enum' || !sdl.enums.has(value.enumName) || resolvers[value.enumName] !== undefined) return;
    resolvers[value.enumName] = Object.fromEntries(value.values.map(({ name, key }) => [name, key]));
  };
  for (const endpoint of index.endpoints.values()) {
    endpoint.fields.forEach((field) => visit(field.value));
    endpoint.filters.forEach((filter) => visit(filter.value));
  }
}
