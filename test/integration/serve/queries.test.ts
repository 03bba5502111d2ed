/** Lists, pages, filters, by-id reads, normalization and field errors, against the simulator. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { relativePath, startStack, type Stack } from '../../support/start-stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ simulator: { switches: { inFilter: true } } });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  stack.simulator.clearRecords();
  stack.simulator.clearFaults();
});

const COUNTRIES = 40;
type Page = { items: { id: string }[]; pageInfo: { hasNextPage: boolean; limit: number; offset: number } };

describe('a list field', () => {
  it.each([
    { limit: COUNTRIES, offset: 0, size: COUNTRIES, hasNextPage: false },
    { limit: COUNTRIES - 1, offset: 0, size: COUNTRIES - 1, hasNextPage: true },
    { limit: 1, offset: COUNTRIES - 2, size: 1, hasNextPage: true },
    { limit: 1, offset: COUNTRIES - 1, size: 1, hasNextPage: false },
    { limit: 5, offset: COUNTRIES, size: 0, hasNextPage: false },
  ])('knows hasNextPage at the edges with one call: limit $limit offset $offset', async ({ limit, offset, size, hasNextPage }) => {
    const response = await stack.gql(
      'query($limit: Int, $offset: Int) { countries(limit: $limit, offset: $offset) { items { id } pageInfo { hasNextPage limit offset } } }',
      { limit, offset },
    );
    const page = (response.body.data as { countries: Page }).countries;
    expect(page.items).toHaveLength(size);
    expect(page.pageInfo).toEqual({ hasNextPage, limit, offset });
    expect(stack.calls().map((call) => call.query)).toEqual([{ limit: String(limit + 1), offset: String(offset) }]);
  });

  it('uses the default page size, and refuses a limit over the endpoint maximum without calling for it', async () => {
    const response = await stack.gql('{ a: countries { pageInfo { limit } } b: partners(limit: 1000) { pageInfo { limit } } }');
    // Root fields are nullable: the refused page is null, the other one answers.
    expect(response.body.data).toEqual({ a: { pageInfo: { limit: 20 } }, b: null });
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['b'], 'BAD_USER_INPUT']]);
    expect(stack.calls().map((call) => call.query['limit'])).toEqual(['21']);
  });

  it('sends filters by their configured keys: booleans as text, id lists comma-joined, enums as keys', async () => {
    const response = await stack.gql(
      `{ partners(filter: { isCompany: true, ids: ["1", "4", "5", "9"] }) { items { id isCompany } }
         saleOrders(limit: 5, filter: { state: SALE }) { items { state } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data as { partners: { items: { isCompany: boolean }[] }; saleOrders: { items: { state: string }[] } };
    expect(data.partners.items.every((item) => item.isCompany)).toBe(true);
    expect(data.saleOrders.items.map((item) => item.state)).toEqual(['SALE', 'SALE', 'SALE', 'SALE', 'SALE']);
    const queries = Object.fromEntries(stack.calls().map((call) => [relativePath(call), call.query]));
    expect(queries['/partners']).toEqual({ is_company: 'true', ids: '1,4,5,9', limit: '21', offset: '0' });
    expect(queries['/sale-orders']).toEqual({ state: 'sale', limit: '6', offset: '0' });
  });

  it('answers an empty id list with an empty page and no call', async () => {
    const response = await stack.gql('{ partners(filter: { ids: [] }) { items { id } pageInfo { hasNextPage } } }');
    expect(response.body.data).toEqual({ partners: { items: [], pageInfo: { hasNextPage: false } } });
    expect(stack.calls()).toHaveLength(0);
  });
});

describe('values', () => {
  it("maps Odoo's false to null, datetimes to ISO-8601 UTC and selections to enum values", async () => {
    const response = await stack.gql('{ partners(limit: 3) { items { parent { id } createDate type isCompany } } }');
    const items = (response.body.data as { partners: { items: Record<string, unknown>[] } }).partners.items;
    expect(items[0]?.['parent']).toBeNull();
    for (const item of items) {
      expect(item['createDate']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(['CONTACT', 'INVOICE', 'DELIVERY']).toContain(item['type']);
      expect(typeof item['isCompany']).toBe('boolean');
    }
  });
});

describe('a by-id field', () => {
  it('returns null without an error for an unknown id', async () => {
    const response = await stack.gql('{ partner(id: "999999") { id } product(id: "NO_SUCH_CODE") { name } }');
    expect(response.body).toEqual({ data: { partner: null, product: null }, extensions: expect.any(Object) });
    expect(
      stack
        .calls()
        .map((call) => `${relativePath(call)} ${call.status}`)
        .sort(),
    ).toEqual(['/partners/999999 404', '/products/NO_SUCH_CODE 404']);
  });
});

describe('an upstream failure', () => {
  it('errors the field that failed, with its code, and keeps the rest of the data', async () => {
    stack.simulator.addFault('partners', { kind: 'status-500', count: 10 });
    const response = await stack.gql('{ saleOrder(id: 1) { name partner { contactEmail } } countries(limit: 2) { items { name } } }');
    const data = response.body.data as { saleOrder: unknown; countries: { items: unknown[] } };
    expect(data.saleOrder).toBeNull();
    expect(data.countries.items).toHaveLength(2);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({
      path: ['saleOrder', 'partner'],
      extensions: { code: 'UPSTREAM_ERROR', upstream: { status: 500, endpoint: 'partners', path: '/partners/{id}' } },
    });
    expect(response.text).not.toContain('127.0.0.1');
  });
});

describe('cost', () => {
  it('reports the REST calls actually made in extensions.cost (on in the demo)', async () => {
    const response = await stack.gql('{ countries(limit: 2) { items { id } } partners(limit: 2) { items { id } } }');
    expect(response.body.extensions).toEqual({ cost: { restCalls: 2, sharedCalls: 0, cacheHits: 0, staleHits: 0, budget: 50 } });
    expect(stack.calls()).toHaveLength(2);
  });
});
