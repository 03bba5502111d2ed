/**
 * The vendor's two limits in one process: a bucket a minute shared by every call, and a bucket an
 * hour per credential. A call takes its hourly token first, then its minute token when that one
 * would let it go, so the minute's count is exact at the moment of sending. Background work (cache
 * refreshes) never waits and never takes the tokens a foreground call may need soon.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitConfig } from '../config/types.js';
import { RateLimitWaitError, type CredentialKey, type RateLimiter, type RateLimitRequest } from './rate-limit-types.js';
import { createWindowBucket, defaultBurst, type TokenBucket } from './token-bucket.js';

/**
 * The hourly bucket refills over 61 minutes, not 60: a call may wait up to its deadline for its
 * minute token after taking its hourly one, and the extra minute keeps the hour exact for waits up
 * to 60 s.
 */
const HOUR_REFILL_MINUTES = 61;

/** Full hourly buckets are dropped past this many credentials (a full bucket is a new one). */
const SWEEP_AT = 1_000;

/** Waits `ms` (rejecting on abort); injectable so that tests drive time by hand. */
export type Sleep = (ms: number, signal: AbortSignal | undefined) => Promise<void>;

const realSleep: Sleep = (ms, signal) => sleep(ms, undefined, { signal });

export function createLocalRateLimiter(config: RateLimitConfig, now: () => number, wait: Sleep = realSleep): RateLimiter | null {
  const { perMinute, perHourPerCredential: perHour } = config;
  if (perMinute === null && perHour === null) return null;
  const minute = perMinute === null ? null : createWindowBucket(perMinute, 1, defaultBurst(perMinute), now());
  const hourly = new Map<CredentialKey, TokenBucket>();
  const hourBucket = (credential: CredentialKey): TokenBucket | null => {
    if (perHour === null) return null;
    let bucket = hourly.get(credential);
    if (bucket === undefined) {
      if (hourly.size >= SWEEP_AT) sweep(hourly, now());
      bucket = createWindowBucket(perHour, HOUR_REFILL_MINUTES, hourlyBurstOf(config), now());
      hourly.set(credential, bucket);
    }
    return bucket;
  };
  return {
    async acquire(request) {
      const hour = hourBucket(request.credential);
      if (request.priority === 'background') return takeIfPlenty(minute, hour, now());
      if (hour !== null) await waitFor(hour, 'perHourPerCredential', request, now, wait, null);
      if (minute !== null) await waitFor(minute, 'perMinute', request, now, wait, hour);
    },
    async close() {
      hourly.clear();
    },
  };
}

async function waitFor(
  bucket: TokenBucket,
  budget: RateLimitWaitError['budget'],
  request: RateLimitRequest,
  now: () => number,
  wait: Sleep,
  taken: TokenBucket | null,
): Promise<void> {
  const at = now();
  const ms = bucket.reserve(at, request.deadline);
  if (ms === null) {
    taken?.cancel();
    throw new RateLimitWaitError(budget, bucket.waitFor(at));
  }
  if (ms === 0) return;
  try {
    await wait(ms, request.signal);
  } catch (error) {
    bucket.cancel();
    taken?.cancel();
    throw error;
  }
}

/** Half of each bucket's burst stays for foreground calls. */
function takeIfPlenty(minute: TokenBucket | null, hour: TokenBucket | null, at: number): void {
  if (hour !== null && !hour.tryTake(at, Math.floor(hour.capacity / 2))) {
    throw new RateLimitWaitError('perHourPerCredential', hour.waitFor(at));
  }
  if (minute !== null && !minute.tryTake(at, Math.floor(minute.capacity / 2))) {
    hour?.cancel();
    throw new RateLimitWaitError('perMinute', minute.waitFor(at));
  }
}

/**
 * Of a credential's hour, what may go at once: a tenth by default, so that a cold cache warms up in
 * a minute and nine tenths still flow evenly over the hour (docs/decisions/0011-hourly-burst.md).
 */
export function hourlyBurstOf(config: RateLimitConfig): number {
  const perHour = config.perHourPerCredential ?? 0;
  return Math.max(1, Math.min(config.hourlyBurst ?? Math.floor(perHour / 10), Math.floor(perHour / 2)));
}

function sweep(hourly: Map<CredentialKey, TokenBucket>, at: number): void {
  for (const [key, bucket] of hourly) if (bucket.isFull(at)) hourly.delete(key);
}
