import { afterEach, describe, expect, it } from 'vitest';
import { createClock, startCachedStack, type Clock } from '../../support/cached-stack.js';
import { relativePath, type GraphQLResponse, type Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const PARTNER = 'query P($id: ID!) { partner(id: $id) { id name } }';
const PAGE = '{ partners(limit: 3) { items { id name } } }';

function cost(response: GraphQLResponse): Record<string, number> {
  return (response.body.extensions as { cost: Record<string, number> }).cost;
}

async function started(clock: Clock): Promise<Stack> {
  stack = await startCachedStack(clock);
  return stack;
}

describe('cached reads', () => {
  it('a second read is a hit: no REST call, counted in extensions.cost, max-age from the entry', async () => {
    const clock = createClock();
    const s = await started(clock);
    const first = await s.gql(PARTNER, { id: '1' });
    expect(cost(first)).toMatchObject({ restCalls: 1, cacheHits: 0, staleHits: 0 });
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    s.simulator.clearRecords();
    clock.advance(4_000);
    const second = await s.gql(PARTNER, { id: '1' });
    expect(second.body.data).toEqual(first.body.data);
    expect(s.calls()).toHaveLength(0);
    expect(cost(second)).toMatchObject({ restCalls: 0, sharedCalls: 0, cacheHits: 1, staleHits: 0 });
    expect(second.headers.get('cache-control')).toBe('public, max-age=6');
  });

  it('records a list page returned answer later by-id reads', async () => {
    const clock = createClock();
    const s = await started(clock);
    const page = await s.gql(PAGE);
    const items = (page.body.data?.['partners'] as { items: { id: string; name: string }[] }).items;
    s.simulator.clearRecords();
    const one = await s.gql(PARTNER, { id: items[1]?.id });
    expect(one.body.data).toEqual({ partner: items[1] });
    expect(s.calls()).toHaveLength(0);
    const again = await s.gql(PAGE);
    expect(again.body.data).toEqual(page.body.data);
    expect(s.calls()).toHaveLength(0);
  });

  it('past the TTL it serves stale and refreshes once; past TTL + stale window it reads through', async () => {
    const clock = createClock();
    const s = await started(clock);
    await s.gql(PARTNER, { id: '2' });
    s.simulator.clearRecords();
    clock.advance(10_000);
    const stale = await s.gql(PARTNER, { id: '2' });
    expect(cost(stale)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
    expect(stale.headers.get('cache-control')).toBe('public, max-age=0');
    await s.server.settle();
    expect(s.calls().map(relativePath)).toEqual(['/partners/2']);
    // The refresh made a fresh entry.
    s.simulator.clearRecords();
    const fresh = await s.gql(PARTNER, { id: '2' });
    expect(cost(fresh)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 0 });
    // TTL + stale window after the refresh: a plain miss, answered by the upstream in the operation.
    clock.advance(30_000);
    const expired = await s.gql(PARTNER, { id: '2' });
    expect(cost(expired)).toMatchObject({ restCalls: 1, cacheHits: 0, staleHits: 0 });
    expect(s.calls().map(relativePath)).toEqual(['/partners/2']);
  });

  it('50 concurrent stale reads of one key start exactly one background refresh', async () => {
    const clock = createClock();
    const s = await started(clock);
    await s.gql(PARTNER, { id: '3' });
    s.simulator.clearRecords();
    clock.advance(15_000);
    const responses = await Promise.all(Array.from({ length: 50 }, () => s.gql(PARTNER, { id: '3' })));
    // Operations that arrive after the refresh landed get a fresh hit; none sends anything itself.
    for (const response of responses) expect(cost(response)).toMatchObject({ restCalls: 0, cacheHits: 1 });
    expect(cost(responses[0] as GraphQLResponse)['staleHits']).toBe(1);
    await s.server.settle();
    expect(s.calls().map(relativePath)).toEqual(['/partners/3']);
  });

  it('forwarded headers (accept-language) are part of the key, as they are of the request', async () => {
    const clock = createClock();
    const s = await started(clock);
    await s.gql(PARTNER, { id: '1' }, { 'accept-language': 'fr' });
    expect(cost(await s.gql(PARTNER, { id: '1' }, { 'accept-language': 'de' }))).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(cost(await s.gql(PARTNER, { id: '1' }, { 'accept-language': 'fr' }))).toMatchObject({ restCalls: 0, cacheHits: 1 });
    expect(cost(await s.gql(PARTNER, { id: '1' }))).toMatchObject({ restCalls: 1, cacheHits: 0 });
  });

  it('an unknown id is kept as absent for the TTL only', async () => {
    const clock = createClock();
    const s = await started(clock);
    expect((await s.gql(PARTNER, { id: '999999' })).body.data).toEqual({ partner: null });
    expect((await s.gql(PARTNER, { id: '999999' })).body.data).toEqual({ partner: null });
    expect(s.calls()).toHaveLength(1);
    clock.advance(10_000);
    const after = await s.gql(PARTNER, { id: '999999' });
    expect(cost(after)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(s.calls()).toHaveLength(2);
  });

  it('Cache-Control: no-cache on the request reads past the cache and refreshes the entry', async () => {
    const clock = createClock();
    const s = await started(clock);
    await s.gql(PARTNER, { id: '4' });
    clock.advance(6_000);
    const bypass = await s.gql(PARTNER, { id: '4' }, { 'cache-control': 'no-cache' });
    expect(cost(bypass)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(s.calls()).toHaveLength(2);
    // The refreshed entry counts its freshness from the bypassing read.
    clock.advance(6_000);
    const hit = await s.gql(PARTNER, { id: '4' });
    expect(cost(hit)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 0 });
    expect(hit.headers.get('cache-control')).toBe('public, max-age=4');
  });

  it('an endpoint with cache: false is never kept, and the response says max-age=0', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock, { uncached: ['partners'] });
    await stack.gql(PAGE);
    const second = await stack.gql(PAGE);
    expect(cost(second)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(stack.calls().map(relativePath)).toEqual(['/partners', '/partners']);
    expect(second.headers.get('cache-control')).toBe('public, max-age=0');
  });
});
