import { Redis } from 'ioredis';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEntry, CacheKey } from '../../../src/cache/types.js';
import { createLogger, type Logger } from '../../../src/logging/create-logger.js';
import { createRedisCacheStore } from '../../../src/redis/create-redis-cache-store.js';
import { createRedisChangeBus } from '../../../src/redis/create-redis-change-bus.js';
import { createRedisLink, type RedisLink } from '../../../src/redis/create-redis-link.js';
import { createRedisRateLimiter } from '../../../src/redis/create-redis-rate-limiter.js';
import { RateLimitWaitError, type RateLimiter } from '../../../src/upstream/rate-limit-types.js';
import { openLink, testRedisConfig, until } from '../../support/redis-link.js';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';

const redis = useRedisPerFile();
const links: RedisLink[] = [];
const lines: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
let clock = 5_000_000;

function captureLogger(): Logger {
  const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
  return createLogger({ level: 'info', destination });
}

beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));
afterEach(async () => {
  for (const link of links.splice(0)) await link.close();
  lines.length = 0;
  expect(unhandled).toEqual([]);
});

async function link(): Promise<RedisLink> {
  const opened = await openLink(redis.url, {}, { logger: captureLogger() });
  links.push(opened);
  return opened;
}

async function granted(limiter: RateLimiter, times: number): Promise<number> {
  let count = 0;
  for (let i = 0; i < times; i += 1) {
    try {
      await limiter.acquire({ credential: 'service', deadline: clock + 999, priority: 'foreground' });
      count += 1;
    } catch (error) {
      if (!(error instanceof RateLimitWaitError)) throw error;
    }
  }
  return count;
}

const key: CacheKey = { kind: 'record', endpoint: 'partners', partition: 'service', id: '7' };
const entry = (name: string, version: number): CacheEntry => ({
  value: { id: 7, name },
  fetchedAt: clock,
  freshUntil: clock + 1000,
  staleUntil: clock + 2000,
  staleIfErrorUntil: clock + 600_000,
  version,
  bytes: 20,
});

/** The shared hourly limit of two replicas (a burst of 4 together; 2 each when alone), on the test's clock. */
const hourlyLimiter = (opened: RedisLink): RateLimiter =>
  createRedisRateLimiter({ link: opened, perMinute: null, perHourPerCredential: 240, hourlyBurst: 4, replicas: 2, now: () => clock, logger: captureLogger() });

