/**
 * The operation limits (server.limits) and the REST-call budget over WebSocket: a subscription
 * document just over a limit is refused at subscribe time with the code HTTP gives the same
 * document, nothing is subscribed and no REST call made; one just under is subscribed; refusals
 * are counted in HTTP's metrics.
 */
import { Lexer, Source, TokenKind } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config, OperationLimitsConfig } from '../../../src/config/types.js';
import { readMetric, seriesOf } from '../../support/read-metric.js';
import { startFeedStack, type FeedStack } from '../../support/feed-stack.js';
import { relativePath } from '../../support/start-stack.js';
import { connect, untilActive, type WsClient } from '../../support/ws-client.js';

let stack: FeedStack | undefined;
const clients: WsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await stack?.close();
  stack = undefined;
});

type Server = Config['server'];
const start = async (limits: Partial<OperationLimitsConfig>, server: Partial<Server> = {}): Promise<FeedStack> =>
  (stack = await startFeedStack(
    {},
    { config: (config) => ({ ...config, server: { ...config.server, ...server, limits: { ...config.server.limits, ...limits } } }) },
  ));
const active = () => stack?.server.subscriptions?.active() ?? 0;
const gets = (s: FeedStack) => s.calls().map((call) => `${call.method} ${relativePath(call)}`);
const sub = (selection: string) => `subscription { partnerChanged(id: "7") { ${selection} } }`;

/** Lexical tokens as graphql-js's `maxTokens` counts them (comments and the end are free). */
function tokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

type Extensions = Record<string, unknown> | undefined;

/** Refused over WebSocket with HTTP's extensions for the same document, nothing subscribed, no call; returns them. */
async function expectRefused(s: FeedStack, document: string, code: string): Promise<Extensions> {
  const client = connect(s.url);
  clients.push(client);
  const subscription = client.subscribe(document);
  await subscription.ended;
  expect(subscription.results).toEqual([]);
  const errors = subscription.failure() as readonly { extensions?: Extensions }[];
  const overHttp = await s.gql(document);
  expect(overHttp.status).toBe(400);
  expect(errors.map((error) => error.extensions)).toEqual(overHttp.body.errors?.map((error) => error.extensions));
  expect(errors[0]?.extensions?.['code']).toBe(code);
  expect(active()).toBe(0);
  expect(s.calls()).toEqual([]);
  return errors[0]?.extensions;
}

async function expectSubscribed(s: FeedStack, document: string): Promise<void> {
  const client = connect(s.url);
  clients.push(client);
  const before = active();
  const subscription = client.subscribe(document);
  await Promise.race([untilActive(active, before + 1), subscription.ended]);
  expect(subscription.failure()).toBeUndefined();
  expect(active()).toBe(before + 1);
}

