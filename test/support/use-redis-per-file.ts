/**
 * One real redis-server for a test file (start-redis.ts): started before its tests, stopped after
 * them, with a plain `admin` client for looking inside (it rides out kills and restarts). With
 * `flush`, Redis is emptied after each test, once the test's own after-each hooks have closed what
 * used it (vitest runs after-hooks in reverse order of registration).
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRedis, type StartRedisOptions, type TestRedis } from './start-redis.js';

export interface PerFileRedis extends Omit<TestRedis, 'stop'> {
  readonly admin: Redis;
}

export interface PerFileRedisOptions extends StartRedisOptions {
  /** FLUSHALL after each test (default false). */
  readonly flush?: boolean;
}

export function useRedisPerFile(options: PerFileRedisOptions = {}): PerFileRedis {
  let started: { redis: TestRedis; admin: Redis } | null = null;
  const current = (): { redis: TestRedis; admin: Redis } => {
    if (started === null) throw new Error('useRedisPerFile: Redis starts in beforeAll; use it inside tests or hooks');
    return started;
  };
  beforeAll(async () => {
    const { flush: _flush, ...startOptions } = options;
    const redis = await startRedis(startOptions);
    const admin = new Redis(redis.url, { retryStrategy: () => 50 });
    admin.on('error', () => undefined);
    started = { redis, admin };
  }, 300_000);
  afterAll(async () => {
    started?.admin.disconnect();
    await started?.redis.stop();
    started = null;
  });
  if (options.flush === true) afterEach(async () => void (await current().admin.flushall()));
  return {
    get port() {
      return current().redis.port;
    },
    get url() {
      return current().redis.url;
    },
    get admin() {
      return current().admin;
    },
    get tls() {
      return current().redis.tls;
    },
    kill: () => current().redis.kill(),
    restart: () => current().redis.restart(),
  };
}
