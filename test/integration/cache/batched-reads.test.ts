import { describe, expect, it } from 'vitest';
import type { CachingClient } from '../../../src/cache/create-caching-client.js';
import type { RateLimitConfig } from '../../../src/config/types.js';
import { BjetError } from '../../../src/errors/bjet-error.js';
import type { Simulator } from '../../../src/simulator/types.js';
import type { CacheHitKind } from '../../../src/upstream/types.js';
import { createClock, type Clock } from '../../support/cached-stack.js';
import { callContext as context, callsOf as calls, useCachingClient } from '../../support/caching-client.js';

const start = useCachingClient();

async function started(clock: Clock, rateLimit?: RateLimitConfig): Promise<{ sim: Simulator; cached: CachingClient }> {
  return start(clock, rateLimit === undefined ? {} : { rateLimit });
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('records read per id on an endpoint with an id-list filter', () => {
  it('an id-list page asks the upstream only for the ids the cache does not hold', async () => {
    const clock = createClock();
    const { sim, cached } = await started(clock);
    await cached.get('partners', '2', context(clock));
    const hits: CacheHitKind[] = [];
    const page = await cached.list('partners', { ids: '1,2,3', limit: '3' }, context(clock, hits));
    expect(page.map((record) => record['id'])).toEqual([1, 2, 3]);
    expect(calls(sim)).toEqual(['GET /partners/2', 'GET /partners?ids=1%2C3&limit=2']);
    // Not a hit as a whole: it sent a call.
    expect(hits).toEqual([]);
    const again = await cached.list('partners', { ids: '3,1', limit: '2' }, context(clock, hits));
    expect(again.map((record) => record['id'])).toEqual([3, 1]);
    expect(hits).toEqual(['fresh']);
    expect(sim.records).toHaveLength(2);
  });

  it('the misses of operations arriving while a call is out go in one call; an id in the call out is joined', async () => {
    const clock = createClock();
    const { sim, cached } = await started(clock);
    sim.setLatency('partners', { kind: 'fixed', ms: 200 });
    const first = cached.get('partners', '1', context(clock));
    await nextTurn();
    await nextTurn();
    const later: Promise<unknown>[] = [];
    for (const id of ['4', '5', '1', '6']) {
      later.push(cached.get('partners', id, context(clock)));
      await nextTurn();
    }
    const records = await Promise.all([first, ...later]);
    expect(records.map((record) => (record as { id: number }).id)).toEqual([1, 4, 5, 1, 6]);
    expect(calls(sim)).toEqual(['GET /partners/1', 'GET /partners?ids=4%2C5%2C6&limit=3']);
  });

  it('stale records are refreshed in one background call however many there are', async () => {
    const clock = createClock();
    const { sim, cached } = await started(clock);
    await cached.list('partners', { ids: '1,2,3', limit: '3' }, context(clock));
    sim.clearRecords();
    clock.advance(15_000);
    const hits: CacheHitKind[] = [];
    await Promise.all(['1', '2', '3', '2'].map((id) => cached.get('partners', id, context(clock, hits))));
    expect(hits).toEqual(['stale', 'stale', 'stale', 'stale']);
    await cached.settle();
    expect(calls(sim)).toEqual(['GET /partners?ids=1%2C2%2C3&limit=3']);
    const fresh: CacheHitKind[] = [];
    await cached.get('partners', '3', context(clock, fresh));
    expect(fresh).toEqual(['fresh']);
  });
});

describe('stale-if-limited', () => {
  it('a read past its stale window serves its stale-if-error answer rather than wait seconds for a token', async () => {
    const clock = createClock();
    // 20 a minute, a burst of one: a token every ~3 s, well within the deadline.
    const { sim, cached } = await started(clock, { perMinute: 20, perHourPerCredential: null, minuteBurst: 1 });
    await cached.get('partners', '1', context(clock));
    clock.advance(31_000);
    await cached.get('partners', '3', context(clock));
    const hits: CacheHitKind[] = [];
    const stale = await cached.get('partners', '1', context(clock, hits));
    expect(stale?.['id']).toBe(1);
    expect(hits).toEqual(['stale-if-error']);
    expect(calls(sim)).toEqual(['GET /partners/1', 'GET /partners/3']);
  });

  it('without a stale answer at hand, a read the limit cannot serve before the deadline is refused, coded', async () => {
    const clock = createClock();
    const { sim, cached } = await started(clock, { perMinute: 1, perHourPerCredential: null });
    await cached.get('partners', '1', context(clock));
    const refused = await cached.get('partners', '2', context(clock)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BjetError);
    expect((refused as BjetError).code).toBe('UPSTREAM_RATE_LIMITED');
    expect(sim.records).toHaveLength(1);
  });
});
