import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { BASIC, BEARER, asRecord, call, originOf } from './sim-http.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ admin: true });
});
beforeEach(() => {
  sim.clearRecords();
  sim.clearFaults();
  sim.setLatency('*', null);
  sim.resetPeak();
});
afterAll(() => sim.close());

const admin = (method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${originOf(sim)}/__sim/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

describe('records', () => {
  it('every request: method, path, endpoint, query, status, X-Request-ID; never a credential', async () => {
    await call(sim, 'GET', '/partners?limit=2&name=a', { headers: { 'x-request-id': 'req-1' } });
    await call(sim, 'GET', '/products/CHAIR_0001');
    await call(sim, 'POST', '/partners', { auth: 'Bearer secret-token-xyz', body: { name: 'Secret Body Inc' } });
    await call(sim, 'GET', '/nowhere');
    await fetch(`${originOf(sim)}/web`);
    expect(sim.records).toEqual([
      {
        seq: expect.any(Number),
        method: 'GET',
        path: '/bj_api_sync/v1/partners',
        endpoint: 'partners',
        query: { limit: '2', name: 'a' },
        requestId: 'req-1',
        traceparent: null,
        status: 200,
      },
      {
        seq: expect.any(Number),
        method: 'GET',
        path: '/bj_api_sync/v1/products/CHAIR_0001',
        endpoint: 'products',
        query: {},
        requestId: null,
        traceparent: null,
        status: 200,
      },
      {
        seq: expect.any(Number),
        method: 'POST',
        path: '/bj_api_sync/v1/partners',
        endpoint: 'partners',
        query: {},
        requestId: null,
        traceparent: null,
        status: 401,
      },
      { seq: expect.any(Number), method: 'GET', path: '/bj_api_sync/v1/nowhere', endpoint: null, query: {}, requestId: null, traceparent: null, status: 404 },
      { seq: expect.any(Number), method: 'GET', path: '/web', endpoint: null, query: {}, requestId: null, traceparent: null, status: 404 },
    ]);
    const seqs = sim.records.map((record) => record.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const text = JSON.stringify(sim.records);
    for (const secret of ['secret-token-xyz', 'demo-token', BEARER, BASIC, 'Secret Body']) expect(text).not.toContain(secret);
  });

  it('records are copies: a caller cannot change them; clearRecords empties them', async () => {
    await call(sim, 'GET', '/countries?limit=1');
    const [first] = sim.records;
    expect(Object.isFrozen(first)).toBe(true);
    sim.clearRecords();
    expect(sim.records).toEqual([]);
  });

  it('keeps only the last recordLimit records', async () => {
    const small = await startSimulator({ recordLimit: 3 });
    try {
      for (let index = 1; index <= 7; index += 1) await call(small, 'GET', `/countries/${index}`);
      expect(small.records.map((record) => record.path.split('/').at(-1))).toEqual(['5', '6', '7']);
    } finally {
      await small.close();
    }
  });

  it('peakInFlight counts concurrent requests; resetPeak restarts it', async () => {
    sim.setLatency('countries', { kind: 'fixed', ms: 150 });
    await Promise.all(Array.from({ length: 5 }, () => call(sim, 'GET', '/countries?limit=1')));
    expect(sim.peakInFlight).toBe(5);
    sim.resetPeak();
    await call(sim, 'GET', '/countries?limit=1');
    expect(sim.peakInFlight).toBe(1);
    sim.setLatency('countries', null);
  });
});

describe('admin routes', () => {
  it('are an HTML 404 unless enabled', async () => {
    const plain = await startSimulator();
    try {
      const response = await fetch(`${originOf(plain)}/__sim/records`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    } finally {
      await plain.close();
    }
  });

  it('GET and DELETE /__sim/records; admin requests are not recorded', async () => {
    await call(sim, 'GET', '/countries?limit=1');
    const listed = asRecord(await (await admin('GET', 'records')).json());
    expect(listed).toEqual({ records: [expect.objectContaining({ path: '/bj_api_sync/v1/countries', status: 200 })], peakInFlight: 1 });
    expect((await admin('DELETE', 'records')).status).toBe(200);
    expect(sim.records).toEqual([]);
  });

  it('POST and DELETE /__sim/faults', async () => {
    expect((await admin('POST', 'faults', { endpoint: 'countries', kind: 'status-429', count: 1, retryAfterSeconds: 3 })).status).toBe(201);
    const limited = await call(sim, 'GET', '/countries');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await admin('POST', 'faults', { kind: 'status-500' })).status).toBe(201);
    expect((await call(sim, 'GET', '/uom')).status).toBe(500);
    expect((await admin('DELETE', 'faults')).status).toBe(200);
    expect((await call(sim, 'GET', '/uom')).status).toBe(200);
  });

  it('POST /__sim/latency', async () => {
    expect((await admin('POST', 'latency', { endpoint: 'uom', latency: { kind: 'fixed', ms: 200 } })).status).toBe(200);
    const started = performance.now();
    await call(sim, 'GET', '/uom?limit=1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    expect((await admin('POST', 'latency', { endpoint: 'uom', latency: null })).status).toBe(200);
  });

  it('POST /__sim/reset-data restores the seeded dataset', async () => {
    await call(sim, 'DELETE', '/partners/3');
    expect((await call(sim, 'GET', '/partners/3')).status).toBe(404);
    expect((await admin('POST', 'reset-data')).status).toBe(200);
    expect((await call(sim, 'GET', '/partners/3')).status).toBe(200);
  });

  it('refuses an invalid body or an unknown admin route with a message', async () => {
    for (const [method, path, body] of [
      ['POST', 'faults', { kind: 'explode' }],
      ['POST', 'faults', { kind: 'reset', count: -1 }],
      ['POST', 'latency', { latency: { kind: 'fixed', ms: -5 } }],
      ['POST', 'faults', 'not json'],
    ] as const) {
      const response = await admin(method, path, body);
      expect(response.status).toBe(400);
      expect(asRecord(await response.json())).toHaveProperty('message');
    }
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });
});