describe('redis outage', () => {
  it('falls back to local limits at 1/N, logs it, and shares again after a restart', async () => {
    const links2 = [await link(), await link()];
    // The hourly bucket: a burst of 10 (a token every 6.2 s after it), 5 for each replica alone.
    const budgets = { perMinute: null, perHourPerCredential: 600, hourlyBurst: 10 };
    const [a, b] = links2.map((opened) => createRedisRateLimiter({ link: opened, ...budgets, replicas: 2, now: () => clock }));
    if (a === undefined || b === undefined) throw new Error('two limiters');
    expect(await granted(a, 4)).toBe(4);
    await redis.kill();
    await until(() => links2.every((opened) => !opened.isReady()));
    // Each replica alone: 600 / 2 = 300 an hour, a burst of 5.
    expect(await granted(a, 8)).toBe(5);
    expect(await granted(b, 8)).toBe(5);
    expect(lines.some((line) => line.includes('"redis":"down"'))).toBe(true);
    expect(lines.join('')).not.toContain(redis.url);
    await redis.restart();
    await until(() => links2.every((opened) => opened.isReady()));
    expect(lines.some((line) => line.includes('redis is back'))).toBe(true);
    expect((await granted(a, 7)) + (await granted(b, 7))).toBe(10);
  });

  it('answers from the local tier while Redis is away, and from Redis again after', async () => {
    const opened = await link();
    const store = createRedisCacheStore({ link: opened, localMaxEntries: 10, localMaxBytes: 4096, now: () => clock });
    await store.set(key, entry('kept locally', 1));
    clock += 1500; // no longer fresh: the store asks Redis first
    await redis.kill();
    await until(() => !opened.isReady());
    expect((await store.get(key))?.version).toBe(1);
    await store.set(key, entry('written during the outage', 2));
    await store.deleteRecord('partners', '8');
    await store.deleteLists('partners');
    await redis.restart();
    await until(() => opened.isReady());
    // The restarted Redis is empty and the local tier was dropped on recovery: a miss, then shared again.
    await until(async () => (await store.get(key)) === undefined);
    await store.set(key, entry('after', 3));
    const other = createRedisCacheStore({ link: await link(), localMaxEntries: 10, localMaxBytes: 4096, now: () => clock });
    expect((await other.get(key))?.version).toBe(3);
    await store.close();
    await other.close();
  });

  it('does not wait on a slow Redis longer than its command timeout', async () => {
    const opened = await link();
    // Shared: a burst of 4; alone: 240 / 2 = 120 an hour, a burst of 2.
    const limiter = hourlyLimiter(opened);
    const store = createRedisCacheStore({ link: opened, localMaxEntries: 10, localMaxBytes: 4096, now: () => clock });
    const slowKey: CacheKey = { ...key, id: '9' };
    await store.set(slowKey, entry('local', 1));
    clock += 1500;
    const blocker = new Redis(redis.url);
    const scripts = async (): Promise<number> => Number(/cmdstat_evalsha:calls=(\d+)/.exec(String(await blocker.info('commandstats')))?.[1] ?? 0);
    expect(await granted(limiter, 1)).toBe(1); // the script is in Redis' cache: later calls are one EVALSHA each
    const scriptsBefore = await scripts();
    const sleeping = blocker.call('DEBUG', 'SLEEP', '1.5');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Judged locally (2 of 3, where Redis would grant 3) instead of waiting for Redis; the local tier answers the read.
    expect(await granted(limiter, 3)).toBe(2);
    expect((await store.get(slowKey))?.version).toBe(1);
    await sleeping;
    // After the first timeout the replica skipped Redis: one script call reached it, not three.
    expect(await scripts()).toBe(scriptsBefore + 1);
    blocker.disconnect();
    expect(lines.some((line) => line.includes('redis acquire failed'))).toBe(true);
    await store.close();
  });

  it('refuses a call whose deadline comes before a slow answer, without leaving Redis for local state', async () => {
    const opened = await link();
    const limiter = hourlyLimiter(opened);
    expect(await granted(limiter, 1)).toBe(1);
    const blocker = new Redis(redis.url);
    const sleeping = blocker.call('DEBUG', 'SLEEP', '0.5');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 100 ms left, less than the command timeout: the deadline, not Redis, was short.
    const refused = await limiter.acquire({ credential: 'service', deadline: clock + 100, priority: 'foreground' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ budget: 'perMinute', retryAfterMs: 0 });
    await sleeping;
    blocker.disconnect();
    expect(opened.isReady()).toBe(true);
    expect(lines.some((line) => line.includes('redis acquire failed'))).toBe(false);
  });

  it('starts while Redis is away: local state at once, shared once Redis comes up', async () => {
    await redis.kill();
    const replicas = [0, 1].map(() => createRedisLink(testRedisConfig(redis.url), { logger: captureLogger() }));
    links.push(...replicas);
    const [a, b] = replicas.map((opened) => ({
      bus: createRedisChangeBus({ link: opened }),
      // Shared: a burst of 6; alone: 360 / 2 = 180 an hour, a burst of 3.
      limiter: createRedisRateLimiter({ link: opened, perMinute: null, perHourPerCredential: 360, hourlyBurst: 6, replicas: 2, now: () => clock }),
    }));
    if (a === undefined || b === undefined) throw new Error('two replicas');
    const heard: string[] = [];
    b.bus.subscribe((event) => heard.push(event.id));
    a.bus.publish({ kind: 'updated', endpoint: 'partners', id: 'while-down', record: null, writeDate: null, source: 'webhook', at: clock });
    expect(await granted(a.limiter, 5)).toBe(3);
    await until(() => lines.some((line) => line.includes('redis unreachable')));
    await redis.restart();
    await until(() => replicas.every((opened) => opened.isReady()));
    await Promise.all([a.bus.subscribed(), b.bus.subscribed()]);
    expect((await granted(a.limiter, 4)) + (await granted(b.limiter, 4))).toBe(6);
    a.bus.publish({ kind: 'updated', endpoint: 'partners', id: 'after', record: null, writeDate: null, source: 'webhook', at: clock });
    await until(() => heard.length === 1);
    expect(heard).toEqual(['after']);
    await a.bus.close();
    await b.bus.close();
  });

  it('replays the deletes it skipped while Redis was judged slow', async () => {
    let linkClock = 0;
    const slow = await openLink(redis.url, {}, { now: () => linkClock });
    links.push(slow);
    const a = createRedisCacheStore({ link: slow, localMaxEntries: 10, localMaxBytes: 4096, now: () => clock });
    const b = createRedisCacheStore({ link: await link(), localMaxEntries: 10, localMaxBytes: 4096, now: () => clock });
    const replayed: CacheKey = { ...key, id: '11' };
    await a.set(replayed, entry('to delete', 1));
    expect((await b.get(replayed))?.version).toBe(1);
    slow.noteFailure();
    await a.deleteRecord('partners', '11');
    clock += 1500; // b's entry is no longer fresh locally: it asks Redis
    expect((await b.get(replayed))?.version).toBe(1);
    linkClock += 1000;
    await a.get({ ...key, id: 'other' });
    await until(async () => (await b.get(replayed)) === undefined);
    await a.close();
    await b.close();
  });
});
