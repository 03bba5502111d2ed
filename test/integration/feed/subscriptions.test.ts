/**
 * Subscriptions over a real graphql-ws client: create, update and delete seen from the webhook and
 * from our own mutations; records read once per change whatever the number of subscribers;
 * filters evaluated on the record; a forward-auth subscriber never sees another user's record.
 */
import { describe, expect, it } from 'vitest';
import { callsOf, useFeedStack } from '../../support/use-feed-stack.js';
import { untilActive } from '../../support/ws-client.js';

const { start, open, active } = useFeedStack();
const gets = callsOf;

const ONE = 'subscription($id: ID!) { partnerChanged(id: $id) { event id record { id name city country { id name } } } }';
const MANY = 'subscription($filter: PartnerFilter) { partnersChanged(filter: $filter) { event id record { id name } } }';

describe('subscriptions', () => {
  it('see an Odoo-side change through the webhook: one GET for all subscribers of the record', async () => {
    const stack = await start();
    const subs = Array.from({ length: 20 }, () => open().subscribe(ONE, { id: '7' }));
    await untilActive(active, 20);
    stack.simulator.clearRecords();
    await stack.deliver('/partners/updated', { id: 7, write_date: '2026-01-01 10:00:00' });
    const results = await Promise.all(subs.map((sub) => sub.waitFor(1)));
    const first = results[0]?.[0]?.data as { partnerChanged: { event: string; id: string; record: { id: string; name: string; country: unknown } } };
    expect(first.partnerChanged).toMatchObject({ event: 'UPDATED', id: '7', record: { id: '7' } });
    expect(results.every((r) => JSON.stringify(r[0]) === JSON.stringify(results[0]?.[0]))).toBe(true);
    expect(gets(stack)).toEqual(['GET /partners/7']);
  });

  it('see our own mutations: update and delete of one record, no read needed', async () => {
    const stack = await start();
    const sub = open().subscribe(ONE, { id: '7' });
    await untilActive(active, 1);
    await stack.gql('mutation { updatePartner(id: "7", input: { city: "Nantes" }) { id } }');
    await stack.gql('mutation { deletePartner(id: "7") }');
    const [updated, deleted] = await sub.waitFor(2);
    expect(updated?.data).toMatchObject({ partnerChanged: { event: 'UPDATED', id: '7', record: { city: 'Nantes' } } });
    expect(deleted?.data).toEqual({ partnerChanged: { event: 'DELETED', id: '7', record: null } });
    expect(gets(stack)).toEqual(['PUT /partners/7', 'DELETE /partners/7']);
  });

  it('list subscriptions match their filter on the record; deletes always reach them', async () => {
    const stack = await start();
    const acme = open().subscribe(MANY, { filter: { name: 'ACME' } });
    const all = open().subscribe(MANY);
    await untilActive(active, 2);
    const created = await stack.gql('mutation { createPartner(input: { name: "Acme Lab" }) { id } }');
    const id = (created.body.data as { createPartner: { id: string } }).createPartner.id;
    await stack.gql('mutation { createPartner(input: { name: "Other Co" }) { id } }');
    await stack.deliver('/partners/deleted', { id: Number(id) });
    await all.waitFor(3);
    const [first, second] = await acme.waitFor(2);
    expect(first?.data).toEqual({ partnersChanged: { event: 'CREATED', id, record: { id, name: 'Acme Lab' } } });
    expect(second?.data).toEqual({ partnersChanged: { event: 'DELETED', id, record: null } });
    expect(all.results.map((r) => (r.data as { partnersChanged: { event: string } }).partnersChanged.event)).toEqual(['CREATED', 'CREATED', 'DELETED']);
    expect(acme.results).toHaveLength(2);
  });

  it("with forward auth, each subscriber reads with their own credentials and never sees another user's record", async () => {
    const stack = await start(
      {},
      { config: (config) => ({ ...config, endpoints: config.endpoints.map((e) => (e.name === 'partners' ? { ...e, auth: { type: 'forward' } } : e)) }) },
    );
    const alice = open({ Authorization: 'Bearer demo-token' }).subscribe(ONE, { id: '7' });
    const mallory = open({ Authorization: 'Bearer not-a-token' }).subscribe(ONE, { id: '7' });
    const nobody = open().subscribe(ONE, { id: '7' });
    await untilActive(active, 2);
    await nobody.ended;
    expect(nobody.results[0]?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    stack.simulator.clearRecords();
    await stack.gql('mutation { updatePartner(id: "7", input: { city: "Brest" }) { id } }', {}, { authorization: 'Bearer demo-token' });
    await stack.deliver('/partners/deleted', { id: 7 });
    const [seen] = await alice.waitFor(2);
    const [first] = await mallory.waitFor(1);
    expect(seen?.data).toMatchObject({ partnerChanged: { event: 'UPDATED', record: { city: 'Brest' } } });
    expect(first?.data).toEqual({ partnerChanged: { event: 'DELETED', id: '7', record: null } });
    expect(gets(stack).sort()).toEqual(['GET /partners/7', 'GET /partners/7', 'PUT /partners/7']);
    expect(stack.simulator.records.filter((r) => r.method === 'GET' && r.status === 401)).toHaveLength(1);
  });
});
