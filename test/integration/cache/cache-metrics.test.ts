/** GET /metrics after a known cached workload: exact evictions by reason, entries and bytes per endpoint. */
import { describe, expect, it } from 'vitest';
import { sizeOf } from '../../../src/cache/build-cache-entry.js';
import { createUpstreamClient } from '../../../src/upstream/create-upstream-client.js';
import { createClock } from '../../support/cached-stack.js';
import { readMetric, seriesOf } from '../../support/read-metric.js';
import type { Stack } from '../../support/start-stack.js';
import { useStackPerFile } from '../../support/use-stack-per-file.js';
import { withCache } from '../../support/with-cache.js';

const PARTNER = 'query P($id: ID!) { partner(id: $id) { id name } }';
const COUNTRY = 'query C($id: ID!) { country(id: $id) { id name } }';

/** The size the cache counts for a record: its JSON as the upstream sends it, read here with our own client. */
async function recordSize(s: Stack, endpoint: string, id: string): Promise<number> {
  const client = createUpstreamClient(s.config);
  try {
    return sizeOf(await client.get(endpoint, id, { requestId: 'metrics-test', deadline: Date.now() + 10_000 }));
  } finally {
    await client.close();
  }
}

// Three entries at most; countries at most one of their own.
const clock = createClock();
const stack = useStackPerFile({
  cache: true,
  now: clock.now,
  config: (demo) => {
    const config = withCache(demo, { ttlSeconds: 10 }, { maxEntries: 3 });
    const endpoints = config.endpoints.map((endpoint) =>
      endpoint.name === 'countries' && endpoint.cache !== null ? { ...endpoint, cache: { ...endpoint.cache, maxEntries: 1 } } : endpoint,
    );
    return { ...config, endpoints };
  },
});

describe('/metrics of the record cache', () => {
  it('counts each eviction by the bound that made it, and tallies what is held per endpoint', async () => {
    for (const id of ['1', '2', '3']) expect((await stack.gql(PARTNER, { id })).body.errors).toBeUndefined();
    // The first country pushes partner 1 out (the entry bound); the second drops the first (the countries bound).
    for (const id of ['1', '2']) expect((await stack.gql(COUNTRY, { id })).body.errors).toBeUndefined();
    // Partner 3 is still held (a hit); partner 1 is not (a miss, and partner 2 goes for it).
    expect((await stack.gql(PARTNER, { id: '3' })).body.errors).toBeUndefined();
    expect((await stack.gql(PARTNER, { id: '1' })).body.errors).toBeUndefined();
    expect(stack.calls().map((call) => `${call.endpoint} ${call.path.split('/').pop()}`)).toEqual([
      'partners 1',
      'partners 2',
      'partners 3',
      'countries 1',
      'countries 2',
      'partners 1',
    ]);

    const text = await (await fetch(stack.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(readMetric(text, 'bjet_cache_evictions_total', { endpoint: 'partners', reason: 'entries' })).toBe(2);
    expect(readMetric(text, 'bjet_cache_evictions_total', { endpoint: 'countries', reason: 'endpoint' })).toBe(1);
    expect(seriesOf(text, 'bjet_cache_evictions_total')).toHaveLength(2);
    expect(readMetric(text, 'bjet_cache_entries', { endpoint: 'partners' })).toBe(2);
    expect(readMetric(text, 'bjet_cache_entries', { endpoint: 'countries' })).toBe(1);
    expect(seriesOf(text, 'bjet_cache_entries')).toHaveLength(2);
    expect(readMetric(text, 'bjet_cache_hits_total', { endpoint: 'partners', kind: 'fresh' })).toBe(1);
    expect(readMetric(text, 'bjet_cache_misses_total', { endpoint: 'partners' })).toBe(4);
    expect(readMetric(text, 'bjet_cache_misses_total', { endpoint: 'countries' })).toBe(2);
    const sizes = { p1: await recordSize(stack, 'partners', '1'), p3: await recordSize(stack, 'partners', '3'), c2: await recordSize(stack, 'countries', '2') };
    expect(readMetric(text, 'bjet_cache_bytes', { endpoint: 'partners' })).toBe(sizes.p1 + sizes.p3);
    expect(readMetric(text, 'bjet_cache_bytes', { endpoint: 'countries' })).toBe(sizes.c2);
    // No Redis configured: none of its metrics.
    expect(text).not.toContain('bjet_redis_');
  });
});
