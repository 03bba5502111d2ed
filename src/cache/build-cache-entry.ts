/** Pure pieces of the cache: an entry's times and size, a list page's key, which failures stale answers may cover. */
import { BjetError } from '../errors/bjet-error.js';
import type { UpstreamRecord } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { CacheEntry } from './types.js';

/**
 * An entry fetched at `fetchedAt` (when its request started: its age is never underestimated). An
 * absent record (404) is kept for the TTL only: no stale window for "not there".
 */
export function buildCacheEntry(value: CacheEntry['value'], bytes: number, fetchedAt: number, settings: EndpointCacheSettings): CacheEntry {
  const freshUntil = fetchedAt + settings.ttlMs;
  const absent = value === null;
  return {
    value,
    fetchedAt,
    freshUntil,
    staleUntil: absent ? freshUntil : freshUntil + settings.staleWhileRevalidateMs,
    staleIfErrorUntil: absent ? freshUntil : freshUntil + settings.staleIfErrorMs,
    version: fetchedAt,
    bytes,
  };
}

/** A list page (the other values are a record or `null`). */
export function isList(value: CacheEntry['value']): value is readonly UpstreamRecord[] {
  return Array.isArray(value);
}

/** The JSON length of a record (a string's length, close enough to bytes for a bound). */
export function sizeOf(value: UpstreamRecord | null): number {
  return value === null ? 4 : JSON.stringify(value).length;
}

/** `limit=20&offset=0&name=acme`, keys sorted: the same page asked with its keys in another order is one entry. */
export function buildListQueryKey(query: Readonly<Record<string, string>>): string {
  const keys = Object.keys(query);
  if (keys.length > 1) keys.sort();
  let out = '';
  for (const key of keys) out += `${out === '' ? '' : '&'}${encodeURIComponent(key)}=${encodeURIComponent(query[key] ?? '')}`;
  return out;
}

/**
 * Failures a stale answer may stand in for: the upstream failing (5xx, timeouts, resets, the
 * breaker, an unreadable body) or no rate-limit token. Never an answer the upstream meant (4xx).
 */
export function staleMayCover(error: unknown): boolean {
  if (!(error instanceof BjetError)) return false;
  // Every other code is an answer the upstream meant, or not an upstream failure at all.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- the default is the rule, not a forgotten case
  switch (error.code) {
    case 'UPSTREAM_TIMEOUT':
    case 'UPSTREAM_UNAVAILABLE':
    case 'UPSTREAM_RATE_LIMITED':
    case 'UPSTREAM_BAD_RESPONSE':
      return true;
    case 'UPSTREAM_ERROR':
      return (error.upstream?.status ?? 500) >= 500;
    default:
      return false;
  }
}
