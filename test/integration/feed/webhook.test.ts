/**
 * The webhook: every shape BJET (or Odoo's native webhook) sends publishes exactly the right change
 * events; duplicates and reordered deliveries are harmless; each bad delivery is refused with its
 * code and nothing applied. A push is a hint: receiving one costs no REST call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HOOK_TOKEN, sign, startFeedStack, type FeedStack } from '../../support/feed-stack.js';

let stack: FeedStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const brief = (s: FeedStack) => s.events.map((event) => `${event.kind} ${event.endpoint} ${event.id} ${event.record === null ? 'hint' : 'record'}`);

const partner = (id: number, writeDate: string, extra: Record<string, unknown> = {}) => ({ id, name: `P${id}`, write_date: writeDate, ...extra });

describe('webhook deliveries', () => {
  it('publishes one hint per record: one object, a page, the event from the path or the header, the native body', async () => {
    stack = await startFeedStack();
    expect(await stack.deliver('/partners', partner(7, '2026-01-01 10:00:00', { unknown_key: 1 }))).toEqual({
      status: 202,
      body: { accepted: 1, event: 'updated' },
    });
    expect((await stack.deliver('/partners/created', [partner(8, '2026-01-01 10:00:00'), partner(9, '2026-01-01 10:00:00')])).status).toBe(202);
    expect((await stack.deliver('/partners', { id: 10 }, { 'x-bjet-event': 'deleted' })).status).toBe(202);
    expect((await stack.deliver('/products/updated', { default_code: 'FURN_0001', name: 'Desk' })).status).toBe(202);
    expect((await stack.deliver('/partners', { _model: 'res.partner', _id: 11, _action: 'Send Webhook Notification(#4)', name: 'X' })).status).toBe(202);
    await stack.idle();
    expect(brief(stack)).toEqual([
      'updated partners 7 hint',
      'created partners 8 hint',
      'created partners 9 hint',
      'deleted partners 10 hint',
      'updated products FURN_0001 hint',
      'updated partners 11 hint',
    ]);
    expect(stack.events.every((event) => event.source === 'webhook')).toBe(true);
    expect(stack.events[0]?.writeDate).toBe('2026-01-01 10:00:00');
    expect(stack.calls()).toEqual([]);
    expect(
      stack.server.webhooks?.counters
        .snapshot()
        .filter((c) => c.outcome === 'applied')
        .map((c) => [c.endpoint, c.event, c.deliveries, c.applied]),
    ).toEqual([
      ['partners', 'created', 1, 2],
      ['partners', 'deleted', 1, 1],
      ['partners', 'updated', 2, 2],
      ['products', 'updated', 1, 1],
    ]);
    // /readyz reports the feed; it does not make a server unready.
    const ready = await fetch(stack.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { webhooks?: unknown }).webhooks).toEqual({ deliveries: { applied: 5, ignored: 0, refused: 0 } });
  });

  it('with trustPayload, a complete record travels with the event; an incomplete one stays a hint', async () => {
    stack = await startFeedStack({ trustPayload: true });
    const full: unknown = await fetch(`${stack.simulator.baseUrl}/partners/7`, { headers: { authorization: 'Bearer demo-token' } }).then((r) => r.json());
    stack.simulator.clearRecords();
    await stack.deliver('/partners/updated', full);
    await stack.deliver('/partners/updated', { id: 8, name: 'only a name' });
    await stack.idle();
    expect(brief(stack)).toEqual(['updated partners 7 record', 'updated partners 8 hint']);
    expect(stack.events[0]?.record).toEqual(full);
    expect(stack.calls()).toEqual([]);
  });

  it('ignores a repeated delivery and one older than the last applied; nothing revives a deleted record', async () => {
    stack = await startFeedStack();
    await stack.deliver('/partners', partner(7, '2026-01-01 10:00:02'));
    await stack.deliver('/partners', partner(7, '2026-01-01 10:00:02'));
    await stack.deliver('/partners', partner(7, '2026-01-01 10:00:01'));
    await stack.deliver('/partners/deleted', partner(7, '2026-01-01 10:00:02'));
    await stack.deliver('/partners/deleted', partner(7, '2026-01-01 10:00:02'));
    await stack.deliver('/partners/updated', partner(7, '2026-01-01 10:00:02'));
    await stack.deliver('/partners/deleted', { id: 9 });
    await stack.deliver('/partners/deleted', { id: 9 });
    await stack.idle();
    expect(brief(stack)).toEqual(['updated partners 7 hint', 'deleted partners 7 hint', 'deleted partners 9 hint']);
    const ignored = stack.server.webhooks?.counters
      .snapshot()
      .filter((c) => c.outcome === 'ignored')
      .reduce((sum, c) => sum + c.ignored, 0);
    expect(ignored).toBe(5);
  });
});

describe('with the record cache', () => {
  const reads = (s: FeedStack) => s.calls().map((call) => `${call.method} ${call.path.replace(/^.*\/v1/, '')}`);
  /** Reads partners by id through GraphQL and returns the GETs that cost (the cache answers the rest). */
  const readPartners = async (s: FeedStack, ids: readonly number[]): Promise<string[]> => {
    s.simulator.clearRecords();
    for (const id of ids) expect((await s.gql(`{ partner(id: "${id}") { id name } }`)).body.errors).toBeUndefined();
    return reads(s);
  };

  it('a delivery invalidates exactly the entries of the records it names (REST calls counted after)', async () => {
    stack = await startFeedStack({}, { cache: true });
    expect(await readPartners(stack, [7, 7, 8, 9, 10, 11])).toEqual([
      'GET /partners/7',
      'GET /partners/8',
      'GET /partners/9',
      'GET /partners/10',
      'GET /partners/11',
    ]);
    expect(await readPartners(stack, [7, 8, 9, 10, 11])).toEqual([]);
    // One object: only partner 7 is read again.
    await stack.deliver('/partners/updated', { id: 7 });
    await stack.idle();
    expect(await readPartners(stack, [7, 7, 8, 9, 10, 11])).toEqual(['GET /partners/7']);
    // A page names 8 and 9; Odoo's native body names 10; an event from the header (a delete) names 11.
    await stack.deliver('/partners/updated', [{ id: 8 }, { id: 9 }]);
    await stack.deliver('/partners', { _model: 'res.partner', _id: 10, _action: 'Send Webhook Notification(#4)' });
    await stack.deliver('/partners', { id: 11 }, { 'x-bjet-event': 'deleted' });
    await stack.idle();
    expect(await readPartners(stack, [7, 8, 9, 10, 11, 8, 9, 10, 11])).toEqual(['GET /partners/8', 'GET /partners/9', 'GET /partners/10', 'GET /partners/11']);
    // A repeat of an applied delivery, another endpoint's with the same identifier and a refused one leave partner 7 cached.
    await stack.deliver('/partners/updated', partner(7, '2026-01-01 10:00:00'));
    await stack.idle();
    expect(await readPartners(stack, [7, 8])).toEqual(['GET /partners/7']);
    await stack.deliver('/partners/updated', partner(7, '2026-01-01 10:00:00'));
    await stack.deliver('/countries/updated', { id: 7 });
    await stack.deliver('/partners/updated', { id: 7 }, { authorization: `Bearer ${HOOK_TOKEN}x` });
    await stack.idle();
    expect(await readPartners(stack, [7, 8, 9, 10, 11])).toEqual([]);
  });
});

