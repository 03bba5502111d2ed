/**
 * Query and Mutation fields of one endpoint, named by the model: reads when it allows GET, its
 * mutations as listed; each with its REST cost for a router (build-cost-directives.ts). Every Query
 * field is nullable: a failing endpoint nulls its own field and leaves the rest of a multi-endpoint
 * answer intact (a non-null field would null the whole `data`).
 */
import type { FieldDefinitionNode } from 'graphql';
import type { EndpointModel, MutationModel } from '../model/source-model.js';
import { cost, listFieldCost, ROOT_FIELD_CALLS, type CostOptions } from './build-cost-directives.js';
import { fieldDefinition, inputValue, typeRef } from './sdl-ast.js';

const ID = typeRef('ID', { list: false, nonNull: true });

export function buildQueryFields(endpoint: EndpointModel, costs: CostOptions): FieldDefinitionNode[] {
  if (!endpoint.methods.includes('GET')) return [];
  const path = `/${endpoint.endpoint}`;
  const listArgs = [
    inputValue('limit', typeRef('Int', { list: false, nonNull: false }), `Page size, at most ${endpoint.maxPageSize}`),
    inputValue('offset', typeRef('Int', { list: false, nonNull: false }), 'Records to skip (default 0)'),
    // Without filters there is no input type (GraphQL has none empty), whatever filterInput says.
    ...(endpoint.filterInput !== null && endpoint.filters.length > 0
      ? [inputValue('filter', typeRef(endpoint.filterInput, { list: false, nonNull: false }))]
      : []),
  ];
  return [
    fieldDefinition(endpoint.listField, typeRef(endpoint.pageTypeName, { list: false, nonNull: false }), {
      description: `\`GET ${path}\``,
      args: listArgs,
      directives: listFieldCost(endpoint, costs),
    }),
    fieldDefinition(endpoint.singleField, typeRef(endpoint.typeName, { list: false, nonNull: false }), {
      description: `\`GET ${path}/{id}\`; null when there is no such record`,
      args: [inputValue('id', ID, `Value of key \`${endpoint.idKey}\``)],
      directives: [cost(ROOT_FIELD_CALLS.single)],
    }),
  ];
}

export function buildMutationFields(endpoint: EndpointModel): FieldDefinitionNode[] {
  return endpoint.mutations.map((mutation) => mutationField(endpoint, mutation));
}

function mutationField(endpoint: EndpointModel, mutation: MutationModel): FieldDefinitionNode {
  const path = `/${endpoint.endpoint}`;
  const result = typeRef(endpoint.typeName, { list: false, nonNull: true });
  const idArg = inputValue('id', ID, `Value of key \`${endpoint.idKey}\``);
  const input = mutation.input === null ? [] : [typeRef(mutation.input.typeName, { list: false, nonNull: true })];
  const directives = [cost(ROOT_FIELD_CALLS[mutation.kind])];
  switch (mutation.kind) {
    case 'create':
      return fieldDefinition(mutation.field, result, { description: `\`POST ${path}\``, args: input.map((type) => inputValue('input', type)), directives });
    case 'update': {
      const args = [idArg, ...input.map((type) => inputValue('input', type, 'Only the fields given are written'))];
      return fieldDefinition(mutation.field, result, { description: `\`PUT ${path}/{id}\` (partial update)`, args, directives });
    }
    case 'delete':
      return fieldDefinition(mutation.field, ID, { description: `\`DELETE ${path}/{id}\`; returns the identifier deleted`, args: [idArg], directives });
  }
}
