/**
 * Per-endpoint webhook settings (`webhooks.endpoints.<name>`): an endpoint's own credentials,
 * signature requirement, event header and trustPayload apply to its deliveries only; every other
 * endpoint keeps the section's; a path naming no endpoint is checked against the section's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HOOK_TOKEN, sign, startFeedStack, type FeedStack } from '../../support/feed-stack.js';

let stack: FeedStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const SECRET = 'section-secret';
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const brief = (s: FeedStack) => s.events.map((event) => `${event.kind} ${event.endpoint} ${event.id} ${event.record === null ? 'hint' : 'record'}`);

/** A delivery signed with the section's secret (the deliver helper sends the section's Bearer token unless told otherwise). */
const signed = (s: FeedStack, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  return s.deliver(path, text, { 'x-bjet-signature': sign(SECRET, text), ...headers });
};

const start = () =>
  startFeedStack({
    hmacSecret: SECRET,
    endpoints: {
      countries: { auth: { type: 'basic', login: 'odoo', password: 'pw' }, hmacSecret: null },
      partners: { eventHeader: 'x-odoo-event', trustPayload: true },
    },
  });

describe('per-endpoint webhook settings', () => {
  it("an endpoint's own credentials, and no signature where its secret is null; the others keep the section's", async () => {
    stack = await start();
    const countries = { id: 1 };
    expect((await signed(stack, '/countries', countries)).status).toBe(401);
    expect((await stack.deliver('/countries', countries, { authorization: basic('odoo:p') })).status).toBe(401);
    expect((await stack.deliver('/countries', countries, { authorization: basic('odoo:pw') })).status).toBe(202);
    expect((await stack.deliver('/products', { default_code: 'FURN_0001' }, { authorization: basic('odoo:pw') })).status).toBe(401);
    expect((await stack.deliver('/products', { default_code: 'FURN_0001' })).status).toBe(401);
    expect((await signed(stack, '/products', { default_code: 'FURN_0001' })).status).toBe(202);
    await stack.idle();
    expect(brief(stack)).toEqual(['updated countries 1 hint', 'updated products FURN_0001 hint']);
    expect(stack.calls()).toEqual([]);
  });

  it("an endpoint's own event header and trustPayload; the others read the section's", async () => {
    stack = await start();
    const full: unknown = await fetch(`${stack.simulator.baseUrl}/partners/7`, { headers: { authorization: 'Bearer demo-token' } }).then((r) => r.json());
    stack.simulator.clearRecords();
    expect((await signed(stack, '/partners', full, { 'x-bjet-event': 'deleted' })).status).toBe(202);
    expect((await signed(stack, '/partners', { id: 8 }, { 'x-odoo-event': 'deleted' })).status).toBe(202);
    expect((await signed(stack, '/products', { default_code: 'FURN_0001' }, { 'x-odoo-event': 'deleted' })).status).toBe(202);
    expect((await signed(stack, '/products', { default_code: 'FURN_0002' }, { 'x-bjet-event': 'deleted' })).status).toBe(202);
    await stack.idle();
    expect(brief(stack)).toEqual([
      'updated partners 7 record',
      'deleted partners 8 hint',
      'updated products FURN_0001 hint',
      'deleted products FURN_0002 hint',
    ]);
    expect(stack.events[0]?.record).toEqual(full);
    expect(stack.calls()).toEqual([]);
  });

  it("checks a path naming no endpoint against the section's credentials: 404 only for an authorized caller", async () => {
    stack = await start();
    expect((await stack.deliver('/invoices', { id: 7 }, { authorization: basic('odoo:pw') })).status).toBe(401);
    const unknown = await signed(stack, '/invoices', { id: 7 }, { authorization: `Bearer ${HOOK_TOKEN}` });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'WEBHOOK_UNKNOWN_ENDPOINT' } } });
    await stack.idle();
    expect(stack.events).toEqual([]);
  });
});
