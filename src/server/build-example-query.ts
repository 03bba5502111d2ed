/**
 * A readable first query for GraphiQL and the demo: a short page of the first few readable
 * endpoints, with a few plain fields and, where there is one, a relation answered from the embedded
 * object (so the example costs one REST call per endpoint).
 */
import type { FieldModel, EndpointModel } from '../model/source-model.js';
import { embeddedFieldNames, idFieldNameOf, type TypeIndex } from '../execution/build-type-index.js';

const PLAIN_FIELDS = 3;

function isPlain(field: FieldModel): boolean {
  return !field.list && (field.value.kind === 'scalar' || field.value.kind === 'enum');
}

function selectionOf(endpoint: EndpointModel, index: TypeIndex): string {
  const idField = idFieldNameOf(endpoint);
  // `name` first where there is one: it is what a person recognises a record by.
  const plain = endpoint.fields
    .filter((field) => isPlain(field) && field.name !== idField)
    .sort((a, b) => Number(b.name === 'name') - Number(a.name === 'name'))
    .slice(0, PLAIN_FIELDS);
  const parts = [idField, ...plain.map((field) => field.name)];
  const relation = endpoint.fields.find((field) => !field.list && field.value.kind === 'relation');
  if (relation !== undefined && relation.value.kind === 'relation') {
    const embedded = [...embeddedFieldNames(index, relation.value.endpoint, relation.value.embeddedKeys)].sort();
    if (embedded.length > 0) parts.push(`${relation.name} { ${embedded.join(' ')} }`);
  }
  return parts.join(' ');
}

/** A query over up to `endpoints` readable endpoints, `limit` records each, one line per endpoint. */
export function buildExampleQuery(index: TypeIndex, endpoints: number, limit: number): string {
  const readable = [...index.endpoints.values()].filter((endpoint) => endpoint.methods.includes('GET')).slice(0, endpoints);
  const lines = readable.map(
    (endpoint) =>
      `  ${endpoint.listField}(limit: ${limit}) { items { ${selectionOf(endpoint, index)} } pageInfo { hasNextPage } }`,
  );
  return `query Example {\n${lines.join('\n')}\n}\n`;
}

/**
 * One short line for a terminal (the demo prints it with a curl command): a page of the first
 * readable endpoint with an embedded relation, else of the first readable endpoint.
 */
export function buildOneLineExample(index: TypeIndex, limit: number): string {
  const readable = [...index.endpoints.values()].filter((endpoint) => endpoint.methods.includes('GET'));
  const withRelation = readable.find((endpoint) => endpoint.fields.some((field) => !field.list && field.value.kind === 'relation'));
  const endpoint = withRelation ?? readable[0];
  if (endpoint === undefined) return '{ __typename }';
  return `{ ${endpoint.listField}(limit: ${limit}) { items { ${selectionOf(endpoint, index)} } pageInfo { hasNextPage } } }`;
}
