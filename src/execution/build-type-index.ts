/**
 * Everything the runtime needs to know about a GraphQL object type, derived once from the
 * SourceModel: which external key answers each field, and which endpoint (if any) the type reads.
 * Resolvers and the cost estimate both walk this index, so they agree on what a field costs.
 */
import { invariant } from '../errors/bjet-error.js';
import type { EndpointModel, FieldModel, SourceModel } from '../model/source-model.js';

export interface TypeEntry {
  readonly typeName: string;
  /** The endpoint whose records this type shows; null for nested (unlinked) object types. */
  readonly endpoint: EndpointModel | null;
  /** GraphQL field name → field model. */
  readonly fields: ReadonlyMap<string, FieldModel>;
}

export interface TypeIndex {
  readonly types: ReadonlyMap<string, TypeEntry>;
  readonly endpoints: ReadonlyMap<string, EndpointModel>;
}

export function buildTypeIndex(model: SourceModel): TypeIndex {
  const types = new Map<string, TypeEntry>();
  const endpoints = new Map<string, EndpointModel>();
  for (const endpoint of model.endpoints) {
    endpoints.set(endpoint.endpoint, endpoint);
    addType(types, endpoint.typeName, endpoint, endpoint.fields);
  }
  return { types, endpoints };
}

function addType(types: Map<string, TypeEntry>, typeName: string, endpoint: EndpointModel | null, fields: readonly FieldModel[]): void {
  // A nested type shared by two parents is the same GraphQL type: the first definition wins.
  if (types.has(typeName)) return;
  types.set(typeName, { typeName, endpoint, fields: new Map(fields.map((field) => [field.name, field])) });
  for (const field of fields) {
    if (field.value.kind === 'object') addType(types, field.value.typeName, null, field.value.fields);
  }
}

/** The target endpoint of a relation field; a model that names an unknown endpoint is a broken artefact. */
export function targetOf(index: TypeIndex, endpointName: string): EndpointModel {
  const target = index.endpoints.get(endpointName);
  invariant(target !== undefined, `model relation to unknown endpoint "${endpointName}"`);
  return target;
}

/** GraphQL name of the field holding an endpoint's identifier (`id`, `defaultCode`). */
export function idFieldNameOf(endpoint: EndpointModel): string {
  const field = endpoint.fields.find((candidate) => candidate.key === endpoint.idKey);
  invariant(field !== undefined, `${endpoint.typeName} has no field for its identifier ${endpoint.idKey}`);
  return field.name;
}

/** Field names of a relation's target type that the upstream embeds: a selection within them is free. */
export function embeddedFieldNames(index: TypeIndex, endpointName: string, embeddedKeys: readonly string[]): ReadonlySet<string> {
  const target = targetOf(index, endpointName);
  const keys = new Set(embeddedKeys);
  const fields = index.types.get(target.typeName)?.fields.values() ?? [];
  return new Set([...fields].filter((field) => keys.has(field.key)).map((field) => field.name));
}
