import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { asRecord, asRecords, call } from './sim-http.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
beforeEach(() => sim.resetData());
afterAll(() => sim.close());

describe('400 before the mapping: the body', () => {
  it.each([
    ['invalid JSON', '{"name": ', 'Invalid JSON body'],
    ['an empty body', '', 'Invalid JSON body'],
    ['an array (bulk) body', '[{"name": "A"}, {"name": "B"}]', 'Expected one JSON object: array (bulk) bodies are not supported'],
    ['a JSON string', '"Acme"', 'Expected one JSON object'],
  ])('%s is a 400 with a message', async (_label, body, message) => {
    for (const [method, path] of [
      ['POST', '/partners'],
      ['PUT', '/partners/1'],
    ] as const) {
      const result = await call(sim, method, path, { body });
      expect(result.status).toBe(400);
      expect(result.json).toEqual({ message });
    }
  });
});

describe('400 from a mapping line: {error, line_id, status_code}', () => {
  it('a missing required field, on create and when cleared by an update', async () => {
    const created = await call(sim, 'POST', '/partners', { body: { contact_email: 'a@b.c' } });
    expect(created.status).toBe(400);
    expect(created.json).toEqual({ error: 'Missing required field: name', line_id: 'name', status_code: 'MISSING_REQUIRED_FIELD' });
    const cleared = await call(sim, 'PUT', '/partners/1', { body: { name: '' } });
    expect(asRecord(cleared.json).status_code).toBe('MISSING_REQUIRED_FIELD');
  });

  it('an unknown related record', async () => {
    const result = await call(sim, 'POST', '/partners', { body: { name: 'A', country_id: { id: 9999 } } });
    expect(result.status).toBe(400);
    expect(result.json).toEqual({ error: 'No res.country record with id 9999', line_id: 'country_id', status_code: 'RELATED_RECORD_NOT_FOUND' });
    const line = await call(sim, 'POST', '/sale-orders', { body: { partner_id: { id: 1 }, order_line: [{ product_id: { default_code: 'NOPE' } }] } });
    expect(asRecord(line.json)).toMatchObject({ line_id: 'order_line.product_id', status_code: 'RELATED_RECORD_NOT_FOUND' });
  });

  it('the wrong many2one form (a bare id while the object form is configured)', async () => {
    const result = await call(sim, 'POST', '/partners', { body: { name: 'A', parent_id: 1 } });
    expect(result.status).toBe(400);
    expect(result.json).toEqual({
      error: 'Invalid value for parent_id: expected an object with id',
      line_id: 'parent_id',
      status_code: 'INVALID_MANY2ONE_FORM',
    });
  });

  it('a value of the wrong type or outside the selection', async () => {
    for (const body of [{ name: 'A', type: 'vendor' }, { name: 'A', is_company: 'yes' }, { name: 'A', date: '2024-13' }, { name: 42 }]) {
      const result = await call(sim, 'POST', '/partners', { body });
      expect(result.status).toBe(400);
      expect(asRecord(result.json).status_code).toBe('INVALID_VALUE');
    }
  });

  it('a duplicate identifier on a non-id identifier key', async () => {
    const result = await call(sim, 'POST', '/products', { body: { default_code: 'CHAIR_0001', name: 'Copy' } });
    expect(result.json).toEqual({
      error: 'A record with default_code CHAIR_0001 already exists',
      line_id: 'default_code',
      status_code: 'DUPLICATE_IDENTIFIER',
    });
  });

  it('nothing is written when a line fails', async () => {
    await call(sim, 'POST', '/partners', { body: { name: 'Ghost Ltd', country_id: { id: 9999 } } });
    expect((await call(sim, 'GET', '/partners?name=Ghost')).json).toEqual([]);
  });
});

