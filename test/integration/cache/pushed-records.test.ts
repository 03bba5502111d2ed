/**
 * Records Odoo pushes with `trustPayload`: a complete record of a cached service endpoint replaces
 * the version held and the list pages show it in place (flagged stale, one background refresh)
 * instead of being dropped, unless what changed cannot be told or a filter key a page names
 * changed. Edits are made inside Odoo (the simulator's admin route), pushed over the webhook.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/types.js';
import type { UpstreamRecord } from '../../../src/upstream/types.js';
import { createClock, type Clock } from '../../support/cached-stack.js';
import { startFeedStack, type FeedStack } from '../../support/feed-stack.js';
import { relativePath, type GraphQLResponse } from '../../support/start-stack.js';
import { withCache } from '../../support/with-cache.js';

let stack: FeedStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const PAGE = '{ partners(limit: 10) { items { id name city } } }';
const NAMED = 'query N($name: String) { partners(limit: 10, filter: { name: $name }) { items { id name } } }';
const PARTNER = 'query P($id: ID!) { partner(id: $id) { id name city } }';
const CITY = 'mutation M($id: ID!, $city: String) { updatePartner(id: $id, input: { city: $city }) { id city } }';

type Item = { id: string; name: string; city?: string | null };

function cost(response: GraphQLResponse): Record<string, number> {
  return (response.body.extensions as { cost: Record<string, number> }).cost;
}

function items(response: GraphQLResponse): Item[] {
  return (response.body.data?.['partners'] as { items: Item[] }).items;
}

async function start(clock: Clock, trustPayload = true, config: (c: Config) => Config = (c) => c): Promise<FeedStack> {
  return startFeedStack(
    { trustPayload },
    {
      cache: true,
      now: clock.now,
      simulator: { admin: true },
      config: (demo) => {
        const tuned = withCache(config(demo), { ttlSeconds: 10, staleWhileRevalidateSeconds: 20, staleIfErrorSeconds: 60 });
        return { ...tuned, upstream: { ...tuned.upstream, retries: { ...tuned.upstream.retries, attempts: 1 } } };
      },
    },
  );
}

/** A change made inside Odoo; the simulator answers with the record as the API maps it. */
async function editInOdoo(s: FeedStack, id: string, edit: unknown): Promise<UpstreamRecord> {
  const response = await fetch(`${new URL(s.simulator.baseUrl).origin}/__sim/odoo/partners/${id}`, { method: 'POST', body: JSON.stringify(edit) });
  expect(response.status).toBe(200);
  return (await response.json()) as UpstreamRecord;
}

/** Odoo edits partner `id` and pushes the record it now has; waits until it is applied. */
async function push(s: FeedStack, clock: Clock, id: string, set: Record<string, unknown>): Promise<UpstreamRecord> {
  const record = await editInOdoo(s, id, { set });
  expect((await s.deliver('/partners/updated', record)).status).toBe(202);
  await s.idle();
  // Reads from now on start after the push (a read in the same millisecond may have started before it).
  clock.advance(1);
  return record;
}

const paths = (s: FeedStack): string[] => s.calls().map(relativePath);