describe('operation limits over WebSocket', () => {
  it('depth: one level over is refused with OPERATION_TOO_DEEP, at the limit subscribed', async () => {
    const s = await start({ depth: 4 });
    expect(await expectRefused(s, sub('record { parent { parent { name } } }'), 'OPERATION_TOO_DEEP')).toMatchObject({ limit: 4, found: 5 });
    await expectSubscribed(s, sub('record { parent { name } }'));
  });

  it('aliases: one over is refused with OPERATION_TOO_MANY_ALIASES, at the limit subscribed', async () => {
    const s = await start({ aliases: 2 });
    expect(await expectRefused(s, sub('a: id b: event c: record { id }'), 'OPERATION_TOO_MANY_ALIASES')).toMatchObject({ limit: 2, found: 3 });
    await expectSubscribed(s, sub('a: id b: event record { id }'));
  });

  it('rootFields: two root fields are refused with OPERATION_TOO_MANY_ROOT_FIELDS when the limit is one', async () => {
    const s = await start({ rootFields: 1 });
    const two = 'subscription { partnerChanged(id: "7") { id } productChanged(id: "ACC_0002") { id } }';
    expect(await expectRefused(s, two, 'OPERATION_TOO_MANY_ROOT_FIELDS')).toMatchObject({ limit: 1, found: 2 });
    await expectSubscribed(s, sub('id'));
  });

  it('directives: one over is refused with OPERATION_TOO_MANY_DIRECTIVES, at the limit subscribed', async () => {
    const s = await start({ directives: 2 });
    expect(
      await expectRefused(s, sub('id @include(if: true) event @include(if: true) record @include(if: true) { id }'), 'OPERATION_TOO_MANY_DIRECTIVES'),
    ).toMatchObject({
      limit: 2,
    });
    await expectSubscribed(s, sub('id @include(if: true) event @include(if: true) record { id }'));
  });

  it('tokens: one token over is refused with OPERATION_TOO_MANY_TOKENS while parsing, at the limit subscribed', async () => {
    const under = sub('id event record { id name }');
    const s = await start({ tokens: tokens(under) });
    const over = sub('id event record { id name city }');
    expect(tokens(over)).toBe(tokens(under) + 1);
    expect(await expectRefused(s, over, 'OPERATION_TOO_MANY_TOKENS')).toEqual({ code: 'OPERATION_TOO_MANY_TOKENS', limit: tokens(under) });
    await expectSubscribed(s, under);
  });

  it('fields: one field over is refused with OPERATION_TOO_BROAD, at the limit subscribed', async () => {
    const s = await start({ fields: 6 });
    expect(await expectRefused(s, sub('id event record { id name city }'), 'OPERATION_TOO_BROAD')).toMatchObject({ limit: 6, found: 7 });
    await expectSubscribed(s, sub('id event record { id name }'));
  });

  it('budget: a change whose selection could need one REST call over server.budget is refused, at the budget subscribed', async () => {
    const s = await start({}, { budget: 2 });
    const over = sub('id record { parent { city parent { city } } country { code } }');
    expect(await expectRefused(s, over, 'UPSTREAM_BUDGET_EXCEEDED')).toMatchObject({ estimatedCalls: 3, budget: 2 });
    const client = connect(s.url);
    clients.push(client);
    const under = client.subscribe(sub('id record { parent { city } country { code } }'));
    await untilActive(active, 1);
    await s.deliver('/partners/updated', { id: 7, write_date: '2026-01-01 10:00:00' });
    const [change] = await under.waitFor(1);
    expect(change?.errors).toBeUndefined();
    // The change's own read (shared by its subscribers, outside the budget), then the two relation loads the budget allowed.
    expect(gets(s)).toEqual(['GET /partners/7', 'GET /partners/1', 'GET /countries/24']);
  });

  it('counts refusals in bjet_operation_limit_refusals_total by rule and budget refusals by phase, as HTTP does', async () => {
    const s = await start({ aliases: 2, depth: 4 }, { budget: 2 });
    await expectRefused(s, sub('a: id b: event c: record { id }'), 'OPERATION_TOO_MANY_ALIASES');
    await expectRefused(s, sub('a: id b: event c: record { id }'), 'OPERATION_TOO_MANY_ALIASES');
    await expectRefused(s, sub('record { parent { parent { name } } }'), 'OPERATION_TOO_DEEP');
    await expectRefused(s, sub('record { parent { city } country { code } c: country { id code } }'), 'UPSTREAM_BUDGET_EXCEEDED');
    const text = await (await fetch(s.url.replace(/\/graphql$/, '/metrics'))).text();
    // Each document was refused once over WebSocket and once over HTTP.
    expect(readMetric(text, 'bjet_operation_limit_refusals_total', { rule: 'aliases' })).toBe(4);
    expect(readMetric(text, 'bjet_operation_limit_refusals_total', { rule: 'depth' })).toBe(2);
    expect(seriesOf(text, 'bjet_operation_limit_refusals_total')).toHaveLength(2);
    expect(readMetric(text, 'bjet_budget_refusals_total', { phase: 'estimate' })).toBe(2);
  });
});