describe('POST, PUT, DELETE', () => {
  it('POST answers 201 with the created record, defaults filled, and it can be read back', async () => {
    const result = await call(sim, 'POST', '/partners', { body: { name: 'Acme', country_id: { id: 4 }, unmapped_key: 1, id: 5 } });
    expect(result.status).toBe(201);
    const created = asRecord(result.json);
    expect(created).toMatchObject({ id: 301, name: 'Acme', country_id: { id: 4, name: 'Belgium' }, contact_email: false, active: true, type: 'contact' });
    expect(created).not.toHaveProperty('unmapped_key');
    expect(created.create_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect((await call(sim, 'GET', '/partners/301')).json).toEqual(created);
  });

  it('PUT is a partial update answering 200 with the record', async () => {
    const before = asRecord((await call(sim, 'GET', '/partners/2')).json);
    const result = await call(sim, 'PUT', '/partners/2', { body: { phone: '+32 2 555 0000', parent_id: false } });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ ...before, phone: '+32 2 555 0000', parent_id: false, write_date: asRecord(result.json).write_date });
  });

  it('PUT and DELETE on an unknown record are 404s', async () => {
    expect((await call(sim, 'PUT', '/partners/99999', { body: { name: 'X' } })).status).toBe(404);
    expect((await call(sim, 'DELETE', '/partners/99999')).json).toEqual({ message: 'Record not found' });
  });

  it('DELETE answers 200 with a message; the record is gone', async () => {
    const result = await call(sim, 'DELETE', '/partners/5');
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ message: 'Record deleted successfully' });
    expect((await call(sim, 'GET', '/partners/5')).status).toBe(404);
  });

  it('products are written and addressed by default_code', async () => {
    const created = await call(sim, 'POST', '/products', { body: { default_code: 'NEW_0001', name: 'New thing', categ_id: { id: 5 } } });
    expect(created.status).toBe(201);
    expect(asRecord(created.json)).toMatchObject({ default_code: 'NEW_0001', categ_id: { id: 5, name: 'Office Furniture' }, uom_id: { id: 1, name: 'Units' } });
    const renamed = await call(sim, 'PUT', '/products/NEW_0001', { body: { default_code: 'NEW_0002' } });
    expect(asRecord(renamed.json).default_code).toBe('NEW_0002');
    expect((await call(sim, 'GET', '/products/NEW_0001')).status).toBe(404);
  });
});

describe('x2many writes', () => {
  const lineCount = async (): Promise<number> => asRecords((await call(sim, 'GET', '/sale-order-lines?limit=100000')).json).length;

  it('one2many: every element creates a new line, on POST and on PUT (existing lines stay)', async () => {
    const before = await lineCount();
    const created = asRecord(
      (
        await call(sim, 'POST', '/sale-orders', {
          body: {
            partner_id: { id: 1 },
            order_line: [{ product_id: { default_code: 'CHAIR_0001' }, product_uom_qty: 2, price_unit: 100 }, { product_id: { default_code: 'DESK_0001' } }],
          },
        })
      ).json,
    );
    const lines = created.order_line as Record<string, unknown>[];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ product_id: { default_code: 'CHAIR_0001' }, product_uom_qty: 2, price_unit: 100, price_subtotal: 200 });
    expect(await lineCount()).toBe(before + 2);
    const orderId = String(created.id);
    const ofOrder = asRecords((await call(sim, 'GET', `/sale-order-lines?order_id=${orderId}`)).json);
    expect(ofOrder.map((line) => line.id)).toEqual(lines.map((line) => line.id));
    const updated = asRecord(
      (
        await call(sim, 'PUT', `/sale-orders/${orderId}`, {
          body: { order_line: [{ product_id: { default_code: 'CHAIR_0001' }, product_uom_qty: 1, price_unit: 50 }] },
        })
      ).json,
    );
    expect((updated.order_line as unknown[]).length).toBe(3);
    expect(updated.amount_untaxed).toBe(Number(created.amount_untaxed) + 50);
    expect(await lineCount()).toBe(before + 3);
  });

  it('deleting an order deletes its lines', async () => {
    const before = await lineCount();
    const order = asRecord((await call(sim, 'GET', '/sale-orders/1')).json);
    await call(sim, 'DELETE', '/sale-orders/1');
    expect(await lineCount()).toBe(before - (order.order_line as unknown[]).length);
  });

  it('many2many: the array replaces the whole set', async () => {
    const put = async (tags: unknown): Promise<unknown> =>
      asRecord((await call(sim, 'PUT', '/products/CHAIR_0001', { body: { product_tag_ids: tags } })).json).product_tag_ids;
    expect(await put([{ id: 2 }, { id: 4 }])).toEqual([
      { id: 2, name: 'Sale' },
      { id: 4, name: 'Premium' },
    ]);
    expect(await put([{ id: 5 }])).toEqual([{ id: 5, name: 'Bestseller' }]);
    expect(await put([])).toEqual([]);
    const missing = await call(sim, 'PUT', '/products/CHAIR_0001', { body: { product_tag_ids: [{ id: 999 }] } });
    expect(asRecord(missing.json)).toMatchObject({ line_id: 'product_tag_ids', status_code: 'RELATED_RECORD_NOT_FOUND' });
  });
});
