/**
 * The shared limiter against a real Redis, with an injected clock: the same two token buckets as
 * the local limiter, so replicas together answer exactly what one process would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitConfig } from '../../../src/config/types.js';
import type { RedisLink } from '../../../src/redis/create-redis-link.js';
import { createRedisRateLimiter } from '../../../src/redis/create-redis-rate-limiter.js';
import { createLocalRateLimiter } from '../../../src/upstream/create-local-rate-limiter.js';
import { RateLimitWaitError, type RateLimiter, type RateLimitRequest } from '../../../src/upstream/rate-limit-types.js';
import { openLink } from '../../support/redis-link.js';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';

const redis = useRedisPerFile({ flush: true });
const links: RedisLink[] = [];
const limiters: RateLimiter[] = [];
const T0 = 1_000_000;
let clock = T0;
const sleeps: number[] = [];
/** How much later than asked the next sleep ends (a late timer), once; and every sleep. */
let oversleep = 0;
let alwaysLate = 0;

afterEach(async () => {
  for (const limiter of limiters.splice(0)) await limiter.close();
  for (const link of links.splice(0)) await link.close();
  sleeps.length = 0;
  clock = T0;
  oversleep = 0;
  alwaysLate = 0;
});

/** A sleep moves the clock (one caller at a time); with a signal it never ends, so it can be aborted. */
function fakeSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  sleeps.push(ms);
  if (signal === undefined) {
    clock += ms + oversleep + alwaysLate;
    oversleep = 0;
    return Promise.resolve();
  }
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true }),
  );
}

async function replica(budgets: Partial<RateLimitConfig>): Promise<RateLimiter> {
  const link = await openLink(redis.url);
  links.push(link);
  const limiter = createRedisRateLimiter({ link, perMinute: null, perHourPerCredential: null, replicas: 2, now: () => clock, sleep: fakeSleep, ...budgets });
  limiters.push(limiter);
  return limiter;
}

const call = (overrides: Partial<RateLimitRequest> = {}): RateLimitRequest => ({
  credential: 'service',
  deadline: clock + 999,
  priority: 'foreground',
  ...overrides,
});

