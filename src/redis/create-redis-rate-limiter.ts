/**
 * The vendor's two limits held in Redis for all replicas together: the local limiter's two token
 * buckets (rate-limit-script.ts), so N replicas behave like one process. Grants are waited for
 * within the caller's deadline; background work never waits and leaves a reserve to the
 * foreground. When Redis is away, or slower than its command timeout, the call is judged by the
 * local limiter at 1/N of each budget instead, so N replicas on their own still stay within the
 * limits together; an answer that does not come before a nearer deadline is a refusal. A minute
 * grant used later than MAX_GRANT_LATENESS_MS after its time stays spent and the call asks again.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { RateLimitConfig } from '../config/types.js';
import { createLocalRateLimiter } from '../upstream/create-local-rate-limiter.js';
import { MAX_GRANT_LATENESS_MS, MAX_STALE_GRANTS } from '../upstream/rate-limit-buckets.js';
import { RateLimitWaitError, type RateLimiter, type RateLimitRequest } from '../upstream/rate-limit-types.js';
import type { RedisLink } from './create-redis-link.js';
import { createSharedBuckets, type SharedGrant } from './shared-buckets.js';
import { createRedisFailureReporter } from './redis-failure-reporter.js';

export interface RedisRateLimiterOptions extends RateLimitConfig {
  readonly link: RedisLink;
  /** Replicas sharing the budgets: the local fallback allows 1/N of each. */
  readonly replicas: number;
  readonly now?: () => number;
  /** How waits are made (tests advance their clock instead). */
  readonly sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly logger?: Logger | undefined;
}

export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, { signal }));
  const report = createRedisFailureReporter(options.link, options.logger, 'rate-limit', now);
  const local = createLocalRateLimiter(scaled(options, options.replicas), now, sleep);
  // No budget at all: nothing to ask Redis.
  if (local === null) return { acquire: async () => undefined, close: async () => undefined };
  const buckets = createSharedBuckets({ link: options.link, budgets: options, now, report });
  const minuteOn = options.perMinute !== null;

  /** Sleeps until `at` (caller's clock); on abort the tokens named are given back. */
  const until = async (at: number, request: RateLimitRequest, giveBack: { minute: boolean; hour: boolean }): Promise<void> => {
    const ms = at - now();
    if (ms <= 0) return;
    try {
      await sleep(ms, request.signal);
    } catch (error) {
      buckets.giveBack(request, giveBack);
      throw error;
    }
  };

  /** The minute token after the hourly one is held, asked again while its grant came stale. */
  const minuteAfterHour = async (request: RateLimitRequest, first: SharedGrant | null): Promise<void> => {
    let grant = first;
    for (let asked = 0; asked < MAX_STALE_GRANTS; asked += 1) {
      grant ??= await buckets.ask('minute', request);
      if (grant === null) return local.acquire(request);
      if (!grant.granted) throw new RateLimitWaitError(grant.budget, grant.retryAfterMs);
      await until(grant.at, request, { minute: true, hour: true });
      if (now() - grant.at <= MAX_GRANT_LATENESS_MS) return;
      grant = null; // stale: it stays spent, and the call asks again
    }
    buckets.giveBack(request, { minute: false, hour: true });
    throw new RateLimitWaitError('perMinute', 0);
  };

  return {
    async acquire(request) {
      if (request.signal?.aborted === true) throw request.signal.reason;
      const background = request.priority === 'background';
      const first = await buckets.ask(background ? 'background' : 'foreground', request);
      if (first === null) return local.acquire(request);
      if (!first.granted) throw new RateLimitWaitError(first.budget, first.retryAfterMs);
      if (background) return;
      if (!minuteOn) return until(first.at, request, { minute: false, hour: true });
      if (!first.hourOnly) return minuteAfterHour(request, first);
      await until(first.at, request, { minute: false, hour: true });
      return minuteAfterHour(request, null);
    },
    async close() {
      await local.close();
    },
  };
}

/** Each budget at 1/N (at least one call per window). */
function scaled(budgets: RateLimitConfig, replicas: number): RateLimitConfig {
  const part = (limit: number | null): number | null => (limit === null ? null : Math.max(1, Math.floor(limit / Math.max(1, replicas))));
  return {
    perMinute: part(budgets.perMinute),
    perHourPerCredential: part(budgets.perHourPerCredential),
    hourlyBurst: part(budgets.hourlyBurst ?? null),
    minuteBurst: part(budgets.minuteBurst ?? null),
  };
}
