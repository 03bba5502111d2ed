/**
 * A list field's arguments to the upstream's query string: `limit` (one more row than the page, so
 * `hasNextPage` needs no second call), `offset` and the filters by their configured keys.
 */
import { BjetError } from '../errors/bjet-error.js';
import type { EndpointModel } from '../model/source-model.js';
import { isRecord } from '../shared/guards.js';
import { checkInputValue, type TextLimits } from './check-input-text.js';

export interface PageRequest {
  /** The page size the client gets (after the default and the cap). */
  readonly limit: number;
  readonly offset: number;
  /** Query string for the upstream; its `limit` is `limit + 1`. */
  readonly query: Readonly<Record<string, string>>;
  /** An empty list filter matches nothing: the upstream would read `?key=` as no filter at all. */
  readonly matchesNothing: boolean;
}

export type PageRequestBuilder = (args: Readonly<Record<string, unknown>>) => PageRequest;

export function buildPageRequestBuilder(endpoint: EndpointModel, defaultPageSize: number, limits: TextLimits): PageRequestBuilder {
  const keyByName = new Map(endpoint.filters.map((filter) => [filter.name, filter.key]));
  return (args) => {
    const limit = readLimit(args['limit'], endpoint) ?? Math.min(defaultPageSize, endpoint.maxPageSize);
    const offset = readCount(args['offset'], 'offset') ?? 0;
    const query: Record<string, string> = {};
    let matchesNothing = false;
    const filter = args['filter'];
    if (isRecord(filter)) {
      for (const [name, value] of Object.entries(filter)) {
        checkInputValue(value, `filter.${name}`, limits);
        const key = keyByName.get(name);
        // GraphQL validation and the start-up drift check make this unreachable; never drop a filter silently.
        if (key === undefined) throw unknownFilter(name);
        const text = filterText(value);
        if (text !== null) query[key] = text;
        if (Array.isArray(value) && value.length === 0) matchesNothing = true;
      }
    }
    query['limit'] = String(limit + 1);
    query['offset'] = String(offset);
    return { limit, offset, query, matchesNothing };
  };
}

/** The page size a list field asks for: its `limit` argument or the default, capped by the endpoint (a larger `limit` is refused at run time). */
export function pageSizeOf(limit: unknown, endpoint: EndpointModel, defaultPageSize: number): number {
  const given = typeof limit === 'number' && Number.isInteger(limit) && limit >= 0 ? limit : defaultPageSize;
  return Math.min(given, endpoint.maxPageSize);
}

/**
 * A `limit` over the endpoint's page size is refused, not clamped: a clamped page looks like the
 * whole answer to a client that does not read `pageInfo.limit`.
 */
function readLimit(value: unknown, endpoint: EndpointModel): number | null {
  const limit = readCount(value, 'limit');
  if (limit === null || limit <= endpoint.maxPageSize) return limit;
  throw new BjetError(
    'BAD_USER_INPUT',
    `"limit" is ${limit}, over the page size of ${endpoint.endpoint} (at most ${endpoint.maxPageSize}); ask for smaller pages and page with "offset".`,
    { details: { argument: 'limit', maxPageSize: endpoint.maxPageSize } },
  );
}

function readCount(value: unknown, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new BjetError('BAD_USER_INPUT', `"${name}" must be a non-negative integer.`, { details: { argument: name } });
}

function unknownFilter(name: string): BjetError {
  return new BjetError('BAD_USER_INPUT', `The filter has no field "${name}".`, { details: { argument: 'filter', field: name } });
}

/** Booleans as `true`/`false`, id lists comma-joined; enums already arrive as technical keys. */
function filterText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => String(item)).join(',');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
