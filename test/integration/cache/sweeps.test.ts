/**
 * Sweeps (src/cache/endpoint-sweeps.ts): an endpoint whose record reads have cost as many calls
 * within a TTL as reading it whole would is read page by page, and its records are then hits.
 * Exact call lists against the simulator; the clock is the test's.
 */
import { describe, expect, it } from 'vitest';
import type { CachingClient } from '../../../src/cache/create-caching-client.js';
import type { Simulator } from '../../../src/simulator/types.js';
import type { CacheHitKind } from '../../../src/upstream/types.js';
import { createClock, type Clock } from '../../support/cached-stack.js';
import { callContext as context, callsOf as calls, useCachingClient } from '../../support/caching-client.js';

const start = useCachingClient();

async function started(clock: Clock, sweepMaxRecords: number): Promise<{ sim: Simulator; cached: CachingClient; partners: number }> {
  const { sim, cached, upstream } = await start(clock, { times: { sweepMaxRecords } });
  // What a list of the partners holds (archived records are not listed), read before the counts start.
  const partners = (await upstream.list('partners', { limit: '1000' }, context(clock))).length;
  sim.clearRecords();
  return { sim, cached, partners };
}

/** The pages a sweep of `records` takes at 100 a page: until one comes back short. */
function sweepPages(records: number): string[] {
  const pages = Math.floor(records / 100) + 1;
  return Array.from({ length: pages }, (_, index) => `GET /partners?limit=100&offset=${index * 100}`);
}

/** The call that starts a sweep and the sweep's first page go out together, in either order. */
const sorted = (list: readonly string[]): string[] => [...list].sort();

async function readOneByOne(cached: CachingClient, clock: Clock, ids: readonly number[]): Promise<void> {
  for (const id of ids) await cached.get('partners', String(id), context(clock));
}

describe('sweeps', () => {
  it('reads an endpoint whole once its record reads have cost as much as that would; its records are then hits', async () => {
    const clock = createClock();
    const { sim, cached, partners } = await started(clock, 1000);
    expect(partners).toBeGreaterThan(100);
    expect(partners).toBeLessThan(1000);
    // The first sweep comes after two record calls within a TTL.
    await readOneByOne(cached, clock, [1]);
    await cached.settle();
    expect(calls(sim)).toEqual(['GET /partners/1']);
    await readOneByOne(cached, clock, [2]);
    await cached.settle();
    expect(sorted(calls(sim).slice(1))).toEqual(sorted(['GET /partners/2', ...sweepPages(partners)]));
    sim.clearRecords();
    const hits: CacheHitKind[] = [];
    const last = await cached.get('partners', String(partners), context(clock, hits));
    expect(last?.['id']).toBe(partners);
    expect(hits).toEqual(['fresh']);
    expect(calls(sim)).toEqual([]);
  });

  it('renews a sweep a TTL later, at the stale read that finds as many records read since as it took pages', async () => {
    const clock = createClock();
    const { sim, cached, partners } = await started(clock, 1000);
    await readOneByOne(cached, clock, [1, 2]);
    await cached.settle();
    const pages = sweepPages(partners);
    // Past the TTL, a stale read starts its own refresh while fewer records than pages were read since the sweep.
    clock.advance(11_000);
    sim.clearRecords();
    const refreshed: string[] = [];
    for (let id = 1; id < pages.length; id += 1) {
      await cached.get('partners', String(id), context(clock));
      await cached.settle();
      refreshed.push(`GET /partners/${id}`);
    }
    expect(calls(sim)).toEqual(refreshed);
    // The next one renews the sweep instead: its record is refreshed with every other.
    await cached.get('partners', String(pages.length), context(clock));
    await cached.settle();
    expect(calls(sim)).toEqual([...refreshed, ...pages]);
  });

  it('keeps one record read now and then to its own refreshes: no sweep is renewed for it', async () => {
    const clock = createClock();
    const { sim, cached } = await started(clock, 1000);
    await readOneByOne(cached, clock, [1, 2]);
    await cached.settle();
    sim.clearRecords();
    for (let round = 0; round < 3; round += 1) {
      clock.advance(11_000);
      await cached.get('partners', '7', context(clock));
      await cached.settle();
    }
    // Stale at each read (a TTL after its last refresh): each refresh is a call of its own, never the pages.
    expect(calls(sim)).toEqual(['GET /partners/7', 'GET /partners/7', 'GET /partners/7']);
  });

  it('an endpoint with more records than sweepMaxRecords is read one page, then left to its per-id reads', async () => {
    const clock = createClock();
    const { sim, cached } = await started(clock, 100);
    await readOneByOne(cached, clock, [149, 150]);
    await cached.settle();
    expect(sorted(calls(sim))).toEqual(sorted(['GET /partners/149', 'GET /partners/150', 'GET /partners?limit=100&offset=0']));
    clock.advance(31_000);
    sim.clearRecords();
    await readOneByOne(cached, clock, [151, 152, 153]);
    await cached.settle();
    expect(calls(sim)).toEqual(['GET /partners/151', 'GET /partners/152', 'GET /partners/153']);
  });

  it('a write while a page is out: that record is not kept from the page, the page’s other records are', async () => {
    const clock = createClock();
    const { sim, cached } = await started(clock, 100);
    sim.setLatency('partners', { kind: 'fixed', ms: 150 });
    await readOneByOne(cached, clock, [149]);
    const reading = cached.get('partners', '150', context(clock));
    // The read and the sweep's page are on the wire now; the write is answered before them.
    sim.resetPeak();
    while (sim.peakInFlight < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    sim.setLatency('partners', null);
    await cached.update('partners', '5', { name: 'Written meanwhile' }, context(clock));
    await reading;
    await cached.settle();
    sim.clearRecords();
    const hits: CacheHitKind[] = [];
    const written = await cached.get('partners', '5', context(clock, hits));
    const other = await cached.get('partners', '6', context(clock, hits));
    expect(written?.['name']).toBe('Written meanwhile');
    expect(other?.['id']).toBe(6);
    expect(hits).toEqual(['fresh', 'fresh']);
    expect(calls(sim)).toEqual([]);
  });
});
