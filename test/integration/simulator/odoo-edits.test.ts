/** `POST /__sim/odoo/<endpoint>/<id>`: a change made inside Odoo, seen by the API and reported on the change list. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimChange } from '../../../src/simulator/sim-changes.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { asRecord, asRecords, call, originOf } from './sim-http.js';

let sim: Simulator;
let changes: SimChange[] = [];
beforeAll(async () => {
  sim = await startSimulator({ admin: true });
  sim.subscribeChanges((change) => changes.push(change));
});
beforeEach(() => {
  sim.resetData();
  sim.clearRecords();
  changes = [];
});
afterAll(() => sim.close());

const edit = async (path: string, body: unknown): Promise<{ status: number; json: unknown }> => {
  const response = await fetch(`${originOf(sim)}/__sim/odoo/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
};

describe('a change made inside Odoo', () => {
  it('set: external keys, read back through the API, write_date moved, reported once via odoo', async () => {
    const before = asRecord((await call(sim, 'GET', '/partners/5')).json);
    const answer = await edit('partners/5', { set: { city: 'Lyon', contact_email: 'new@example.com' } });
    expect(answer.status).toBe(200);
    expect(asRecord(answer.json)).toMatchObject({ id: 5, city: 'Lyon', contact_email: 'new@example.com' });
    const after = asRecord((await call(sim, 'GET', '/partners/5')).json);
    expect(after).toMatchObject({ city: 'Lyon', contact_email: 'new@example.com', name: before.name });
    expect(after.write_date).not.toBe(before.write_date);
    expect(changes).toEqual([{ kind: 'updated', endpoint: 'partners', rowId: 5, via: 'odoo' }]);
    // Admin requests are not recorded: the two GETs are.
    expect(sim.records.map((record) => record.method)).toEqual(['GET', 'GET']);
  });

  it('set on an endpoint keyed by another identifier (products by default_code), relations by their key', async () => {
    const answer = await edit('products/CHAIR_0001', { set: { list_price: 99.5, categ_id: { id: 1 } } });
    expect(answer.status).toBe(200);
    const product = asRecord((await call(sim, 'GET', '/products/CHAIR_0001')).json);
    expect(product).toMatchObject({ list_price: 99.5, categ_id: { id: 1 } });
    expect(changes).toEqual([{ kind: 'updated', endpoint: 'products', rowId: product.id, via: 'odoo' }]);
  });

  it('archive hides the record from lists (Odoo active test), restore shows it again', async () => {
    const listed = async (): Promise<boolean> => asRecords((await call(sim, 'GET', '/partners?limit=1000')).json).some((row) => row.id === 3);
    expect(await listed()).toBe(true);
    expect((await edit('partners/3', { archive: true })).status).toBe(200);
    expect(await listed()).toBe(false);
    expect(asRecord((await call(sim, 'GET', '/partners/3')).json).active).toBe(false);
    expect((await edit('partners/3', { archive: false })).status).toBe(200);
    expect(await listed()).toBe(true);
    expect(changes.map((change) => change.kind)).toEqual(['updated', 'updated']);
  });

  it('delete: the record is gone (404), its order lines with it, reported as deleted', async () => {
    const order = asRecord((await call(sim, 'GET', '/sale-orders/2')).json);
    const lineIds = (order.order_line as { id: number }[]).map((line) => line.id);
    expect(lineIds.length).toBeGreaterThan(0);
    const answer = await edit('sale-orders/2', { delete: true });
    expect(answer).toEqual({ status: 200, json: { message: 'Record deleted in Odoo' } });
    expect((await call(sim, 'GET', '/sale-orders/2')).status).toBe(404);
    expect((await call(sim, 'GET', `/sale-order-lines/${lineIds[0]}`)).status).toBe(404);
    expect(changes).toEqual([{ kind: 'deleted', endpoint: 'sale-orders', rowId: 2, via: 'odoo' }]);
  });

  it('in-process editInOdoo answers as the route does', async () => {
    expect(sim.editInOdoo('partners', '7', { set: { city: 'Gent' } })).toMatchObject({ status: 200, body: { city: 'Gent' } });
    expect(asRecord((await call(sim, 'GET', '/partners/7')).json).city).toBe('Gent');
    expect(changes).toHaveLength(1);
  });
});

describe('bad edits change nothing and report nothing', () => {
  it.each([
    ['unknown key', 'partners/5', { set: { city: 'X', colour: 'red' } }, 400, /Unknown keys on partners: colour/],
    ['bad value', 'partners/5', { set: { customer_rank: 'high' } }, 400, /customer_rank/],
    ['unknown relation', 'partners/5', { set: { country_id: { id: 99999 } } }, 400, /RELATED_RECORD_NOT_FOUND/],
    ['no active field', 'countries/1', { archive: true }, 400, /cannot be archived/],
    ['two actions', 'partners/5', { archive: true, delete: true }, 400, /./],
    ['delete: false', 'partners/5', { delete: false }, 400, /./],
    ['unknown endpoint', 'nowhere/5', { archive: true }, 404, /Endpoint not found/],
    ['unknown record', 'partners/999999', { archive: true }, 404, /Record not found/],
  ])('%s', async (_name, path, body, status, message) => {
    const before = JSON.stringify(asRecord((await call(sim, 'GET', '/partners/5')).json));
    const answer = await edit(path, body);
    expect(answer.status).toBe(status);
    expect(JSON.stringify(answer.json)).toMatch(message);
    expect(JSON.stringify(asRecord((await call(sim, 'GET', '/partners/5')).json))).toBe(before);
    expect(changes).toEqual([]);
  });

  it('is an HTML 404 without --admin', async () => {
    const plain = await startSimulator();
    try {
      const response = await fetch(`${originOf(plain)}/__sim/odoo/partners/5`, { method: 'POST', body: '{"archive":true}' });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(asRecord((await call(plain, 'GET', '/partners/5')).json).active).not.toBe(false);
    } finally {
      await plain.close();
    }
  });
});
