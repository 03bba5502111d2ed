import { describe, expect, it } from 'vitest';
import { FULLY_CACHED_TTL_SECONDS, withFullCache, withoutCache } from '../../../bench/lib/cache-variants.js';

const config = {
  upstream: { baseUrl: 'http://127.0.0.1:1/bj_api_sync/v1', concurrency: 64, cache: { maxEntries: 500, ttlSeconds: 5 } },
  endpoints: {
    partners: { filters: ['name'], cache: false },
    countries: { idListFilter: 'ids', cache: { ttlSeconds: 1 } },
    uom: {},
  },
  server: { budget: 200 },
};

describe('withFullCache', () => {
  it('caches every endpoint under a day-long TTL, keeping the other settings', () => {
    const changed = withFullCache(config);
    expect(changed.upstream).toEqual({
      baseUrl: 'http://127.0.0.1:1/bj_api_sync/v1',
      concurrency: 64,
      cache: { maxEntries: 500, ttlSeconds: FULLY_CACHED_TTL_SECONDS, staleWhileRevalidateSeconds: 0 },
    });
    expect(changed.endpoints).toEqual({ partners: { filters: ['name'] }, countries: { idListFilter: 'ids' }, uom: {} });
    expect(changed.server).toEqual({ budget: 200 });
    expect(FULLY_CACHED_TTL_SECONDS).toBeGreaterThanOrEqual(3600);
  });

  it('leaves the config it was given as it was', () => {
    const before = JSON.stringify(config);
    withFullCache(config);
    withoutCache(config);
    expect(JSON.stringify(config)).toBe(before);
  });
});

describe('withoutCache', () => {
  it('says `cache: false` on every endpoint and changes nothing else', () => {
    const changed = withoutCache(config);
    expect(changed.endpoints).toEqual({
      partners: { filters: ['name'], cache: false },
      countries: { idListFilter: 'ids', cache: false },
      uom: { cache: false },
    });
    expect(changed.upstream).toEqual(config.upstream);
  });
});
