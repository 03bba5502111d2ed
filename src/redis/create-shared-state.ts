/**
 * What replicas share through Redis, made once per process from the config: one command
 * connection, the change bus (its own subscriber connection), and on demand the cache store (a
 * subscriber for local-tier invalidation) and the limiter of the vendor's two budgets.
 */
import type { Logger } from 'pino';
import type { CacheStoreSink } from '../cache/create-cache-tally.js';
import type { CacheStore } from '../cache/types.js';
import type { RateLimitConfig, RedisConfig } from '../config/types.js';
import type { RateLimiter } from '../upstream/rate-limit-types.js';
import { createRedisCacheStore } from './create-redis-cache-store.js';
import { createRedisChangeBus, type RedisChangeBus } from './create-redis-change-bus.js';
import { createRedisLink, type RedisHealth, type RedisLink } from './create-redis-link.js';
import { createRedisRateLimiter } from './create-redis-rate-limiter.js';

export interface SharedState {
  readonly link: RedisLink;
  readonly bus: RedisChangeBus;
  /** `sink` hears about the local tier (evictions, entries and bytes held). */
  createCacheStore(now?: () => number, sink?: CacheStoreSink): CacheStore;
  createRateLimiter(budgets: RateLimitConfig, now?: () => number): RateLimiter;
  health(): RedisHealth;
  close(): Promise<void>;
}

export function createSharedState(config: RedisConfig, replicas: number, logger?: Logger, now?: () => number): SharedState {
  const link = createRedisLink(config, { logger, ...(now === undefined ? {} : { now }) });
  const bus = createRedisChangeBus({
    link,
    logger,
    onListenerError: (error, event) => logger?.error({ err: error, endpoint: event.endpoint, kind: event.kind }, 'change listener failed'),
  });
  const owned: { close(): Promise<void> }[] = [bus];
  return {
    link,
    bus,
    createCacheStore(storeNow, sink) {
      const store = createRedisCacheStore({
        link,
        localMaxEntries: config.localMaxEntries,
        localMaxBytes: config.localMaxBytes,
        logger,
        sink,
        ...(storeNow === undefined ? {} : { now: storeNow }),
      });
      owned.push(store);
      return store;
    },
    createRateLimiter(budgets, limiterNow) {
      const limiter = createRedisRateLimiter({ ...budgets, link, replicas, logger, ...(limiterNow === undefined ? {} : { now: limiterNow }) });
      owned.push(limiter);
      return limiter;
    },
    health: () => link.health(),
    async close() {
      for (const part of owned.splice(0)) await part.close();
      await link.close();
    },
  };
}
