import { afterEach, describe, expect, it } from 'vitest';
import { createCachingClient, type CachingClient } from '../../../src/cache/create-caching-client.js';
import { createMemoryStore } from '../../../src/cache/create-memory-store.js';
import { createLocalChangeBus } from '../../../src/changes/create-local-change-bus.js';
import { buildDemoConfig } from '../../../src/config/build-demo-config.js';
import type { Config, RateLimitConfig } from '../../../src/config/types.js';
import { BjetError } from '../../../src/errors/bjet-error.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { createUpstreamClient } from '../../../src/upstream/create-upstream-client.js';
import { CredentialKeys } from '../../../src/upstream/credential-keys.js';
import type { CacheHitKind, CallContext } from '../../../src/upstream/types.js';
import { createClock, type Clock } from '../../support/cached-stack.js';
import { relativePath } from '../../support/start-stack.js';
import { startSimulator } from '../../support/simulator.js';
import { withCache } from '../../support/with-cache.js';

let simulator: Simulator | undefined;
let client: CachingClient | undefined;
afterEach(async () => {
  await client?.close();
  await simulator?.close();
  client = undefined;
  simulator = undefined;
});

const RATE_LIMIT_OFF: RateLimitConfig = { perMinute: null, perHourPerCredential: null };

async function started(clock: Clock, rateLimit: RateLimitConfig = RATE_LIMIT_OFF): Promise<{ sim: Simulator; cached: CachingClient }> {
  const sim = await startSimulator({ switches: { inFilter: true } });
  simulator = sim;
  const demo = buildDemoConfig(`${sim.baseUrl}`);
  const tuned = withCache(demo, { ttlSeconds: 10, staleWhileRevalidateSeconds: 20, staleIfErrorSeconds: 60 });
  const config: Config = { ...tuned, upstream: { ...tuned.upstream, rateLimit, retries: { ...tuned.upstream.retries, attempts: 1 } } };
  const credentials = new CredentialKeys('test-secret');
  const upstream = createUpstreamClient(config, { now: clock.now, credentialKeys: credentials });
  const store = createMemoryStore({ maxEntries: 1000, maxBytes: 1_000_000 });
  const cached = createCachingClient(upstream, { config, store, bus: createLocalChangeBus(), credentials, now: clock.now });
  client = cached;
  return { sim, cached };
}

function context(clock: Clock, hits: CacheHitKind[] = []): CallContext {
  return { requestId: 'test', deadline: clock.now() + 30_000, onCacheHit: (kind) => hits.push(kind) };
}

function calls(sim: Simulator): string[] {
  return sim.records.map((record) => {
    const query = new URLSearchParams(record.query).toString();
    return `${record.method} ${relativePath(record)}${query === '' ? '' : `?${query}`}`;
  });
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
