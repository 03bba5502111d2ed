/**
 * The stack with the record cache on and a hand-driven clock: the server's `now` is `clock.now`,
 * so entries age only when a test says so (`clock.advance`).
 */
import type { Config, EndpointCacheConfig } from '../../src/config/types.js';
import type { SimulatorOptions } from '../../src/simulator/types.js';
import { startStack, type Stack } from './start-stack.js';
import { withCache } from './with-cache.js';

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(start = Date.UTC(2026, 0, 1)): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface CachedStackOptions {
  readonly times?: Partial<EndpointCacheConfig>;
  readonly bounds?: { maxEntries?: number; maxBytes?: number };
  readonly simulator?: SimulatorOptions;
  readonly config?: (config: Config) => Config;
  /** Endpoints with `cache: false`. */
  readonly uncached?: readonly string[];
}

/** TTL 10 s, stale-while-revalidate 20 s, stale-if-error 60 s unless told; GETs tried once (no real-time backoff). */
export async function startCachedStack(clock: Clock, options: CachedStackOptions = {}): Promise<Stack> {
  return startStack({
    cache: true,
    now: clock.now,
    ...(options.simulator === undefined ? {} : { simulator: options.simulator }),
    config: (demo) => {
      const base = options.config === undefined ? demo : options.config(demo);
      const tuned = withCache(base, { ttlSeconds: 10, staleWhileRevalidateSeconds: 20, staleIfErrorSeconds: 60, ...options.times }, options.bounds);
      const endpoints = tuned.endpoints.map((endpoint) => (options.uncached?.includes(endpoint.name) === true ? { ...endpoint, cache: null } : endpoint));
      return { ...tuned, endpoints, upstream: { ...tuned.upstream, retries: { ...tuned.upstream.retries, attempts: 1 } } };
    },
  });
}
