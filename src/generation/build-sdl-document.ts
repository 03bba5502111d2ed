/**
 * SourceModel → the subgraph's SDL as a graphql-js document (federation v2.9: `@link`, `@key` on every
 * entity readable by id, `@cost`/`@listSize` from the REST budget). Pure and deterministic: root
 * fields and types sorted by name.
 */
import { Kind, type DefinitionNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeDefinitionNode } from 'graphql';
import type { SourceModel } from '../model/source-model.js';
import { type CostOptions, freeType } from './build-cost-directives.js';
import { buildFilterInput, buildMutationInput } from './build-input-types.js';
import { buildOutputTypes } from './build-output-types.js';
import { buildMutationFields, buildQueryFields } from './build-root-fields.js';
import { createNameRegistry, type NameRegistry } from '../model/name-registry.js';
import { buildChangeKindEnum, buildSubscriptionParts } from './build-subscription-fields.js';
import { byName, describe, directive, fieldDefinition, nameNode, stringValue, typeRef } from './sdl-ast.js';

const FEDERATION_URL = 'https://specs.apollo.dev/federation/v2.9';

/** `server.defaultPageSize`'s default, for callers without a config. */
const DEFAULT_COSTS: CostOptions = { defaultPageSize: 20 };

const SCALARS: Readonly<Record<string, string>> = {
  DateTime: 'A date and time in ISO-8601, UTC (`2024-01-02T10:11:12Z`); Odoo sends `YYYY-MM-DD HH:MM:SS` in UTC.',
  Date: 'A calendar date, `YYYY-MM-DD`.',
  JSON: 'Any JSON value: used only where the upstream sends values of mixed kinds.',
};

export function buildSdlDocument(model: SourceModel, source: string | null = null, costs: CostOptions = DEFAULT_COSTS): DocumentNode {
  const registry = createNameRegistry();
  const types: TypeDefinitionNode[] = [pageInfoType(), ...scalarTypes()];
  const queryFields: FieldDefinitionNode[] = [];
  const mutationFields: FieldDefinitionNode[] = [];
  const subscriptionFields: FieldDefinitionNode[] = [];
  for (const endpoint of model.endpoints) {
    const filter = buildFilterInput(endpoint, registry);
    const inputs = endpoint.mutations.map((mutation) => buildMutationInput(endpoint, mutation, registry));
    types.push(...buildOutputTypes(endpoint, registry), ...[filter, ...inputs].filter((node) => node !== null));
    queryFields.push(...buildQueryFields(endpoint, costs));
    mutationFields.push(...buildMutationFields(endpoint));
    const subscription = buildSubscriptionParts(endpoint, registry);
    types.push(...subscription.types);
    subscriptionFields.push(...subscription.fields);
  }
  if (subscriptionFields.length > 0) types.push(buildChangeKindEnum(registry));
  claimRootFields('Query', queryFields, registry);
  claimRootFields('Mutation', mutationFields, registry);
  claimRootFields('Subscription', subscriptionFields, registry);
  registry.assertNoCollision(source);
  const roots = [
    rootType('Query', queryFields),
    ...(mutationFields.length > 0 ? [rootType('Mutation', mutationFields)] : []),
    ...(subscriptionFields.length > 0 ? [rootType('Subscription', subscriptionFields)] : []),
  ];
  return { kind: Kind.DOCUMENT, definitions: [schemaExtension(), ...roots, ...byName(types)] };
}

function claimRootFields(root: string, fields: readonly FieldDefinitionNode[], registry: NameRegistry): void {
  for (const field of fields) {
    registry.claim(`${root}.${field.name.value}`, { describe: `${root} field for ${field.description?.value ?? 'an endpoint'}`, configPath: 'endpoints' });
  }
}

function schemaExtension(): DefinitionNode {
  const imports = { kind: Kind.LIST, values: ['@key', '@shareable', '@cost', '@listSize'].map(stringValue) } as const;
  return { kind: Kind.SCHEMA_EXTENSION, directives: [directive('link', { url: stringValue(FEDERATION_URL), import: imports })] };
}

function rootType(name: string, fields: readonly FieldDefinitionNode[]): ObjectTypeDefinitionNode {
  return { kind: Kind.OBJECT_TYPE_DEFINITION, name: nameNode(name), fields: byName(fields) };
}

function pageInfoType(): ObjectTypeDefinitionNode {
  return {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: nameNode('PageInfo'),
    description: describe('Where a page is in a list. The upstream gives no total: a full page means there may be more.'),
    directives: [directive('shareable'), freeType()],
    fields: [
      fieldDefinition('hasNextPage', typeRef('Boolean', { list: false, nonNull: true })),
      fieldDefinition('limit', typeRef('Int', { list: false, nonNull: true })),
      fieldDefinition('offset', typeRef('Int', { list: false, nonNull: true })),
    ],
  };
}

function scalarTypes(): TypeDefinitionNode[] {
  return Object.entries(SCALARS).map(([name, text]) => ({ kind: Kind.SCALAR_TYPE_DEFINITION, name: nameNode(name), description: describe(text) }));
}
