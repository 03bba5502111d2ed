/**
 * The eager-refresh budget: re-reads of pushed hints for waiting subscribers, counted per 60 s on
 * the server's clock (injected here), each endpoint with its own budget counted apart, and run at
 * background priority so that they never take the rate-limit token a query needs. A change over
 * the budget is not delivered; the next change within it is.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/types.js';
import type { FeedStack, WebhookOverrides } from '../../support/feed-stack.js';
import { relativePath } from '../../support/start-stack.js';
import { useFeedStack } from '../../support/use-feed-stack.js';
import { untilActive, type Subscription } from '../../support/ws-client.js';

const feed = useFeedStack();

let clock = 1_800_000_000_000;
const start = async (webhooks: WebhookOverrides, config: (config: Config) => Config = (c) => c): Promise<FeedStack> => {
  clock = 1_800_000_000_000;
  return feed.start(webhooks, { now: () => clock, config });
};
const subscribe = (_s: FeedStack, query: string, variables: Record<string, unknown>): Subscription => feed.open().subscribe(query, variables);
const gets = (s: FeedStack) =>
  s
    .calls()
    .filter((call) => call.method === 'GET')
    .map((call) => `${relativePath(call)} ${call.status}`);
const PARTNER = 'subscription($id: ID!) { partnerChanged(id: $id) { event record { id name } } }';
const COUNTRY = 'subscription($id: ID!) { countryChanged(id: $id) { event record { id name } } }';

/**
 * Pushes one hint and waits until the subscriber saw everything up to it: a change that carries its
 * record (as our own writes do) is delivered without a read, after every change before it. One at a
 * time, so that no two re-reads are in flight together (they would share one GET).
 */
async function push(s: FeedStack, sub: Subscription, endpoint: string, id: string): Promise<void> {
  expect((await s.deliver(`/${endpoint}/updated`, { id: Number(id) })).status).toBe(202);
  await s.idle();
  const markers = sub.results.length;
  s.server.bus.publish({ kind: 'updated', endpoint, id, record: { id: Number(id), name: 'marker' }, writeDate: null, source: 'mutation', at: clock });
  while (!sub.results.slice(markers).some((r) => JSON.stringify(r).includes('"marker"'))) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The results that are not markers: the re-read changes delivered. */
const read = (sub: Subscription) => sub.results.map((r) => JSON.stringify(r)).filter((text) => !text.includes('"marker"'));

describe('the eager-refresh budget', () => {
  it('re-reads at most perMinute hints in any 60 s; the next minute has its own', async () => {
    const s = await start({ eagerRefresh: { perMinute: 2 } });
    const sub = subscribe(s, PARTNER, { id: '7' });
    await untilActive(() => s.server.subscriptions?.active() ?? 0, 1);
    s.simulator.clearRecords();
    for (let i = 0; i < 3; i += 1) await push(s, sub, 'partners', '7');
    expect(gets(s)).toEqual(['/partners/7 200', '/partners/7 200']);
    expect(read(sub)).toHaveLength(2);
    clock += 59_999;
    await push(s, sub, 'partners', '7');
    expect(gets(s)).toHaveLength(2);
    clock += 1;
    await push(s, sub, 'partners', '7');
    expect(gets(s)).toEqual(['/partners/7 200', '/partners/7 200', '/partners/7 200']);
    expect(read(sub)).toHaveLength(3);
  });

  it("an endpoint with its own budget counts apart and does not spend the section's", async () => {
    const s = await start({ eagerRefresh: { perMinute: 1 }, endpoints: { countries: { eagerRefresh: { perMinute: 2 } } } });
    const partner = subscribe(s, PARTNER, { id: '7' });
    const country = subscribe(s, COUNTRY, { id: '1' });
    await untilActive(() => s.server.subscriptions?.active() ?? 0, 2);
    s.simulator.clearRecords();
    for (let i = 0; i < 3; i += 1) await push(s, country, 'countries', '1');
    for (let i = 0; i < 2; i += 1) await push(s, partner, 'partners', '7');
    expect(gets(s)).toEqual(['/countries/1 200', '/countries/1 200', '/partners/7 200']);
    expect([read(country).length, read(partner).length]).toEqual([2, 1]);
  });

  it('runs at background priority: a re-read never takes the last token, which a query then gets', async () => {
    // 120 a minute with a burst of 2 tokens, of which background work leaves 1 for queries (the clock stands still, nothing refills).
    const s = await start({ eagerRefresh: { perMinute: 100 } }, (config) => ({
      ...config,
      upstream: { ...config.upstream, rateLimit: { perMinute: 120, perHourPerCredential: null, minuteBurst: 2 } },
    }));
    const sub = subscribe(s, PARTNER, { id: '7' });
    await untilActive(() => s.server.subscriptions?.active() ?? 0, 1);
    s.simulator.clearRecords();
    await push(s, sub, 'partners', '7');
    await push(s, sub, 'partners', '7');
    expect(gets(s)).toEqual(['/partners/7 200']);
    expect(read(sub)).toHaveLength(1);
    const query = await s.gql('{ partner(id: "7") { id } }');
    expect(query.body.errors).toBeUndefined();
    expect(gets(s)).toEqual(['/partners/7 200', '/partners/7 200']);
  });
});
