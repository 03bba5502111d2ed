/**
 * The fan-out shares its work: subscribers of one record in one credential partition cost one
 * read per change however many they are, each partition its own; a shared payload is the one a
 * subscriber alone would get; list subscribers with one filter share it; documents are parsed once
 * and a bad one is answered with its errors.
 */
import { describe, expect, it } from 'vitest';
import type { FeedStack } from '../../support/feed-stack.js';
import { callsOf, useFeedStack } from '../../support/use-feed-stack.js';
import { untilActive, type Subscription } from '../../support/ws-client.js';

const { start, open, active } = useFeedStack();
const gets = callsOf;

const ONE = 'subscription($id: ID!) { partnerChanged(id: $id) { event id record { id name city country { id name } } } }';
// The same selection under another operation: executed on its own, never shared with ONE's subscribers.
const LONE = 'subscription Lone($id: ID!) { partnerChanged(id: $id) { event id record { id name city country { id name } } } }';
const MANY = 'subscription($filter: PartnerFilter) { partnersChanged(filter: $filter) { event id record { id name } } }';

/** Edits record 7 inside Odoo three times (each pushed as a hint, so each re-read) and waits for every subscriber. */
async function threeEdits(s: FeedStack, subs: readonly Subscription[], token = 'demo-token'): Promise<void> {
  for (const [round, city] of ['Brest', 'Lyon', 'Metz'].entries()) {
    const edit = await fetch(`${s.simulator.baseUrl}/partners/7`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ city }),
    });
    expect(edit.status).toBe(200);
    await s.deliver('/partners/updated', { id: 7 });
    await Promise.all(subs.map((sub) => sub.waitFor(round + 1)));
  }
}

describe('the shared fan-out', () => {
  it('N subscribers on one record: exactly one GET per change, each payload the one a lone subscriber gets', async () => {
    const stack = await start();
    const shared = Array.from({ length: 40 }, () => open().subscribe(ONE, { id: '7' }));
    const lone = open().subscribe(LONE, { id: '7' });
    await untilActive(active, 41);
    expect(stack.server.subscriptions?.topics()).toBe(1);
    stack.simulator.clearRecords();
    await threeEdits(stack, [...shared, lone]);
    expect(gets(stack)).toEqual(['PUT /partners/7', 'GET /partners/7', 'PUT /partners/7', 'GET /partners/7', 'PUT /partners/7', 'GET /partners/7']);
    const cities = lone.results.map((r) => (r.data as { partnerChanged: { record: { city: string } } }).partnerChanged.record.city);
    expect(cities).toEqual(['Brest', 'Lyon', 'Metz']);
    for (const sub of shared) expect(JSON.stringify(sub.results)).toBe(JSON.stringify(lone.results));
  });

  it('two credential partitions: exactly two GETs per change, one per partition', async () => {
    const stack = await start(
      // Six re-reads in a few milliseconds: above the default budget of five a minute.
      { eagerRefresh: { perMinute: 100 } },
      {
        simulator: { visibility: { partners: { tokens: ['token-user-a', 'token-user-b'], restricted: {} } } },
        config: (config) => ({ ...config, endpoints: config.endpoints.map((e) => (e.name === 'partners' ? { ...e, auth: { type: 'forward' } } : e)) }),
      },
    );
    const a = Array.from({ length: 15 }, () => open({ Authorization: 'Bearer token-user-a' }).subscribe(ONE, { id: '7' }));
    const b = Array.from({ length: 15 }, () => open({ Authorization: 'Bearer token-user-b' }).subscribe(ONE, { id: '7' }));
    await untilActive(active, 30);
    expect(stack.server.subscriptions?.topics()).toBe(2);
    stack.simulator.clearRecords();
    await threeEdits(stack, [...a, ...b], 'token-user-a');
    const reads = stack.simulator.records.filter((r) => r.method === 'GET');
    expect(reads.map((r) => `${r.path} ${r.status}`)).toEqual(Array.from({ length: 6 }, () => '/bj_api_sync/v1/partners/7 200'));
    expect(JSON.stringify(b[0]?.results)).toBe(JSON.stringify(a[0]?.results));
    for (const sub of [...a, ...b]) expect(JSON.stringify(sub.results)).toBe(JSON.stringify(a[0]?.results));
  });

  it('list subscribers share a filter; a subscriber who leaves stops costing anything', async () => {
    const stack = await start();
    const acme = Array.from({ length: 10 }, () => open().subscribe(MANY, { filter: { name: 'ACME' } }));
    const other = open().subscribe(MANY, { filter: { name: 'Other' } });
    await untilActive(active, 11);
    expect(stack.server.subscriptions?.topics()).toBe(2);
    await stack.gql('mutation { createPartner(input: { name: "Acme Lab" }) { id } }');
    await stack.gql('mutation { createPartner(input: { name: "Other Co" }) { id } }');
    await Promise.all([...acme, other].map((sub) => sub.waitFor(1)));
    for (const sub of acme)
      expect(sub.results.map((r) => (r.data as { partnersChanged: { record: { name: string } } }).partnersChanged.record.name)).toEqual(['Acme Lab']);
    expect(other.results.map((r) => (r.data as { partnersChanged: { record: { name: string } } }).partnersChanged.record.name)).toEqual(['Other Co']);
    for (const sub of acme) sub.unsubscribe();
    other.unsubscribe();
    while (active() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stack.server.subscriptions?.topics()).toBe(0);
    stack.simulator.clearRecords();
    await stack.deliver('/partners/updated', { id: 7 });
    await stack.idle();
    expect(gets(stack)).toEqual([]);
  });

  it('answers a document that does not parse or validate with its errors, and keeps the connection', async () => {
    const stack = await start();
    const client = open();
    const broken = client.subscribe('subscription { partnerChanged(id: "7") { ');
    const unknown = client.subscribe('subscription { partnerChanged(id: "7") { nope } }');
    await Promise.all([broken.ended, unknown.ended]);
    const messages = (sub: Subscription) => (Array.isArray(sub.failure()) ? (sub.failure() as { message: string }[]).map((e) => e.message) : sub.failure());
    expect(messages(broken)).toEqual([expect.stringMatching(/^Syntax Error/)]);
    expect(messages(unknown)).toEqual([expect.stringMatching(/Cannot query field "nope"/)]);
    const fine = client.subscribe(ONE, { id: '7' });
    await untilActive(active, 1);
    await stack.gql('mutation { updatePartner(id: "7", input: { city: "Nantes" }) { id } }');
    const [first] = await fine.waitFor(1);
    expect(first?.data).toMatchObject({ partnerChanged: { event: 'UPDATED', record: { city: 'Nantes' } } });
  });
});
