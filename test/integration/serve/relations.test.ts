/** Relations and loaders: REST calls counted exactly from the simulator's record. */
import { afterEach, describe, expect, it } from 'vitest';
import { relativePath, startStack, type Stack } from '../../support/start-stack.js';
import { withBudget, withoutIdListFilter } from './stack-options.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

interface PartnerItem {
  readonly id: string;
  readonly country: { readonly id: string; readonly name?: string; readonly code?: string };
}

const itemsOf = (data: unknown): PartnerItem[] => (data as { partners: { items: PartnerItem[] } }).partners.items;

describe('a Many2one relation', () => {
  it('costs nothing when the query asks only for embedded keys: 50 partners with country { name } is 1 call', async () => {
    stack = await startStack();
    const response = await stack.gql('{ partners(limit: 50) { items { id country { id name __typename } } } }');
    expect(response.body.errors).toBeUndefined();
    expect(itemsOf(response.body.data)).toHaveLength(50);
    expect(itemsOf(response.body.data)[0]?.country.name).toEqual(expect.any(String));
    expect(stack.calls().map((call) => `${call.method} ${relativePath(call)}`)).toEqual(['GET /partners']);
  });

  it('loads each distinct related record once without an id-list filter: 1 + distinct countries', async () => {
    // The worst case is 51 calls (one country per partner): over the default budget of 50.
    const options = withoutIdListFilter('countries');
    stack = await startStack({ ...options, config: (config) => withBudget(options.config?.(config) ?? config, 60) });
    const response = await stack.gql('{ partners(limit: 50) { items { id country { id code } } } }');
    expect(response.body.errors).toBeUndefined();
    const items = itemsOf(response.body.data);
    const distinct = new Set(items.map((item) => item.country.id));
    expect(distinct.size).toBeGreaterThan(1);
    expect(items.every((item) => typeof item.country.code === 'string')).toBe(true);
    const calls = stack.calls();
    expect(calls).toHaveLength(1 + distinct.size);
    expect(calls.slice(1).map(relativePath).sort()).toEqual([...distinct].map((id) => `/countries/${id}`).sort());
  });

  it('loads them in one list call with the id-list filter: 2 calls', async () => {
    stack = await startStack({ simulator: { switches: { inFilter: true } } });
    const response = await stack.gql('{ partners(limit: 50) { items { id country { id code } } } }');
    expect(response.body.errors).toBeUndefined();
    const items = itemsOf(response.body.data);
    const distinct = [...new Set(items.map((item) => item.country.id))];
    const calls = stack.calls();
    expect(calls.map(relativePath)).toEqual(['/partners', '/countries']);
    expect(calls[1]?.query['ids']?.split(',').sort()).toEqual(distinct.sort());
    expect(calls[1]?.query['limit']).toBe(String(distinct.length));
  });

  it('stays correct when the upstream ignores the declared id-list key: ids missing from the answer are read by id', async () => {
    stack = await startStack({ simulator: { switches: { inFilter: false } } });
    const response = await stack.gql('{ partners(limit: 40) { items { id country { id code } } } }');
    expect(response.body.errors).toBeUndefined();
    const items = itemsOf(response.body.data);
    expect(items.every((item) => typeof item.country.code === 'string')).toBe(true);
    const distinct = new Set(items.map((item) => item.country.id));
    const [list, countries, ...gets] = stack.calls().map(relativePath);
    expect([list, countries]).toEqual(['/partners', '/countries']);
    // The ignored key returned the first countries: those asked for among them need no second call.
    expect(gets.length).toBeLessThan(distinct.size);
    expect(gets.every((path) => /^\/countries\/\d+$/.test(path))).toBe(true);
  });

  it('shares identical GETs across operations in flight together: 8 clients asking at once cost one query’s calls', async () => {
    const options = withoutIdListFilter('countries');
    stack = await startStack({ ...options, config: (config) => withBudget(options.config?.(config) ?? config, 60) });
    stack.simulator.setLatency('*', { kind: 'fixed', ms: 40 });
    const query = '{ partners(limit: 20) { items { id country { id code } } } }';
    const responses = await Promise.all(Array.from({ length: 8 }, () => stack!.gql(query)));
    for (const response of responses) expect(response.body.data).toEqual(responses[0]?.body.data);
    const distinct = new Set(itemsOf(responses[0]?.body.data).map((item) => item.country.id));
    // Each operation either sent a call or shared another's: the upstream saw one query's worth.
    expect(stack.calls()).toHaveLength(1 + distinct.size);
    const costs = responses.map((r) => (r.body.extensions as { cost: { restCalls: number; sharedCalls: number } }).cost);
    expect(costs.reduce((sum, cost) => sum + cost.restCalls, 0)).toBe(1 + distinct.size);
    expect(costs.reduce((sum, cost) => sum + cost.sharedCalls, 0)).toBe(8 * (1 + distinct.size) - (1 + distinct.size));
  });
});

