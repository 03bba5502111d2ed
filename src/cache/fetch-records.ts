/**
 * The batcher's call for an endpoint with an id-list filter: one GET for one id, else one id-list
 * page (upstream/list-by-ids.ts), whose left-out ids are read by id, so a missing record is never
 * taken for an absent one. What was read is kept, but for the records dropped meanwhile (drop-log.ts).
 */
import type { CallContext, UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import { listByIds } from '../upstream/list-by-ids.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { FetchRecords } from './record-batcher.js';

export interface FetchRecordsHooks {
  readonly now: () => number;
  /** The endpoint's drop mark when the read starts (drop-log.ts). */
  readonly mark: () => number;
  /** Keeps a record unless it was dropped since `mark`. */
  readonly keep: (id: string, record: UpstreamRecord | null, fetchedAt: number, mark: number) => Promise<void>;
}

export function fetchRecordsOf(client: UpstreamClient, settings: EndpointCacheSettings, hooks: FetchRecordsHooks): FetchRecords {
  const { endpoint, idListFilter, idKey } = settings;
  return async (ids: readonly string[], ctx: CallContext) => {
    const mark = hooks.mark();
    const started = hooks.now();
    const records = new Map<string, UpstreamRecord | null>();
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) {
      records.set(only, await client.get(endpoint, only, ctx));
    } else if (idListFilter !== null) {
      const { found, missing } = await listByIds(client, { endpoint, idKey }, idListFilter, ids, ctx);
      for (const [id, record] of found) records.set(id, record);
      const answers = await Promise.all(missing.map((id) => client.get(endpoint, id, ctx)));
      missing.forEach((id, index) => records.set(id, answers[index] ?? null));
    }
    await Promise.all([...records].map(([id, record]) => hooks.keep(id, record, started, mark)));
    return records;
  };
}
