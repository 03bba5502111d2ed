/**
 * The Redis side of the shared limiter: one script call per question (rate-limit-script.ts), with
 * the bucket shapes of the local limiter and the caller's clock. An answer that does not come
 * within the command timeout is no answer: the caller falls back to local state. One that does not
 * come before the deadline, when that is nearer, is a refusal.
 */
import type { RateLimitConfig } from '../config/types.js';
import { backgroundKeep, hourBucketShape, minuteBucketShape, type BucketShape } from '../upstream/rate-limit-buckets.js';
import type { RateLimitRequest, RateLimitWaitError } from '../upstream/rate-limit-types.js';
import type { RedisLink } from './create-redis-link.js';
import { defineRateLimitScript, type RateLimitMode } from './rate-limit-script.js';
import type { RedisFailureReporter } from './redis-failure-reporter.js';
import { withTimeout } from './with-timeout.js';

export type SharedGrant =
  /** `at` (caller's clock) is when the call may go; `hourOnly`: the minute token is still to ask. */
  | { readonly granted: true; readonly at: number; readonly hourOnly: boolean }
  | { readonly granted: false; readonly budget: RateLimitWaitError['budget']; readonly retryAfterMs: number };

export interface SharedBuckets {
  /** null: Redis did not answer (in time); nothing can be assumed taken. */
  ask(mode: Exclude<RateLimitMode, 'give-back'>, request: RateLimitRequest): Promise<SharedGrant | null>;
  /** Gives one token back to each bucket named (best effort: a lost one is a token less, never more). */
  giveBack(request: RateLimitRequest, which: { readonly minute: boolean; readonly hour: boolean }): void;
}

export interface SharedBucketsOptions {
  readonly link: RedisLink;
  readonly budgets: RateLimitConfig;
  readonly now: () => number;
  readonly report: RedisFailureReporter;
}

const BUDGETS = ['perMinute', 'perHourPerCredential'] as const;
const OFF = ['0', '0', '0'] as const;

export function createSharedBuckets(options: SharedBucketsOptions): SharedBuckets {
  const { link, now, report } = options;
  const { perMinute, perHourPerCredential: perHour } = options.budgets;
  const minute = perMinute === null ? OFF : shapeArgs(minuteBucketShape(perMinute, options.budgets.minuteBurst ?? null));
  const hour = perHour === null ? OFF : shapeArgs(hourBucketShape(perHour, options.budgets.hourlyBurst ?? null));
  const prefix = `${link.keyPrefix}rl:`;
  const keysOf = (request: RateLimitRequest): [string, string] => [`${prefix}m`, `${prefix}h:${encodeURIComponent(request.credential)}`];
  defineRateLimitScript(link.client);

  return {
    async ask(mode, request) {
      const start = now();
      // A deadline already reached still gets one quick question (a token may be there now).
      const timeout = Math.max(1, Math.min(link.commandTimeoutMs, request.deadline - start));
      if (!link.isReady()) return null;
      try {
        const call = link.client.bjetAcquire(...keysOf(request), mode, String(start), String(request.deadline), ...minute, ...hour);
        const answer = await withTimeout(call, timeout);
        // Cut short by the deadline, not by Redis: refused (what it may have taken stays spent), and
        // the replica keeps asking Redis; a local grant here would come on top of the shared ones.
        if (answer === null && timeout < link.commandTimeoutMs) return { granted: false, budget: 'perMinute', retryAfterMs: 0 };
        if (answer === null) throw new Error(`no answer within ${timeout} ms`);
        const [granted, second, third] = answer;
        if (granted === 1) return { granted: true, at: start + (second ?? 0), hourOnly: third === 1 };
        return { granted: false, budget: BUDGETS[(second ?? 1) - 1] ?? 'perMinute', retryAfterMs: Math.max(0, third ?? 0) };
      } catch (error) {
        link.noteFailure();
        report('acquire', error);
        return null;
      }
    },
    giveBack(request, which) {
      const argv = ['give-back', String(now()), '0', ...(which.minute ? minute : OFF), ...(which.hour ? hour : OFF)];
      link.client.bjetAcquire(...keysOf(request), ...argv).catch((failure: unknown) => report('give back', failure));
    },
  };
}

/** Capacity, tokens per ms (as the local TokenBucket computes them, so both round alike) and the background reserve. */
function shapeArgs(shape: BucketShape): readonly [string, string, string] {
  return [String(shape.capacity), String(shape.perMinute / 60_000), String(backgroundKeep(shape))];
}
