/** The memory store's tally and evictions, read back through the real metrics registry. */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/cache/create-memory-store.js';
import type { CacheEntry, CacheKey } from '../../../src/cache/types.js';
import { createMetrics } from '../../../src/metrics/create-metrics.js';
import { readMetric, seriesOf } from '../../support/read-metric.js';

function entry(bytes: number, version = 1): CacheEntry {
  return { value: { id: 1 }, fetchedAt: 0, freshUntil: 10, staleUntil: 20, staleIfErrorUntil: 30, version, bytes };
}

const record = (endpoint: string, id: string, partition = 'service'): CacheKey => ({ kind: 'record', endpoint, partition, id });
const page = (endpoint: string, offset: number): CacheKey => ({ kind: 'list', endpoint, partition: 'service', query: `limit=20&offset=${offset}` });

async function scrape(metrics: ReturnType<typeof createMetrics>): Promise<(name: string, labels: Record<string, string>) => number | null> {
  const text = await metrics.registry.metrics();
  return (name, labels) => readMetric(text, name, labels);
}

describe('memory store metrics', () => {
  it('counts evictions by the bound that made them, and tallies entries and bytes per endpoint', async () => {
    const metrics = createMetrics();
    const store = createMemoryStore({ maxEntries: 3, maxBytes: 100, maxEntriesOf: (name) => (name === 'uom' ? 1 : 3), sink: metrics.cacheStore });
    // The entry bound: partners 3 pushes partners 0 out, uom 1 pushes partners 1 out.
    for (let i = 0; i < 4; i += 1) await store.set(record('partners', String(i)), entry(10));
    await store.set(record('uom', '1'), entry(10));
    // The endpoint's own bound: uom 2 drops uom 1 (and leaves room under the entry bound).
    await store.set(record('uom', '2'), entry(10));
    // The entry bound drops partners 2; then 95 bytes more go over 100: partners 3 and uom 2 go.
    await store.set(page('countries', 0), entry(95));
    let read = await scrape(metrics);
    expect(read('bjet_cache_evictions_total', { endpoint: 'partners', reason: 'entries' })).toBe(3);
    expect(read('bjet_cache_evictions_total', { endpoint: 'uom', reason: 'endpoint' })).toBe(1);
    expect(read('bjet_cache_evictions_total', { endpoint: 'partners', reason: 'bytes' })).toBe(1);
    expect(read('bjet_cache_evictions_total', { endpoint: 'uom', reason: 'bytes' })).toBe(1);
    expect(seriesOf(await metrics.registry.metrics(), 'bjet_cache_evictions_total')).toHaveLength(4);
    expect([store.size, store.bytes]).toEqual([1, 95]);
    expect(read('bjet_cache_entries', { endpoint: 'countries' })).toBe(1);
    expect(read('bjet_cache_bytes', { endpoint: 'countries' })).toBe(95);
    expect(read('bjet_cache_entries', { endpoint: 'partners' })).toBe(0);
    expect(read('bjet_cache_bytes', { endpoint: 'uom' })).toBe(0);

    // Replacing an entry changes its bytes, not the count; deletes are not evictions.
    await store.set(page('countries', 0), entry(50, 2));
    await store.set(record('partners', '9'), entry(20));
    await store.deleteLists('countries');
    read = await scrape(metrics);
    expect(read('bjet_cache_entries', { endpoint: 'countries' })).toBe(0);
    expect(read('bjet_cache_bytes', { endpoint: 'countries' })).toBe(0);
    expect(read('bjet_cache_entries', { endpoint: 'partners' })).toBe(1);
    expect(read('bjet_cache_bytes', { endpoint: 'partners' })).toBe(20);
    expect(seriesOf(await metrics.registry.metrics(), 'bjet_cache_evictions_total')).toHaveLength(4);
    await store.close();
    read = await scrape(metrics);
    expect(read('bjet_cache_entries', { endpoint: 'partners' })).toBe(0);
  });

  it('never counts a refused entry: too big, or older than the one there', async () => {
    const metrics = createMetrics();
    const store = createMemoryStore({ maxEntries: 10, maxBytes: 100, sink: metrics.cacheStore });
    await store.set(record('partners', '1'), entry(10, 5));
    await store.set(record('partners', '1'), entry(30, 4));
    await store.set(record('partners', '2'), entry(500));
    const read = await scrape(metrics);
    expect(read('bjet_cache_entries', { endpoint: 'partners' })).toBe(1);
    expect(read('bjet_cache_bytes', { endpoint: 'partners' })).toBe(10);
    expect(seriesOf(await metrics.registry.metrics(), 'bjet_cache_evictions_total')).toEqual([]);
  });
});
