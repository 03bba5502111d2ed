import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter, LimiterWaitError } from '../../../src/upstream/concurrency-limiter.js';

describe('ConcurrencyLimiter', () => {
  it('hands slots out up to max, then in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    expect(limiter.tryAcquire()).toBe(true);
    expect(limiter.tryAcquire()).toBe(true);
    expect(limiter.tryAcquire()).toBe(false);
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => limiter.acquire(10_000).then(() => order.push(n)));
    expect(limiter.queued).toBe(3);
    limiter.release();
    limiter.release();
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual([1, 2]);
    expect(limiter.inFlight).toBe(2);
    limiter.release();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
    expect(limiter.inFlight).toBe(2);
    limiter.release();
    limiter.release();
    expect(limiter.inFlight).toBe(0);
  });

  it('fails a waiter whose time runs out, and skips it on release', async () => {
    const limiter = new ConcurrencyLimiter(1);
    limiter.tryAcquire();
    const late = limiter.acquire(20);
    const next = limiter.acquire(10_000);
    await expect(late).rejects.toEqual(new LimiterWaitError('timeout'));
    limiter.release();
    await next;
    expect(limiter.inFlight).toBe(1);
    expect(limiter.queued).toBe(0);
  });

  it('waits without a timer for an unbounded deadline', async () => {
    const limiter = new ConcurrencyLimiter(1);
    limiter.tryAcquire();
    const waiting = limiter.acquire(Number.POSITIVE_INFINITY);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(limiter.queued).toBe(1);
    limiter.release();
    await waiting;
    expect(limiter.inFlight).toBe(1);
  });

  it('fails a waiter whose signal aborts, or that has no time at all', async () => {
    const limiter = new ConcurrencyLimiter(1);
    limiter.tryAcquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ reason: 'aborted' });
    await expect(limiter.acquire(0)).rejects.toMatchObject({ reason: 'timeout' });
    await expect(limiter.acquire(100, AbortSignal.abort())).rejects.toMatchObject({ reason: 'aborted' });
    limiter.release();
    expect(limiter.inFlight).toBe(0);
  });
});
