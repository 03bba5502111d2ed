import { afterEach, describe, expect, it } from 'vitest';
import type { RedisLink } from '../../../src/redis/create-redis-link.js';
import { createRedisRateLimiter, type RedisRateLimiterOptions } from '../../../src/redis/create-redis-rate-limiter.js';
import { RateLimitWaitError, type RateLimiter, type RateLimitRequest } from '../../../src/upstream/rate-limit-types.js';
import { openLink } from '../../support/redis-link.js';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';

const redis = useRedisPerFile({ flush: true });
const links: RedisLink[] = [];
const limiters: RateLimiter[] = [];
let clock = 1_000_000;
const sleeps: number[] = [];

afterEach(async () => {
  for (const limiter of limiters.splice(0)) await limiter.close();
  for (const link of links.splice(0)) await link.close();
  sleeps.length = 0;
  clock = 1_000_000;
});

/** Waits are recorded and end at once (or never, when they can be aborted); the test moves the clock. */
function fakeSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  sleeps.push(ms);
  if (signal === undefined) return Promise.resolve();
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true }),
  );
}

async function replica(budgets: Partial<RedisRateLimiterOptions>): Promise<RateLimiter> {
  const link = await openLink(redis.url);
  links.push(link);
  const limiter = createRedisRateLimiter({ link, perMinute: null, perHourPerCredential: null, replicas: 2, now: () => clock, sleep: fakeSleep, ...budgets });
  limiters.push(limiter);
  return limiter;
}

/** By default no wait is acceptable: every wait in these tests is 1000 ms or more. */
const call = (overrides: Partial<RateLimitRequest> = {}): RateLimitRequest => ({
  credential: 'service',
  deadline: clock + 999,
  priority: 'foreground',
  ...overrides,
});

async function outcome(limiter: RateLimiter, request: RateLimitRequest): Promise<string> {
  try {
    await limiter.acquire(request);
    return 'granted';
  } catch (error) {
    if (error instanceof RateLimitWaitError) return `${error.budget} ${error.retryAfterMs}`;
    throw error;
  }
}

describe('redis rate limiter', () => {
  it('holds the per-minute budget across replicas exactly', async () => {
    const [a, b] = [await replica({ perMinute: 5 }), await replica({ perMinute: 5 })];
    const results: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      results.push(await outcome(i % 2 === 0 ? a : b, call()));
      clock += 1000;
    }
    expect(results).toEqual(['granted', 'granted', 'granted', 'granted', 'granted', 'perMinute 55000', 'perMinute 54000']);
    clock = 1_000_000 + 60_000;
    expect(await outcome(b, call())).toBe('granted');
    expect(await outcome(a, call())).toBe('perMinute 1000');
    expect(await redis.admin.zcard('test:rl:m')).toBe(5);
  });

  it('holds the hourly budget per credential across replicas', async () => {
    const [a, b] = [await replica({ perMinute: 100, perHourPerCredential: 3 }), await replica({ perMinute: 100, perHourPerCredential: 3 })];
    const u1 = (): RateLimitRequest => call({ credential: 'u:1111' });
    expect([await outcome(a, u1()), await outcome(b, u1()), await outcome(a, u1()), await outcome(b, u1())]).toEqual([
      'granted',
      'granted',
      'granted',
      'perHourPerCredential 3600000',
    ]);
    expect(await outcome(b, call({ credential: 'u:2222' }))).toBe('granted');
    expect((await redis.admin.keys('test:rl:h:*')).sort()).toEqual(['test:rl:h:u%3A1111', 'test:rl:h:u%3A2222']);
  });

  it('waits for a token that comes before the deadline, not for one after it', async () => {
    const a = await replica({ perMinute: 2 });
    const b = await replica({ perMinute: 2 });
    await a.acquire(call());
    await b.acquire(call());
    clock += 10_000;
    await a.acquire(call({ deadline: clock + 50_000 }));
    expect(sleeps).toEqual([50_000]);
    expect(await outcome(b, call({ deadline: clock + 5_000 }))).toBe('perMinute 50000');
  });

  it('lets background work yield when the budget is short', async () => {
    const [a, b] = [await replica({ perMinute: 10 }), await replica({ perMinute: 10 })];
    for (let i = 0; i < 8; i += 1) await (i % 2 === 0 ? a : b).acquire(call());
    expect(await outcome(a, call({ priority: 'background', deadline: clock + 120_000 }))).toBe('granted');
    expect(await outcome(b, call({ priority: 'background', deadline: clock + 120_000 }))).toBe('perMinute 60000');
    expect(await outcome(b, call())).toBe('granted');
    expect(sleeps).toEqual([]);
  });

  it('gives a reserved token back when its caller goes away while waiting', async () => {
    const [a, b] = [await replica({ perMinute: 1 }), await replica({ perMinute: 1 })];
    await a.acquire(call());
    const controller = new AbortController();
    const waiting = a.acquire(call({ deadline: clock + 120_000, signal: controller.signal }));
    await expect.poll(() => sleeps.length).toBe(1);
    controller.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    await expect.poll(() => redis.admin.zcard('test:rl:m')).toBe(1);
    expect(await outcome(b, call({ deadline: clock + 60_000 }))).toBe('granted');
    expect(sleeps).toEqual([60_000, 60_000]);
  });
});
