import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { asRecord, asRecords, call, originOf } from './sim-http.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const ids = (json: unknown): unknown[] => asRecords(json).map((record) => record.id);

describe('404s', () => {
  it('an unknown record is a JSON 404 with a message', async () => {
    for (const path of ['/partners/999999', '/partners/abc', '/products/NOPE_0001', '/countries/0']) {
      const result = await call(sim, 'GET', path);
      expect(result.status).toBe(404);
      expect(result.json).toEqual({ message: 'Record not found' });
    }
  });

  it('paths that match no route get the HTML 404 page', async () => {
    const origin = originOf(sim);
    for (const url of [
      `${origin}/`,
      `${origin}/web/login`,
      `${sim.baseUrl}`,
      `${sim.baseUrl}/partners/1/extra`,
      `${sim.baseUrl}/partners/`,
      `${origin}/__sim/records`,
    ]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('404: Not Found');
    }
  });
});

describe('GET one', () => {
  it('reads a record by its identifier; products by default_code, URL-encoded', async () => {
    const partner = await call(sim, 'GET', '/partners/1');
    expect(partner.status).toBe(200);
    expect(asRecord(partner.json).id).toBe(1);
    const product = await call(sim, 'GET', `/products/${encodeURIComponent('CHAIR_0001')}`);
    expect(asRecord(product.json).default_code).toBe('CHAIR_0001');
    expect((await call(sim, 'GET', `/products/${String(asRecord(product.json).id)}`)).status).toBe(404);
  });
});

describe('pagination', () => {
  it('no limit gives 100 records; limit=0 an empty array; offset past the end an empty array', async () => {
    expect(asRecords((await call(sim, 'GET', '/partners')).json)).toHaveLength(100);
    const zero = await call(sim, 'GET', '/partners?limit=0');
    expect(zero.status).toBe(200);
    expect(zero.json).toEqual([]);
    expect((await call(sim, 'GET', '/partners?offset=100000')).json).toEqual([]);
  });

  it('pages tile the list with no gap or overlap; the last page is short', async () => {
    const all = ids((await call(sim, 'GET', '/countries?limit=1000')).json);
    expect(all).toHaveLength(40);
    const pages = [];
    for (let offset = 0; offset < 40; offset += 15) pages.push(...ids((await call(sim, 'GET', `/countries?limit=15&offset=${offset}`)).json));
    expect(pages).toEqual(all);
    expect(ids((await call(sim, 'GET', '/countries?limit=15&offset=30')).json)).toHaveLength(10);
  });

  it('a non-numeric or negative limit or offset is a 400 with a message', async () => {
    for (const query of ['limit=ten', 'limit=-1', 'offset=x', 'limit=1.5']) {
      const result = await call(sim, 'GET', `/countries?${query}`);
      expect(result.status, query).toBe(400);
      expect(asRecord(result.json).message).toMatch(/^Invalid (limit|offset)/);
    }
  });

  it('unknown query keys are ignored', async () => {
    expect(ids((await call(sim, 'GET', '/countries?limit=5&color=blue')).json)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('filters', () => {
  it('eq on a char, a selection, a boolean and a many2one id', async () => {
    expect(asRecords((await call(sim, 'GET', '/countries?code=BE')).json).map((c) => c.name)).toEqual(['Belgium']);
    const drafts = asRecords((await call(sim, 'GET', '/sale-orders?state=draft&limit=1000')).json);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((order) => order.state === 'draft')).toBe(true);
    const companies = asRecords((await call(sim, 'GET', '/partners?is_company=true&limit=1000')).json);
    expect(companies.length).toBeGreaterThan(0);
    expect(companies.every((partner) => partner.is_company === true)).toBe(true);
    const inKenya = asRecords((await call(sim, 'GET', '/partners?country_id=24&limit=1000')).json);
    expect(inKenya.length).toBeGreaterThan(0);
    expect(inKenya.every((partner) => asRecord(partner.country_id).id === 24)).toBe(true);
  });

  it('contains is a case-insensitive substring match', async () => {
    const names = asRecords((await call(sim, 'GET', '/countries?name=LAND')).json).map((c) => c.name);
    expect(names).toEqual(['Finland', 'Ireland', 'Netherlands', 'New Zealand', 'Poland', 'Switzerland']);
  });

  it('filters are ANDed', async () => {
    const orders = asRecords((await call(sim, 'GET', '/sale-orders?state=sale&partner_id=66&limit=1000')).json);
    expect(orders.every((order) => order.state === 'sale' && asRecord(order.partner_id).id === 66)).toBe(true);
  });

  it('archived records are hidden unless the query filters on active', async () => {
    const visible = asRecords((await call(sim, 'GET', '/partners?limit=1000')).json);
    const archived = asRecords((await call(sim, 'GET', '/partners?active=false&limit=1000')).json);
    expect(archived.length).toBeGreaterThan(0);
    expect(visible.every((partner) => partner.active === true)).toBe(true);
    expect(archived.every((partner) => partner.active === false)).toBe(true);
    expect(visible.length + archived.length).toBe(300);
    const one = archived[0];
    expect((await call(sim, 'GET', `/partners/${String(one?.id)}`)).status).toBe(200);
  });

  it('the in key is off by default: ignored like an unknown key', async () => {
    expect(ids((await call(sim, 'GET', '/countries?ids=3,5&limit=4')).json)).toEqual([1, 2, 3, 4]);
  });

  it('a bad value for a configured key is a 400', async () => {
    expect((await call(sim, 'GET', '/partners?is_company=maybe')).status).toBe(400);
    expect((await call(sim, 'GET', '/partners?country_id=Kenya')).status).toBe(400);
  });
});

describe('the in key, when enabled', () => {
  it('takes a comma-separated list on every endpoint that defines one (true)', async () => {
    const withIn = await startSimulator({ switches: { inFilter: true } });
    try {
      expect(ids((await call(withIn, 'GET', '/countries?ids=5,3,40,999')).json)).toEqual([3, 5, 40]);
      const products = asRecords((await call(withIn, 'GET', '/products?default_codes=CHAIR_0001,DESK_0002')).json);
      expect(products.map((p) => p.default_code).sort()).toEqual(['CHAIR_0001', 'DESK_0002']);
      expect((await call(withIn, 'GET', '/countries?ids=1,x')).status).toBe(400);
    } finally {
      await withIn.close();
    }
  });

  it('or only on the endpoints named', async () => {
    const some = await startSimulator({ switches: { inFilter: ['partners'] } });
    try {
      expect(ids((await call(some, 'GET', '/partners?ids=7,2')).json)).toEqual([2, 7]);
      expect(ids((await call(some, 'GET', '/countries?ids=7,2&limit=2')).json)).toEqual([1, 2]);
      const described = some.describe().find((endpoint) => endpoint.name === 'countries');
      expect(described?.filters.some((filter) => filter.operator === 'in')).toBe(false);
    } finally {
      await some.close();
    }
  });
});
