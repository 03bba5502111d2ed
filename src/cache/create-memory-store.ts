/**
 * The in-process store: one lru-cache bounded by entries and by bytes (the JSON length of each
 * entry), plus a per-endpoint bound and the indexes a drop needs (an endpoint's list pages, a
 * record's entries in every partition). Every method does its work synchronously; the promises are
 * only the contract's shape, and `getSync` lets the caching client skip them on the hot path.
 */
import { LRUCache } from 'lru-cache';
import { createCacheTally, type CacheStoreSink } from './create-cache-tally.js';
import type { CacheEntry, CacheKey, CacheStore, Partition } from './types.js';

export interface MemoryStoreOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** An endpoint's own bound on its entries (default: none beyond the global one). */
  readonly maxEntriesOf?: (endpoint: string) => number;
  /** Told of evictions, asked what is held (the metrics). */
  readonly sink?: CacheStoreSink | undefined;
}

/** The in-process store, which can also answer without a promise. */
export interface MemoryStore extends CacheStore {
  getSync(key: CacheKey): CacheEntry | undefined;
  /** Entries and bytes held now. */
  readonly size: number;
  readonly bytes: number;
}

interface Slot {
  readonly entry: CacheEntry;
  readonly endpoint: string;
  /** The record id, or null for a list page. */
  readonly id: string | null;
  readonly partition: Partition;
}

interface EndpointIndex {
  /** Every key of the endpoint in the order first stored: the per-endpoint bound drops the oldest. */
  readonly keys: Set<string>;
  readonly lists: Set<string>;
  readonly records: Map<string, Set<string>>;
}

const RESOLVED = Promise.resolve();

/** `\u0000` cannot occur in an endpoint name or a partition, so keys of different shapes never meet. */
export function storeKeyOf(key: CacheKey): string {
  return key.kind === 'record'
    ? `${key.endpoint}\u0000${key.partition}\u0000r\u0000${key.id}`
    : `${key.endpoint}\u0000${key.partition}\u0000l\u0000${key.query}`;
}

export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const indexes = new Map<string, EndpointIndex>();
  const indexOf = (endpoint: string): EndpointIndex => {
    let index = indexes.get(endpoint);
    if (index === undefined) {
      index = { keys: new Set(), lists: new Set(), records: new Map() };
      indexes.set(endpoint, index);
    }
    return index;
  };
  const tally = createCacheTally(options.sink);
  const lru: LRUCache<string, Slot> = new LRUCache<string, Slot>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    sizeCalculation: sizeOf,
    // After the fact, so that a replaced entry (same key, still there) keeps its index.
    disposeAfter: (slot, key, reason) => {
      tally.disposed(slot.endpoint, sizeOf(slot), reason);
      if (!lru.has(key)) unindex(indexOf(slot.endpoint), key, slot);
    },
  });
  const dropAll = (keys: Iterable<string>, partition?: Partition): void => {
    for (const key of [...keys]) {
      if (partition === undefined || lru.peek(key)?.partition === partition) lru.delete(key);
    }
  };
  return {
    getSync: (key) => lru.get(storeKeyOf(key))?.entry,
    get: (key) => Promise.resolve(lru.get(storeKeyOf(key))?.entry),
    set(key, entry) {
      const storeKey = storeKeyOf(key);
      const previous = lru.peek(storeKey);
      if (previous !== undefined && previous.entry.version > entry.version) return RESOLVED;
      if (entry.bytes > options.maxBytes) {
        // Too big to keep: and the older answer must not outlive this newer one.
        lru.delete(storeKey);
        return RESOLVED;
      }
      const index = indexOf(key.endpoint);
      const bound = options.maxEntriesOf?.(key.endpoint);
      if (previous === undefined && bound !== undefined && index.keys.size >= bound) {
        const oldest = index.keys.values().next();
        if (oldest.done !== true) {
          // An endpoint without a bound of its own has the global one: that is the bound it hit.
          tally.evicted(key.endpoint, bound < options.maxEntries ? 'endpoint' : 'entries');
          lru.delete(oldest.value);
        }
      }
      const id = key.kind === 'record' ? key.id : null;
      const slot: Slot = { entry, endpoint: key.endpoint, id, partition: key.partition };
      tally.beforeSet(lru, storeKey);
      lru.set(storeKey, slot);
      if (!lru.has(storeKey)) return RESOLVED;
      tally.added(key.endpoint, sizeOf(slot));
      addToIndex(index, storeKey, id);
      return RESOLVED;
    },
    deleteRecord(endpoint, id, partition) {
      const keys = indexes.get(endpoint)?.records.get(id);
      if (keys !== undefined) dropAll(keys, partition);
      return RESOLVED;
    },
    deleteLists(endpoint) {
      const lists = indexes.get(endpoint)?.lists;
      if (lists !== undefined) dropAll(lists);
      return RESOLVED;
    },
    close() {
      lru.clear();
      indexes.clear();
      return RESOLVED;
    },
    get size() {
      return lru.size;
    },
    get bytes() {
      return lru.calculatedSize;
    },
  };
}

function sizeOf(slot: Slot): number {
  return Math.max(1, slot.entry.bytes);
}

function addToIndex(index: EndpointIndex, key: string, id: string | null): void {
  index.keys.add(key);
  if (id === null) {
    index.lists.add(key);
    return;
  }
  let keys = index.records.get(id);
  if (keys === undefined) {
    keys = new Set();
    index.records.set(id, keys);
  }
  keys.add(key);
}

function unindex(index: EndpointIndex, key: string, slot: Slot): void {
  index.keys.delete(key);
  if (slot.id === null) {
    index.lists.delete(key);
    return;
  }
  const keys = index.records.get(slot.id);
  keys?.delete(key);
  if (keys?.size === 0) index.records.delete(slot.id);
}
