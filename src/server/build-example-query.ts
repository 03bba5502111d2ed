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

const hasRelation = (endpoint: EndpointModel): boolean => endpoint.fields.some((field) => !field.list && field.value.kind === 'relation');

/** Short lines: each fits GraphiQL's editor in a laptop-sized window, no sideways scrolling. */
const EXAMPLE_HEADER = [
  '# bjet-graphql: GraphQL over BJET REST.',
  '# Ctrl-Enter runs the query. Left bar:',
  '# Docs (types, their endpoints and keys),',
  '# Explorer (build a query by clicks),',
  '# Table view (first list, CSV, copy).',
  '# Bottom line: REST calls and errors.',
];

/**
 * A query over up to `endpoints` readable endpoints, `limit` records each, those with a relation
 * first (they show what the layer adds), formatted for reading.
 */
export function buildExampleQuery(index: TypeIndex, endpoints: number, limit: number): string {
  const readable = [...index.endpoints.values()].filter((endpoint) => endpoint.methods.includes('GET'));
  const chosen = [...readable.filter(hasRelation), ...readable.filter((endpoint) => !hasRelation(endpoint))].slice(0, endpoints);
  const blocks = chosen.map((endpoint) =>
    [`  ${endpoint.listField}(limit: ${limit}) {`, `    items { ${selectionOf(endpoint, index)} }`, '    pageInfo { hasNextPage }', '  }'].join('\n'),
  );
  return `${EXAMPLE_HEADER.join('\n')}\nquery Example {\n${blocks.join('\n')}\n}\n`;
}

/**
 * One short line for a terminal (the demo prints it with a curl command): a page of the first
 * readable endpoint with an embedded relation, else of the first readable endpoint.
 */
export function buildOneLineExample(index: TypeIndex, limit: number): string {
  const readable = [...index.endpoints.values()].filter((endpoint) => endpoint.methods.includes('GET'));
  const withRelation = readable.find(hasRelation);
  const endpoint = withRelation ?? readable[0];
  if (endpoint === undefined) return '{ __typename }';
  return `{ ${endpoint.listField}(limit: ${limit}) { items { ${selectionOf(endpoint, index)} } pageInfo { hasNextPage } } }`;
}