/** `granted at <clock>` or `<budget> <retryAfterMs>`. */
async function outcome(limiter: RateLimiter, request: RateLimitRequest): Promise<string> {
  try {
    await limiter.acquire(request);
    return `granted at ${clock - T0}`;
  } catch (error) {
    if (error instanceof RateLimitWaitError) return `${error.budget} ${error.retryAfterMs}`;
    throw error;
  }
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One mixed sequence of calls (credentials, priorities, deadlines, pauses) through the limiters given in turn. */
async function run(seed: number, through: readonly RateLimiter[]): Promise<string[]> {
  const next = random(seed);
  const outcomes: string[] = [];
  for (let i = 0; i < 300; i += 1) {
    const limiter = through[i % through.length] as RateLimiter;
    const request = call({
      credential: `u:${Math.floor(next() * 3)}`,
      priority: next() < 0.2 ? 'background' : 'foreground',
      // Never closer than the command timeout: a nearer deadline shortens the wait for Redis' answer.
      deadline: clock + 250 + Math.floor(next() * 20_000),
    });
    outcomes.push(await outcome(limiter, request));
    clock += Math.floor(next() * next() * 1_000);
  }
  return outcomes;
}

describe('redis rate limiter', () => {
  it('answers three replicas exactly as the local limiter answers one process', async () => {
    // An hourly burst of 5 (a sixtieth), so that the sequence meets every kind of answer in 300 calls.
    const budgets: RateLimitConfig = { perMinute: 30, perHourPerCredential: 300, hourlyBurst: 5 };
    for (const seed of [1, 2, 3]) {
      const shared = [await replica(budgets), await replica(budgets), await replica(budgets)];
      const sharedOutcomes = await run(seed, shared);
      const sharedSleeps = sleeps.splice(0);
      clock = T0;
      const local = createLocalRateLimiter(budgets, () => clock, fakeSleep) as RateLimiter;
      expect(sharedOutcomes).toEqual(await run(seed, [local]));
      expect(sharedSleeps).toEqual(sleeps.splice(0));
      // The sequence met every kind of answer.
      for (const kind of ['granted at', 'perMinute', 'perHourPerCredential']) expect(sharedOutcomes.some((o) => o.startsWith(kind))).toBe(true);
      await redis.admin.flushall();
      clock = T0;
    }
  });

  it('paces the hourly budget over the hour instead of spending it in a burst', async () => {
    const a = await replica({ perHourPerCredential: 200 });
    const b = await replica({ perHourPerCredential: 200 });
    // A call every 3 s for an hour, waiting at most 250 ms: a window log would grant the first 200
    // and then none for 50 minutes.
    const grantedAt: number[] = [];
    for (let i = 0; clock < T0 + 3_600_000; i += 1) {
      const at = clock;
      if ((await outcome(i % 2 === 0 ? a : b, call({ deadline: clock + 250 }))).startsWith('granted')) grantedAt.push(at);
      clock += 3000;
    }
    const perTenMinutes = [0, 1, 2, 3, 4, 5].map((slice) => grantedAt.filter((at) => Math.floor((at - T0) / 600_000) === slice).length);
    // Burst 20 (a tenth), then 180 tokens per 61 minutes: 29.5 per 10 minutes.
    expect(perTenMinutes[0]).toBe(49);
    expect(perTenMinutes.slice(1).map((count) => (count === 29 || count === 30 ? 'paced' : count))).toEqual(Array.from({ length: 5 }, () => 'paced'));
  });

  it('holds the minute bucket across replicas: refused, taking nothing, when the token comes after the deadline', async () => {
    const [a, b] = [await replica({ perMinute: 5 }), await replica({ perMinute: 5 })];
    expect(await outcome(a, call())).toBe('granted at 0');
    // Burst 1, then 4 tokens per 61 s: one every 15,250 ms.
    expect(await outcome(b, call())).toBe('perMinute 15250');
    expect(await outcome(a, call({ deadline: clock + 15_250 }))).toBe('granted at 15250');
    expect(await outcome(b, call({ deadline: clock + 15_249 }))).toBe('perMinute 15250');
    expect(sleeps).toEqual([15_250]);
  });

  it('lets background work take a token only when one is there and half the burst stays', async () => {
    const [a, b] = [await replica({ perMinute: 600, minuteBurst: 10 }), await replica({ perMinute: 600, minuteBurst: 10 })];
    // Burst 10: background may take 5, the other 5 stay.
    const background = [];
    for (let i = 0; i < 7; i += 1) background.push(await outcome(i % 2 === 0 ? a : b, call({ priority: 'background', deadline: clock + 60_000 })));
    expect(background.filter((o) => o === 'granted at 0')).toHaveLength(5);
    expect(background.slice(5)).toEqual(['perMinute 0', 'perMinute 0']);
    for (let i = 0; i < 5; i += 1) expect(await outcome(i % 2 === 0 ? b : a, call())).toBe('granted at 0');
    expect(sleeps).toEqual([]);
  });

  it('gives both reserved tokens back when the caller goes away while waiting', async () => {
    const [a, b] = [await replica({ perMinute: 2, perHourPerCredential: 120 }), await replica({ perMinute: 2, perHourPerCredential: 120 })];
    expect(await outcome(a, call())).toBe('granted at 0');
    const controller = new AbortController();
    const waiting = a.acquire(call({ deadline: clock + 120_000, signal: controller.signal }));
    await expect.poll(() => sleeps.length).toBe(1);
    controller.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    // Bursts 1 and 12; the minute refills 1 per 61 s. The hour's token came back too.
    await expect.poll(async () => Number(await redis.admin.hget('test:rl:h:service', 't'))).toBeCloseTo(11, 9);
    expect(await outcome(b, call({ deadline: clock + 61_000 }))).toBe('granted at 61000');
    expect(sleeps).toEqual([61_000, 61_000]);
  });

  it('does not use a grant long after its time: it stays spent and the call asks again', async () => {
    const a = await replica({ perMinute: 2 });
    expect(await outcome(a, call())).toBe('granted at 0');
    oversleep = 1000;
    // Granted for 61 s, woken at 62 s: too late; the next token (122 s) is waited for.
    expect(await outcome(a, call({ deadline: clock + 200_000 }))).toBe('granted at 122000');
    expect(sleeps).toEqual([61_000, 60_000]);
  });

  it('refuses a call whose grants keep coming stale', async () => {
    const a = await replica({ perMinute: 2, perHourPerCredential: 120 });
    expect(await outcome(a, call())).toBe('granted at 0');
    alwaysLate = 1000;
    expect(await outcome(a, call({ deadline: clock + 1_000_000 }))).toBe('perMinute 0');
    // Granted for 61 s, woken at 62; for 122, woken at 123; for 183, woken at 184: refused.
    expect(sleeps).toEqual([61_000, 60_000, 60_000]);
  });
});
