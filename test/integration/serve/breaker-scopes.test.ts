/**
 * The circuit breaker isolates (docs/resilience.md): its scopes are an endpoint's reads and an
 * endpoint's writes, and only "the upstream is down" counts against one of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/types.js';
import type { FaultKind } from '../../../src/simulator/types.js';
import { relativePath, startStack, type GraphQLResponse, type Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** The demo with one attempt per GET, so each failing read is exactly one failure of its scope. */
const oneAttempt = (config: Config): Config => ({
  ...config,
  upstream: { ...config.upstream, retries: { ...config.upstream.retries, attempts: 1 } },
});

const callsOf = (s: Stack) => s.calls().map((call) => `${call.method} ${relativePath(call)}`);
const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.['code'];
const READS = '{ partners(limit: 2) { items { id name } } countries(limit: 2) { items { id } } partner(id: "3") { id } }';

describe('circuit breaker scopes', () => {
  it('5 mutations answered 500 with a BJET error body leave every read, and the writes, going', async () => {
    stack = await startStack({ config: oneAttempt });
    stack.simulator.addFault('partners', { kind: 'status-500', count: 5, methods: ['PUT'] });
    for (let i = 0; i < 5; i += 1) {
      const failed = await stack.gql('mutation { updatePartner(id: "3", input: { city: "X" }) { id } }');
      expect(codeOf(failed)).toBe('UPSTREAM_ERROR');
    }
    const mapping = await stack.gql('mutation { createSaleOrder(input: { partnerId: "999999" }) { id } }');
    expect(codeOf(mapping)).toBe('BAD_USER_INPUT');
    const reads = await stack.gql(READS);
    expect(reads.body.errors).toBeUndefined();
    expect(reads.body.data).toMatchObject({ partners: { items: [{}, {}] }, countries: { items: [{}, {}] }, partner: { id: '3' } });
    const write = await stack.gql('mutation { updatePartner(id: "3", input: { city: "Lyon" }) { city } }');
    expect(write.body.data).toEqual({ updatePartner: { city: 'Lyon' } });
    expect(callsOf(stack)).toEqual([
      ...Array.from({ length: 5 }, () => 'PUT /partners/3'),
      'POST /sale-orders',
      'GET /partners',
      'GET /countries',
      'GET /partners/3',
      'PUT /partners/3',
    ]);
  });

  it.each<FaultKind>(['html-error', 'reset'])('an endpoint whose reads are down (%s) opens only their scope', async (kind) => {
    stack = await startStack({ config: oneAttempt });
    stack.simulator.addFault('partners', { kind, count: 100, methods: ['GET'] });
    for (let i = 0; i < 5; i += 1) {
      const failed = await stack.gql('{ partners(limit: 1) { items { id } } }');
      expect(codeOf(failed)).toBe(kind === 'reset' ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE');
    }
    const refused = await stack.gql('{ partner(id: "3") { id } }');
    expect(codeOf(refused)).toBe('UPSTREAM_UNAVAILABLE');
    expect(refused.body.errors?.[0]?.message).toContain('reads of partners are failing; their circuit breaker is open');
    expect(refused.body.errors?.[0]?.extensions?.['upstream']).toMatchObject({ endpoint: 'partners', method: 'GET' });
    expect(stack.calls()).toHaveLength(5);

    const others = await stack.gql('{ countries(limit: 2) { items { id } } products(limit: 1) { items { name } } }');
    expect(others.body.errors).toBeUndefined();
    const write = await stack.gql('mutation { updatePartner(id: "3", input: { city: "Lyon" }) { city } }');
    expect(write.body.data).toEqual({ updatePartner: { city: 'Lyon' } });
    expect(callsOf(stack).slice(5)).toEqual(['GET /countries', 'GET /products', 'PUT /partners/3']);
  });
});
