import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/types.js';
import { createUpstreamClient } from '../../../src/upstream/create-upstream-client.js';
import { createClock, startCachedStack } from '../../support/cached-stack.js';
import { relativePath, type GraphQLResponse, type Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const PARTNER = 'query P($id: ID!) { partner(id: $id) { id name } }';
const PAGE = '{ partners(limit: 10) { items { id name } } }';
const RENAME = 'mutation R($id: ID!, $name: String!) { updatePartner(id: $id, input: { name: $name }) { id name } }';

function cost(response: GraphQLResponse): Record<string, number> {
  return (response.body.extensions as { cost: Record<string, number> }).cost;
}

function names(response: GraphQLResponse): string[] {
  return (response.body.data?.['partners'] as { items: { name: string }[] }).items.map((item) => item.name);
}

describe('own writes', () => {
  it('a mutation keeps the record it answered and drops the list pages: the next read by anyone sees it (read-your-writes)', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock);
    await stack.gql(PARTNER, { id: '1' });
    await stack.gql(PAGE);
    const renamed = await stack.gql(RENAME, { id: '1', name: 'Renamed Ltd' });
    expect(renamed.headers.get('cache-control')).toBe('no-store');
    stack.simulator.clearRecords();
    const one = await stack.gql(PARTNER, { id: '1' });
    expect(one.body.data).toEqual({ partner: { id: '1', name: 'Renamed Ltd' } });
    const page = await stack.gql(PAGE);
    expect(names(page)).toContain('Renamed Ltd');
    // The record is the write's answer (no call); the page is read again.
    expect(stack.calls().map(relativePath)).toEqual(['/partners']);
    expect(cost(one)).toMatchObject({ restCalls: 0, cacheHits: 1 });
  });

  it('a write no filter reads patches the list pages: they show it at once and are read again in the background', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock);
    const CITIES = '{ partners(limit: 10) { items { id city } } }';
    const MOVE = 'mutation M($id: ID!, $city: String) { updatePartner(id: $id, input: { city: $city }) { id city } }';
    await stack.gql(CITIES);
    await stack.gql(MOVE, { id: '1', city: 'Ghent' });
    stack.simulator.clearRecords();
    const page = await stack.gql(CITIES);
    const items = (page.body.data?.['partners'] as { items: { id: string; city: string | null }[] }).items;
    expect(items.find((item) => item.id === '1')?.city).toBe('Ghent');
    expect(items).toHaveLength(10);
    expect(cost(page)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
    await stack.server.settle();
    // The background refresh of the page, and nothing else.
    expect(stack.calls().map(relativePath)).toEqual(['/partners']);
    const after = await stack.gql(CITIES);
    expect(cost(after)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 0 });
  });

  it("the webhook's echo of our own write changes nothing; a pushed record that differs replaces it (pushed-records.test.ts)", async () => {
    const clock = createClock();
    stack = await startCachedStack(clock);
    const CITY = 'query P($id: ID!) { partner(id: $id) { id city } }';
    const MOVE = 'mutation M($id: ID!, $city: String) { updatePartner(id: $id, input: { city: $city }) { id city } }';
    await stack.gql(MOVE, { id: '4', city: 'Echoed' });
    const direct = createUpstreamClient(stack.config);
    const pushed = await direct.get('partners', '4', { requestId: 'outside', deadline: Date.now() + 10_000 });
    await direct.close();
    if (pushed === null) throw new Error('partner 4 is there');
    stack.simulator.clearRecords();
    const echo = { kind: 'updated', endpoint: 'partners', id: '4', writeDate: null, source: 'webhook', at: clock.now() } as const;
    stack.server.bus.publish({ ...echo, record: pushed });
    expect(cost(await stack.gql(CITY, { id: '4' }))).toMatchObject({ restCalls: 0, cacheHits: 1 });
    stack.server.bus.publish({ ...echo, record: { ...pushed, city: 'Changed in Odoo' } });
    await stack.server.settle();
    const changed = await stack.gql(CITY, { id: '4' });
    expect(changed.body.data).toEqual({ partner: { id: '4', city: 'Changed in Odoo' } });
    expect(cost(changed)).toMatchObject({ restCalls: 0, cacheHits: 1 });
    expect(stack.calls()).toEqual([]);
  });

  it('publishes the change on the bus, and drops on every change the bus carries (a webhook)', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock);
    const heard: string[] = [];
    stack.server.bus.subscribe((event) => heard.push(`${event.source} ${event.kind} ${event.endpoint}/${event.id}`));
    await stack.gql(RENAME, { id: '2', name: 'Second' });
    expect(heard).toEqual(['mutation updated partners/2']);
    await stack.gql(PARTNER, { id: '3' });
    // A change made elsewhere, as a webhook would report it.
    const direct = createUpstreamClient(stack.config);
    await direct.update('partners', '3', { name: 'Changed in Odoo' }, { requestId: 'outside', deadline: Date.now() + 10_000 });
    await direct.close();
    expect((await stack.gql(PARTNER, { id: '3' })).body.data).not.toEqual({ partner: { id: '3', name: 'Changed in Odoo' } });
    stack.server.bus.publish({ kind: 'updated', endpoint: 'partners', id: '3', record: null, writeDate: null, source: 'webhook', at: clock.now() });
    stack.simulator.clearRecords();
    expect((await stack.gql(PARTNER, { id: '3' })).body.data).toEqual({ partner: { id: '3', name: 'Changed in Odoo' } });
    expect(stack.calls().map(relativePath)).toEqual(['/partners/3']);
  });
});

