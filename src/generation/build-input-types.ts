/** Input types of one endpoint: its filter, and the create/update inputs of the methods it allows. */
import { Kind, type InputObjectTypeDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import type { EndpointModel, FieldModel } from '../model/source-model.js';
import { outputTypeName } from './build-output-types.js';
import { inputTypeFor } from './input-type-for.js';
import type { NameRegistry } from '../model/name-registry.js';
import { createInputNameFor, filterInputNameFor, inputFieldNameFor, updateInputNameFor } from '../model/naming.js';
import { byName, describe, inputValue, nameNode, typeRef } from './sdl-ast.js';

export function buildFilterInput(endpoint: EndpointModel, registry: NameRegistry): InputObjectTypeDefinitionNode | null {
  if (endpoint.filters.length === 0) return null;
  const name = filterInputNameFor(endpoint.typeName);
  const fields = endpoint.filters.map((filter) => {
    const list = filter.key === endpoint.idListFilter;
    const description = list
      ? `Query key \`${filter.key}\`: any of these identifiers (sent comma-separated)`
      : `Query key \`${filter.key}\``;
    return { key: filter.key, node: inputValue(filter.name, typeRef(outputTypeName(filter.value), { list, nonNull: false }), description) };
  });
  return claimInput(name, { origin: `the filter of endpoint \`${endpoint.endpoint}\``, text: `Filter keys of \`GET /${endpoint.endpoint}\` (all given keys must match)` }, endpoint, fields, registry);
}

/** Fields a client may write: not read-only, not a server-assigned `id`. */
function writableFields(endpoint: EndpointModel, withIdentifier: boolean): FieldModel[] {
  return endpoint.fields.filter((field) => {
    if (field.readOnly === true) return false;
    if (field.key === endpoint.idKey) return withIdentifier && endpoint.idKey !== 'id';
    return true;
  });
}

/** Null when nothing is writable (GraphQL has no empty input types). */
export function buildCreateInput(endpoint: EndpointModel, registry: NameRegistry): InputObjectTypeDefinitionNode | null {
  const fields = writableFields(endpoint, true).map((field) => {
    const nonNull = field.required === true || field.key === endpoint.idKey;
    return { key: field.key, node: inputValue(inputFieldNameFor(field.key), inputTypeFor(field, nonNull), `Key \`${field.key}\``) };
  });
  const text = `Body of \`POST /${endpoint.endpoint}\``;
  return claimInput(createInputNameFor(endpoint.typeName), { origin: `the create input of endpoint \`${endpoint.endpoint}\``, text }, endpoint, fields, registry);
}

export function buildUpdateInput(endpoint: EndpointModel, registry: NameRegistry): InputObjectTypeDefinitionNode | null {
  const fields = writableFields(endpoint, false).map((field) => ({
    key: field.key,
    node: inputValue(inputFieldNameFor(field.key), inputTypeFor(field, false), `Key \`${field.key}\``),
  }));
  const text = `Body of \`PUT /${endpoint.endpoint}/{id}\`: only the fields given are written`;
  return claimInput(updateInputNameFor(endpoint.typeName), { origin: `the update input of endpoint \`${endpoint.endpoint}\``, text }, endpoint, fields, registry);
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
