/** Config edits for tests: the record cache off (exact call counts across repeated operations), or tuned. */
import { CACHE_DEFAULTS } from '../../src/config/build-cache-config.js';
import type { Config, EndpointCacheConfig } from '../../src/config/types.js';

export function withoutCache(config: Config): Config {
  return { ...config, upstream: { ...config.upstream, cache: null }, endpoints: config.endpoints.map((endpoint) => ({ ...endpoint, cache: null })) };
}

/** Every endpoint with these times (seconds); the global bounds as given. */
export function withCache(config: Config, times: Partial<EndpointCacheConfig>, bounds: { maxEntries?: number; maxBytes?: number } = {}): Config {
  const base = config.upstream.cache ?? CACHE_DEFAULTS;
  const global = { ...base, ...times, ...bounds };
  const endpointCache: EndpointCacheConfig = {
    ttlSeconds: global.ttlSeconds,
    staleWhileRevalidateSeconds: global.staleWhileRevalidateSeconds,
    staleIfErrorSeconds: global.staleIfErrorSeconds,
    maxEntries: global.maxEntries,
    sweepMaxRecords: global.sweepMaxRecords,
  };
  return { ...config, upstream: { ...config.upstream, cache: global }, endpoints: config.endpoints.map((endpoint) => ({ ...endpoint, cache: endpointCache })) };
}
