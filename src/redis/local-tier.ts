/**
 * The small in-process tier in front of Redis: bounded by entries and bytes (lru-cache), an entry
 * kept at most until its last useful moment (served stale on error). Deleting every list of an
 * endpoint bumps a local generation that is part of each list key, so it is O(1); the old entries
 * age out of the LRU.
 */
import { LRUCache } from 'lru-cache';
import type { CacheEntry, CacheKey } from '../cache/types.js';
import { localKey, localRecordPrefix } from './redis-cache-keys.js';

export interface LocalTierOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly now: () => number;
}

export class LocalTier {
  private readonly lru: LRUCache<string, CacheEntry>;
  private readonly generations = new Map<string, number>();

  constructor(private readonly options: LocalTierOptions) {
    this.lru = new LRUCache<string, CacheEntry>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
    });
  }

  get(key: CacheKey): CacheEntry | undefined {
    const id = this.keyOf(key);
    const entry = this.lru.get(id);
    if (entry === undefined) return undefined;
    if (lastUseOf(entry) <= this.options.now()) {
      this.lru.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Keeps the entry unless the one there has a higher version. */
  set(key: CacheKey, entry: CacheEntry): void {
    const id = this.keyOf(key);
    const current = this.lru.peek(id);
    if (current !== undefined && current.version > entry.version) return;
    if (entry.bytes > this.options.maxBytes) return;
    this.lru.set(id, entry);
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

/** The last moment an entry may still be served (stale on error included). */
export function lastUseOf(entry: CacheEntry): number {
  return Math.max(entry.staleUntil, entry.staleIfErrorUntil, entry.freshUntil);
}
