/** create → POST, update → PUT (given fields only), delete → DELETE: one write each, never retried. */
import { afterEach, describe, expect, it } from 'vitest';
import { relativePath, startStack, type Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const callsOf = (s: Stack) => s.calls().map((call) => `${call.method} ${relativePath(call)}`);

describe('mutations', () => {
  it('create, update and delete round trip, with relations written as identifier objects', async () => {
    stack = await startStack();
    const created = await stack.gql(
      `mutation { createPartner(input: { name: "Acme Lab", isCompany: true, countryId: "3", type: INVOICE, city: "Lyon" }) {
         id name isCompany city type country { id name } createDate } }`,
    );
    expect(created.body.errors).toBeUndefined();
    const partner = (created.body.data as { createPartner: Record<string, unknown> & { id: string } }).createPartner;
    expect(partner).toMatchObject({ name: 'Acme Lab', isCompany: true, city: 'Lyon', type: 'INVOICE', country: { id: '3' } });
    expect(partner['createDate']).toMatch(/Z$/);
    expect(callsOf(stack)).toEqual(['POST /partners']);

    stack.simulator.clearRecords();
    const updated = await stack.gql('mutation($id: ID!) { updatePartner(id: $id, input: { city: "Paris", phone: null }) { name city phone } }', {
      id: partner.id,
    });
    expect(updated.body.data).toEqual({ updatePartner: { name: 'Acme Lab', city: 'Paris', phone: null } });
    expect(callsOf(stack)).toEqual([`PUT /partners/${partner.id}`]);

    stack.simulator.clearRecords();
    const deleted = await stack.gql('mutation($id: ID!) { deletePartner(id: $id) }', { id: partner.id });
    expect(deleted.body.data).toEqual({ deletePartner: partner.id });
    const after = await stack.gql('query($id: ID!) { partner(id: $id) { id } }', { id: partner.id });
    expect(after.body.data).toEqual({ partner: null });
    expect(callsOf(stack)).toEqual([`DELETE /partners/${partner.id}`, `GET /partners/${partner.id}`]);
  });

  it('keeps the loader current: a record updated earlier in the operation is read from it', async () => {
    stack = await startStack();
    const response = await stack.gql(
      `mutation { updatePartner(id: "7", input: { city: "Nantes" }) { id }
         createSaleOrder(input: { partnerId: "7" }) { id partner { id city } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    const order = (response.body.data as { createSaleOrder: { partner: unknown } }).createSaleOrder;
    expect(order.partner).toEqual({ id: '7', city: 'Nantes' });
    expect(callsOf(stack)).toEqual(['PUT /partners/7', 'POST /sale-orders']);
  });

  it('writes a product keyed by default_code', async () => {
    stack = await startStack();
    const created = await stack.gql('mutation { createProduct(input: { defaultCode: "TEST_0001", name: "Test", listPrice: 9.5 }) { defaultCode listPrice } }');
    expect(created.body.data).toEqual({ createProduct: { defaultCode: 'TEST_0001', listPrice: 9.5 } });
    const updated = await stack.gql('mutation { updateProduct(id: "TEST_0001", input: { listPrice: 12 }) { defaultCode name listPrice } }');
    expect(updated.body.data).toEqual({ updateProduct: { defaultCode: 'TEST_0001', name: 'Test', listPrice: 12 } });
    expect(callsOf(stack)).toEqual(['POST /products', 'PUT /products/TEST_0001']);
  });

  it('writes a bare Many2one id when the endpoint is configured so', async () => {
    stack = await startStack({
      simulator: { switches: { many2oneWrite: 'id' } },
      config: (config) => ({ ...config, endpoints: config.endpoints.map((e) => ({ ...e, many2oneWrite: 'id' as const })) }),
    });
    const created = await stack.gql('mutation { createSaleOrder(input: { partnerId: "12" }) { partner { id } } }');
    expect(created.body).toMatchObject({ data: { createSaleOrder: { partner: { id: '12' } } } });
  });

  it('has no mutation field for a method the endpoint does not allow, and makes no call', async () => {
    stack = await startStack();
    const response = await stack.gql('mutation { deleteProduct(id: "X") createCountry(input: {}) { id } }');
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    expect(stack.calls()).toHaveLength(0);
  });

  it('passes an upstream validation error on as BAD_USER_INPUT with its line id, sent once', async () => {
    stack = await startStack();
    const response = await stack.gql('mutation { createSaleOrder(input: { partnerId: "999999" }) { id } }');
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]).toMatchObject({
      path: ['createSaleOrder'],
      extensions: {
        code: 'BAD_USER_INPUT',
        upstream: { status: 400, endpoint: 'sale-orders', lineId: 'partner_id', statusCode: 'RELATED_RECORD_NOT_FOUND' },
      },
    });
    expect(callsOf(stack)).toEqual(['POST /sale-orders']);
  });

  it.each([
    ['POST', 'mutation { createPartner(input: { name: "Unread" }) { id } }', 'createPartner', 'POST /partners'],
    ['PUT', 'mutation { updatePartner(id: "3", input: { city: "Unread" }) { id } }', 'updatePartner', 'PUT /partners/3'],
  ] as const)('a %s answered 200 with a body that cannot be read is UPSTREAM_WRITE_OUTCOME_UNKNOWN, sent once', async (method, mutation, field, call) => {
    stack = await startStack();
    stack.simulator.addFault('partners', { kind: 'malformed-json', count: 5, methods: [method] });
    const response = await stack.gql(mutation);
    expect(response.body.data).toBeNull();
    const error = response.body.errors?.[0];
    expect(error).toMatchObject({ path: [field], extensions: { code: 'UPSTREAM_WRITE_OUTCOME_UNKNOWN', upstream: { status: 200, method } } });
    expect(error?.message).toContain('applied as far as we know');
    expect(callsOf(stack)).toEqual([call]);
  });

  it('never retries a write the upstream failed', async () => {
    stack = await startStack();
    stack.simulator.addFault('partners', { kind: 'status-500', count: 5, methods: ['PUT'] });
    const response = await stack.gql('mutation { updatePartner(id: "3", input: { city: "X" }) { id } }');
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(callsOf(stack)).toEqual(['PUT /partners/3']);
  });
});
