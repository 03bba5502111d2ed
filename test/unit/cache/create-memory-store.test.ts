import { describe, expect, it } from 'vitest';
import { staleMayCover } from '../../../src/cache/build-cache-entry.js';
import { createMemoryStore } from '../../../src/cache/create-memory-store.js';
import type { CacheEntry, CacheKey } from '../../../src/cache/types.js';
import { BjetError } from '../../../src/errors/bjet-error.js';

function entry(bytes: number, version = 1): CacheEntry {
  return { value: { id: 1 }, fetchedAt: 0, freshUntil: 10, staleUntil: 20, staleIfErrorUntil: 30, version, bytes };
}

const page = (endpoint: string, offset: number, partition = 'service'): CacheKey => ({ kind: 'list', endpoint, partition, query: `limit=20&offset=${offset}` });
const record = (endpoint: string, id: string, partition = 'service'): CacheKey => ({ kind: 'record', endpoint, partition, id });

describe('createMemoryStore', () => {
  it('holds the byte bound under a flood of distinct pages, dropping the least recently used', async () => {
    const store = createMemoryStore({ maxEntries: 100_000, maxBytes: 50_000 });
    for (let offset = 0; offset < 5_000; offset += 1) {
      await store.set(page('partners', offset), entry(1_000 + (offset % 7)));
      expect(store.bytes).toBeLessThanOrEqual(50_000);
    }
    expect(store.size).toBeLessThanOrEqual(50);
    expect(store.getSync(page('partners', 4_999))).toBeDefined();
    expect(await store.get(page('partners', 0))).toBeUndefined();
  });

  it('never keeps an entry larger than the whole bound, and drops the older answer it replaces', async () => {
    const store = createMemoryStore({ maxEntries: 10, maxBytes: 1_000 });
    await store.set(record('partners', '1'), entry(10, 1));
    await store.set(record('partners', '1'), entry(5_000, 2));
    expect(store.getSync(record('partners', '1'))).toBeUndefined();
    expect(store.bytes).toBe(0);
  });

  it("holds the entry bound and each endpoint's own bound", async () => {
    const store = createMemoryStore({ maxEntries: 5, maxBytes: 1_000_000, maxEntriesOf: (name) => (name === 'uom' ? 2 : 5) });
    for (let i = 0; i < 4; i += 1) await store.set(record('uom', String(i)), entry(10));
    expect([0, 1, 2, 3].map((i) => store.getSync(record('uom', String(i))) !== undefined)).toEqual([false, false, true, true]);
    for (let i = 0; i < 6; i += 1) await store.set(record('partners', String(i)), entry(10));
    expect(store.size).toBe(5);
  });

  it('never replaces an entry with one of a lower version', async () => {
    const store = createMemoryStore({ maxEntries: 10, maxBytes: 1_000 });
    await store.set(record('partners', '1'), entry(10, 5));
    await store.set(record('partners', '1'), entry(20, 4));
    expect(store.getSync(record('partners', '1'))?.version).toBe(5);
    await store.set(record('partners', '1'), entry(20, 6));
    expect(store.getSync(record('partners', '1'))?.version).toBe(6);
    expect(store.bytes).toBe(20);
  });

  it('drops a record in every partition or in one, and every list page of an endpoint', async () => {
    const store = createMemoryStore({ maxEntries: 100, maxBytes: 100_000 });
    for (const partition of ['u:a', 'u:b', 'u:c']) {
      await store.set(record('partners', '7', partition), entry(10));
      await store.set(page('partners', 0, partition), entry(10));
    }
    await store.set(page('countries', 0), entry(10));
    await store.deleteRecord('partners', '7', 'u:a');
    expect(['u:a', 'u:b', 'u:c'].map((p) => store.getSync(record('partners', '7', p)) !== undefined)).toEqual([false, true, true]);
    await store.deleteRecord('partners', '7');
    expect(['u:b', 'u:c'].map((p) => store.getSync(record('partners', '7', p)))).toEqual([undefined, undefined]);
    await store.deleteLists('partners');
    expect(['u:a', 'u:b', 'u:c'].map((p) => store.getSync(page('partners', 0, p)))).toEqual([undefined, undefined, undefined]);
    expect(store.getSync(page('countries', 0))).toBeDefined();
    expect(store.size).toBe(1);
  });
});

describe('staleMayCover', () => {
  const failure = (code: ConstructorParameters<typeof BjetError>[0], status?: number) =>
    new BjetError(code, 'x', status === undefined ? {} : { upstream: { status, endpoint: 'partners', method: 'GET', path: '/partners/{id}' } });
  it('covers the upstream failing or limiting, never an answer it meant', () => {
    expect(staleMayCover(failure('UPSTREAM_TIMEOUT'))).toBe(true);
    expect(staleMayCover(failure('UPSTREAM_UNAVAILABLE'))).toBe(true);
    expect(staleMayCover(failure('UPSTREAM_RATE_LIMITED', 429))).toBe(true);
    expect(staleMayCover(failure('UPSTREAM_ERROR', 502))).toBe(true);
    expect(staleMayCover(failure('UPSTREAM_ERROR', 418))).toBe(false);
    expect(staleMayCover(failure('UNAUTHENTICATED', 401))).toBe(false);
    expect(staleMayCover(failure('FORBIDDEN', 403))).toBe(false);
    expect(staleMayCover(failure('BAD_USER_INPUT', 400))).toBe(false);
    expect(staleMayCover(new Error('boom'))).toBe(false);
  });
});
