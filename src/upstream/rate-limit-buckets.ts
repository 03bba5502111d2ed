/**
 * The shape of the two token buckets that hold the vendor's limits, defined once for the local
 * limiter (token-bucket.ts) and the Redis one (the same bucket in Lua), so the two cannot drift.
 * Why these numbers: docs/decisions/0011-shared-limits-as-token-buckets.md.
 */

export interface BucketShape {
  /** Tokens saved up at most: the burst. */
  readonly capacity: number;
  /** Tokens that flow in a minute. */
  readonly perMinute: number;
}

/**
 * Both buckets refill over a period one sixtieth longer than the proxy's window (61 s for its
 * minute, 61 min for its hour), so any window of the proxy's length passes fewer than the limit:
 * the spare second of the minute absorbs a send that comes a little after its grant, send jitter
 * and replica clock skew; the spare minute of the hour absorbs the wait for the minute token
 * after the hourly one was taken.
 */
export const MINUTE_REFILL_MINUTES = 61 / 60;
export const HOUR_REFILL_MINUTES = 61;

/**
 * A minute token used later than this after its grant time is not used (it stays spent, and the
 * call asks again): a late send would crowd the proxy's window beyond what the margin absorbs.
 */
export const MAX_GRANT_LATENESS_MS = 250;

/** Stale grants asked again for one call before it is refused. */
export const MAX_STALE_GRANTS = 3;

/**
 * The bucket shared by every call of the upstream (the proxy's per-IP minute). Its burst is
 * `minuteBurst`: a fifth of the minute by default, so that the calls a cold cache or a burst of
 * misses needs go at once instead of one every 0.6 s; at most half
 * (docs/decisions/0014-minute-burst.md).
 */
export function minuteBucketShape(perMinute: number, minuteBurst: number | null = null): BucketShape {
  return windowShape(perMinute, minuteBurst ?? Math.floor(perMinute / 5), MINUTE_REFILL_MINUTES);
}

/**
 * The bucket of one credential (the proxy's per-key hour). Its burst is `hourlyBurst`: a tenth of
 * the hour by default, so that a cold cache warms up in a minute and nine tenths still flow evenly
 * over the hour; at most half (docs/decisions/0012-hourly-burst.md).
 */
export function hourBucketShape(perHour: number, hourlyBurst: number | null = null): BucketShape {
  return windowShape(perHour, hourlyBurst ?? Math.floor(perHour / 10), HOUR_REFILL_MINUTES);
}

/** Tokens background work leaves in a bucket for foreground calls: half of the burst. */
export function backgroundKeep(shape: Pick<BucketShape, 'capacity'>): number {
  return Math.floor(shape.capacity / 2);
}

/**
 * A window that begins with a full bucket passes the burst plus what flows in, so the bucket
 * refills (limit - burst) per refill period. The burst is at least one and at most half the limit
 * (the other half always flows).
 */
function windowShape(limit: number, burst: number, refillMinutes: number): BucketShape {
  const capacity = Math.max(1, Math.min(burst, Math.floor(limit / 2)));
  return { capacity, perMinute: Math.max(limit - capacity, limit / 2) / refillMinutes };
}
