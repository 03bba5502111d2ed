/**
 * The vendor's two limits held in Redis for all replicas together (rate-limit-script.ts), waited
 * for within the caller's deadline. Background work never waits and leaves a reserve to the
 * foreground. When Redis is away, or slower than its command timeout (never longer than the time
 * left to the deadline), the call is judged by a local limiter at 1/N of each budget instead, so N
 * replicas on their own still stay within the limits together.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Logger } from 'pino';
import { RateLimitWaitError, type RateLimiter, type RateLimitRequest } from '../upstream/rate-limit-types.js';
import type { RedisLink } from './create-redis-link.js';
import { createFallbackRateLimiter, reserveOf, type RateBudgets } from './create-fallback-rate-limiter.js';
import { defineRateLimitScript } from './rate-limit-script.js';
import { createRedisFailureReporter } from './redis-failure-reporter.js';
import { withTimeout } from './with-timeout.js';

export interface RedisRateLimiterOptions extends RateBudgets {
  readonly link: RedisLink;
  /** Replicas sharing the budgets: the local fallback allows 1/N of each. */
  readonly replicas: number;
  readonly now?: () => number;
  /** How waits are made (tests advance their clock instead). */
  readonly sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly logger?: Logger | undefined;
}

type SharedAnswer =
  | { readonly granted: true; readonly wait: number; readonly member: string; readonly keys: readonly [string, string] }
  | { readonly granted: false; readonly budget: RateLimitWaitError['budget']; readonly retryAfterMs: number };

const BUDGETS = ['perMinute', 'perHourPerCredential'] as const;

export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const { link } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, { signal }));
  const report = createRedisFailureReporter(link, options.logger, 'rate-limit', now);
  const local = createFallbackRateLimiter({ ...options, ...scaled(options, options.replicas), now, sleep });
  const origin = randomUUID();
  const prefix = `${link.keyPrefix}rl:`;
  let sequence = 0;
  defineRateLimitScript(link.client);

  const shared = async (request: RateLimitRequest): Promise<SharedAnswer | null> => {
    const start = now();
    // A deadline already reached still gets one quick question (a token may be there now).
    const timeout = Math.max(1, Math.min(link.commandTimeoutMs, request.deadline - start));
    if (!link.isReady()) return null;
    const member = `${origin}:${(sequence += 1)}`;
    const background = request.priority === 'background';
    const keys = [`${prefix}m`, `${prefix}h:${encodeURIComponent(request.credential)}`] as const;
    const argv = [String(start), String(background ? start : request.deadline), member];
    argv.push(...logArgs(options.perMinute, options.minuteWindowMs ?? 60_000, background));
    argv.push(...logArgs(options.perHourPerCredential, options.hourWindowMs ?? 3_600_000, background));
    try {
      const answer = await withTimeout(link.client.bjetAcquire(keys[0], keys[1], ...argv), timeout);
      if (answer === null) throw new Error(`no answer within ${timeout} ms`);
      const [granted, second, third] = answer;
      if (granted === 1) return { granted: true, wait: second ?? 0, member, keys };
      return { granted: false, budget: BUDGETS[(second ?? 1) - 1] ?? 'perMinute', retryAfterMs: Math.max(0, third ?? 0) };
    } catch (error) {
      link.noteFailure();
      report('acquire', error);
      return null;
    }
  };

  return {
    async acquire(request) {
      if (request.signal?.aborted === true) throw request.signal.reason;
      const answer = await shared(request);
      if (answer === null) return local.acquire(request);
      if (!answer.granted) throw new RateLimitWaitError(answer.budget, answer.retryAfterMs);
      if (answer.wait <= 0) return;
      try {
        await sleep(answer.wait, request.signal);
      } catch (error) {
        // Not used: give the grant back (best effort; it ages out of the window anyway).
        for (const key of answer.keys) link.client.zrem(key, answer.member).catch((failure: unknown) => report('give back', failure));
        throw error;
      }
    },
    async close() {
      await local.close();
    },
  };
}

function logArgs(limit: number | null, windowMs: number, background: boolean): string[] {
  if (limit === null) return ['0', '0', '0'];
  return [String(limit), String(windowMs), String(background ? reserveOf(limit) : 0)];
}

/** Each budget at 1/N (at least one call per window). */
function scaled(budgets: RateBudgets, replicas: number): RateBudgets {
  const part = (limit: number | null): number | null => (limit === null ? null : Math.max(1, Math.floor(limit / Math.max(1, replicas))));
  return { ...budgets, perMinute: part(budgets.perMinute), perHourPerCredential: part(budgets.perHourPerCredential) };
}
