/** `forward` auth, credential hygiene, and the REST-call budget (static and at run time). */
import { afterEach, describe, expect, it } from 'vitest';
import { relativePath, startStack, type Stack } from '../../support/start-stack.js';
import { withBudget, withoutIdListFilter } from './stack-options.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const SERVICE_SECRETS = ['demo-token', 'demo-password', Buffer.from('demo:demo-password').toString('base64')];

describe('auth', () => {
  it('forward auth passes each client its own Authorization header', async () => {
    stack = await startStack({
      config: (config) => ({
        ...config,
        endpoints: config.endpoints.map((e) => (e.name === 'partners' ? { ...e, auth: { type: 'forward' as const } } : e)),
      }),
    });
    const query = '{ partner(id: "1") { name } }';
    const [good, bad, none] = await Promise.all([
      stack.gql(query, {}, { authorization: 'Bearer demo-token' }),
      stack.gql(query, {}, { authorization: 'Bearer someone-else' }),
      stack.gql(query),
    ]);
    expect(good.body.data).toEqual({ partner: { name: expect.any(String) } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstream: { status: 401, endpoint: 'partners' } });
    expect(none.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(bad.text).not.toContain('someone-else');
    expect(
      stack
        .calls()
        .map((call) => call.status)
        .sort(),
    ).toEqual([200, 401, 401]);
  });

  it('never shows service credentials to a client, in data or errors', async () => {
    stack = await startStack();
    stack.simulator.addFault('products', { kind: 'status-500', count: 3 });
    const failed = await stack.gql('{ product(id: "ACC_0002") { name } }');
    stack.simulator.clearFaults();
    const ok = await stack.gql('{ products(limit: 2) { items { name } } partners(limit: 2) { items { name } } }');
    const unauthorized = await startStack({
      config: (config) => ({
        ...config,
        upstream: config.upstream,
        endpoints: config.endpoints.map((e) => (e.name === 'partners' ? { ...e, auth: { type: 'bearer' as const, token: 'wrong-secret-token' } } : e)),
      }),
    });
    try {
      const refused = await unauthorized.gql('{ partners(limit: 1) { items { id } } }');
      expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(refused.text).not.toContain('wrong-secret-token');
    } finally {
      await unauthorized.close();
    }
    expect(failed.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(ok.body.errors).toBeUndefined();
    for (const response of [failed, ok]) {
      for (const secret of SERVICE_SECRETS) expect(response.text).not.toContain(secret);
      const headerValues: string[] = [];
      response.headers.forEach((value) => headerValues.push(value));
      expect(headerValues.join(' ')).not.toContain('demo');
    }
  });
});

describe('the budget', () => {
  it('refuses an operation whose worst case is over it, before any REST call', async () => {
    stack = await startStack(withoutIdListFilter('partners'));
    const response = await stack.gql('{ partners(limit: 100) { items { parent { city } } } }');
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_BUDGET_EXCEEDED', estimatedCalls: 101, budget: 50 });
    expect(stack.calls()).toHaveLength(0);
  });

  it('stops an operation at run time once its calls reach the budget', async () => {
    // 3 orders, one call per order for its lines by the static estimate (4); they have ~5 lines each.
    const options = withoutIdListFilter('sale-order-lines');
    stack = await startStack({ ...options, config: (config) => withBudget(options.config?.(config) ?? config, 6) });
    const response = await stack.gql('{ saleOrders(limit: 3) { items { id orderLine { discount } } } }');
    expect(response.body.errors?.some((error) => error.extensions?.['code'] === 'UPSTREAM_BUDGET_EXCEEDED')).toBe(true);
    expect(stack.calls()).toHaveLength(6);
    expect(stack.calls().map(relativePath)[0]).toBe('/sale-orders');
    expect(response.body.extensions).toEqual({ cost: { restCalls: 6, sharedCalls: 0, cacheHits: 0, staleHits: 0, budget: 6 } });
  });
});