/** Partners with forwarded auth, and partner 7 visible only to user A. */
function forwarded(config: Config): Config {
  return { ...config, endpoints: config.endpoints.map((endpoint) => (endpoint.name === 'partners' ? { ...endpoint, auth: { type: 'forward' } } : endpoint)) };
}

const USER_A = { authorization: 'Bearer token-user-a' };
const USER_B = { authorization: 'Bearer token-user-b' };

describe('partitions', () => {
  it("user B is never answered from user A's entries (per-token visibility)", async () => {
    const clock = createClock();
    stack = await startCachedStack(clock, {
      config: forwarded,
      simulator: { visibility: { partners: { tokens: ['token-user-a', 'token-user-b'], restricted: { '7': ['token-user-a'] } } } },
    });
    const a = await stack.gql(PARTNER, { id: '7' }, USER_A);
    expect(a.body.data?.['partner']).toMatchObject({ id: '7' });
    expect(a.headers.get('cache-control')).toBe('private, max-age=10');
    const b = await stack.gql(PARTNER, { id: '7' }, USER_B);
    expect(b.body.data).toEqual({ partner: null });
    expect(cost(b)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    // Each user's own entry answers them again.
    expect(cost(await stack.gql(PARTNER, { id: '7' }, USER_A))).toMatchObject({ restCalls: 0, cacheHits: 1 });
    expect((await stack.gql(PARTNER, { id: '7' }, USER_B)).body.data).toEqual({ partner: null });
    const pageA = await stack.gql(PAGE, {}, USER_A);
    const pageB = await stack.gql(PAGE, {}, USER_B);
    const ids = (response: GraphQLResponse): string[] => (response.body.data?.['partners'] as { items: { id: string }[] }).items.map((item) => item.id);
    expect(ids(pageA)).toContain('7');
    expect(ids(pageB)).not.toContain('7');
    expect(cost(pageB)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(stack.calls().map(relativePath)).toEqual(['/partners/7', '/partners/7', '/partners', '/partners']);
  });

  it("a user's write drops the record in every partition", async () => {
    const clock = createClock();
    stack = await startCachedStack(clock, {
      config: forwarded,
      simulator: { visibility: { partners: { tokens: ['token-user-a', 'token-user-b'], restricted: {} } } },
    });
    await stack.gql(PARTNER, { id: '8' }, USER_A);
    await stack.gql(PARTNER, { id: '8' }, USER_B);
    await stack.gql(RENAME, { id: '8', name: 'Written by A' }, USER_A);
    const b = await stack.gql(PARTNER, { id: '8' }, USER_B);
    expect(b.body.data).toEqual({ partner: { id: '8', name: 'Written by A' } });
    expect(cost(b)).toMatchObject({ restCalls: 1, cacheHits: 0 });
  });
});
