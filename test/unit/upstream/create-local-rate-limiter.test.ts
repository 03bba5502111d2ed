import { describe, expect, it } from 'vitest';
import { createLocalRateLimiter, type Sleep } from '../../../src/upstream/create-local-rate-limiter.js';
import { RateLimitWaitError, type RateLimiter } from '../../../src/upstream/rate-limit-types.js';

/** A clock that moves only when a waiter sleeps: every sleep ends exactly at its due time, in order. */
function manualTime(): { now: () => number; sleep: Sleep; run: () => Promise<void> } {
  let t = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => t,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve })),
    async run() {
      for (;;) {
        // Let every waiter that can go on take its next step before time moves.
        for (let i = 0; i < 20; i += 1) await Promise.resolve();
        if (timers.length === 0) return;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (next === undefined) return;
        t = Math.max(t, next.at);
        next.resolve();
      }
    },
  };
}

const FAR = 10 * 3_600_000;

async function startTimes(
  limiter: RateLimiter,
  time: ReturnType<typeof manualTime>,
  credentials: readonly string[],
): Promise<{ at: number; credential: string }[]> {
  const started: { at: number; credential: string }[] = [];
  const calls = credentials.map((credential) =>
    limiter.acquire({ credential, deadline: FAR, priority: 'foreground' }).then(() => void started.push({ at: time.now(), credential })),
  );
  await time.run();
  await Promise.all(calls);
  return started;
}

function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('createLocalRateLimiter', () => {
  it('is null when both limits are off', () => {
    expect(createLocalRateLimiter({ perMinute: null, perHourPerCredential: null }, () => 0)).toBeNull();
  });

  it('never lets more than perMinute calls start in any 60 s window, and keeps a second of margin: no 61 s window passes more either', async () => {
    const time = manualTime();
    const limiter = createLocalRateLimiter({ perMinute: 100, perHourPerCredential: null }, time.now, time.sleep);
    const started = await startTimes(
      limiter as RateLimiter,
      time,
      Array.from({ length: 350 }, () => 'service'),
    );
    expect(started).toHaveLength(350);
    const at = started.map((s) => s.at);
    expect(mostInAnyWindow(at, 61_000)).toBeLessThanOrEqual(100);
    expect(mostInAnyWindow(at, 60_000)).toBeLessThan(100);
  });

  it('does not use a minute token long after its grant: it stays spent and the call asks again', async () => {
    let t = 0;
    const sleeps: number[] = [];
    // Every sleep ends a second late (a blocked event loop).
    const late: Sleep = async (ms) => void (sleeps.push(ms), (t += ms + 1000));
    const limiter = createLocalRateLimiter({ perMinute: 2, perHourPerCredential: null }, () => t, late) as RateLimiter;
    await limiter.acquire({ credential: 's', deadline: 0, priority: 'foreground' });
    // Burst 1, then a token per 61 s: granted for 61 s, woken at 62 s, granted again for 122 s, woken at 123 s...
    const refused = await limiter.acquire({ credential: 's', deadline: 1_000_000, priority: 'foreground' }).catch((error: unknown) => error);
    expect(sleeps).toEqual([61_000, 60_000, 60_000]);
    expect(refused).toBeInstanceOf(RateLimitWaitError);
    // One sleep late, then on time: the second grant is used.
    let lateOnce = true;
    const once: Sleep = async (ms) => void (sleeps.push(ms), (t += ms + (lateOnce ? 1000 : 0)), (lateOnce = false));
    sleeps.length = 0;
    t = 0;
    const other = createLocalRateLimiter({ perMinute: 2, perHourPerCredential: null }, () => t, once) as RateLimiter;
    await other.acquire({ credential: 's', deadline: 0, priority: 'foreground' });
    await other.acquire({ credential: 's', deadline: 1_000_000, priority: 'foreground' });
    expect([sleeps, t]).toEqual([[61_000, 60_000], 122_000]);
  });

  it('never lets more than perHourPerCredential calls of one credential start in any hour, and credentials do not share it', async () => {
    const time = manualTime();
    const limiter = createLocalRateLimiter({ perMinute: 100_000, perHourPerCredential: 60 }, time.now, time.sleep);
    const credentials = [...Array.from({ length: 150 }, () => 'u:a'), ...Array.from({ length: 30 }, () => 'u:b')];
    const started = await startTimes(limiter as RateLimiter, time, credentials);
    const of = (credential: string): number[] => started.filter((s) => s.credential === credential).map((s) => s.at);
    expect(mostInAnyWindow(of('u:a'), 3_600_000)).toBeLessThanOrEqual(60);
    // B is paced by its own bucket (6 at once, a tenth, then a token every 3660/54 s), not queued behind A's 150.
    expect(Math.max(...of('u:b'))).toBeLessThanOrEqual(24 * Math.ceil(3_660_000 / 54));
    expect(Math.max(...of('u:b'))).toBeGreaterThanOrEqual(Math.floor((24 * 3_660_000) / 54));
  });

  it('holds both at once: a call waits for its hourly token and then its minute token', async () => {
    const time = manualTime();
    const limiter = createLocalRateLimiter({ perMinute: 10, perHourPerCredential: 20 }, time.now, time.sleep);
    const started = await startTimes(
      limiter as RateLimiter,
      time,
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 'a' : 'b')),
    );
    expect(
      mostInAnyWindow(
        started.map((s) => s.at),
        60_000,
      ),
    ).toBeLessThanOrEqual(10);
    for (const credential of ['a', 'b']) {
      expect(
        mostInAnyWindow(
          started.filter((s) => s.credential === credential).map((s) => s.at),
          3_600_000,
        ),
      ).toBeLessThanOrEqual(20);
    }
  });

  it('refuses, taking nothing, when no token comes before the deadline', async () => {
    const time = manualTime();
    const limiter = createLocalRateLimiter({ perMinute: 60, perHourPerCredential: null, minuteBurst: 1 }, time.now, time.sleep) as RateLimiter;
    await limiter.acquire({ credential: 's', deadline: 0, priority: 'foreground' });
    const refused = await limiter.acquire({ credential: 's', deadline: 500, priority: 'foreground' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitWaitError);
    expect(refused).toMatchObject({ budget: 'perMinute' });
    expect((refused as RateLimitWaitError).retryAfterMs).toBeGreaterThan(500);
  });

  it('background work never waits and leaves half the burst to foreground calls', async () => {
    const time = manualTime();
    const limiter = createLocalRateLimiter({ perMinute: 600, perHourPerCredential: null, minuteBurst: 10 }, time.now, time.sleep) as RateLimiter;
    // Burst 10: background may take 5, the other 5 stay.
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        limiter.acquire({ credential: 's', deadline: FAR, priority: 'background' }).then(
          () => 'ok',
          (e: unknown) => (e as RateLimitWaitError).budget,
        ),
      ),
    );
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'perMinute', 'perMinute', 'perMinute']);
    const foreground = await startTimes(
      limiter,
      time,
      Array.from({ length: 5 }, () => 's'),
    );
    expect(foreground.every((s) => s.at === 0)).toBe(true);
  });
});

