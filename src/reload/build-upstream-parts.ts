/**
 * The upstream side of a generation: the client, its rate limiter and the cache store. Each is
 * kept from the previous generation while the settings it was made from are unchanged (the
 * upstream's budget does not reset because we reloaded, and an emptied cache would burn it), and
 * made anew otherwise (docs/operations.md, "Reload without a restart").
 */
import type { CacheStoreSink } from '../cache/create-cache-tally.js';
import { createCacheStore } from '../cache/create-cache-store.js';
import type { CacheStore } from '../cache/types.js';
import type { Config } from '../config/types.js';
import type { Logger } from '../logging/create-logger.js';
import type { SharedState } from '../redis/create-shared-state.js';
import { closeClientBy } from '../server/drain-connections.js';
import { createLocalRateLimiter } from '../upstream/create-local-rate-limiter.js';
import { createUpstreamClient } from '../upstream/create-upstream-client.js';
import type { CredentialKeys } from '../upstream/credential-keys.js';
import type { RateLimiter } from '../upstream/rate-limit-types.js';
import type { UpstreamClient } from '../upstream/types.js';

export interface UpstreamParts {
  readonly upstream: UpstreamClient;
  readonly rateLimiter: RateLimiter | null;
  readonly store: CacheStore;
  /** The settings each part was made from, as text: equal text, same part. */
  readonly keys: { readonly upstream: string; readonly rateLimit: string; readonly store: string };
}

export interface PartsContext {
  readonly shared: SharedState | null;
  readonly credentials: CredentialKeys;
  readonly logger: Logger;
  readonly now: () => number;
  /** Hears about the store (evictions, entries and bytes held), for /metrics. */
  readonly metrics?: { readonly cacheStore: CacheStoreSink } | null;
}

function keysOf(config: Config): UpstreamParts['keys'] {
  const { cache, ...upstream } = config.upstream;
  const rateLimit = JSON.stringify(upstream.rateLimit);
  // The client reads every upstream setting but the cache's, and each endpoint's auth, timeouts and route.
  const endpoints = config.endpoints.map(({ cache: _cache, ...endpoint }) => endpoint);
  return {
    rateLimit,
    upstream: JSON.stringify({ upstream, endpoints, urlBytes: config.server.limits.urlBytes }),
    // Only the store's bounds: an entry keeps the times it was stored with; new TTLs apply to what is stored next.
    store: JSON.stringify({
      bounds: cache === null ? null : [cache.store, cache.maxEntries, cache.maxBytes],
      endpoints: config.endpoints.map((endpoint) => [endpoint.name, endpoint.cache?.maxEntries ?? null]),
    }),
  };
}

export function buildUpstreamParts(config: Config, previous: UpstreamParts | null, context: PartsContext): UpstreamParts {
  const keys = keysOf(config);
  const { shared, now } = context;
  const rateLimiter =
    previous !== null && previous.keys.rateLimit === keys.rateLimit
      ? previous.rateLimiter
      : (shared?.createRateLimiter(config.upstream.rateLimit, now) ?? createLocalRateLimiter(config.upstream.rateLimit, now));
  const upstream =
    previous !== null && previous.keys.upstream === keys.upstream && previous.rateLimiter === rateLimiter
      ? previous.upstream
      : createUpstreamClient(config, { logger: context.logger, now, credentialKeys: context.credentials, rateLimiter });
  const store =
    previous !== null && previous.keys.store === keys.store
      ? previous.store
      : shared !== null && config.upstream.cache?.store === 'redis'
        ? shared.createCacheStore(now, context.metrics?.cacheStore)
        : createCacheStore(config, context.metrics?.cacheStore);
  return { upstream, rateLimiter, store, keys };
}

/**
 * Closes the parts no generation in `stillUsed` shares; the client's calls still on the wire at
 * `endsAt` (a `performance.now()` time, on a stop) are aborted, else they end first.
 */
export async function closeUnusedParts(parts: UpstreamParts, stillUsed: readonly UpstreamParts[], endsAt?: number): Promise<void> {
  const used = (pick: (other: UpstreamParts) => unknown): boolean => stillUsed.some((other) => pick(other) === pick(parts));
  if (!used((other) => other.upstream)) await (endsAt === undefined ? parts.upstream.close() : closeClientBy(parts.upstream, endsAt));
  if (parts.rateLimiter !== null && !used((other) => other.rateLimiter)) await parts.rateLimiter.close();
  if (!used((other) => other.store)) await parts.store.close();
}
