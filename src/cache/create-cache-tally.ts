/**
 * What an in-process store holds, per endpoint, kept as entries come and go (a scrape reads the
 * tally, it never walks the cache), and why entries left on their own (evictions, not deletes).
 * Both lru-cache stores (the memory store, the local tier in front of Redis) feed one from their
 * `dispose` callback.
 */

/**
 * Why an entry left a store without being deleted: the entry bound (`entries`), the byte bound
 * (`bytes`), its endpoint's own entry bound (`endpoint`), or past its last useful moment (`expired`).
 */
export type EvictionReason = 'entries' | 'bytes' | 'endpoint' | 'expired';

export interface CacheHeld {
  readonly entries: number;
  readonly bytes: number;
}

/** Where a store reports to (the metrics), given at its construction. */
export interface CacheStoreSink {
  evicted(endpoint: string, reason: EvictionReason): void;
  /** Called once by the store: `read` answers what it holds now, per endpoint. */
  watchHeld(read: () => ReadonlyMap<string, CacheHeld>): void;
}

/** The part of an lru-cache the tally looks at before a set. */
interface Bounded {
  readonly size: number;
  readonly max: number;
  has(key: string): boolean;
}

/** lru-cache's dispose reasons (`evict`: a bound pushed the least recently used out). */
type DisposeReason = 'evict' | 'set' | 'delete' | 'expire' | 'fetch';

export interface CacheTally {
  /**
   * Before `lru.set(key, ...)`: lru-cache makes room for a new key under the entry bound first (at
   * most one entry), then under the byte bound, so this tells the evictions of the set apart.
   */
  beforeSet(lru: Bounded, key: string): void;
  /** The entry is in the cache now (after the set). */
  added(endpoint: string, size: number): void;
  /** From lru-cache's `dispose`: the entry is gone (replaced, deleted or evicted). */
  disposed(endpoint: string, size: number, reason: DisposeReason): void;
  /** The store dropped the entry itself for this reason (before deleting it). */
  evicted(endpoint: string, reason: EvictionReason): void;
}

export function createCacheTally(sink: CacheStoreSink | undefined): CacheTally {
  const held = new Map<string, { entries: number; bytes: number }>();
  sink?.watchHeld(() => held);
  let entryBoundFirst = false;
  const move = (endpoint: string, entries: number, bytes: number): void => {
    const counts = held.get(endpoint);
    if (counts === undefined) held.set(endpoint, { entries, bytes });
    else {
      counts.entries += entries;
      counts.bytes += bytes;
    }
  };
  return {
    beforeSet(lru, key) {
      entryBoundFirst = lru.size >= lru.max && !lru.has(key);
    },
    added: (endpoint, size) => move(endpoint, 1, size),
    disposed(endpoint, size, reason) {
      move(endpoint, -1, -size);
      if (reason !== 'evict') return;
      sink?.evicted(endpoint, entryBoundFirst ? 'entries' : 'bytes');
      entryBoundFirst = false;
    },
    evicted: (endpoint, reason) => sink?.evicted(endpoint, reason),
  };
}
