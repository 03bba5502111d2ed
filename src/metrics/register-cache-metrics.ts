/**
 * The record cache's store in the metrics: evictions, entries and bytes read from the store's own
 * tally at each scrape (nothing walks the cache, and a set touches no metric). For the Redis store
 * these are its local tier's: what Redis itself holds is Redis's to report.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CacheHeld, CacheStoreSink, EvictionReason } from '../cache/create-cache-tally.js';

const REASONS: readonly EvictionReason[] = ['entries', 'bytes', 'endpoint', 'expired'];

export function registerCacheMetrics(registers: Registry[]): CacheStoreSink {
  let readHeld: (() => ReadonlyMap<string, CacheHeld>) | null = null;
  new Counter({
    name: 'bjet_cache_evictions_total',
    help: 'Cache entries dropped without a delete, by endpoint and reason: the entry bound, the byte bound, the endpoint bound, or expired',
    labelNames: ['endpoint', 'reason'],
    registers,
    collect() {
      this.reset();
      for (const [endpoint, held] of readHeld?.() ?? []) {
        for (const reason of REASONS) if (held.evictions[reason] > 0) this.inc({ endpoint, reason }, held.evictions[reason]);
      }
    },
  });
  const heldGauge = (name: string, help: string, pick: (held: CacheHeld) => number): Gauge =>
    new Gauge({
      name,
      help,
      labelNames: ['endpoint'],
      registers,
      collect() {
        for (const [endpoint, held] of readHeld?.() ?? []) this.set({ endpoint }, pick(held));
      },
    });
  heldGauge('bjet_cache_entries', 'Entries the in-process cache holds now, by endpoint', (held) => held.entries);
  heldGauge('bjet_cache_bytes', 'Approximate bytes (JSON length) of the entries the in-process cache holds now, by endpoint', (held) => held.bytes);
  return {
    watch(read) {
      readHeld = read;
    },
  };
}
