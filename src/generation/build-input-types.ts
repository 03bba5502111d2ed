/** Input types of one endpoint, named by the model: its filter, and the inputs of its mutations. */
import { Kind, type InputObjectTypeDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import { invariant } from '../errors/bjet-error.js';
import type { NameRegistry } from '../model/name-registry.js';
import type { EndpointModel, MutationModel } from '../model/source-model.js';
import { valueTypeName } from '../model/value-type-name.js';
import { inputTypeFor } from './input-type-for.js';
import { byName, describe, inputValue, nameNode, typeRef } from './sdl-ast.js';

export function buildFilterInput(endpoint: EndpointModel, registry: NameRegistry): InputObjectTypeDefinitionNode | null {
  if (endpoint.filterInput === null || endpoint.filters.length === 0) return null;
  const fields = endpoint.filters.map((filter) => {
    const list = filter.key === endpoint.idListFilter;
    const description = list ? `Query key \`${filter.key}\`: any of these identifiers (sent comma-separated)` : `Query key \`${filter.key}\``;
    return { key: filter.key, node: inputValue(filter.name, typeRef(valueTypeName(filter.value), { list, nonNull: false }), description) };
  });
  const origin = {
    origin: `the filter of endpoint \`${endpoint.endpoint}\``,
    text: `Filter keys of \`GET /${endpoint.endpoint}\` (all given keys must match)`,
  };
  return claimInput(endpoint.filterInput, origin, endpoint, fields, registry);
}

/** The input type of a create or update mutation; null for one without input (GraphQL has no empty input types). */
export function buildMutationInput(endpoint: EndpointModel, mutation: MutationModel, registry: NameRegistry): InputObjectTypeDefinitionNode | null {
  const input = mutation.input;
  if (input === null || mutation.kind === 'delete') return null;
  const fields = input.fields.map(({ name, key }) => {
    const field = endpoint.fields.find((candidate) => candidate.key === key);
    invariant(field !== undefined, `input field ${input.typeName}.${name} writes unknown key ${key}`);
    const nonNull = mutation.kind === 'create' && (field.required === true || field.key === endpoint.idKey);
    return { key, node: inputValue(name, inputTypeFor(field, nonNull), `Key \`${key}\``) };
  });
  const text =
    mutation.kind === 'create' ? `Body of \`POST /${endpoint.endpoint}\`` : `Body of \`PUT /${endpoint.endpoint}/{id}\`: only the fields given are written`;
  return claimInput(input.typeName, { origin: `the ${mutation.kind} input of endpoint \`${endpoint.endpoint}\``, text }, endpoint, fields, registry);
}

function claimInput(
  name: string,
  { origin, text }: { readonly origin: string; readonly text: string },
  endpoint: EndpointModel,
  fields: readonly { readonly key: string; readonly node: InputValueDefinitionNode }[],
  registry: NameRegistry,
): InputObjectTypeDefinitionNode | null {
  if (fields.length === 0) return null;
  registry.claim(name, { describe: origin, configPath: `endpoints.${endpoint.endpoint}.typeName` });
  for (const { key, node } of fields) {
    registry.claim(`${name}.${node.name.value}`, { describe: `key \`${key}\` in ${origin}`, configPath: `endpoints.${endpoint.endpoint}` });
  }
  const nodes = byName(fields.map((field) => field.node));
  return { kind: Kind.INPUT_OBJECT_TYPE_DEFINITION, name: nameNode(name), description: describe(text), fields: nodes };
}
