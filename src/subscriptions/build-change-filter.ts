/**
 * A list subscription's filter evaluated on a changed record, as the upstream evaluates the same
 * filter keys: text values as a case-insensitive substring (`contains`, the operator BJET's docs
 * show), other values by equality, a Many2one by its identifier, the identifier-list key by
 * membership. A key the record does not carry cannot be judged here and does not exclude it.
 */
import type { EndpointModel } from '../model/source-model.js';
import type { UpstreamRecord } from '../upstream/types.js';

export type ChangeFilter = (record: UpstreamRecord) => boolean;

type Test = (value: unknown) => boolean;

function identifierOf(value: unknown, idKey: string): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return (value as Record<string, unknown>)[idKey] ?? (value as Record<string, unknown>)['id'];
  return value;
}

function testFor(wanted: unknown, isList: boolean, isText: boolean): Test | null {
  if (wanted === null || wanted === undefined) return null;
  if (isList && Array.isArray(wanted)) {
    const set = new Set(wanted.map(String));
    return (value) => set.has(String(identifierOf(value, 'id')));
  }
  if (typeof wanted === 'string' && isText) {
    const needle = wanted.toLowerCase();
    return (value) => {
      const actual = identifierOf(value, 'id');
      return typeof actual === 'string' ? actual.toLowerCase().includes(needle) : String(actual) === wanted;
    };
  }
  return (value) => {
    const actual = identifierOf(value, 'id');
    return actual === wanted || (typeof wanted === 'string' && typeof actual === 'number' && String(actual) === wanted);
  };
}

export function buildChangeFilter(endpoint: EndpointModel, filter: unknown): ChangeFilter {
  if (typeof filter !== 'object' || filter === null) return () => true;
  const tests: [string, Test][] = [];
  for (const model of endpoint.filters) {
    const isList = model.key === endpoint.idListFilter;
    const isText = model.value.kind === 'scalar' && model.value.scalar === 'String';
    const test = testFor((filter as Record<string, unknown>)[model.name], isList, isText);
    if (test !== null) tests.push([isList ? endpoint.idKey : model.key, test]);
  }
  return (record) => tests.every(([key, test]) => !(key in record) || test(record[key]));
}
