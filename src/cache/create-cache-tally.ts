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
  /** Evictions so far, by reason. */
  readonly evictions: Readonly<Record<EvictionReason, number>>;
}

/** Where a store reports to (the metrics), given at its construction. */
export interface CacheStoreSink {
  /** Called once by the store: `read` answers its tally per endpoint, read at each scrape. */
  watch(read: () => ReadonlyMap<string, CacheHeld>): void;
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

interface Counts {
  entries: number;
  bytes: number;
  readonly evictions: Record<EvictionReason, number>;
}

/** Plain numbers in a map: a set costs no label lookup of the metrics library, a scrape reads them. */
export function createCacheTally(sink: CacheStoreSink | undefined): CacheTally {
  const held = new Map<string, Counts>();
  sink?.watch(() => held);
  let entryBoundFirst = false;
  const countsOf = (endpoint: string): Counts => {
    let counts = held.get(endpoint);
    if (counts === undefined) {
      counts = { entries: 0, bytes: 0, evictions: { entries: 0, bytes: 0, endpoint: 0, expired: 0 } };
      held.set(endpoint, counts);
    }
    return counts;
  };
  return {
    beforeSet(lru, key) {
      entryBoundFirst = lru.size >= lru.max && !lru.has(key);
    },
    added(endpoint, size) {
      const counts = countsOf(endpoint);
      counts.entries += 1;
      counts.bytes += size;
    },
    disposed(endpoint, size, reason) {
      const counts = countsOf(endpoint);
      counts.entries -= 1;
      counts.bytes -= size;
      if (reason !== 'evict') return;
      counts.evictions[entryBoundFirst ? 'entries' : 'bytes'] += 1;
      entryBoundFirst = false;
    },
    evicted(endpoint, reason) {
      countsOf(endpoint).evictions[reason] += 1;
    },
  };
}