describe('a trusted pushed record', () => {
  it('of a key no filter reads: the held record is replaced and the pages show it at once, refreshed once in the background', async () => {
    const clock = createClock();
    stack = await start(clock);
    const first = items(await stack.gql(PAGE))[0];
    if (first === undefined) throw new Error('a page of partners');
    await push(stack, clock, first.id, { city: 'Pushed City' });
    stack.simulator.clearRecords();
    const page = await stack.gql(PAGE);
    expect(items(page)[0]).toEqual({ ...first, city: 'Pushed City' });
    expect(items(page)).toHaveLength(10);
    expect(cost(page)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
    // The record read by id is the pushed one: no call.
    const one = await stack.gql(PARTNER, { id: first.id });
    expect(one.body.data).toEqual({ partner: { ...first, city: 'Pushed City' } });
    expect(cost(one)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 0 });
    await stack.server.settle();
    // The background refresh of the page, and nothing else; the page is fresh again after it.
    expect(paths(stack)).toEqual(['/partners']);
    expect(cost(await stack.gql(PAGE))).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 0 });
    expect(paths(stack)).toEqual(['/partners']);
  });

  it('is shown by a page served instead of a failure (stale-if-error) too', async () => {
    const clock = createClock();
    stack = await start(clock);
    const first = items(await stack.gql(PAGE))[0];
    if (first === undefined) throw new Error('a page of partners');
    await push(stack, clock, first.id, { city: 'Pushed City' });
    // Past the stale window: a miss, and the upstream fails.
    clock.advance(31_000);
    stack.simulator.addFault('partners', { kind: 'status-500', count: 1 });
    stack.simulator.clearRecords();
    const page = await stack.gql(PAGE);
    expect(items(page)[0]).toEqual({ ...first, city: 'Pushed City' });
    expect(page.body.extensions?.['warnings']).toEqual([expect.objectContaining({ code: 'STALE_ANSWER' })]);
    expect(cost(page)).toMatchObject({ restCalls: 1, cacheHits: 1, staleHits: 1 });
    expect(stack.calls().map((call) => call.status)).toEqual([500]);
  });

  it('of a filter key: a page naming that key is read again; the others are patched', async () => {
    const clock = createClock();
    stack = await start(clock);
    const first = items(await stack.gql(PAGE))[0];
    if (first === undefined) throw new Error('a page of partners');
    const before = await stack.gql(NAMED, { name: 'Pushed Name' });
    expect(items(before)).toEqual([]);
    await push(stack, clock, first.id, { name: 'Pushed Name Ltd' });
    stack.simulator.clearRecords();
    // The record entered the named page: it is read again, in the foreground.
    const named = await stack.gql(NAMED, { name: 'Pushed Name' });
    expect(items(named)).toEqual([{ id: first.id, name: 'Pushed Name Ltd' }]);
    expect(cost(named)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(paths(stack)).toEqual(['/partners']);
    // A page that filters on nothing the push changed shows it in place.
    const page = await stack.gql(PAGE);
    expect(items(page)[0]).toEqual({ ...first, name: 'Pushed Name Ltd' });
    expect(cost(page)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
    await stack.server.settle();
    expect(paths(stack)).toEqual(['/partners', '/partners']);
    // Read since the push, the named page is not read again.
    expect(cost(await stack.gql(NAMED, { name: 'Pushed Name' }))).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 0 });
  });

  it('of a record no partition holds, or an archived one, drops the pages as a hint does', async () => {
    const clock = createClock();
    stack = await start(clock);
    const page = items(await stack.gql(PAGE));
    const held = page[0];
    if (held === undefined) throw new Error('a page of partners');
    const unheld = '40';
    expect(page.some((item) => item.id === unheld)).toBe(false);
    await push(stack, clock, unheld, { city: 'Nowhere' });
    stack.simulator.clearRecords();
    expect(cost(await stack.gql(PAGE))).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(cost(await stack.gql(PARTNER, { id: unheld }))).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(paths(stack)).toEqual(['/partners', `/partners/${unheld}`]);
    // Archived: Odoo's active test moves it out of every page, whatever the page filters on.
    const archived = await editInOdoo(stack, held.id, { archive: true });
    await stack.deliver('/partners/updated', archived);
    await stack.idle();
    stack.simulator.clearRecords();
    const after = await stack.gql(PAGE);
    expect(items(after).map((item) => item.id)).not.toContain(held.id);
    expect(cost(after)).toMatchObject({ restCalls: 1, cacheHits: 0 });
  });

  it('is harmless as an echo of our own write, a repeated delivery, or another replica’s patch', async () => {
    const clock = createClock();
    stack = await start(clock);
    const first = items(await stack.gql(PAGE))[0];
    if (first === undefined) throw new Error('a page of partners');
    await stack.gql(CITY, { id: first.id, city: 'Own City' });
    // Odoo pushes our own write back, twice (the module retries).
    const echo = await editInOdoo(stack, first.id, { set: { city: 'Own City' } });
    await stack.deliver('/partners/updated', echo);
    await stack.deliver('/partners/updated', echo);
    await stack.idle();
    // Another replica's write that patched its pages.
    const other = await editInOdoo(stack, '2', { set: { city: 'Replica City' } });
    stack.server.bus.publish({
      kind: 'updated',
      endpoint: 'partners',
      id: '2',
      record: other,
      writeDate: null,
      source: 'mutation',
      at: clock.now(),
      listsPatched: true,
    });
    stack.simulator.clearRecords();
    const page = await stack.gql(PAGE);
    expect(items(page).find((item) => item.id === first.id)?.city).toBe('Own City');
    expect(items(page).find((item) => item.id === '2')?.city).toBe('Replica City');
    expect(cost(page)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
    expect(cost(await stack.gql(PARTNER, { id: first.id }))).toMatchObject({ restCalls: 0, cacheHits: 1 });
    await stack.server.settle();
    expect(paths(stack)).toEqual(['/partners']);
  });
});

