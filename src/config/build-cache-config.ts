/**
 * The cache's defaults (docs/caching.md explains them): answers are fresh for 30 s and served stale
 * for 30 s more while one refresh runs, so nothing is served older than a minute unflagged; on an
 * upstream failure or a spent budget an answer up to 5 min past its freshness stands in, flagged.
 */
import type { EndpointCacheFile, UpstreamCacheFile } from './config-file-schema.js';
import type { EndpointCacheConfig, UpstreamCacheConfig } from './types.js';

export const CACHE_DEFAULTS: UpstreamCacheConfig = {
  ttlSeconds: 30,
  staleWhileRevalidateSeconds: 30,
  staleIfErrorSeconds: 300,
  maxEntries: 10_000,
  maxBytes: 32 * 1024 * 1024,
  sweepMaxRecords: 1000,
  store: 'memory',
};

export function buildUpstreamCache(file: UpstreamCacheFile | undefined): UpstreamCacheConfig | null {
  if (file === false) return null;
  return {
    ttlSeconds: file?.ttlSeconds ?? CACHE_DEFAULTS.ttlSeconds,
    staleWhileRevalidateSeconds: file?.staleWhileRevalidateSeconds ?? CACHE_DEFAULTS.staleWhileRevalidateSeconds,
    staleIfErrorSeconds: file?.staleIfErrorSeconds ?? CACHE_DEFAULTS.staleIfErrorSeconds,
    maxEntries: file?.maxEntries ?? CACHE_DEFAULTS.maxEntries,
    maxBytes: file?.maxBytes ?? CACHE_DEFAULTS.maxBytes,
    sweepMaxRecords: file?.sweepMaxRecords ?? CACHE_DEFAULTS.sweepMaxRecords,
    store: file?.store ?? CACHE_DEFAULTS.store,
  };
}

/** An endpoint is cached when the global cache is on and it does not say `cache: false`. */
export function buildEndpointCache(file: EndpointCacheFile | undefined, global: UpstreamCacheConfig | null): EndpointCacheConfig | null {
  if (global === null || file === false) return null;
  return {
    ttlSeconds: file?.ttlSeconds ?? global.ttlSeconds,
    staleWhileRevalidateSeconds: file?.staleWhileRevalidateSeconds ?? global.staleWhileRevalidateSeconds,
    staleIfErrorSeconds: file?.staleIfErrorSeconds ?? global.staleIfErrorSeconds,
    maxEntries: Math.min(file?.maxEntries ?? global.maxEntries, global.maxEntries),
    sweepMaxRecords: file?.sweepMaxRecords ?? global.sweepMaxRecords,
  };
}
