import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { BASIC, BEARER, asRecords, call } from './sim-http.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const UNAUTHORIZED = { message: 'Unauthorized: missing or invalid credentials' };

describe('auth none', () => {
  it.each(['countries', 'product-categories', 'uom', 'product-tags'])('%s answers without credentials', async (endpoint) => {
    const result = await call(sim, 'GET', `/${endpoint}?limit=1`, { auth: null });
    expect(result.status).toBe(200);
    expect(asRecords(result.json)).toHaveLength(1);
  });
});

describe('auth bearer', () => {
  it.each(['partners', 'sale-orders', 'sale-order-lines'])('%s accepts the token and refuses no or a wrong token', async (endpoint) => {
    expect((await call(sim, 'GET', `/${endpoint}?limit=1`, { auth: BEARER })).status).toBe(200);
    for (const auth of [null, 'Bearer wrong-token', BASIC, 'demo-token']) {
      const result = await call(sim, 'GET', `/${endpoint}?limit=1`, { auth });
      expect(result.status).toBe(401);
      expect(result.json).toEqual(UNAUTHORIZED);
    }
  });
});

describe('auth basic', () => {
  it('products accepts login and password and refuses anything else', async () => {
    expect((await call(sim, 'GET', '/products?limit=1', { auth: BASIC })).status).toBe(200);
    const wrong = `Basic ${Buffer.from('demo:nope').toString('base64')}`;
    const noColon = `Basic ${Buffer.from('demo').toString('base64')}`;
    for (const auth of [null, wrong, noColon, BEARER]) {
      const result = await call(sim, 'GET', '/products?limit=1', { auth });
      expect(result.status).toBe(401);
      expect(result.json).toEqual(UNAUTHORIZED);
    }
  });
});

describe('methods', () => {
  const disabled: readonly (readonly [string, string, string])[] = [
    ['countries', 'POST', '/countries'],
    ['countries', 'PUT', '/countries/1'],
    ['countries', 'DELETE', '/countries/1'],
    ['product-categories', 'POST', '/product-categories'],
    ['product-categories', 'PUT', '/product-categories/1'],
    ['product-categories', 'DELETE', '/product-categories/1'],
    ['uom', 'POST', '/uom'],
    ['uom', 'PUT', '/uom/1'],
    ['uom', 'DELETE', '/uom/1'],
    ['product-tags', 'POST', '/product-tags'],
    ['product-tags', 'PUT', '/product-tags/1'],
    ['product-tags', 'DELETE', '/product-tags/1'],
    ['products', 'DELETE', '/products/FURN_0001'],
    ['sale-order-lines', 'POST', '/sale-order-lines'],
    ['sale-order-lines', 'PUT', '/sale-order-lines/1'],
    ['sale-order-lines', 'DELETE', '/sale-order-lines/1'],
  ];
  it.each(disabled)('%s: %s gives 405 with a message', async (endpoint, method, path) => {
    const result = await call(sim, method, path, { body: method === 'DELETE' ? undefined : { name: 'x' } });
    expect(result.status).toBe(405);
    expect(result.json).toEqual({ message: `Method ${method} is not allowed on endpoint ${endpoint}` });
  });

  it('a PATCH, or a route shape the verb does not take, gets the HTML 405 page', async () => {
    for (const [method, path] of [
      ['PATCH', '/partners/1'],
      ['POST', '/partners/1'],
      ['PUT', '/partners'],
      ['DELETE', '/partners'],
    ] as const) {
      const result = await call(sim, method, path, { body: method === 'DELETE' ? undefined : {} });
      expect(result.status).toBe(405);
      expect(result.headers.get('content-type')).toMatch(/^text\/html/);
      expect(result.text).toContain('405: Method Not Allowed');
    }
  });
});

describe('order of checks: unknown endpoint → credentials → method → body', () => {
  it('an unknown endpoint is a 404 even without credentials', async () => {
    const result = await call(sim, 'POST', '/invoices', { auth: null, body: '{not json' });
    expect(result.status).toBe(404);
    expect(result.json).toEqual({ message: 'Endpoint not found: invoices' });
  });

  it('missing credentials come before a disabled method', async () => {
    expect((await call(sim, 'DELETE', '/products/FURN_0001', { auth: null })).status).toBe(401);
  });

  it('missing credentials come before an invalid body', async () => {
    expect((await call(sim, 'POST', '/partners', { auth: null, body: '{not json' })).status).toBe(401);
  });

  it('a disabled method comes before an invalid body', async () => {
    expect((await call(sim, 'POST', '/sale-order-lines', { body: '{not json' })).status).toBe(405);
  });
});

describe('per-endpoint overrides', () => {
  it('options.auth and options.methods replace an endpoint defaults', async () => {
    const custom = await startSimulator({
      auth: { countries: { type: 'bearer', token: 'other-token' }, partners: { type: 'none' } },
      methods: { partners: ['GET'] },
    });
    try {
      expect((await call(custom, 'GET', '/countries?limit=1', { auth: null })).status).toBe(401);
      expect((await call(custom, 'GET', '/countries?limit=1', { auth: 'Bearer other-token' })).status).toBe(200);
      expect((await call(custom, 'GET', '/partners?limit=1', { auth: null })).status).toBe(200);
      expect((await call(custom, 'POST', '/partners', { auth: null, body: { name: 'X' } })).status).toBe(405);
    } finally {
      await custom.close();
    }
  });
});

describe('access rights', () => {
  it('a forbidden endpoint answers 403 after credentials and method are checked', async () => {
    const denied = await startSimulator({ forbidden: ['partners'] });
    try {
      const forbidden = await call(denied, 'GET', '/partners?limit=1');
      expect(forbidden.status).toBe(403);
      expect(forbidden.json).toEqual({ message: "Access Denied: you are not allowed to access 'res.partner' records" });
      expect((await call(denied, 'GET', '/partners?limit=1', { auth: null })).status).toBe(401);
      expect((await call(denied, 'GET', '/countries?limit=1')).status).toBe(200);
    } finally {
      await denied.close();
    }
  });
});
