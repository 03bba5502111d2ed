/**
 * One id-list page for `ids` (`?<filterKey>=1,2,3&limit=3`), the records it answered by id. An id
 * the page left out is not proof of a 404: a search hides archived records (Odoo's active test)
 * and an upstream ignores an id-list key it does not know. Callers read those by id.
 */
import { identifierOf } from '../shared/identifier-of.js';
import type { CallContext, UpstreamClient, UpstreamRecord } from './types.js';

export interface IdListAnswer {
  readonly found: ReadonlyMap<string, UpstreamRecord>;
  /** The ids the page left out, in the order asked. */
  readonly missing: readonly string[];
}

export async function listByIds(
  client: UpstreamClient,
  target: { readonly endpoint: string; readonly idKey: string },
  filterKey: string,
  ids: readonly string[],
  ctx: CallContext,
): Promise<IdListAnswer> {
  const wanted = new Set(ids);
  const found = new Map<string, UpstreamRecord>();
  for (const record of await client.list(target.endpoint, { [filterKey]: ids.join(','), limit: String(ids.length) }, ctx)) {
    const id = identifierOf(record, target.idKey);
    if (id !== null && wanted.has(id)) found.set(id, record);
  }
  return { found, missing: ids.filter((id) => !found.has(id)) };
}