describe('the hourly burst', () => {
  it('lets a tenth of the hour go at once by default, or what hourlyBurst says, and never more than the hour in any hour', async () => {
    for (const [hourlyBurst, burst] of [
      [undefined, 100],
      [250, 250],
    ] as const) {
      const time = manualTime();
      const limiter = createLocalRateLimiter({ perMinute: 100_000, perHourPerCredential: 1000, hourlyBurst }, time.now, time.sleep);
      const started = await startTimes(
        limiter as RateLimiter,
        time,
        Array.from({ length: 1500 }, () => 'u:a'),
      );
      const at = started.map((s) => s.at);
      expect(at.filter((t) => t === 0)).toHaveLength(burst);
      expect(mostInAnyWindow(at, 3_600_000)).toBeLessThanOrEqual(1000);
    }
  });
});

describe('the minute burst', () => {
  it('lets a fifth of the minute go at once by default, or what minuteBurst says, and never more than the minute in any 60 s', async () => {
    for (const [minuteBurst, burst] of [
      [undefined, 20],
      [5, 5],
    ] as const) {
      const time = manualTime();
      const limiter = createLocalRateLimiter({ perMinute: 100, perHourPerCredential: null, minuteBurst }, time.now, time.sleep);
      const started = await startTimes(
        limiter as RateLimiter,
        time,
        Array.from({ length: 300 }, () => 's'),
      );
      const at = started.map((s) => s.at);
      expect(at.filter((t) => t === 0)).toHaveLength(burst);
      expect(mostInAnyWindow(at, 60_000)).toBeLessThanOrEqual(100);
    }
  });
});
