/**
 * A client that goes away (closes the connection before its answer) stops its operation's GETs:
 * the calls still to come are not sent (one on the wire is left to finish). Its writes go on: a mutation
 * asked for is carried out whole. Over real sockets: a plain HTTP client that hangs up on our
 * server, the simulator recording what reached it.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { relativePath, startStack, type Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const UPSTREAM_LATENCY_MS = 300;
const callsOf = (s: Stack) => s.calls().map((call) => `${call.method} ${relativePath(call).replace(/\?.*/, '')}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts `query`, and closes the connection once the simulator has received `afterCalls` requests. */
async function sendAndLeave(s: Stack, query: string, afterCalls: number): Promise<void> {
  const request = http.request(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false });
  const closed = new Promise<boolean>((resolve) => request.once('close', () => resolve(request.destroyed)));
  request.on('error', () => {});
  request.end(JSON.stringify({ query }));
  while (s.calls().length < afterCalls) await sleep(5);
  request.destroy();
  expect(await closed).toBe(true);
}

describe('when the client goes away', () => {
  it("a query's remaining GETs are not sent (the list call on the wire finishes, its relations are never asked for)", async () => {
    stack = await startStack();
    // The list, then the partners' countries (`code` is not embedded in a partner).
    const query = '{ partners(limit: 10) { items { id country { code } } } }';
    const complete = await stack.gql(query);
    expect(complete.body.errors).toBeUndefined();
    const whole = callsOf(stack);
    expect(whole[0]).toBe('GET /partners');
    expect(whole.length).toBeGreaterThan(1);

    stack.simulator.clearRecords();
    stack.simulator.setLatency('partners', { kind: 'fixed', ms: UPSTREAM_LATENCY_MS });
    await sendAndLeave(stack, query, 1);
    // Long past the moment the list would have answered and its relations been asked for.
    await sleep(UPSTREAM_LATENCY_MS * 2);
    expect(callsOf(stack)).toEqual(['GET /partners']);
    // The server is fine, and answers the same query whole again.
    stack.simulator.setLatency('partners', null);
    stack.simulator.clearRecords();
    expect((await stack.gql(query)).body).toEqual(complete.body);
    expect(callsOf(stack)).toEqual(whole);
  });

  it('a mutation asked for is carried out whole: the second create is still sent after the client left during the first', async () => {
    stack = await startStack();
    stack.simulator.setLatency('partners', { kind: 'fixed', ms: UPSTREAM_LATENCY_MS });
    await sendAndLeave(
      stack,
      'mutation { a: createPartner(input: { name: "Left Early A" }) { id } b: createPartner(input: { name: "Left Early B" }) { id } }',
      1,
    );
    // The first create answers after the latency, the second one after as much again.
    await sleep(UPSTREAM_LATENCY_MS * 3);
    expect(callsOf(stack)).toEqual(['POST /partners', 'POST /partners']);
    stack.simulator.setLatency('partners', null);
    const found = await stack.gql('{ partners(filter: { name: "Left Early" }) { items { name } } }');
    expect(found.body.data).toEqual({ partners: { items: [{ name: 'Left Early A' }, { name: 'Left Early B' }] } });
  });
});
