import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { asRecords, call } from './sim-http.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
beforeEach(() => {
  sim.clearFaults();
  sim.setLatency('*', null);
  sim.setLatency('countries', null);
  sim.clearRecords();
});
afterAll(() => sim.close());

const lastStatus = (): number | undefined => sim.records.at(-1)?.status;

describe('faults', () => {
  it('status-500 for the next N requests, with the mapping-line body, then normal', async () => {
    sim.addFault('countries', { kind: 'status-500', count: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await call(sim, 'GET', '/countries?limit=1');
      expect(result.status).toBe(500);
      expect(result.json).toEqual({ error: 'Internal Server Error (simulated)', line_id: '', status_code: 'INTERNAL_ERROR' });
    }
    expect((await call(sim, 'GET', '/countries?limit=1')).status).toBe(200);
  });

  it('timeout: never answered; the record keeps status 0', async () => {
    sim.addFault('countries', { kind: 'timeout', count: 1 });
    await expect(call(sim, 'GET', '/countries', { signal: AbortSignal.timeout(200) })).rejects.toThrow(/timeout|aborted/i);
    expect(sim.records.map((record) => record.status)).toEqual([0]);
    expect((await call(sim, 'GET', '/countries?limit=1')).status).toBe(200);
  });

  it('reset before: the socket is destroyed and the write is not applied', async () => {
    sim.addFault('partners', { kind: 'reset', count: 1 });
    await expect(call(sim, 'POST', '/partners', { body: { name: 'Reset Before Co' } })).rejects.toThrow(/fetch failed/);
    expect(lastStatus()).toBe(0);
    expect((await call(sim, 'GET', '/partners?name=Reset Before')).json).toEqual([]);
  });

  it('reset after: the write is applied, then the socket is destroyed', async () => {
    sim.addFault('partners', { kind: 'reset', count: 1, resetWhen: 'after' });
    await expect(call(sim, 'POST', '/partners', { body: { name: 'Reset After Co' } })).rejects.toThrow(/fetch failed/);
    expect(asRecords((await call(sim, 'GET', '/partners?name=Reset After')).json)).toHaveLength(1);
  });

  it('malformed JSON: a 200 JSON response that does not parse', async () => {
    sim.addFault('countries', { kind: 'malformed-json', count: 1 });
    const result = await call(sim, 'GET', '/countries');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(() => JSON.parse(result.text)).toThrow(SyntaxError);
  });

  it("html-error: the proxy's 502 HTML page", async () => {
    sim.addFault('*', { kind: 'html-error', count: 1 });
    const result = await call(sim, 'GET', '/partners');
    expect(result.status).toBe(502);
    expect(result.headers.get('content-type')).toMatch(/^text\/html/);
    expect(result.text).toContain('502 Bad Gateway');
  });

  it('status-429 with Retry-After (default 1 second)', async () => {
    sim.addFault('countries', { kind: 'status-429', count: 1, retryAfterSeconds: 7 });
    sim.addFault('countries', { kind: 'status-429', count: 1 });
    const first = await call(sim, 'GET', '/countries');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await call(sim, 'GET', '/countries')).headers.get('retry-after')).toBe('1');
    expect((await call(sim, 'GET', '/countries')).status).toBe(200);
  });

  it('a rule is scoped to its endpoint and methods; "*" matches every endpoint', async () => {
    sim.addFault('partners', { kind: 'status-500', methods: ['POST'] });
    expect((await call(sim, 'GET', '/partners?limit=1')).status).toBe(200);
    expect((await call(sim, 'GET', '/countries?limit=1')).status).toBe(200);
    expect((await call(sim, 'POST', '/partners', { body: { name: 'A' } })).status).toBe(500);
    expect((await call(sim, 'POST', '/partners', { body: { name: 'A' } })).status).toBe(500);
    sim.clearFaults();
    expect((await call(sim, 'POST', '/partners', { body: { name: 'A' } })).status).toBe(201);
  });

  it('at a rate: 1 faults every request, 0 none, 0.5 some (seeded, so this is exact per seed)', async () => {
    const statuses = async (count: number): Promise<number[]> => {
      const result: number[] = [];
      for (let index = 0; index < count; index += 1) result.push((await call(sim, 'GET', '/uom?limit=1')).status);
      return result;
    };
    sim.addFault('uom', { kind: 'status-500', rate: 1 });
    expect(new Set(await statuses(5))).toEqual(new Set([500]));
    sim.clearFaults();
    sim.addFault('uom', { kind: 'status-500', rate: 0 });
    expect(new Set(await statuses(5))).toEqual(new Set([200]));
    sim.clearFaults();
    sim.addFault('uom', { kind: 'status-500', rate: 0.5 });
    const mixed = await statuses(30);
    expect(mixed.filter((status) => status === 500).length).toBeGreaterThan(5);
    expect(mixed.filter((status) => status === 200).length).toBeGreaterThan(5);
  });

  it('an invalid rule is refused', () => {
    expect(() => sim.addFault('*', { kind: 'reset', count: 0 })).toThrow(RangeError);
    expect(() => sim.addFault('*', { kind: 'reset', rate: 2 })).toThrow(RangeError);
  });

  it('close() does not wait for a request that is never answered', async () => {
    const other = await startSimulator();
    other.addFault('*', { kind: 'timeout' });
    const pending = call(other, 'GET', '/countries').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('latency', () => {
  const timed = async (path: string): Promise<number> => {
    const started = performance.now();
    expect((await call(sim, 'GET', path)).status).toBe(200);
    return performance.now() - started;
  };

  it('fixed latency on one endpoint; the others are not delayed', async () => {
    sim.setLatency('countries', { kind: 'fixed', ms: 600 });
    expect(await timed('/countries?limit=1')).toBeGreaterThanOrEqual(590);
    expect(await timed('/uom?limit=1')).toBeLessThan(500);
  });

  it('random latency between bounds; an endpoint setting wins over "*"; null removes it', async () => {
    sim.setLatency('*', { kind: 'random', minMs: 150, maxMs: 200 });
    expect(await timed('/uom?limit=1')).toBeGreaterThanOrEqual(145);
    sim.setLatency('countries', { kind: 'fixed', ms: 0 });
    expect(await timed('/countries?limit=1')).toBeLessThan(140);
    sim.setLatency('*', null);
    expect(await timed('/uom?limit=1')).toBeLessThan(140);
  });

  it('options.latency applies to every endpoint from the start', async () => {
    const slow = await startSimulator({ latency: { kind: 'fixed', ms: 200 } });
    try {
      const started = performance.now();
      await call(slow, 'GET', '/countries?limit=1');
      expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    } finally {
      await slow.close();
    }
  });

  it('a negative latency is refused', () => {
    expect(() => sim.setLatency('*', { kind: 'fixed', ms: -1 })).toThrow(RangeError);
    expect(() => sim.setLatency('*', { kind: 'random', minMs: 5, maxMs: 1 })).toThrow(RangeError);
  });
});