describe('edits within one second', () => {
  it('are distinct changes when their values differ (write_date is to the second)', async () => {
    stack = await startFeedStack();
    await stack.deliver('/partners', partner(7, '2026-01-01 10:00:02', { city: 'Lyon' }));
    await stack.deliver('/partners', partner(7, '2026-01-01 10:00:02', { city: 'Nice' }));
    await stack.deliver('/partners', partner(7, '2026-01-01 10:00:02', { city: 'Nice', unmapped: 'ignored' }));
    await stack.idle();
    expect(brief(stack)).toEqual(['updated partners 7 hint', 'updated partners 7 hint']);
  });
});

describe('refused deliveries apply nothing', () => {
  const cases: readonly [string, string, unknown, Record<string, string>, number, string][] = [
    ['no credentials', '/partners', { id: 7 }, { authorization: '' }, 401, 'WEBHOOK_UNAUTHORIZED'],
    ['a wrong token', '/partners', { id: 7 }, { authorization: `Bearer ${HOOK_TOKEN}x` }, 401, 'WEBHOOK_UNAUTHORIZED'],
    ['a body that is not JSON', '/partners', '{"id": 7', {}, 400, 'WEBHOOK_BAD_PAYLOAD'],
    ['a record without the identifier', '/partners', [{ id: 7 }, { name: 'no id' }], {}, 400, 'WEBHOOK_BAD_PAYLOAD'],
    ['an identifier that is not a string or number', '/products', { default_code: false }, {}, 400, 'WEBHOOK_BAD_PAYLOAD'],
    ['a list of non-objects', '/partners', [1, 2], {}, 400, 'WEBHOOK_BAD_PAYLOAD'],
    ['an empty list', '/partners', [], {}, 400, 'WEBHOOK_BAD_PAYLOAD'],
    ['an unknown event', '/partners/archived', { id: 7 }, {}, 400, 'WEBHOOK_BAD_PAYLOAD'],
    ['an unknown endpoint', '/invoices', { id: 7 }, {}, 404, 'WEBHOOK_UNKNOWN_ENDPOINT'],
    ['more than 100 records', '/partners', Array.from({ length: 101 }, (_, i) => ({ id: i + 1 })), {}, 413, 'WEBHOOK_PAYLOAD_TOO_LARGE'],
    ['a body over the byte limit', '/partners', { id: 7, name: 'x'.repeat(5000) }, {}, 413, 'WEBHOOK_PAYLOAD_TOO_LARGE'],
  ];
  it.each(cases)('refuses %s', async (_name, path, body, headers, status, code) => {
    stack ??= await startFeedStack({ bodyLimitBytes: 4096 });
    stack.events.length = 0;
    const answer = await stack.deliver(path, body, headers);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code } });
    expect(JSON.stringify(answer.body)).not.toContain(HOOK_TOKEN);
    await stack.idle();
    expect(stack.events).toEqual([]);
    expect(stack.calls()).toEqual([]);
  });

  it('checks the HMAC signature of the raw body when a secret is set', async () => {
    await stack?.close();
    stack = await startFeedStack({ hmacSecret: 'shared-secret' });
    const body = JSON.stringify({ id: 7 });
    expect((await stack.deliver('/partners', body)).status).toBe(401);
    expect((await stack.deliver('/partners', body, { 'x-bjet-signature': sign('other-secret', body) })).status).toBe(401);
    expect((await stack.deliver('/partners', body, { 'x-bjet-signature': sign('shared-secret', `${body} `) })).status).toBe(401);
    await stack.idle();
    expect(stack.events).toEqual([]);
    expect((await stack.deliver('/partners', body, { 'x-bjet-signature': sign('shared-secret', body) })).status).toBe(202);
    await stack.idle();
    expect(brief(stack)).toEqual(['updated partners 7 hint']);
  });

  it('accepts Basic credentials compared in full', async () => {
    await stack?.close();
    stack = await startFeedStack({ auth: { type: 'basic', login: 'odoo', password: 'pw' } });
    const basic = (text: string) => ({ authorization: `Basic ${Buffer.from(text).toString('base64')}` });
    expect((await stack.deliver('/partners', { id: 7 }, basic('odoo:p'))).status).toBe(401);
    expect((await stack.deliver('/partners', { id: 7 }, basic('odoo:pw'))).status).toBe(202);
    await stack.idle();
    expect(brief(stack)).toEqual(['updated partners 7 hint']);
  });
});