describe('the loader', () => {
  it('reads the same record once across two aliases and a relation', async () => {
    stack = await startStack(withoutIdListFilter('partners'));
    const order = await stack.gql('{ saleOrder(id: 1) { partner { id } } }');
    const partnerId = (order.body.data as { saleOrder: { partner: { id: string } } }).saleOrder.partner.id;
    stack.simulator.clearRecords();
    const response = await stack.gql(
      `query($id: ID!) { a: partner(id: $id) { name } b: partner(id: $id) { city }
        saleOrder(id: 1) { partner { id contactEmail } } }`,
      { id: partnerId },
    );
    expect(response.body.errors).toBeUndefined();
    const paths = stack.calls().map(relativePath).sort();
    expect(paths).toEqual([`/partners/${partnerId}`, '/sale-orders/1'].sort());
  });

  it('primes from list results: a relation to a listed record makes no call', async () => {
    stack = await startStack();
    // Partners 2 and 3 have partner 1 as parent; `city` is not embedded, but partner 1 was listed.
    const response = await stack.gql('{ partners(limit: 3) { items { id parent { id city } } } }');
    expect(response.body.errors).toBeUndefined();
    const parents = (response.body.data as { partners: { items: { parent: { id: string } | null }[] } }).partners.items.map((i) => i.parent?.id ?? null);
    expect(parents).toEqual([null, '1', '1']);
    expect(stack.calls().map(relativePath)).toEqual(['/partners']);
  });
});

describe('an identifier other than id', () => {
  it('reads a product by default_code and through an order line', async () => {
    stack = await startStack(withoutIdListFilter('products'));
    const line = await stack.gql('{ saleOrderLine(id: 1) { product { defaultCode listPrice } } }');
    expect(line.body.errors).toBeUndefined();
    const product = (line.body.data as { saleOrderLine: { product: { defaultCode: string; listPrice: number } } }).saleOrderLine.product;
    expect(product.defaultCode).toMatch(/^[A-Z]+_\d{4}$/);
    expect(stack.calls().map(relativePath)).toEqual(['/sale-order-lines/1', `/products/${product.defaultCode}`]);
    stack.simulator.clearRecords();
    const direct = await stack.gql('query($code: ID!) { product(id: $code) { defaultCode listPrice } }', { code: product.defaultCode });
    expect(direct.body.data).toEqual({ product });
    expect(stack.calls().map(relativePath)).toEqual([`/products/${product.defaultCode}`]);
  });

  it('batches products by default_codes when the upstream supports it', async () => {
    stack = await startStack({ simulator: { switches: { inFilter: true } } });
    const response = await stack.gql('{ saleOrderLines(limit: 30) { items { product { listPrice } } } }');
    expect(response.body.errors).toBeUndefined();
    const calls = stack.calls();
    expect(calls.slice(0, 2).map(relativePath)).toEqual(['/sale-order-lines', '/products']);
    const asked = calls[1]?.query['default_codes']?.split(',') ?? [];
    expect(asked.length).toBeGreaterThan(5);
    // The search hides archived products (Odoo's active test): only those are then read by id.
    const byId = calls.slice(2).map(relativePath);
    expect(byId.length).toBeLessThanOrEqual(2);
    for (const path of byId) expect(asked).toContain(path.replace('/products/', ''));
  });
});

describe('federation', () => {
  it('resolves _entities through the loaders: one batch per type', async () => {
    stack = await startStack({ simulator: { switches: { inFilter: true } } });
    const response = await stack.gql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Partner { id city } ... on Product { defaultCode name } } }`,
      {
        representations: [
          { __typename: 'Partner', id: '4' },
          { __typename: 'Product', defaultCode: 'ACC_0002' },
          { __typename: 'Partner', id: '9' },
          { __typename: 'Partner', id: '999999' },
        ],
      },
    );
    expect(response.body.errors).toBeUndefined();
    const entities = (response.body.data as { _entities: ({ id?: string; defaultCode?: string } | null)[] })._entities;
    expect(entities.map((entity) => entity?.id ?? entity?.defaultCode ?? null)).toEqual(['4', 'ACC_0002', '9', null]);
    const calls = stack.calls().map((call) => `${relativePath(call)} ${JSON.stringify(call.query)}`);
    expect(calls.filter((call) => call.startsWith('/partners ')).map((call) => call.split(' ')[1])).toEqual([
      JSON.stringify({ ids: '4,9,999999', limit: '3' }),
    ]);
    // 999999 is missing from the list answer: it is confirmed by id (404) rather than assumed gone.
    expect(calls.filter((call) => !call.startsWith('/partners ')).sort()).toEqual(['/partners/999999 {}', '/products/ACC_0002 {}']);
  });
});
