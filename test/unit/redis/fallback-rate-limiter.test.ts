import { describe, expect, it } from 'vitest';
import { createFallbackRateLimiter } from '../../../src/redis/create-fallback-rate-limiter.js';
import { RateLimitWaitError, type RateLimitRequest } from '../../../src/upstream/rate-limit-types.js';

function setup(perMinute: number | null, perHourPerCredential: number | null) {
  const clock = { now: 0 };
  const sleeps: number[] = [];
  const limiter = createFallbackRateLimiter({
    perMinute,
    perHourPerCredential,
    now: () => clock.now,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      if (signal === undefined) return Promise.resolve();
      return new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true }),
      );
    },
  });
  const outcome = async (request: Partial<RateLimitRequest> = {}): Promise<string> => {
    try {
      await limiter.acquire({ credential: 'service', deadline: clock.now + 999, priority: 'foreground', ...request });
      return 'granted';
    } catch (error) {
      if (error instanceof RateLimitWaitError) return `${error.budget} ${error.retryAfterMs}`;
      throw error;
    }
  };
  return { clock, sleeps, limiter, outcome };
}

describe('createFallbackRateLimiter', () => {
  it('grants the minute budget, then refuses with the wait until a grant leaves the window', async () => {
    const { clock, outcome } = setup(2, null);
    expect([await outcome(), await outcome()]).toEqual(['granted', 'granted']);
    clock.now = 20_000;
    expect(await outcome()).toBe('perMinute 40000');
    clock.now = 60_000;
    expect(await outcome()).toBe('granted');
  });

  it('counts the hourly budget per credential and names it when it is the short one', async () => {
    const { outcome } = setup(100, 1);
    expect(await outcome({ credential: 'u:a' })).toBe('granted');
    expect(await outcome({ credential: 'u:a' })).toBe('perHourPerCredential 3600000');
    expect(await outcome({ credential: 'u:b' })).toBe('granted');
  });

  it('waits for a grant before the deadline, and gives it back when the caller goes away', async () => {
    const { sleeps, outcome, limiter, clock } = setup(1, null);
    await outcome();
    const controller = new AbortController();
    const waiting = limiter.acquire({ credential: 'service', deadline: 60_000, priority: 'foreground', signal: controller.signal });
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(await outcome({ deadline: 60_000 })).toBe('granted');
    expect(sleeps).toEqual([60_000, 60_000]);
    expect(clock.now).toBe(0);
  });

  it('never lets background work wait or take the foreground reserve', async () => {
    const { outcome } = setup(10, null);
    for (let i = 0; i < 9; i += 1) expect(await outcome({ priority: i < 8 ? 'foreground' : 'background' })).toBe('granted');
    expect(await outcome({ priority: 'background', deadline: 120_000 })).toBe('perMinute 60000');
    expect(await outcome()).toBe('granted');
  });
});
