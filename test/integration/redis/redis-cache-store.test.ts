import { afterEach, describe, expect, it } from 'vitest';
import type { CacheEntry, CacheKey, CacheStore } from '../../../src/cache/types.js';
import { createRedisCacheStore } from '../../../src/redis/create-redis-cache-store.js';
import type { RedisLink } from '../../../src/redis/create-redis-link.js';
import { openLink, until } from '../../support/redis-link.js';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';

const redis = useRedisPerFile({ flush: true });
const links: RedisLink[] = [];
const stores: CacheStore[] = [];
let clock = Date.now();

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const link of links.splice(0)) await link.close();
});

/** A replica's store: its own connection, the shared Redis. */
async function replica(): Promise<CacheStore> {
  const link = await openLink(redis.url);
  links.push(link);
  const store = createRedisCacheStore({ link, localMaxEntries: 100, localMaxBytes: 1024 * 1024, now: () => clock });
  stores.push(store);
  // The invalidation channel is subscribed once the subscriber connection is up.
  await until(async () => (await redis.admin.pubsub('NUMSUB', 'test:cache:inv'))[1] === links.length);
  return store;
}

function entry(name: string, version: number, options: { fetchedAt?: number; ttlMs?: number } = {}): CacheEntry {
  const fetchedAt = options.fetchedAt ?? clock;
  const fresh = fetchedAt + (options.ttlMs ?? 60_000);
  return { value: { id: 1, name }, fetchedAt, freshUntil: fresh, staleUntil: fresh + 1000, staleIfErrorUntil: fresh + 5000, version, bytes: 20 };
}

const rec = (partition = 'service', id = '1'): CacheKey => ({ kind: 'record', endpoint: 'partners', partition, id });
const list = (query: string, partition = 'service'): CacheKey => ({ kind: 'list', endpoint: 'partners', partition, query });
const nameOf = (found: CacheEntry | undefined): unknown => (found?.value as { name?: unknown } | null | undefined)?.name;

describe('redis cache store', () => {
  it('serves what one replica stored to another', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.set(rec(), entry('Azure', 1));
    expect(nameOf(await b.get(rec()))).toBe('Azure');
    expect(await b.get(rec('service', '2'))).toBeUndefined();
  });

  it('never lets a late write with a lower version replace a higher one', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.set(rec(), entry('new', 2));
    await b.set(rec(), entry('old', 1));
    const c = await replica();
    expect(nameOf(await c.get(rec()))).toBe('new');
    expect(nameOf(await b.get(rec()))).toBe('new');
    expect(await redis.admin.hget('test:r:{partners:1}:service', 'v')).toBe('2');
  });

  it('refuses an answer fetched before a delete (a GET that raced the invalidation)', async () => {
    const [a, b] = [await replica(), await replica()];
    const fetchedAt = clock;
    clock += 10;
    await a.deleteRecord('partners', '1');
    await b.set(rec(), entry('before the delete', 5, { fetchedAt }));
    await b.set(list('limit=20'), entry('list before', 5, { fetchedAt: clock - 5 }));
    await a.deleteLists('partners');
    await b.set(list('limit=20'), entry('list before', 5, { fetchedAt: clock - 5 }));
    expect(await (await replica()).get(rec())).toBeUndefined();
    expect(await (await replica()).get(list('limit=20'))).toBeUndefined();
    clock += 10;
    await b.set(rec(), entry('after', 6));
    expect(nameOf(await a.get(rec()))).toBe('after');
  });

  it('keeps partitions apart and keys free of anything but the partition hash', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.set(rec('u:aaaa'), entry('for a', 1));
    expect(await b.get(rec('u:bbbb'))).toBeUndefined();
    expect(nameOf(await b.get(rec('u:aaaa')))).toBe('for a');
    expect((await redis.admin.keys('*')).sort()).toEqual(['test:r:{partners:1}:u%3Aaaaa', 'test:ri:{partners:1}']);
    expect(await redis.admin.smembers('test:ri:{partners:1}')).toEqual(['u%3Aaaaa']);
  });

  it('sets the Redis TTL to the last moment the entry may be served', async () => {
    const a = await replica();
    await a.set(rec(), entry('x', 1, { ttlMs: 10_000 }));
    const ttl = await redis.admin.pttl('test:r:{partners:1}:service');
    expect(ttl).toBeGreaterThan(14_000);
    expect(ttl).toBeLessThanOrEqual(15_000);
  });

  it('deletes a record in every partition, and in the other replicas local tiers', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.set(rec('u:aaaa'), entry('a', 1));
    await a.set(rec('u:bbbb'), entry('b', 1));
    await a.set(rec('u:aaaa', '2'), entry('other id', 1));
    expect(nameOf(await b.get(rec('u:aaaa')))).toBe('a');
    await a.deleteRecord('partners', '1');
    await until(async () => (await b.get(rec('u:aaaa'))) === undefined);
    expect(await b.get(rec('u:bbbb'))).toBeUndefined();
    expect(nameOf(await b.get(rec('u:aaaa', '2')))).toBe('other id');
    expect(await redis.admin.exists('test:r:{partners:1}:u%3Aaaaa', 'test:r:{partners:1}:u%3Abbbb', 'test:ri:{partners:1}')).toBe(0);
  });

  it('deletes one partition only when asked', async () => {
    const a = await replica();
    await a.set(rec('u:aaaa'), entry('a', 1));
    await a.set(rec('u:bbbb'), entry('b', 1));
    await a.deleteRecord('partners', '1', 'u:aaaa');
    expect(await (await replica()).get(rec('u:aaaa'))).toBeUndefined();
    expect(nameOf(await a.get(rec('u:bbbb')))).toBe('b');
  });

  it('drops every list of an endpoint in O(1): one generation bump, no key deleted', async () => {
    const [a, b] = [await replica(), await replica()];
    for (let page = 0; page < 30; page += 1) await a.set(list(`limit=10&offset=${page * 10}`), entry(`page ${page}`, 1));
    await a.set({ kind: 'list', endpoint: 'countries', partition: 'service', query: 'limit=10' }, entry('countries', 1));
    expect(nameOf(await b.get(list('limit=10&offset=0')))).toBe('page 0');
    const keysBefore = await redis.admin.dbsize();
    clock += 1;
    await a.deleteLists('partners');
    // Only the endpoint's meta hash is new; the 30 pages stay until their TTL, unreachable.
    expect(await redis.admin.dbsize()).toBe(keysBefore + 1);
    await until(async () => (await b.get(list('limit=10&offset=0'))) === undefined);
    expect(await a.get(list('limit=10&offset=290'))).toBeUndefined();
    expect(nameOf(await b.get({ kind: 'list', endpoint: 'countries', partition: 'service', query: 'limit=10' }))).toBe('countries');
    expect(await redis.admin.hget('test:lm:{partners}', 'g')).toBe('1');
  });

  it('lets one replica claim a piece of shared work until its time is up', async () => {
    const [a, b] = [await replica(), await replica()];
    expect(await a.claim?.('sweep:partners:x', 200)).toBe(true);
    expect(await b.claim?.('sweep:partners:x', 200)).toBe(false);
    expect(await a.claim?.('sweep:partners:x', 200)).toBe(false);
    expect(await b.claim?.('sweep:products:x', 200)).toBe(true);
    const ttl = await redis.admin.pttl('test:cache:claim:sweep:partners:x');
    expect(ttl > 0 && ttl <= 200).toBe(true);
    await redis.admin.del('test:cache:claim:sweep:partners:x');
    expect(await b.claim?.('sweep:partners:x', 200)).toBe(true);
  });
});
