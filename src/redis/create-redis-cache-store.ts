/**
 * The cache store of replicas: a small local tier in front of Redis. Reads go to the local tier
 * while its entry is fresh, else to Redis (another replica may have refreshed it); writes go to
 * both, Redis through an atomic set-if-newer. Deletes drop the local entries, tell the other
 * replicas' local tiers (pub/sub) and delete in Redis. While Redis is away or slow, the store
 * answers from the local tier alone, keeps the deletes it could not make and replays them when
 * Redis is back (and drops its local tier, which missed the other replicas' deletes meanwhile).
 */
import type { Logger } from 'pino';
import type { CacheEntry, CacheKey, CacheStore } from '../cache/types.js';
import type { RedisLink } from './create-redis-link.js';
import { createCacheInvalidation, type CacheInvalidation, type LocalDelete } from './cache-invalidation.js';
import { LocalTier, lastUseOf } from './local-tier.js';
import { parseCacheEntry } from './parse-cache-entry.js';
import { listKeys, recordKeys } from './redis-cache-keys.js';
import { defineCacheScripts } from './redis-cache-scripts.js';
import { createRedisFailureReporter } from './redis-failure-reporter.js';

export interface RedisCacheStoreOptions {
  readonly link: RedisLink;
  readonly localMaxEntries: number;
  readonly localMaxBytes: number;
  readonly now?: () => number;
  /** How long a delete refuses older answers (longer than any GET, retries included; default 60 s). */
  readonly tombstoneMs?: number;
  /** Deletes kept while Redis is away (default 10000); beyond, Redis may serve stale until the TTL. */
  readonly maxPendingDeletes?: number;
  readonly logger?: Logger | undefined;
}

export function createRedisCacheStore(options: RedisCacheStoreOptions): CacheStore {
  const { link } = options;
  const now = options.now ?? Date.now;
  const prefix = link.keyPrefix;
  const tombstoneMs = options.tombstoneMs ?? 60_000;
  const maxPending = options.maxPendingDeletes ?? 10_000;
  const report = createRedisFailureReporter(options.logger, 'cache', now);
  const tier = new LocalTier({ maxEntries: options.localMaxEntries, maxBytes: options.localMaxBytes, now });
  const pending: LocalDelete[] = [];
  defineCacheScripts(link.client);

  const applyLocal = (change: LocalDelete): void => {
    if (change.kind === 'lists') tier.deleteLists(change.endpoint);
    else tier.deleteRecord(change.endpoint, change.id, change.partition);
  };
  const invalidation: CacheInvalidation = createCacheInvalidation(link, `${prefix}cache:inv`, applyLocal, report);

  const deleteInRedis = async (change: LocalDelete): Promise<void> => {
    if (change.kind === 'lists') {
      await link.client.bjetDeleteLists(listKeys(prefix, change.endpoint, '', '').meta, String(change.at));
      return;
    }
    const keys = recordKeys(prefix, change.endpoint, change.id, change.partition ?? '');
    const partition = change.partition === undefined ? '' : keys.partition;
    await link.client.bjetDeleteRecord(keys.index, keys.tombstone, String(change.at), String(tombstoneMs), keys.entryHead, partition);
  };

  const remove = async (change: LocalDelete): Promise<void> => {
    applyLocal(change);
    invalidation.publish(change);
    try {
      if (!link.isReady()) throw new Error('not connected');
      await deleteInRedis(change);
    } catch (error) {
      report('delete', error);
      if (pending.length < maxPending) pending.push(change);
      else options.logger?.error({ component: 'cache' }, 'redis cache: too many deletes missed during the outage; entries may stay stale until their TTL');
    }
  };

  const unsubscribeRecovered = link.onRecovered(() => {
    tier.clear();
    const replay = pending.splice(0);
    void (async () => {
      for (const change of replay) await deleteInRedis(change).catch((error: unknown) => report('delete replay', error));
    })();
  });

  return {
    async get(key) {
      const local = tier.get(key);
      if (local !== undefined && now() < local.freshUntil) return local;
      if (!link.isReady()) return local;
      try {
        const json = await readEntry(link, prefix, key);
        const entry = json === null ? undefined : parseCacheEntry(json);
        if (entry === undefined) {
          tier.forget(key);
          return undefined;
        }
        tier.set(key, entry);
        return entry;
      } catch (error) {
        link.noteFailure();
        report('get', error);
        return local;
      }
    },
    async set(key, entry) {
      const ttl = lastUseOf(entry) - now();
      if (ttl <= 0) return;
      tier.set(key, entry);
      if (!link.isReady()) return;
      try {
        if ((await writeEntry(link, prefix, key, entry, Math.ceil(ttl))) === 0) tier.forget(key);
      } catch (error) {
        link.noteFailure();
        report('set', error);
      }
    },
    deleteRecord: (endpoint, id, partition) => remove({ kind: 'record', endpoint, id, partition, at: now() }),
    deleteLists: (endpoint) => remove({ kind: 'lists', endpoint, at: now() }),
    async close() {
      unsubscribeRecovered();
      await invalidation.close();
      tier.clear();
    },
  };
}

async function readEntry(link: RedisLink, prefix: string, key: CacheKey): Promise<string | null> {
  if (key.kind === 'record') return link.client.hget(recordKeys(prefix, key.endpoint, key.id, key.partition).entry, 'd');
  const keys = listKeys(prefix, key.endpoint, key.partition, key.query);
  return link.client.bjetGetList(keys.meta, keys.head, keys.tail);
}

function writeEntry(link: RedisLink, prefix: string, key: CacheKey, entry: CacheEntry, ttlMs: number): Promise<number> {
  const json = JSON.stringify(entry);
  const times = [String(entry.version), String(entry.fetchedAt)];
  if (key.kind === 'record') {
    const keys = recordKeys(prefix, key.endpoint, key.id, key.partition);
    return link.client.bjetSetRecord(keys.entry, keys.index, keys.tombstone, ...times, json, String(ttlMs), keys.partition);
  }
  const keys = listKeys(prefix, key.endpoint, key.partition, key.query);
  return link.client.bjetSetList(keys.meta, keys.head, keys.tail, ...times, json, String(ttlMs));
}
