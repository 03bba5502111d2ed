/** What the caching client needs to know per endpoint, in milliseconds, computed once from the config. */
import type { Config } from '../config/types.js';

export interface EndpointCacheSettings {
  readonly endpoint: string;
  /** The endpoint's id-list filter key: records are then read per id and their misses batched. */
  readonly idListFilter: string | null;
  /** Ids in one id-list call (the endpoint's page size). */
  readonly maxBatch: number;
  /** The endpoint's filter keys: a write to one of them may move a record across list pages. */
  readonly filters: ReadonlySet<string>;
  /** false: answers are passed through and never kept. */
  readonly cached: boolean;
  /** `forward` auth: every user has their own partition, and answers are personal (`private`). */
  readonly personal: boolean;
  readonly idKey: string;
  readonly ttlMs: number;
  readonly staleWhileRevalidateMs: number;
  readonly staleIfErrorMs: number;
  readonly maxEntries: number;
  /** Read the endpoint whole when it has at most this many records (0: never; endpoint-sweeps.ts). */
  readonly sweepMaxRecords: number;
}

export function buildCacheSettings(config: Config): Map<string, EndpointCacheSettings> {
  const settings = new Map<string, EndpointCacheSettings>();
  for (const endpoint of config.endpoints) {
    const cache = endpoint.cache;
    settings.set(endpoint.name, {
      endpoint: endpoint.name,
      idListFilter: endpoint.idListFilter,
      maxBatch: endpoint.maxPageSize,
      filters: new Set(endpoint.filters),
      cached: cache !== null && cache.ttlSeconds > 0,
      personal: (endpoint.auth ?? config.upstream.auth).type === 'forward',
      idKey: endpoint.idKey,
      ttlMs: (cache?.ttlSeconds ?? 0) * 1000,
      staleWhileRevalidateMs: (cache?.staleWhileRevalidateSeconds ?? 0) * 1000,
      staleIfErrorMs: (cache?.staleIfErrorSeconds ?? 0) * 1000,
      maxEntries: cache?.maxEntries ?? 0,
      sweepMaxRecords: cache?.sweepMaxRecords ?? 0,
    });
  }
  return settings;
}
