/** Config edits for tests: the record cache off (exact call counts across repeated operations), or tuned. */
import { CACHE_DEFAULTS } from '../../src/config/build-cache-config.js';
import type { Config, EndpointCacheConfig } from '../../src/config/types.js';

export function withoutCache(config: Config): Config {
  return { ...config, upstream: { ...config.upstream, cache: null }, endpoints: config.endpoints.map((endpoint) => ({ ...endpoint, cache: null })) };
}

/**
 * Every endpoint with these times (seconds); the global bounds as given. Sweeps are off unless
 * `times.sweepMaxRecords` says otherwise: they have their own tests (sweeps.test.ts), and the
 * others count the calls of the mechanism they test.
 */
export function withCache(config: Config, times: Partial<EndpointCacheConfig>, bounds: { maxEntries?: number; maxBytes?: number } = {}): Config {
  const base = config.upstream.cache ?? CACHE_DEFAULTS;
  const global = { ...base, sweepMaxRecords: 0, ...times, ...bounds };
  const endpointCache: EndpointCacheConfig = {
    ttlSeconds: global.ttlSeconds,
    staleWhileRevalidateSeconds: global.staleWhileRevalidateSeconds,
    staleIfErrorSeconds: global.staleIfErrorSeconds,
    maxEntries: global.maxEntries,
    sweepMaxRecords: global.sweepMaxRecords,
  };
  return { ...config, upstream: { ...config.upstream, cache: global }, endpoints: config.endpoints.map((endpoint) => ({ ...endpoint, cache: endpointCache })) };
}

/** The config with sweeps off everywhere (see `withCache`). */
export function withoutSweeps(config: Config): Config {
  const cache = config.upstream.cache;
  return {
    ...config,
    upstream: { ...config.upstream, cache: cache === null ? null : { ...cache, sweepMaxRecords: 0 } },
    endpoints: config.endpoints.map((endpoint) => (endpoint.cache === null ? endpoint : { ...endpoint, cache: { ...endpoint.cache, sweepMaxRecords: 0 } })),
  };
}
