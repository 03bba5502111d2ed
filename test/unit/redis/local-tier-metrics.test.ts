/** The local tier in front of Redis: its tally and evictions, read back through the real metrics registry. */
import { describe, expect, it } from 'vitest';
import type { CacheEntry, CacheKey } from '../../../src/cache/types.js';
import { createMetrics } from '../../../src/metrics/create-metrics.js';
import { LocalTier } from '../../../src/redis/local-tier.js';
import { readMetric, seriesOf } from '../../support/read-metric.js';

const record = (endpoint: string, id: string): CacheKey => ({ kind: 'record', endpoint, partition: 'service', id });

function entry(bytes: number, lastUse: number, version = 1): CacheEntry {
  return { value: { id: 1 }, fetchedAt: 0, freshUntil: lastUse - 20, staleUntil: lastUse - 10, staleIfErrorUntil: lastUse, version, bytes };
}

describe('local tier metrics', () => {
  it('counts the entry bound, the byte bound and expiry apart, and tallies what is held', async () => {
    let clock = 0;
    const metrics = createMetrics();
    const tier = new LocalTier({ maxEntries: 3, maxBytes: 100, now: () => clock, sink: metrics.cacheStore });
    tier.set(record('partners', '1'), entry(10, 1000));
    tier.set(record('partners', '2'), entry(10, 1000));
    tier.set(record('uom', '1'), entry(10, 50));
    // Three entries at most: partners 1 goes; then 105 bytes are over 100: partners 2 goes too.
    tier.set(record('partners', '3'), entry(85, 1000));
    clock = 50;
    // uom 1 is past its last useful moment: dropped when read.
    expect(tier.get(record('uom', '1'))).toBeUndefined();
    const text = await metrics.registry.metrics();
    expect(readMetric(text, 'bjet_cache_evictions_total', { endpoint: 'partners', reason: 'entries' })).toBe(1);
    expect(readMetric(text, 'bjet_cache_evictions_total', { endpoint: 'partners', reason: 'bytes' })).toBe(1);
    expect(readMetric(text, 'bjet_cache_evictions_total', { endpoint: 'uom', reason: 'expired' })).toBe(1);
    expect(seriesOf(text, 'bjet_cache_evictions_total')).toHaveLength(3);
    expect(readMetric(text, 'bjet_cache_entries', { endpoint: 'partners' })).toBe(1);
    expect(readMetric(text, 'bjet_cache_bytes', { endpoint: 'partners' })).toBe(85);
    expect(readMetric(text, 'bjet_cache_entries', { endpoint: 'uom' })).toBe(0);
    expect(tier.size).toBe(1);
    // A delete and a clear are no evictions, and leave nothing tallied.
    tier.set(record('uom', '2'), entry(5, 1000));
    tier.deleteRecord('uom', '2');
    tier.clear();
    const after = await metrics.registry.metrics();
    expect(seriesOf(after, 'bjet_cache_evictions_total')).toHaveLength(3);
    expect(readMetric(after, 'bjet_cache_bytes', { endpoint: 'partners' })).toBe(0);
    expect(readMetric(after, 'bjet_cache_entries', { endpoint: 'uom' })).toBe(0);
  });
});
