/**
 * Query and Mutation fields of one endpoint: reads when it allows GET, writes only for the methods it
 * allows; each with its REST cost for a router (build-cost-directives.ts).
 */
import type { FieldDefinitionNode } from 'graphql';
import type { EndpointModel } from '../model/source-model.js';
import { cost, listFieldCost, ROOT_FIELD_CALLS, type CostOptions } from './build-cost-directives.js';
import {
  createInputNameFor,
  createMutationFor,
  deleteMutationFor,
  filterInputNameFor,
  pageTypeNameFor,
  updateInputNameFor,
  updateMutationFor,
} from './naming.js';
import { fieldDefinition, inputValue, typeRef } from './sdl-ast.js';

export interface RootFieldOptions {
  readonly hasFilter: boolean;
  readonly hasCreateInput: boolean;
  readonly hasUpdateInput: boolean;
  readonly costs: CostOptions;
}

const ID = typeRef('ID', { list: false, nonNull: true });

export function buildQueryFields(endpoint: EndpointModel, options: RootFieldOptions): FieldDefinitionNode[] {
  if (!endpoint.methods.includes('GET')) return [];
  const path = `/${endpoint.endpoint}`;
  const listArgs = [
    inputValue('limit', typeRef('Int', { list: false, nonNull: false }), `Page size, at most ${endpoint.maxPageSize}`),
    inputValue('offset', typeRef('Int', { list: false, nonNull: false }), 'Records to skip (default 0)'),
    ...(options.hasFilter ? [inputValue('filter', typeRef(filterInputNameFor(endpoint.typeName), { list: false, nonNull: false }))] : []),
  ];
  return [
    fieldDefinition(endpoint.listField, typeRef(pageTypeNameFor(endpoint.typeName), { list: false, nonNull: true }), {
      description: `\`GET ${path}\``,
      args: listArgs,
      directives: listFieldCost(endpoint, options.costs),
    }),
    fieldDefinition(endpoint.singleField, typeRef(endpoint.typeName, { list: false, nonNull: false }), {
      description: `\`GET ${path}/{id}\`; null when there is no such record`,
      args: [inputValue('id', ID, `Value of key \`${endpoint.idKey}\``)],
      directives: [cost(ROOT_FIELD_CALLS.single)],
    }),
  ];
}

export function buildMutationFields(endpoint: EndpointModel, options: RootFieldOptions): FieldDefinitionNode[] {
  const path = `/${endpoint.endpoint}`;
  const result = typeRef(endpoint.typeName, { list: false, nonNull: true });
  const idArg = inputValue('id', ID, `Value of key \`${endpoint.idKey}\``);
  const fields: FieldDefinitionNode[] = [];
  if (endpoint.methods.includes('POST')) {
    const args = options.hasCreateInput ? [inputValue('input', typeRef(createInputNameFor(endpoint.typeName), { list: false, nonNull: true }))] : [];
    fields.push(fieldDefinition(createMutationFor(endpoint.typeName), result, { description: `\`POST ${path}\``, args, directives: [cost(ROOT_FIELD_CALLS.create)] }));
  }
  if (endpoint.methods.includes('PUT') && options.hasUpdateInput) {
    const input = inputValue('input', typeRef(updateInputNameFor(endpoint.typeName), { list: false, nonNull: true }), 'Only the fields given are written');
    const description = `\`PUT ${path}/{id}\` (partial update)`;
    fields.push(fieldDefinition(updateMutationFor(endpoint.typeName), result, { description, args: [idArg, input], directives: [cost(ROOT_FIELD_CALLS.update)] }));
  }
  if (endpoint.methods.includes('DELETE')) {
    const description = `\`DELETE ${path}/{id}\`; returns the identifier deleted`;
    fields.push(fieldDefinition(deleteMutationFor(endpoint.typeName), ID, { description, args: [idArg], directives: [cost(ROOT_FIELD_CALLS.delete)] }));
  }
  return fields;
}
