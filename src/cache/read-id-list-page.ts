/**
 * An id-list page the loaders asked for, on an endpoint whose records are cached per id: each id is
 * read on its own (hits at once, misses merged by the batcher), the answers in `ids` order, absent
 * ones left out. It counts as one read: one cache hit, of the worst kind among its records, when
 * every id was answered from the cache; else the calls it sent or joined.
 */
import type { CacheHitKind, CallContext, UpstreamRecord } from '../upstream/types.js';
import { isList } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { CacheEntry, RecordKey } from './types.js';

type ReadOne = (key: RecordKey, ctx: CallContext) => Promise<CacheEntry['value']>;

const WORSE: Readonly<Record<CacheHitKind, number>> = { fresh: 0, stale: 1, 'stale-if-error': 2 };

export async function readIdListPage(
  read: ReadOne,
  settings: EndpointCacheSettings,
  partition: string,
  ids: readonly string[],
  ctx: CallContext,
): Promise<UpstreamRecord[]> {
  let worst: { kind: CacheHitKind; fetchedAt: number } | null = null;
  let allHits = true;
  const inner: CallContext = {
    ...ctx,
    onCacheHit: (kind, fetchedAt) => {
      if (worst === null || WORSE[kind] > WORSE[worst.kind]) worst = { kind, fetchedAt: Math.min(fetchedAt, worst?.fetchedAt ?? fetchedAt) };
      else worst = { kind: worst.kind, fetchedAt: Math.min(fetchedAt, worst.fetchedAt) };
    },
    onCall: (call) => {
      allHits = false;
      ctx.onCall?.(call);
    },
    onShared: () => {
      allHits = false;
      ctx.onShared?.();
    },
  };
  const values = await Promise.all(ids.map((id) => read({ kind: 'record', endpoint: settings.endpoint, partition, id }, inner)));
  const hit = worst as { kind: CacheHitKind; fetchedAt: number } | null;
  if (allHits && hit !== null) ctx.onCacheHit?.(hit.kind, hit.fetchedAt, settings.endpoint);
  return values.filter((value): value is UpstreamRecord => value !== null && !isList(value));
}
