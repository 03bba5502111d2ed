import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisStats, failureKindOf } from '../../../src/redis/create-redis-stats.js';

describe('failureKindOf', () => {
  it("tells ioredis's and our own failures apart: timeout, unavailable, error", async () => {
    // A real refusal: no connection and no offline queue.
    const client = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    const refused = await client.get('k').catch((error: unknown) => error);
    client.disconnect();
    expect(failureKindOf(refused)).toBe('unavailable');
    expect(failureKindOf(new Error('Command timed out'))).toBe('timeout');
    expect(failureKindOf(new Error('no answer within 250 ms'))).toBe('timeout');
    expect(failureKindOf(new Error('not connected'))).toBe('unavailable');
    expect(failureKindOf(new Error('Connection is closed.'))).toBe('unavailable');
    expect(failureKindOf(Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
    expect(failureKindOf(new Error('OOM command not allowed when used memory > maxmemory'))).toBe('error');
    expect(failureKindOf('a string')).toBe('error');
  });
});

describe('createRedisStats', () => {
  it('counts by component and kind, and fallbacks by cause, zeros included', () => {
    const stats = createRedisStats();
    stats.failed('cache', new Error('Command timed out'));
    stats.failed('cache', new Error('Command timed out'));
    stats.failed('changes', new Error('not connected'));
    stats.fellBack('disconnected');
    const snapshot = stats.snapshot();
    expect(snapshot.failures).toHaveLength(9);
    expect(snapshot.failures.filter((failure) => failure.count > 0)).toEqual([
      { component: 'cache', kind: 'timeout', count: 2 },
      { component: 'changes', kind: 'unavailable', count: 1 },
    ]);
    expect(snapshot.fallbacks).toEqual([
      { cause: 'disconnected', count: 1 },
      { cause: 'command-failed', count: 0 },
    ]);
  });
});
