/**
 * The vendor's two limits in one process (sliding-window-log.ts): the fallback of the Redis limiter
 * at 1/N of each budget. Same rules: a grant may lie in the future and is waited for, never past
 * the deadline; background work never waits and leaves a reserve of each budget to the foreground.
 */
import { LRUCache } from 'lru-cache';
import { RateLimitWaitError, type RateLimiter } from '../upstream/rate-limit-types.js';
import { SlidingWindowLog } from './sliding-window-log.js';

export interface RateBudgets {
  /** Calls a minute, all credentials together; null = no such budget. */
  readonly perMinute: number | null;
  /** Calls an hour per credential; null = no such budget. */
  readonly perHourPerCredential: number | null;
  /** The windows (default a minute and an hour): tests scale time with them. */
  readonly minuteWindowMs?: number;
  readonly hourWindowMs?: number;
}

export interface FallbackRateLimiterOptions extends RateBudgets {
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/** Grants of a budget that background work leaves to the foreground. */
export function reserveOf(limit: number): number {
  return Math.floor(limit / 10);
}

/** Credentials whose hourly log is kept (the least recently used beyond are forgotten). */
const MAX_CREDENTIALS = 10_000;

export function createFallbackRateLimiter(options: FallbackRateLimiterOptions): RateLimiter {
  const { perMinute, perHourPerCredential, now } = options;
  const minute = perMinute === null ? null : new SlidingWindowLog(perMinute, options.minuteWindowMs ?? 60_000);
  const hours = new LRUCache<string, SlidingWindowLog>({ max: MAX_CREDENTIALS });
  const hourOf = (credential: string): SlidingWindowLog | null => {
    if (perHourPerCredential === null) return null;
    let log = hours.get(credential);
    if (log === undefined) hours.set(credential, (log = new SlidingWindowLog(perHourPerCredential, options.hourWindowMs ?? 3_600_000)));
    return log;
  };
  return {
    async acquire(request) {
      if (request.signal?.aborted === true) throw request.signal.reason;
      const start = now();
      const background = request.priority === 'background';
      const logs = [minute, hourOf(request.credential)] as const;
      const times = logs.map((log) => (log === null ? start : log.earliest(start, background ? reserveOf(log.limit) : 0)));
      const at = Math.max(...times);
      if (at > (background ? start : request.deadline)) {
        const short = times[1] === at && times[0] !== at ? 'perHourPerCredential' : 'perMinute';
        const windowMs = short === 'perMinute' ? (options.minuteWindowMs ?? 60_000) : (options.hourWindowMs ?? 3_600_000);
        throw new RateLimitWaitError(short, Number.isFinite(at) ? at - start : windowMs);
      }
      for (const log of logs) log?.add(at);
      if (at === start) return;
      try {
        await options.sleep(at - start, request.signal);
      } catch (error) {
        for (const log of logs) log?.remove(at);
        throw error;
      }
    },
    async close() {
      hours.clear();
    },
  };
}
