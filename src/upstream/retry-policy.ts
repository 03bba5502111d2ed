/**
 * When a GET is tried again, and after how long. Pure: time and randomness come in as arguments.
 * Writes never reach this module: a One2many PUT creates lines, so not even PUT is idempotent here.
 */
import type { RetryConfig } from '../config/types.js';

/** Statuses worth another GET: rate limited, or a proxy that could not reach a healthy Odoo. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined if unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names its day and month; this keeps `-1` or `1.5` from parsing as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with full jitter (`random()` in [0, 1)) after failed attempt `attempt` (1-based). */
export function backoffDelay(retry: RetryConfig, attempt: number, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryInput {
  /** The attempt that just failed, 1-based. */
  readonly attempt: number;
  /** What the upstream asked for (429/503 `Retry-After`), if anything. */
  readonly retryAfterMs: number | undefined;
  /** Time left before the operation deadline. */
  readonly remainingMs: number;
}

/**
 * The delay before the next attempt, or null to give up: attempts used up, a `Retry-After` longer
 * than we are willing to wait, or no time left before the deadline for another try.
 */
export function planRetry(retry: RetryConfig, input: RetryInput, random: () => number): number | null {
  if (input.attempt >= retry.attempts) return null;
  let delay = backoffDelay(retry, input.attempt, random);
  if (input.retryAfterMs !== undefined) {
    if (input.retryAfterMs > retry.maxRetryAfterMs) return null;
    delay = Math.max(delay, input.retryAfterMs);
  }
  return delay < input.remainingMs ? delay : null;
}
