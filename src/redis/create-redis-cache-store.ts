/**
 * The cache store of replicas: a small local tier in front of Redis. Reads go to the local tier
 * while its entry is fresh, else to Redis (another replica may have refreshed it); writes go to
 * both, Redis through an atomic set-if-newer. Deletes drop the local entries, tell the other
 * replicas' local tiers (pub/sub) and delete in Redis. While Redis is away or slow, the store
 * answers from the local tier alone, keeps the deletes it could not make and replays them when
 * Redis is back (and drops its local tier, which missed the other replicas' deletes meanwhile).
 */
import type { Logger } from 'pino';
import type { CacheStoreSink } from '../cache/create-cache-tally.js';
import type { CacheEntry, CacheKey, CacheStore, Partition } from '../cache/types.js';
import type { RedisLink } from './create-redis-link.js';
import { createCacheInvalidation, type CacheInvalidation, type LocalDelete } from './cache-invalidation.js';
import { LocalTier, lastUseOf } from './local-tier.js';
import { parseCacheEntry } from './parse-cache-entry.js';
import { deleteInRedis, readEntry, writeEntry } from './redis-cache-io.js';
import { defineCacheScripts } from './redis-cache-scripts.js';
import { createRedisFailureReporter, type RedisFailureReporter } from './redis-failure-reporter.js';
import { withTimeout } from './with-timeout.js';

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
  /** Hears about the local tier: evictions, entries and bytes held (the metrics). */
  readonly sink?: CacheStoreSink | undefined;
}

export function createRedisCacheStore(options: RedisCacheStoreOptions): CacheStore {
  return new RedisCacheStore(options);
}

class RedisCacheStore implements CacheStore {
  readonly shared = true;
  private readonly link: RedisLink;
  private readonly now: () => number;
  private readonly tier: LocalTier;
  private readonly report: RedisFailureReporter;
  private readonly invalidation: CacheInvalidation;
  private readonly pending: LocalDelete[] = [];
  private readonly unsubscribeRecovered: () => void;

  constructor(private readonly options: RedisCacheStoreOptions) {
    this.link = options.link;
    this.now = options.now ?? Date.now;
    this.tier = new LocalTier({ maxEntries: options.localMaxEntries, maxBytes: options.localMaxBytes, now: this.now, sink: options.sink });
    this.report = createRedisFailureReporter(this.link, options.logger, 'cache', this.now);
    defineCacheScripts(this.link.client);
    this.invalidation = createCacheInvalidation(this.link, `${this.link.keyPrefix}cache:inv`, (change) => this.applyLocal(change), this.report);
    this.unsubscribeRecovered = this.link.onRecovered(() => this.recover());
  }

  async get(key: CacheKey): Promise<CacheEntry | undefined> {
    const local = this.tier.get(key);
    if ((local !== undefined && this.now() < local.freshUntil) || !this.link.isReady()) return local;
    this.replayPending();
    try {
      const json = await readEntry(this.link, key);
      const entry = json === null ? undefined : parseCacheEntry(json);
      if (entry === undefined) this.tier.forget(key);
      else this.tier.set(key, entry);
      return entry;
    } catch (error) {
      this.failed('get', error);
      return local;
    }
  }

  async set(key: CacheKey, entry: CacheEntry): Promise<void> {
    const ttl = lastUseOf(entry) - this.now();
    if (ttl <= 0) return;
    this.tier.set(key, entry);
    if (!this.link.isReady()) return;
    this.replayPending();
    try {
      if ((await writeEntry(this.link, key, entry, Math.ceil(ttl))) === 0) this.tier.forget(key);
    } catch (error) {
      this.failed('set', error);
    }
  }

  /** SET NX PX: the first replica to ask holds it; Redis away or slow, every replica does the work. */
  async claim(name: string, ms: number): Promise<boolean> {
    if (!this.link.isReady()) return true;
    try {
      const set = this.link.client.set(`${this.link.keyPrefix}cache:claim:${name}`, '1', 'PX', Math.max(1, Math.round(ms)), 'NX');
      // null from SET NX is "held by another"; null from withTimeout is "too slow to tell".
      const claimed = await withTimeout(
        set.then((answer) => answer === 'OK'),
        this.link.commandTimeoutMs,
      );
      return claimed ?? true;
    } catch (error) {
      this.failed('claim', error);
      return true;
    }
  }

  deleteRecord(endpoint: string, id: string, partition?: Partition): Promise<void> {
    return this.remove({ kind: 'record', endpoint, id, partition, at: this.now() });
  }

  deleteLists(endpoint: string): Promise<void> {
    return this.remove({ kind: 'lists', endpoint, at: this.now() });
  }

  async close(): Promise<void> {
    this.unsubscribeRecovered();
    await this.invalidation.close();
    this.tier.clear();
  }

  private async remove(change: LocalDelete): Promise<void> {
    this.applyLocal(change);
    this.invalidation.publish(change);
    try {
      if (!this.link.isReady()) throw new Error('not connected');
      this.replayPending();
      await deleteInRedis(this.link, change, this.options.tombstoneMs ?? 60_000);
    } catch (error) {
      this.report('delete', error);
      if (this.pending.length < (this.options.maxPendingDeletes ?? 10_000)) this.pending.push(change);
      else this.options.logger?.error({ component: 'cache' }, 'redis cache: too many deletes missed during the outage; entries may stay stale until their TTL');
    }
  }

  private applyLocal(change: LocalDelete): void {
    if (change.kind === 'lists') this.tier.deleteLists(change.endpoint);
    else this.tier.deleteRecord(change.endpoint, change.id, change.partition);
  }

  /** Redis is back: drop what the local tier may have missed, replay the deletes Redis missed. */
  private recover(): void {
    this.tier.clear();
    this.replayPending();
  }

  /**
   * Sends the deletes Redis and the other replicas missed (away, or skipped as slow), in order,
   * with their own times: a tombstone still refuses the answers fetched before each of them.
   */
  private replayPending(): void {
    if (this.pending.length === 0) return;
    const replay = this.pending.splice(0);
    void (async () => {
      for (const change of replay) {
        this.invalidation.publish(change);
        await deleteInRedis(this.link, change, this.options.tombstoneMs ?? 60_000).catch((error: unknown) => this.report('delete replay', error));
      }
    })();
  }

  private failed(operation: string, error: unknown): void {
    this.link.noteFailure();
    this.report(operation, error);
  }
}