describe('a hint (no trustPayload)', () => {
  it('drops the record, reads it again once, then shows it in the pages as a trusted record would be', async () => {
    const clock = createClock();
    stack = await start(clock, false);
    const first = items(await stack.gql(PAGE))[0];
    if (first === undefined) throw new Error('a page of partners');
    stack.simulator.clearRecords();
    await push(stack, clock, first.id, { city: 'Hinted City' });
    await stack.server.settle();
    // One read of the record, not of the pages.
    expect(paths(stack)).toEqual([`/partners/${first.id}`]);
    stack.simulator.clearRecords();
    const page = await stack.gql(PAGE);
    expect(items(page)[0]).toEqual({ ...first, city: 'Hinted City' });
    expect(cost(page)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
    expect(cost(await stack.gql(PARTNER, { id: first.id }))).toMatchObject({ restCalls: 0, cacheHits: 1 });
    await stack.server.settle();
    expect(paths(stack)).toEqual(['/partners']);
  });

  it('of a filter key: the page naming it is read again, the others are patched', async () => {
    const clock = createClock();
    stack = await start(clock, false);
    const first = items(await stack.gql(PAGE))[0];
    if (first === undefined) throw new Error('a page of partners');
    expect(items(await stack.gql(NAMED, { name: 'Hinted Name' }))).toEqual([]);
    await push(stack, clock, first.id, { name: 'Hinted Name Ltd' });
    await stack.server.settle();
    stack.simulator.clearRecords();
    const named = await stack.gql(NAMED, { name: 'Hinted Name' });
    expect(items(named)).toEqual([{ id: first.id, name: 'Hinted Name Ltd' }]);
    expect(cost(named)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    const page = await stack.gql(PAGE);
    expect(items(page)[0]).toEqual({ ...first, name: 'Hinted Name Ltd' });
    expect(cost(page)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
  });

  it('of a record no partition holds drops the pages: nothing tells what they lack', async () => {
    const clock = createClock();
    stack = await start(clock, false);
    const page = items(await stack.gql(PAGE));
    const unheld = '40';
    expect(page.some((item) => item.id === unheld)).toBe(false);
    await push(stack, clock, unheld, { city: 'Nowhere' });
    await stack.server.settle();
    stack.simulator.clearRecords();
    expect(cost(await stack.gql(PAGE))).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(paths(stack)).toEqual(['/partners']);
  });
});

describe('what a push does not keep', () => {
  it('a record of a forward-auth endpoint (it has no user’s visibility) drops them', async () => {
    const clock = createClock();
    const forward = (config: Config): Config => ({
      ...config,
      endpoints: config.endpoints.map((endpoint) => (endpoint.name === 'partners' ? { ...endpoint, auth: { type: 'forward' } } : endpoint)),
    });
    stack = await start(clock, true, forward);
    const user = { authorization: 'Bearer demo-token' };
    const first = items(await stack.gql(PAGE, {}, user))[0];
    if (first === undefined) throw new Error('a page of partners');
    await push(stack, clock, first.id, { city: 'Private City' });
    stack.simulator.clearRecords();
    const page = await stack.gql(PAGE, {}, user);
    expect(items(page)[0]?.city).toBe('Private City');
    expect(cost(page)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(cost(await stack.gql(PARTNER, { id: first.id }, user))).toMatchObject({ restCalls: 0, cacheHits: 1 });
  });
});
