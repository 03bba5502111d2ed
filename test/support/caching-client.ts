/**
 * The caching client on its own, over the real upstream client and a simulator, with the test's
 * clock: for tests that count the exact calls of one cache mechanism (batched-reads, sweeps).
 * `useCachingClient()` registers the cleanup; `start` gives a fresh simulator and client.
 */
import { afterEach } from 'vitest';
import { createCachingClient, type CachingClient } from '../../src/cache/create-caching-client.js';
import { createMemoryStore } from '../../src/cache/create-memory-store.js';
import { createLocalChangeBus } from '../../src/changes/create-local-change-bus.js';
import { buildDemoConfig } from '../../src/config/build-demo-config.js';
import type { Config, EndpointCacheConfig, RateLimitConfig } from '../../src/config/types.js';
import type { Simulator } from '../../src/simulator/types.js';
import { createUpstreamClient } from '../../src/upstream/create-upstream-client.js';
import { CredentialKeys } from '../../src/upstream/credential-keys.js';
import type { CacheHitKind, CallContext, UpstreamClient } from '../../src/upstream/types.js';
import type { Clock } from './cached-stack.js';
import { relativePath } from './start-stack.js';
import { startSimulator } from './simulator.js';
import { withCache } from './with-cache.js';

export interface CachingClientHarness {
  readonly sim: Simulator;
  readonly cached: CachingClient;
  /** The client underneath (its reads are not cached). */
  readonly upstream: UpstreamClient;
}

export interface CachingClientOptions {
  readonly rateLimit?: RateLimitConfig;
  /** TTL 10 s, stale-while-revalidate 20 s, stale-if-error 60 s, no sweeps unless told. */
  readonly times?: Partial<EndpointCacheConfig>;
}

const RATE_LIMIT_OFF: RateLimitConfig = { perMinute: null, perHourPerCredential: null };

export function useCachingClient(): (clock: Clock, options?: CachingClientOptions) => Promise<CachingClientHarness> {
  let harness: CachingClientHarness | undefined;
  afterEach(async () => {
    await harness?.cached.close();
    await harness?.sim.close();
    harness = undefined;
  });
  return async (clock, options = {}) => {
    const sim = await startSimulator({ switches: { inFilter: true } });
    const tuned = withCache(buildDemoConfig(sim.baseUrl), { ttlSeconds: 10, staleWhileRevalidateSeconds: 20, staleIfErrorSeconds: 60, ...options.times });
    const config: Config = {
      ...tuned,
      upstream: { ...tuned.upstream, rateLimit: options.rateLimit ?? RATE_LIMIT_OFF, retries: { ...tuned.upstream.retries, attempts: 1 } },
    };
    const credentials = new CredentialKeys('test-secret');
    const upstream = createUpstreamClient(config, { now: clock.now, credentialKeys: credentials });
    const store = createMemoryStore({ maxEntries: 10_000, maxBytes: 10_000_000 });
    const cached = createCachingClient(upstream, { config, store, bus: createLocalChangeBus(), credentials, now: clock.now });
    harness = { sim, cached, upstream };
    return harness;
  };
}

/** A call context of the test's clock; the cache hits it reports go into `hits`. */
export function callContext(clock: Clock, hits: CacheHitKind[] = []): CallContext {
  return { requestId: 'test', deadline: clock.now() + 30_000, onCacheHit: (kind) => hits.push(kind) };
}

/** The simulator's requests since the last clear, as `GET /partners?ids=1%2C3&limit=2`. */
export function callsOf(sim: Simulator): string[] {
  return sim.records.map((record) => {
    const query = new URLSearchParams(record.query).toString();
    return `${record.method} ${relativePath(record)}${query === '' ? '' : `?${query}`}`;
  });
}
