/** The cache's Redis commands: one round trip each (a plain HGET, or a script of redis-cache-scripts.ts). */
import type { CacheEntry, CacheKey } from '../cache/types.js';
import type { LocalDelete } from './cache-invalidation.js';
import type { RedisLink } from './create-redis-link.js';
import { listKeys, recordKeys } from './redis-cache-keys.js';

/** The entry's JSON, or null when Redis has none. */
export async function readEntry(link: RedisLink, key: CacheKey): Promise<string | null> {
  const prefix = link.keyPrefix;
  if (key.kind === 'record') return link.client.hget(recordKeys(prefix, key.endpoint, key.id, key.partition).entry, 'd');
  const keys = listKeys(prefix, key.endpoint, key.partition, key.query);
  return link.client.bjetGetList(keys.meta, keys.head, keys.tail);
}

/** 1 stored, 0 refused (a higher version there, or a delete after the answer was fetched). */
export function writeEntry(link: RedisLink, key: CacheKey, entry: CacheEntry, ttlMs: number): Promise<number> {
  const prefix = link.keyPrefix;
  const json = JSON.stringify(entry);
  const times = [String(entry.version), String(entry.fetchedAt)];
  if (key.kind === 'record') {
    const keys = recordKeys(prefix, key.endpoint, key.id, key.partition);
    return link.client.bjetSetRecord(keys.entry, keys.index, keys.tombstone, ...times, json, String(ttlMs), keys.partition);
  }
  const keys = listKeys(prefix, key.endpoint, key.partition, key.query);
  return link.client.bjetSetList(keys.meta, keys.head, keys.tail, ...times, json, String(ttlMs));
}

export async function deleteInRedis(link: RedisLink, change: LocalDelete, tombstoneMs: number): Promise<void> {
  const prefix = link.keyPrefix;
  if (change.kind === 'lists') {
    await link.client.bjetDeleteLists(listKeys(prefix, change.endpoint, '', '').meta, String(change.at));
    return;
  }
  const keys = recordKeys(prefix, change.endpoint, change.id, change.partition ?? '');
  const partition = change.partition === undefined ? '' : keys.partition;
  await link.client.bjetDeleteRecord(keys.index, keys.tombstone, String(change.at), String(tombstoneMs), keys.entryHead, partition);
}
