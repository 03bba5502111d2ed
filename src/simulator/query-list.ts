/** GET list: the endpoint's filter keys (ANDed), Odoo's active test, then `limit`/`offset`. */
import type { EndpointMapping, FilterMapping } from './mapping-types.js';
import type { Row, Table } from './data/store.js';

const DEFAULT_LIMIT = 100;

type Predicate = (row: Row) => boolean;
export type ListQuery = { readonly limit: number; readonly offset: number; readonly predicates: readonly Predicate[] };
export type ListQueryResult = { readonly ok: true; readonly query: ListQuery } | { readonly ok: false; readonly message: string };

/** Unknown keys are ignored, as Odoo's controller does; a configured key with a bad value is a 400. */
export function parseListQuery(endpoint: EndpointMapping, params: URLSearchParams): ListQueryResult {
  const limit = parseCount(params.get('limit'), DEFAULT_LIMIT);
  const offset = parseCount(params.get('offset'), 0);
  if (limit === null) return { ok: false, message: 'Invalid limit: expected a non-negative integer' };
  if (offset === null) return { ok: false, message: 'Invalid offset: expected a non-negative integer' };
  const predicates: Predicate[] = [];
  for (const filter of endpoint.filters) {
    const raw = params.get(filter.key);
    if (raw === null) continue;
    const predicate = buildPredicate(endpoint, filter, raw);
    if (predicate === null) return { ok: false, message: `Invalid value for filter ${filter.key}` };
    predicates.push(predicate);
  }
  // Odoo hides archived records from searches unless the domain mentions `active`.
  if (!endpoint.filters.some((filter) => filter.field === 'active' && params.has(filter.key))) {
    predicates.push((row) => row.values.active !== false);
  }
  return { ok: true, query: { limit, offset, predicates } };
}

export function runListQuery(table: Table, query: ListQuery): Row[] {
  const page: Row[] = [];
  if (query.limit === 0) return page;
  let skipped = 0;
  for (const row of table.rows) {
    if (!query.predicates.every((predicate) => predicate(row))) continue;
    if (skipped < query.offset) {
      skipped += 1;
      continue;
    }
    page.push(row);
    if (page.length === query.limit) break;
  }
  return page;
}

function parseCount(raw: string | null, fallback: number): number | null {
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

type Scalar = string | number | boolean;

function buildPredicate(endpoint: EndpointMapping, filter: FilterMapping, raw: string): Predicate | null {
  const read = (row: Row): unknown => (filter.field === 'id' ? row.id : row.values[filter.field]);
  const parse = valueParser(endpoint, filter.field);
  switch (filter.operator) {
    case 'contains': {
      const needle = raw.toLowerCase();
      return (row) => {
        const value = read(row);
        return typeof value === 'string' && value.toLowerCase().includes(needle);
      };
    }
    case 'eq': {
      const wanted = parse(raw);
      return wanted === null ? null : (row) => read(row) === wanted;
    }
    case 'in': {
      const wanted = raw
        .split(',')
        .filter((part) => part !== '')
        .map(parse);
      if (wanted.some((value) => value === null)) return null;
      const set = new Set<unknown>(wanted);
      return (row) => set.has(read(row));
    }
  }
}

/** How a query string value compares with the stored value of the field. */
function valueParser(endpoint: EndpointMapping, fieldName: string): (raw: string) => Scalar | null {
  const field = endpoint.fields.find((candidate) => candidate.field === fieldName);
  const type = field === undefined || field.kind !== 'scalar' ? 'integer' : field.type;
  switch (type) {
    case 'integer':
      return (raw) => (/^-?\d+$/.test(raw) ? Number(raw) : null);
    case 'float':
      return (raw) => (raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null);
    case 'boolean':
      return (raw) => (raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : null);
    case 'char':
    case 'date':
    case 'datetime':
    case 'selection':
      return (raw) => raw;
  }
}
