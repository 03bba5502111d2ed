/**
 * What a read does with the upstream's answer, apart from serving it: keep it (but for what was
 * dropped since the read started), and, before it goes out, how long it may wait for a token when
 * a stale-if-error answer is at hand (waiting longer makes the answer later, not fresher).
 */
import { identifierOf } from '../shared/identifier-of.js';
import type { CallContext } from '../upstream/types.js';
import { buildCacheEntry, isList, sizeOf } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { DropLog } from './drop-log.js';
import type { CacheEntry, CacheKey, CacheStore } from './types.js';

/**
 * Keeps what a read that started at `mark` got, but for what was dropped since. A list page also
 * answers later by-id reads of the records on it; a sweep's page (`pageToo` false) only those.
 */
export async function keepAnswer(
  store: CacheStore,
  drops: DropLog,
  settings: EndpointCacheSettings,
  key: CacheKey,
  value: CacheEntry['value'],
  fetchedAt: number,
  mark: number,
  pageToo = true,
): Promise<void> {
  if (!isList(value)) {
    if (key.kind === 'record' && drops.mayKeepRecord(key.endpoint, key.id, mark))
      await store.set(key, buildCacheEntry(value, sizeOf(value), fetchedAt, settings));
    return;
  }
  let bytes = 2;
  const sets: Promise<void>[] = [];
  for (const record of value) {
    const size = sizeOf(record);
    bytes += size + 1;
    const id = identifierOf(record, settings.idKey);
    if (id === null || !drops.mayKeepRecord(key.endpoint, id, mark)) continue;
    sets.push(store.set({ kind: 'record', endpoint: key.endpoint, partition: key.partition, id }, buildCacheEntry(record, size, fetchedAt, settings)));
  }
  if (pageToo && drops.mayKeepList(key.endpoint, mark)) sets.push(store.set(key, buildCacheEntry(value, bytes, fetchedAt, settings)));
  await Promise.all(sets);
}

/** A read with a stale-if-error answer at hand waits only `waitMs` for a token. */
export function withFallbackWait(ctx: CallContext, previous: CacheEntry | undefined, now: number, waitMs: number): CallContext {
  if (previous === undefined || ctx.cache === 'no-cache' || ctx.priority === 'background') return ctx;
  if (!(now < previous.staleIfErrorUntil)) return ctx;
  return { ...ctx, tokenDeadline: Math.min(ctx.tokenDeadline ?? ctx.deadline, now + waitMs) };
}
