/**
 * Per-token visibility on an endpoint: Odoo's record rules as users see them when a GraphQL layer
 * forwards each user's own token. Tokens are compared in constant time; a record restricted to
 * some tokens is absent from the others' lists and a 404 to them by id, as Odoo hides it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Row } from './data/store.js';
import { idFieldOf, type EndpointMapping } from './mapping-types.js';
import type { SimVisibility } from './types.js';

/** The token of the request when the endpoint has visibility rules and accepts it; `undefined` = refused. */
export function viewerOf(visibility: SimVisibility, header: string | undefined): string | undefined {
  if (header === undefined || !/^Bearer /i.test(header)) return undefined;
  const given = Buffer.from(header.slice(7).trim());
  return visibility.tokens.find((token) => {
    const expected = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** Whether the viewer may see the row (by the row's `{id}` form in the current identifier mode). */
export function buildVisibleTo(visibility: SimVisibility, endpoint: EndpointMapping, identifierMode: 'key' | 'odoo-id', viewer: string): (row: Row) => boolean {
  const idField = identifierMode === 'odoo-id' ? 'id' : idFieldOf(endpoint);
  return (row) => {
    const id = String(idField === 'id' ? row.id : row.values[idField]);
    const allowed = visibility.restricted[id];
    return allowed === undefined || allowed.includes(viewer);
  };
}
