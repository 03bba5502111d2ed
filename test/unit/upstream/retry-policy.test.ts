import { describe, expect, it } from 'vitest';
import type { RetryConfig } from '../../../src/config/types.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, planRetry } from '../../../src/upstream/retry-policy.js';

const retry: RetryConfig = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const NOW = Date.parse('2025-01-01T00:00:00Z');
const almostOne = () => 0.999999;

describe('isRetryableStatus', () => {
  it('retries 429, 502, 503, 504 only', () => {
    const retryable = [200, 400, 401, 403, 404, 405, 409, 429, 500, 501, 502, 503, 504, 505].filter(isRetryableStatus);
    expect(retryable).toEqual([429, 502, 503, 504]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, not garbage', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 2 ', NOW)).toBe(2000);
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW - 7000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter('later', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, scaled by the jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(retry, a, almostOne))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(retry, 3, () => 0.5)).toBe(200);
    expect(backoffDelay(retry, 3, () => 0)).toBe(0);
  });
});

describe('planRetry', () => {
  const plan = (attempt: number, retryAfterMs: number | undefined, remainingMs = 60_000) => planRetry(retry, { attempt, retryAfterMs, remainingMs }, () => 0.5);

  it('stops after the configured attempts', () => {
    expect(plan(1, undefined)).toBe(50);
    expect(plan(3, undefined)).toBe(200);
    expect(plan(4, undefined)).toBeNull();
  });

  it('waits at least Retry-After, and gives up on one over the maximum', () => {
    expect(plan(1, 3000)).toBe(3000);
    expect(plan(1, 5000)).toBe(5000);
    expect(plan(1, 5001)).toBeNull();
  });

  it('gives up when the wait would reach the deadline', () => {
    expect(plan(1, 3000, 3000)).toBeNull();
    expect(plan(1, 3000, 3001)).toBe(3000);
    expect(plan(2, undefined, 100)).toBeNull();
  });
});
