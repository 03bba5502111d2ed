/** The store the config asks for (`upstream.cache.store`); with the cache off, an empty one that holds nothing. */
import type { Config } from '../config/types.js';
import type { CacheStoreSink } from './create-cache-tally.js';
import { createMemoryStore } from './create-memory-store.js';
import type { CacheStore } from './types.js';

/** `sink` hears about the store's evictions and what it holds (the metrics). */
export function createCacheStore(config: Config, sink?: CacheStoreSink): CacheStore {
  const cache = config.upstream.cache;
  if (cache === null) return createMemoryStore({ maxEntries: 1, maxBytes: 1 });
  const bounds = new Map(config.endpoints.map((endpoint) => [endpoint.name, endpoint.cache?.maxEntries ?? 0]));
  switch (cache.store) {
    // The Redis store needs the process's shared connection: createServer makes it (redis/create-shared-state.ts).
    case 'redis':
    case 'memory':
      return createMemoryStore({ maxEntries: cache.maxEntries, maxBytes: cache.maxBytes, maxEntriesOf: (name) => bounds.get(name) ?? cache.maxEntries, sink });
  }
}
