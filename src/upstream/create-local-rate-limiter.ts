/**
 * The vendor's two limits in one process: a bucket a minute shared by every call, and a bucket an
 * hour per credential (shapes in rate-limit-buckets.ts, shared with the Redis limiter). A call takes
 * its hourly token first, then its minute token when that one would let it go, so the minute's
 * count is exact at the moment of sending. Background work (cache refreshes) never waits and never
 * takes the tokens a foreground call may need soon.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitConfig } from '../config/types.js';
import { backgroundKeep, hourBucketShape, MAX_GRANT_LATENESS_MS, MAX_STALE_GRANTS, minuteBucketShape, type BucketShape } from './rate-limit-buckets.js';
import { RateLimitWaitError, type CredentialKey, type RateLimiter, type RateLimitRequest } from './rate-limit-types.js';
import { TokenBucket } from './token-bucket.js';

/** Full hourly buckets are dropped past this many credentials (a full bucket is a new one). */
const SWEEP_AT = 1_000;

/** Waits `ms` (rejecting on abort); injectable so that tests drive time by hand. */
export type Sleep = (ms: number, signal: AbortSignal | undefined) => Promise<void>;

const realSleep: Sleep = (ms, signal) => sleep(ms, undefined, { signal });

export function createLocalRateLimiter(config: RateLimitConfig, now: () => number, wait: Sleep = realSleep): RateLimiter | null {
  const { perMinute, perHourPerCredential: perHour } = config;
  if (perMinute === null && perHour === null) return null;
  const bucketOf = (shape: BucketShape): TokenBucket => new TokenBucket(shape.perMinute, shape.capacity, now());
  const minute = perMinute === null ? null : bucketOf(minuteBucketShape(perMinute, config.minuteBurst ?? null));
  const hourShape = perHour === null ? null : hourBucketShape(perHour, config.hourlyBurst ?? null);
  const hourly = new Map<CredentialKey, TokenBucket>();
  const hourBucket = (credential: CredentialKey): TokenBucket | null => {
    if (hourShape === null) return null;
    let bucket = hourly.get(credential);
    if (bucket === undefined) {
      if (hourly.size >= SWEEP_AT) sweep(hourly, now());
      bucket = bucketOf(hourShape);
      hourly.set(credential, bucket);
    }
    return bucket;
  };
  return {
    async acquire(request) {
      const hour = hourBucket(request.credential);
      if (request.priority === 'background') return takeIfPlenty(minute, hour, now());
      if (hour !== null) await waitFor(hour, 'perHourPerCredential', request, now, wait, null);
      if (minute !== null) await waitForMinute(minute, request, now, wait, hour);
    },
    async close() {
      hourly.clear();
    },
  };
}

/**
 * The minute token, used no later than MAX_GRANT_LATENESS_MS after its grant: a stale grant (a
 * late timer, a blocked event loop) stays spent and the call asks again.
 */
async function waitForMinute(minute: TokenBucket, request: RateLimitRequest, now: () => number, wait: Sleep, hour: TokenBucket | null): Promise<void> {
  for (let grants = 0; grants < MAX_STALE_GRANTS; grants += 1) {
    const grantedAt = await waitFor(minute, 'perMinute', request, now, wait, hour);
    if (now() - grantedAt <= MAX_GRANT_LATENESS_MS) return;
  }
  hour?.cancel(now());
  throw new RateLimitWaitError('perMinute', minute.waitFor(now()));
}

/** Reserves a token and waits for it; resolves with the time it was granted for. */
async function waitFor(
  bucket: TokenBucket,
  budget: RateLimitWaitError['budget'],
  request: RateLimitRequest,
  now: () => number,
  wait: Sleep,
  taken: TokenBucket | null,
): Promise<number> {
  const at = now();
  const ms = bucket.reserve(at, request.deadline);
  if (ms === null) {
    taken?.cancel(at);
    throw new RateLimitWaitError(budget, bucket.waitFor(at));
  }
  if (ms === 0) return at;
  try {
    await wait(ms, request.signal);
  } catch (error) {
    bucket.cancel(now());
    taken?.cancel(now());
    throw error;
  }
  return at + ms;
}

/** Half of each bucket's burst stays for foreground calls. */
function takeIfPlenty(minute: TokenBucket | null, hour: TokenBucket | null, at: number): void {
  if (hour !== null && !hour.tryTake(at, backgroundKeep(hour))) {
    throw new RateLimitWaitError('perHourPerCredential', hour.waitFor(at));
  }
  if (minute !== null && !minute.tryTake(at, backgroundKeep(minute))) {
    hour?.cancel(at);
    throw new RateLimitWaitError('perMinute', minute.waitFor(at));
  }
}

function sweep(hourly: Map<CredentialKey, TokenBucket>, at: number): void {
  for (const [key, bucket] of hourly) if (bucket.isFull(at)) hourly.delete(key);
}
