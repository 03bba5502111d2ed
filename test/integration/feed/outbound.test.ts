/**
 * The simulator's outbound side against our webhook: each change goes out as the module would send
 * it (record or page, event in the path or a header, auth header), with retries on failure; under
 * injected faults (duplicate, reorder, drop) the webhook stays right.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundOptions } from '../../../src/simulator/outbound/outbound-types.js';
import { HOOK_TOKEN, startFeedStack, type FeedStack } from '../../support/feed-stack.js';
import { connect, untilActive, type WsClient } from '../../support/ws-client.js';

let stack: FeedStack | undefined;
let receiver: Server | undefined;
let client: WsClient | undefined;
afterEach(async () => {
  await client?.close();
  await stack?.close();
  await new Promise((resolve) => (receiver === undefined ? resolve(undefined) : receiver.close(resolve)));
  stack = undefined;
  receiver = undefined;
  client = undefined;
});

const brief = (s: FeedStack) => s.events.map((event) => `${event.kind} ${event.endpoint} ${event.id}`);
const rest = (s: FeedStack, method: string, path: string, body?: unknown) =>
  fetch(`${s.simulator.baseUrl}${path}`, {
    method,
    headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((response) => response.json() as Promise<Record<string, unknown>>);

async function wired(outbound: Partial<OutboundOptions> = {}) {
  const s = (stack = await startFeedStack());
  const out = s.simulator.startOutbound({ url: s.hooks, auth: { type: 'bearer', token: HOOK_TOKEN }, backoffMs: 1, ...outbound });
  const settle = async () => {
    await out.idle();
    await s.idle();
  };
  return { s, out, settle };
}

describe('simulator outbound', () => {
  it('sends each API write as the mapped record; a subscriber sees the edit', async () => {
    const { s, out, settle } = await wired();
    client = connect(s.url);
    const sub = client.subscribe('subscription { partnerChanged(id: "7") { event record { city } } }');
    await untilActive(() => s.server.subscriptions?.active() ?? 0, 1);
    const created = await rest(s, 'POST', '/partners', { name: 'Outbound Co' });
    await rest(s, 'PUT', '/partners/7', { city: 'Rennes' });
    await rest(s, 'DELETE', `/partners/${String(created['id'])}`);
    await settle();
    expect(brief(s)).toEqual([`created partners ${String(created['id'])}`, 'updated partners 7', `deleted partners ${String(created['id'])}`]);
    expect(s.events[1]?.writeDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(out.stats).toEqual({ calls: 3, delivered: 3, failed: 0, retried: 0, dropped: 0 });
    const [event] = await sub.waitFor(1);
    expect(event?.data).toEqual({ partnerChanged: { event: 'UPDATED', record: { city: 'Rennes' } } });
  });

  it('sends a page of records in one call when paginated, the event in a header when so configured', async () => {
    const { s, out, settle } = await wired({ paginated: true, eventIn: 'header', batchWindowMs: 10_000 });
    for (const id of [7, 8, 9]) await rest(s, 'PUT', `/partners/${id}`, { city: 'Lille' });
    await settle();
    expect(out.stats.calls).toBe(1);
    expect(brief(s)).toEqual(['updated partners 7', 'updated partners 8', 'updated partners 9']);
  });

  it('a reordered delivery does not revive a deleted record', async () => {
    const { s, out, settle } = await wired({ faults: { reorder: true } });
    await rest(s, 'PUT', '/partners/7', { city: 'Caen' });
    await rest(s, 'DELETE', '/partners/7');
    await settle();
    expect(out.stats.calls).toBe(2);
    expect(brief(s)).toEqual(['deleted partners 7']);
  });

  it('a duplicated delivery is applied once', async () => {
    const { s, out, settle } = await wired({ faults: { duplicate: 1 } });
    await rest(s, 'PUT', '/partners/7', { city: 'Caen' });
    await settle();
    expect(out.stats.calls).toBe(2);
    expect(brief(s)).toEqual(['updated partners 7']);
  });

  it('drops calls under the drop fault; gives up on a refusal without retrying', async () => {
    const dropped = await wired({ faults: { drop: 1 } });
    await rest(dropped.s, 'PUT', '/partners/7', { city: 'Metz' });
    await dropped.settle();
    expect(dropped.out.stats).toMatchObject({ calls: 0, dropped: 1 });
    await dropped.s.close();
    const refused = await wired({ auth: { type: 'bearer', token: 'wrong' } });
    await rest(refused.s, 'PUT', '/partners/7', { city: 'Metz' });
    await refused.settle();
    expect(refused.out.stats).toMatchObject({ calls: 1, failed: 1, retried: 0 });
    expect(refused.s.events).toEqual([]);
  });

  it('retries a failing receiver with backoff until it answers', async () => {
    let seen = 0;
    const bodies: string[] = [];
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen += 1;
        bodies.push(`${request.url ?? ''} ${request.headers.authorization ?? ''}`);
        response.writeHead(seen <= 2 ? 503 : 202).end();
      });
    });
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    const s = (stack = await startFeedStack());
    const out = s.simulator.startOutbound({ url: `http://127.0.0.1:${port}/in`, auth: { type: 'basic', login: 'odoo', password: 'pw' }, backoffMs: 1 });
    await rest(s, 'PUT', '/partners/7', { city: 'Nice' });
    await out.idle();
    expect(out.stats).toEqual({ calls: 3, delivered: 1, failed: 0, retried: 2, dropped: 0 });
    expect(new Set(bodies)).toEqual(new Set([`/in/partners/updated Basic ${Buffer.from('odoo:pw').toString('base64')}`]));
  });
});
