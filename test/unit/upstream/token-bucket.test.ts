import { describe, expect, it } from 'vitest';
import { minuteBucketShape } from '../../../src/upstream/rate-limit-buckets.js';
import { TokenBucket } from '../../../src/upstream/token-bucket.js';

const FAR = Number.MAX_SAFE_INTEGER;

describe('TokenBucket', () => {
  it('serves the burst at once, then one token per interval in arrival order', () => {
    const bucket = new TokenBucket(60, 2, 0);
    expect([bucket.reserve(0, FAR), bucket.reserve(0, FAR)]).toEqual([0, 0]);
    expect(bucket.reserve(0, FAR)).toBe(1000);
    expect(bucket.reserve(0, FAR)).toBe(2000);
    expect(bucket.reserve(10, FAR)).toBe(2990);
  });

  it('refills over time up to the capacity only', () => {
    const bucket = new TokenBucket(60, 2, 0);
    bucket.reserve(0, FAR);
    bucket.reserve(0, FAR);
    expect(bucket.reserve(100_000, FAR)).toBe(0);
    expect(bucket.reserve(100_000, FAR)).toBe(0);
    expect(bucket.reserve(100_000, FAR)).toBe(1000);
  });

  it('refuses (taking nothing) when the wait ends after the deadline', () => {
    const bucket = new TokenBucket(60, 1, 0);
    expect(bucket.reserve(0, 0)).toBe(0);
    expect(bucket.reserve(0, 999)).toBeNull();
    expect(bucket.waitFor(0)).toBe(1000);
    expect(bucket.reserve(0, 1000)).toBe(1000);
  });

  it('gives a cancelled reservation back', () => {
    const bucket = new TokenBucket(60, 1, 0);
    bucket.reserve(0, FAR);
    expect(bucket.reserve(0, FAR)).toBe(1000);
    bucket.cancel();
    expect(bucket.reserve(0, FAR)).toBe(1000);
  });

  it('never lets more than capacity + rate × window through', () => {
    const bucket = new TokenBucket(600, 10, 0);
    const sendTimes: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const wait = bucket.reserve(i * 3, FAR);
      if (wait !== null) sendTimes.push(i * 3 + wait);
    }
    for (const start of sendTimes) {
      const inWindow = sendTimes.filter((t) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(10 + 10);
    }
    expect(sendTimes.length).toBe(100);
  });

  it('rejects nonsense settings', () => {
    expect(() => new TokenBucket(0, 1, 0)).toThrow(RangeError);
    expect(() => new TokenBucket(10, 0, 0)).toThrow(RangeError);
    // The minute's burst: a fifth by default, at least one, at most half whatever is asked.
    expect([1, 60, 100, 600].map((limit) => minuteBucketShape(limit).capacity)).toEqual([1, 12, 20, 120]);
    expect(minuteBucketShape(100, 80).capacity).toBe(50);
  });
});
