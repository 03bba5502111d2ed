/** Every subscription limit, hit over a real socket, answers with its documented code. */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SubscriptionsConfig } from '../../../src/config/types.js';
import { startFeedStack, type FeedStack } from '../../support/feed-stack.js';
import { connect, untilActive, wsUrl, type WsClient } from '../../support/ws-client.js';

let stack: FeedStack | undefined;
const clients: WsClient[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await stack?.close();
  stack = undefined;
});

const start = async (limits: Partial<SubscriptionsConfig>): Promise<FeedStack> =>
  (stack = await startFeedStack({}, { config: (config) => ({ ...config, subscriptions: { ...config.subscriptions, ...limits } }) }));
const active = () => stack?.server.subscriptions?.active() ?? 0;
const open = (s: FeedStack): WsClient => {
  const client = connect(s.url);
  clients.push(client);
  return client;
};
const ONE = 'subscription { partnerChanged(id: "7") { event id record { name } } }';

function rawSocket(url: string, options: WebSocket.ClientOptions = {}): WebSocket {
  const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws', options);
  sockets.push(socket);
  return socket;
}
const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
const opened = (socket: WebSocket) => new Promise<void>((resolve) => socket.once('open', () => resolve()));
const acked = (socket: WebSocket) =>
  new Promise<void>((resolve) => {
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    socket.once('message', () => resolve());
  });
const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] } | undefined) => result?.errors?.[0]?.extensions?.['code'];

describe('subscription limits', () => {
  it('refuses a subscription over the per-connection limit with SUBSCRIPTION_LIMIT, and takes one once another ends', async () => {
    const s = await start({ maxPerConnection: 2 });
    const client = open(s);
    const first = client.subscribe(ONE);
    client.subscribe(ONE);
    await untilActive(active, 2);
    const third = client.subscribe(ONE);
    await third.ended;
    expect(codeOf(third.results[0])).toBe('SUBSCRIPTION_LIMIT');
    first.unsubscribe();
    while (active() > 1) await new Promise((resolve) => setTimeout(resolve, 5));
    client.subscribe(ONE);
    await untilActive(active, 2);
    expect(active()).toBe(2);
  });

  it('refuses a subscription over the per-server limit across connections', async () => {
    const s = await start({ maxPerServer: 3 });
    const a = open(s);
    const b = open(s);
    a.subscribe(ONE);
    a.subscribe(ONE);
    b.subscribe(ONE);
    await untilActive(active, 3);
    const fourth = b.subscribe(ONE);
    await fourth.ended;
    expect(codeOf(fourth.results[0])).toBe('SUBSCRIPTION_LIMIT');
    expect(fourth.results[0]?.errors?.[0]?.extensions?.['limit']).toBe('perServer');
  });

  it('serves only subscriptions over WebSocket, and subscriptions only there', async () => {
    const s = await start({});
    const query = open(s).subscribe('{ partner(id: "7") { name } }');
    await query.ended;
    expect(codeOf(query.results[0])).toBe('BAD_USER_INPUT');
    const overHttp = await s.gql(ONE);
    expect(overHttp.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(s.calls()).toEqual([]);
  });

  it('closes a connection without connection_init in time with 4408', async () => {
    const s = await start({ connectionInitTimeoutMs: 50 });
    expect(await closed(rawSocket(s.url))).toBe(4408);
  });

  it('closes a connection that sends a message over the size limit with 1009', async () => {
    const s = await start({ maxMessageBytes: 1024 });
    const socket = rawSocket(s.url);
    await opened(socket);
    await acked(socket);
    const done = closed(socket);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { partnerChanged(id: "${'7'.repeat(2048)}") { id } }` } }));
    expect(await done).toBe(1009);
  });

  it('drops a slow consumer with 4503 instead of buffering without bound', async () => {
    const s = await start({ maxQueuedEvents: 5 });
    const socket = rawSocket(s.url);
    await opened(socket);
    await acked(socket);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: ONE } }));
    await untilActive(active, 1);
    socket.pause();
    const record = { id: 7, name: 'x'.repeat(200_000) };
    for (let round = 0; round < 100 && active() > 0; round += 1) {
      for (let i = 0; i < 5; i += 1)
        s.server.bus.publish({ kind: 'updated', endpoint: 'partners', id: '7', record, writeDate: null, source: 'mutation', at: 0 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(active()).toBe(0);
    const done = closed(socket);
    socket.resume();
    expect(await done).toBe(4503);
  });

  it('terminates a connection that does not answer the keep-alive ping', async () => {
    const s = await start({ keepAliveMs: 50 });
    const socket = rawSocket(s.url, { autoPong: false });
    await opened(socket);
    await acked(socket);
    expect(await closed(socket)).toBe(1006);
  });
});
