/**
 * Three shared limiters (as three replicas: their own Redis connection, clocks 150 ms apart) under
 * a burst of callers, each granted call sent for real to the simulator's emulated proxy, which
 * counts arrivals on its own clock: it must never refuse one, and no 60 s window may pass more
 * than the limit. Time runs SCALE times faster than the wall clock for all of them (limiters,
 * waits, proxy), so two minutes take 25 s; the delays between a grant and its arrival (Redis
 * round trips, timers, HTTP) are then SCALE times longer than they really are, which makes the
 * margin harder to keep, not easier.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisLink } from '../../../src/redis/create-redis-link.js';
import { createRedisRateLimiter } from '../../../src/redis/create-redis-rate-limiter.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { RateLimitWaitError, type RateLimiter } from '../../../src/upstream/rate-limit-types.js';
import { openLink } from '../../support/redis-link.js';
import { startRedis, type TestRedis } from '../../support/start-redis.js';
import { startSimulator } from '../../support/simulator.js';

const SCALE = 5;
const LIMIT = 240;
const RUN_MS = 125_000;
const SKEWS = [-150, 0, 150];
const CALLERS_PER_REPLICA = 4;

const wallStart = performance.now();
const origin = Date.now();
/** The scaled clock every part reads. */
const virtualNow = (): number => origin + (performance.now() - wallStart) * SCALE;
const scaledSleep = (ms: number, signal: AbortSignal | undefined): Promise<void> => sleepFor(ms / SCALE, undefined, { signal });

let redis: TestRedis;
let simulator: Simulator;
const links: RedisLink[] = [];
const limiters: RateLimiter[] = [];

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ proxyLimit: { perMinute: LIMIT, perHourPerCredential: null }, clock: virtualNow });
}, 300_000);
afterAll(async () => {
  for (const limiter of limiters) await limiter.close();
  for (const link of links) await link.close();
  await simulator?.close();
  await redis?.stop();
});

interface Tally {
  sent: number;
  statuses: number[];
  refusedHere: number;
}

/** One caller: asks for a token (waiting up to 2 s), sends the call, and again until the run ends. */
async function caller(limiter: RateLimiter, end: number, tally: Tally): Promise<void> {
  while (virtualNow() < end) {
    try {
      await limiter.acquire({ credential: 'service', deadline: virtualNow() + 2_000, priority: 'foreground' });
    } catch (error) {
      if (!(error instanceof RateLimitWaitError)) throw error;
      tally.refusedHere += 1;
      await scaledSleep(1000, undefined);
      continue;
    }
    tally.sent += 1;
    const response = await fetch(`${simulator.baseUrl}/countries/1`);
    await response.arrayBuffer();
    tally.statuses.push(response.status);
  }
}

describe('the shared limiter as the proxy sees it', () => {
  it('sends a burst from three replicas with no 429 and never more than the limit in any 60 s', async () => {
    for (const skew of SKEWS) {
      // A slow answer is cut short by the 2 s deadline (250 ms of wall time), not judged a Redis failure.
      const link = await openLink(redis.url, { commandTimeoutMs: 5000 });
      links.push(link);
      const now = (): number => virtualNow() + skew;
      limiters.push(createRedisRateLimiter({ link, perMinute: LIMIT, perHourPerCredential: null, replicas: 3, now, sleep: scaledSleep }));
    }
    const tally: Tally = { sent: 0, statuses: [], refusedHere: 0 };
    const end = virtualNow() + RUN_MS;
    await Promise.all(limiters.flatMap((limiter) => Array.from({ length: CALLERS_PER_REPLICA }, () => caller(limiter, end, tally))));
    const stats = simulator.proxyStats();
    expect(stats).toMatchObject({ refused: { total: 0 }, accepted: tally.sent });
    expect(tally.statuses.filter((status) => status !== 200)).toEqual([]);
    expect(stats?.busiestMinute).toBeLessThanOrEqual(LIMIT);
    // The callers asked for more than the budget (12 waiting callers need 3.1 s of tokens, they
    // wait 2 s at most): the limiter, not the load, set the pace. The sliding-window logs this
    // limiter replaced got 390 of 930 calls refused here: their grants bunch at the window's edge,
    // where 150 ms of clock skew is enough to arrive early.
    expect(tally.refusedHere).toBeGreaterThan(0);
    expect(tally.sent).toBeGreaterThanOrEqual(LIMIT);
  }, 120_000);
});
