/** Query and Mutation fields of one endpoint: reads when it allows GET, writes only for the methods it allows. */
import type { FieldDefinitionNode } from 'graphql';
import type { EndpointModel } from '../model/source-model.js';
import {
  createInputNameFor,
  createMutationFor,
  deleteMutationFor,
  filterInputNameFor,
  pageTypeNameFor,
  updateInputNameFor,
  updateMutationFor,
} from '../model/naming.js';
import { fieldDefinition, inputValue, typeRef } from './sdl-ast.js';

export interface RootFieldOptions {
  readonly hasFilter: boolean;
  readonly hasCreateInput: boolean;
  readonly hasUpdateInput: boolean;
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
    }),
    fieldDefinition(endpoint.singleField, typeRef(endpoint.typeName, { list: false, nonNull: false }), {
      description: `\`GET ${path}/{id}\`; null when there is no such record`,
      args: [inputValue('id', ID, `Value of key \`${endpoint.idKey}\``)],
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
    fields.push(fieldDefinition(createMutationFor(endpoint.typeName), result, { description: `\`POST ${path}\``, args }));
  }
  if (endpoint.methods.includes('PUT') && options.hasUpdateInput) {
    const input = inputValue('input', typeRef(updateInputNameFor(endpoint.typeName), { list: false, nonNull: true }), 'Only the fields given are written');
    fields.push(fieldDefinition(updateMutationFor(endpoint.typeName), result, { description: `\`PUT ${path}/{id}\` (partial update)`, args: [idArg, input] }));
  }
  if (endpoint.methods.includes('DELETE')) {
    fields.push(fieldDefinition(deleteMutationFor(endpoint.typeName), ID, { description: `\`DELETE ${path}/{id}\`; returns the identifier deleted`, args: [idArg] }));
  }
  return fields;
}
