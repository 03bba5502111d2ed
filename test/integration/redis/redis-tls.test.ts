/**
 * Redis over TLS (a throwaway CA, a server that asks for client certificates) with a password in
 * the `rediss://` URL: the cache, the limits and the change bus are shared as over plain TCP, and
 * the password shows in no log line, health detail, error, /readyz or /metrics.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEntry, CacheKey } from '../../../src/cache/types.js';
import type { RedisConfig } from '../../../src/config/types.js';
import { createLogger, type Logger } from '../../../src/logging/create-logger.js';
import { createRedisCacheStore } from '../../../src/redis/create-redis-cache-store.js';
import { createRedisChangeBus } from '../../../src/redis/create-redis-change-bus.js';
import { createRedisLink, type RedisLink } from '../../../src/redis/create-redis-link.js';
import { createRedisRateLimiter } from '../../../src/redis/create-redis-rate-limiter.js';
import { RateLimitWaitError, type RateLimiter } from '../../../src/upstream/rate-limit-types.js';
import { openLink, testRedisConfig, until } from '../../support/redis-link.js';
import { startRedis, type TestRedis } from '../../support/start-redis.js';
import { startStack } from '../../support/start-stack.js';

const PASSWORD = 'tls-s3cret-pass';
let redis: TestRedis;
let config: RedisConfig;
const links: RedisLink[] = [];
const lines: string[] = [];
const clock = 7_000_000;

function captureLogger(): Logger {
  const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
  return createLogger({ level: 'info', destination });
}

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD, tls: true });
  config = testRedisConfig(redis.url, { tls: redis.tls });
}, 300_000);
afterEach(async () => {
  for (const link of links.splice(0)) await link.close();
});
afterAll(async () => {
  await redis?.stop();
});

async function link(overrides: Partial<RedisConfig> = {}): Promise<RedisLink> {
  const opened = await openLink(config.url, { ...config, ...overrides }, { logger: captureLogger() });
  links.push(opened);
  return opened;
}

async function granted(limiter: RateLimiter, times: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < times; i += 1) {
    await limiter.acquire({ credential: 'service', deadline: clock + 999, priority: 'foreground' }).then(
      () => (count += 1),
      (error: unknown) => {
        if (!(error instanceof RateLimitWaitError)) throw error;
      },
    );
  }
  return count;
}

const key: CacheKey = { kind: 'record', endpoint: 'partners', partition: 'service', id: '3' };
const entry: CacheEntry = {
  value: { id: 3, name: 'over TLS' },
  fetchedAt: clock,
  freshUntil: clock + 1000,
  staleUntil: clock + 2000,
  staleIfErrorUntil: clock + 600_000,
  version: 1,
  bytes: 20,
};

describe('Redis over TLS with a password in the URL', () => {
  it('is a rediss:// URL and a TLS-only port: a plain connection gets nowhere', async () => {
    expect(redis.url.startsWith(`rediss://default:${PASSWORD}@127.0.0.1:`)).toBe(true);
    const plain = createRedisLink(testRedisConfig(redis.url.replace('rediss:', 'redis:')), { logger: captureLogger() });
    links.push(plain);
    await until(() => plain.health().lastError !== null);
    expect(plain.isReady()).toBe(false);
  });

  it('shares a cache entry, both limits and the change bus between two clients', async () => {
    const [a, b] = [await link(), await link()];
    const stores = [a, b].map((opened) => createRedisCacheStore({ link: opened, localMaxEntries: 10, localMaxBytes: 4096, now: () => clock }));
    await stores[0]?.set(key, entry);
    expect(await stores[1]?.get(key)).toMatchObject({ value: { name: 'over TLS' }, version: 1 });
    // The hourly bucket, a burst of 4: shared, the two together get 4.
    const limiters = [a, b].map((opened) =>
      createRedisRateLimiter({ link: opened, perMinute: null, perHourPerCredential: 240, hourlyBurst: 4, replicas: 2, now: () => clock }),
    );
    expect([await granted(limiters[0] as RateLimiter, 3), await granted(limiters[1] as RateLimiter, 3)]).toEqual([3, 1]);
    const buses = [a, b].map((opened) => createRedisChangeBus({ link: opened }));
    const heard: string[] = [];
    buses[1]?.subscribe((event) => heard.push(event.id));
    await Promise.all(buses.map((bus) => bus.subscribed()));
    buses[0]?.publish({ kind: 'updated', endpoint: 'partners', id: '3', record: null, writeDate: null, source: 'webhook', at: clock });
    await until(() => heard.length === 1);
    expect(heard).toEqual(['3']);
    for (const part of [...stores, ...limiters, ...buses]) await part?.close();
  });

  it('says why a connection fails (wrong password, unknown CA, no client certificate) without the password', async () => {
    const failing = [
      createRedisLink({ ...config, url: redis.url.replace(PASSWORD, 'wrong-pass-123') }, { logger: captureLogger() }),
      createRedisLink(
        { ...config, tls: { caFile: null, certFile: config.tls?.certFile ?? null, keyFile: config.tls?.keyFile ?? null } },
        { logger: captureLogger() },
      ),
      createRedisLink({ ...config, tls: { caFile: config.tls?.caFile ?? null, certFile: null, keyFile: null } }, { logger: captureLogger() }),
    ];
    links.push(...failing);
    await until(() => failing.every((opened) => opened.health().lastError !== null));
    const errors = failing.map((opened) => opened.health().lastError ?? '');
    expect(errors[0]).toMatch(/WRONGPASS|invalid username-password/);
    expect(errors[1]).toMatch(/CERT|certificate/i);
    expect(failing.every((opened) => !opened.isReady())).toBe(true);
    expect(`${errors.join('\n')}\n${lines.join('')}`).not.toContain(PASSWORD);
    expect(lines.join('')).not.toContain('wrong-pass-123');
  });

  it('serves with it: /readyz says connected, and neither /readyz nor /metrics shows the password', async () => {
    const stack = await startStack({ config: (demo) => ({ ...demo, redis: config, server: { ...demo.server, replicas: 2 } }) });
    try {
      const origin = new URL(stack.url).origin;
      await until(async () => ((await (await fetch(`${origin}/readyz`)).json()) as { redis?: { status?: string } }).redis?.status === 'connected');
      expect((await stack.gql('{ countries(limit: 1) { items { id } } }')).body.errors).toBeUndefined();
      const texts = await Promise.all(['/readyz', '/metrics'].map(async (route) => (await fetch(`${origin}${route}`)).text()));
      expect(texts[1]).toContain('bjet_');
      expect(texts.join('\n')).not.toContain(PASSWORD);
    } finally {
      await stack.close();
    }
  });
});
