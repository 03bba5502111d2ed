/**
 * The small in-process tier in front of Redis: bounded by entries and bytes (lru-cache), an entry
 * kept at most until its last useful moment (served stale on error). Deleting every list of an
 * endpoint bumps a local generation that is part of each list key, so it is O(1); the old entries
 * age out of the LRU.
 */
import { LRUCache } from 'lru-cache';
import { createCacheTally, type CacheStoreSink, type CacheTally } from '../cache/create-cache-tally.js';
import type { CacheEntry, CacheKey } from '../cache/types.js';
import { localKey, localRecordPrefix } from './redis-cache-keys.js';

export interface LocalTierOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly now: () => number;
  /** Told of evictions, asked what is held (the metrics). */
  readonly sink?: CacheStoreSink | undefined;
}

/** An entry and the endpoint it answers for (the tally counts per endpoint). */
interface Held {
  readonly entry: CacheEntry;
  readonly endpoint: string;
}

export class LocalTier {
  private readonly lru: LRUCache<string, Held>;
  private readonly generations = new Map<string, number>();
  private readonly tally: CacheTally;

  constructor(private readonly options: LocalTierOptions) {
    const tally = createCacheTally(options.sink);
    this.tally = tally;
    this.lru = new LRUCache<string, Held>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      sizeCalculation: sizeOf,
      dispose: (held, _key, reason) => tally.disposed(held.endpoint, sizeOf(held), reason),
    });
  }

  get(key: CacheKey): CacheEntry | undefined {
    const id = this.keyOf(key);
    const entry = this.lru.get(id)?.entry;
    if (entry === undefined) return undefined;
    if (lastUseOf(entry) <= this.options.now()) {
      this.tally.evicted(key.endpoint, 'expired');
      this.lru.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Keeps the entry unless the one there has a higher version. */
  set(key: CacheKey, entry: CacheEntry): void {
    const id = this.keyOf(key);
    const current = this.lru.peek(id)?.entry;
    if (current !== undefined && current.version > entry.version) return;
    if (entry.bytes > this.options.maxBytes) return;
    const held: Held = { entry, endpoint: key.endpoint };
    this.tally.beforeSet(this.lru, id);
    this.lru.set(id, held);
    if (this.lru.has(id)) this.tally.added(key.endpoint, sizeOf(held));
  }

  forget(key: CacheKey): void {
    this.lru.delete(this.keyOf(key));
  }

  deleteRecord(endpoint: string, id: string, partition?: string): void {
    if (partition !== undefined) {
      this.lru.delete(localKey({ kind: 'record', endpoint, id, partition }, 0));
      return;
    }
    const prefix = localRecordPrefix(endpoint, id);
    for (const key of [...this.lru.keys()]) if (key.startsWith(prefix)) this.lru.delete(key);
  }

  deleteLists(endpoint: string): void {
    this.generations.set(endpoint, (this.generations.get(endpoint) ?? 0) + 1);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  private keyOf(key: CacheKey): string {
    return localKey(key, key.kind === 'list' ? (this.generations.get(key.endpoint) ?? 0) : 0);
  }
}

function sizeOf(held: Held): number {
  return Math.max(1, held.entry.bytes);
}

/** The last moment an entry may still be served (stale on error included). */
export function lastUseOf(entry: CacheEntry): number {
  return Math.max(entry.staleUntil, entry.staleIfErrorUntil, entry.freshUntil);
}
