import { afterEach, describe, expect, it } from 'vitest';
import { createClock, startCachedStack } from '../../support/cached-stack.js';
import type { GraphQLResponse, Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const PARTNER = 'query P($id: ID!) { partner(id: $id) { id name } }';

function cost(response: GraphQLResponse): Record<string, number> {
  return (response.body.extensions as { cost: Record<string, number> }).cost;
}

describe('failures and the cache', () => {
  it('never keeps an error: the next read asks the upstream again, and errors get no-store', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock);
    stack.simulator.addFault('partners', { kind: 'status-500', count: 1 });
    const failed = await stack.gql(PARTNER, { id: '5' });
    expect(failed.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const next = await stack.gql(PARTNER, { id: '5' });
    expect(next.body.data?.['partner']).toMatchObject({ id: '5' });
    expect(cost(next)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(stack.calls().map((call) => call.status)).toEqual([500, 200]);
  });

  it('never keeps a malformed body', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock);
    stack.simulator.addFault('partners', { kind: 'malformed-json', count: 1 });
    expect((await stack.gql(PARTNER, { id: '5' })).body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_BAD_RESPONSE');
    expect(cost(await stack.gql(PARTNER, { id: '5' }))).toMatchObject({ restCalls: 1, cacheHits: 0 });
  });

  it('serves an entry instead of a failure within stale-if-error, says so, and not beyond it', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock, { times: { ttlSeconds: 10, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 60 } });
    const first = await stack.gql(PARTNER, { id: '6' });
    stack.simulator.addFault('partners', { kind: 'status-500', count: 2 });
    clock.advance(69_000);
    const stale = await stack.gql(PARTNER, { id: '6' });
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data).toEqual(first.body.data);
    expect(cost(stale)).toMatchObject({ restCalls: 1, cacheHits: 1, staleHits: 1 });
    expect(stale.body.extensions?.['warnings']).toEqual([expect.objectContaining({ code: 'STALE_ANSWER', ageSeconds: 69 })]);
    expect(stale.headers.get('cache-control')).toBe('public, max-age=0');
    clock.advance(1_000);
    const late = await stack.gql(PARTNER, { id: '6' });
    expect(late.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(late.body.extensions?.['warnings']).toBeUndefined();
  });

  it('a 429 from the proxy is a limit, covered like a failure', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock, { times: { staleWhileRevalidateSeconds: 0 } });
    await stack.gql(PARTNER, { id: '6' });
    clock.advance(11_000);
    stack.simulator.addFault('partners', { kind: 'status-429', count: 1, retryAfterSeconds: 1 });
    expect(cost(await stack.gql(PARTNER, { id: '6' }))).toMatchObject({ staleHits: 1 });
  });

  it('serves an entry when the local rate limit has no token before the deadline (stale-if-limited)', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock, {
      times: { staleWhileRevalidateSeconds: 0 },
      config: (config) => ({
        ...config,
        upstream: { ...config.upstream, rateLimit: { perMinute: 1, perHourPerCredential: null } },
        server: { ...config.server, operationDeadlineMs: 1_000 },
      }),
    });
    const first = await stack.gql(PARTNER, { id: '9' });
    clock.advance(11_000);
    const limited = await stack.gql(PARTNER, { id: '9' });
    expect(limited.body.data).toEqual(first.body.data);
    expect(cost(limited)).toMatchObject({ restCalls: 0, cacheHits: 1, staleHits: 1 });
    expect(limited.body.extensions?.['warnings']).toEqual([expect.objectContaining({ code: 'STALE_ANSWER', ageSeconds: 11 })]);
    // Nothing cached for this one: the refusal is the answer.
    const other = await stack.gql(PARTNER, { id: '10' });
    expect(other.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_RATE_LIMITED');
    expect(stack.calls()).toHaveLength(1);
  });
});
