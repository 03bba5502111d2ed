/**
 * The Mutation fields of an endpoint and their input types, named once here: the SDL is printed
 * from them and the runtime reads them, so neither re-derives a name.
 */
import { createInputNameFor, createMutationFor, deleteMutationFor, inputFieldNameFor, updateInputNameFor, updateMutationFor } from '../model/naming.js';
import type { EndpointModel, FieldModel, InputModel, MutationModel } from '../model/source-model.js';

type WriteSource = Pick<EndpointModel, 'typeName' | 'idKey' | 'methods' | 'fields'>;

export function inferMutations(endpoint: WriteSource): MutationModel[] {
  const mutations: MutationModel[] = [];
  const { typeName, methods } = endpoint;
  if (methods.includes('POST')) {
    mutations.push({ kind: 'create', field: createMutationFor(typeName), input: inputOf(createInputNameFor(typeName), writableFields(endpoint, true)) });
  }
  const update = inputOf(updateInputNameFor(typeName), writableFields(endpoint, false));
  // GraphQL has no empty input types, and an update without fields would write nothing.
  if (methods.includes('PUT') && update !== null) mutations.push({ kind: 'update', field: updateMutationFor(typeName), input: update });
  if (methods.includes('DELETE')) mutations.push({ kind: 'delete', field: deleteMutationFor(typeName), input: null });
  return mutations;
}

/** Fields a client may write: not read-only, not a server-assigned `id` (a chosen identifier only on create). */
function writableFields(endpoint: WriteSource, withIdentifier: boolean): FieldModel[] {
  return endpoint.fields.filter((field) => {
    if (field.readOnly === true) return false;
    if (field.key === endpoint.idKey) return withIdentifier && endpoint.idKey !== 'id';
    return true;
  });
}

function inputOf(typeName: string, fields: readonly FieldModel[]): InputModel | null {
  if (fields.length === 0) return null;
  const named = fields.map((field) => ({ name: inputFieldNameFor(field.key), key: field.key }));
  return { typeName, fields: named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}
