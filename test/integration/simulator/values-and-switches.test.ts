import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator, SimulatorOptions } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { asRecord, asRecords, call } from './sim-http.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

async function withSimulator(options: SimulatorOptions, body: (custom: Simulator) => Promise<void>): Promise<void> {
  const custom = await startSimulator(options);
  try {
    await body(custom);
  } finally {
    await custom.close();
  }
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe("Odoo's values", () => {
  it('empty non-boolean fields are false, never null; external keys differ from Odoo names', async () => {
    const partners = asRecords((await call(sim, 'GET', '/partners?limit=300&active=true')).json);
    const text = JSON.stringify(partners);
    expect(text).not.toContain('null');
    expect(partners.some((p) => p.phone === false)).toBe(true);
    expect(partners.some((p) => p.parent_id === false)).toBe(true);
    expect(partners.some((p) => p.date === false)).toBe(true);
    expect(partners[0]).toHaveProperty('contact_email');
    expect(partners[0]).not.toHaveProperty('email');
  });

  it('datetimes are "YYYY-MM-DD HH:MM:SS", dates "YYYY-MM-DD", floats JSON numbers, selections keys', async () => {
    const orders = asRecords((await call(sim, 'GET', '/sale-orders?limit=200', {})).json);
    for (const order of orders) {
      expect(order.date_order).toMatch(DATETIME);
      expect(order.validity_date === false || DATE.test(String(order.validity_date))).toBe(true);
      expect(['draft', 'sent', 'sale', 'cancel']).toContain(order.state);
      expect(typeof order.amount_total).toBe('number');
      expect(order.name).toMatch(/^S\d{5}$/);
    }
    const partner = asRecord((await call(sim, 'GET', '/partners/1')).json);
    expect(partner.create_date).toMatch(DATETIME);
    expect(partner.write_date).toMatch(DATETIME);
  });

  it('many2one embeds the child keys ({id, name}; {default_code, name} for products); companies own contacts', async () => {
    const line = asRecord((await call(sim, 'GET', '/sale-order-lines/1')).json);
    expect(Object.keys(asRecord(line.order_id))).toEqual(['id', 'name']);
    expect(Object.keys(asRecord(line.product_id))).toEqual(['default_code', 'name']);
    const contacts = asRecords((await call(sim, 'GET', '/partners?is_company=false&limit=10')).json);
    for (const contact of contacts) {
      const parent = asRecord((await call(sim, 'GET', `/partners/${String(asRecord(contact.parent_id).id)}`)).json);
      expect(parent.is_company).toBe(true);
      expect(asRecord(contact.parent_id).name).toBe(parent.name);
    }
    const category = asRecord((await call(sim, 'GET', '/product-categories/6')).json);
    expect(category).toEqual({
      id: 6,
      name: 'Desks',
      complete_name: 'All / Saleable / Office Furniture / Desks',
      parent_id: { id: 5, name: 'Office Furniture' },
    });
  });

  it('order amounts are consistent with the lines', async () => {
    const orders = asRecords((await call(sim, 'GET', '/sale-orders?limit=50')).json);
    for (const order of orders) {
      const lines = order.order_line as Record<string, unknown>[];
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(5);
      const untaxed = lines.reduce((sum, line) => sum + Number(line.price_subtotal), 0);
      expect(order.amount_untaxed).toBeCloseTo(untaxed, 2);
      expect(order.amount_total).toBeCloseTo(Number(order.amount_untaxed) + Number(order.amount_tax), 2);
    }
  });
});

describe('dataset', () => {
  it('the same seed gives the same data; another seed other data', async () => {
    const read = async (target: Simulator): Promise<string> => {
      const paths = ['/partners?limit=1000&active=true', '/products?limit=1000', '/sale-orders?limit=1000', '/product-tags'];
      return (await Promise.all(paths.map(async (path) => (await call(target, 'GET', path)).text))).join('\n');
    };
    const first = await read(sim);
    await withSimulator({ seed: 42 }, async (same) => expect(await read(same)).toBe(first));
    await withSimulator({ seed: 7 }, async (other) => expect(await read(other)).not.toBe(first));
  });

  it('size scales the big models, not the reference ones', async () => {
    const counts = Object.fromEntries(sim.describe().map((endpoint) => [endpoint.name, endpoint.count]));
    expect(counts).toMatchObject({ countries: 40, partners: 300, 'product-categories': 15, uom: 12, 'product-tags': 10, products: 120, 'sale-orders': 200 });
    await withSimulator({ size: 3 }, async (big) => {
      const bigCounts = Object.fromEntries(big.describe().map((endpoint) => [endpoint.name, endpoint.count]));
      expect(bigCounts).toMatchObject({ countries: 40, partners: 900, products: 360, 'sale-orders': 600 });
    });
  });
});

describe('switches', () => {
  it('listEnvelope data wraps lists in {data}', async () => {
    await withSimulator({ switches: { listEnvelope: 'data' } }, async (custom) => {
      const result = asRecord((await call(custom, 'GET', '/countries?limit=2')).json);
      expect(Object.keys(result)).toEqual(['data']);
      expect(asRecords(result.data)).toHaveLength(2);
      expect(asRecord((await call(custom, 'GET', '/countries/1')).json).id).toBe(1);
    });
  });

  it('postStatus 200', async () => {
    await withSimulator({ switches: { postStatus: 200 } }, async (custom) => {
      expect((await call(custom, 'POST', '/partners', { body: { name: 'A' } })).status).toBe(200);
    });
  });

  it('identifierMode odoo-id addresses products by their Odoo id', async () => {
    await withSimulator({ switches: { identifierMode: 'odoo-id' } }, async (custom) => {
      const product = asRecord((await call(custom, 'GET', '/products/2')).json);
      expect(product).toMatchObject({ id: 2, default_code: 'CHAIR_0001' });
      expect((await call(custom, 'GET', '/products/CHAIR_0001')).status).toBe(404);
      expect((await call(custom, 'PUT', '/products/2', { body: { name: 'Renamed' } })).status).toBe(200);
      expect(custom.describe().find((endpoint) => endpoint.name === 'products')?.idKey).toBe('id');
    });
  });

  it('many2oneWrite id takes bare identifiers and refuses the object form', async () => {
    await withSimulator({ switches: { many2oneWrite: 'id' } }, async (custom) => {
      const created = await call(custom, 'POST', '/partners', { body: { name: 'A', country_id: 4 } });
      expect(asRecord(created.json).country_id).toEqual({ id: 4, name: 'Belgium' });
      const wrong = await call(custom, 'POST', '/partners', { body: { name: 'A', country_id: { id: 4 } } });
      expect(wrong.status).toBe(400);
      expect(wrong.json).toEqual({ error: 'Invalid value for country_id: expected a bare id', line_id: 'country_id', status_code: 'INVALID_MANY2ONE_FORM' });
      const product = await call(custom, 'POST', '/sale-orders', { body: { partner_id: 1, order_line: [{ product_id: 'CHAIR_0001' }] } });
      expect(product.status).toBe(201);
    });
  });

  it('basePath moves the routes', async () => {
    await withSimulator({ basePath: '/api/v2/' }, async (custom) => {
      expect(custom.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/);
      expect((await call(custom, 'GET', '/countries?limit=1')).status).toBe(200);
    });
  });
});
