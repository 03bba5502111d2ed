/** The emulated vendor proxy: per-IP-per-minute and per-credential-per-hour counts, on an injected clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/simulator/create-simulator.js';
import { parseProxyLimit } from '../../../src/simulator/proxy/parse-proxy-limit.js';
import type { ProxyLimitSpec, Simulator } from '../../../src/simulator/types.js';
import { startSimulator } from '../../support/simulator.js';
import { BEARER, call, originOf } from './sim-http.js';

const T0 = 1_750_000_000_000;
let now = T0;
let sim: Simulator;

async function start(proxyLimit: ProxyLimitSpec): Promise<Simulator> {
  now = T0;
  sim = await startSimulator({ admin: true, proxyLimit, clock: () => now });
  return sim;
}
afterEach(() => sim.close());

const statuses = async (count: number, path: string, auth?: string | null): Promise<number[]> => {
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1) seen.push((await call(sim, 'GET', path, { auth })).status);
  return seen;
};

describe('per client IP and minute', () => {
  it('lets the limit through, then answers 429 with Retry-After and the proxy page, and records it', async () => {
    await start({ perMinute: 3, perHourPerCredential: null });
    expect(await statuses(3, '/countries/1')).toEqual([200, 200, 200]);
    const refused = await call(sim, 'GET', '/partners/1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(refused.text).toContain('429 Too Many Requests');
    expect(sim.records.map((record) => [record.endpoint, record.status])).toEqual([
      ['countries', 200],
      ['countries', 200],
      ['countries', 200],
      ['partners', 429],
    ]);
    expect(sim.proxyStats()).toMatchObject({ accepted: 3, refused: { total: 1, perMinute: 1, perHour: 0 }, busiestMinute: 3, busiestMinuteOffered: 4 });
  });

  it('the window slides: room comes back when the oldest request is 60 s old, not before', async () => {
    await start({ perMinute: 2, perHourPerCredential: null });
    await call(sim, 'GET', '/countries/1');
    now += 20_000;
    await call(sim, 'GET', '/countries/1');
    now += 39_999;
    const early = await call(sim, 'GET', '/countries/1');
    expect([early.status, early.headers.get('retry-after')]).toEqual([429, '1']);
    now += 1;
    expect(await statuses(2, '/countries/1')).toEqual([200, 429]);
    expect(sim.proxyStats()).toMatchObject({ busiestMinute: 2, busiestMinuteOffered: 4 });
  });

  it('a refused write never reaches the data', async () => {
    await start({ perMinute: 1, perHourPerCredential: null });
    const before = sim.describe().find((endpoint) => endpoint.name === 'partners')?.count;
    await call(sim, 'GET', '/countries/1');
    const refused = await call(sim, 'POST', '/partners', { body: { name: 'Never Written' } });
    expect(refused.status).toBe(429);
    expect(sim.describe().find((endpoint) => endpoint.name === 'partners')?.count).toBe(before);
  });

  it('admin requests are not counted', async () => {
    await start({ perMinute: 1, perHourPerCredential: null });
    for (let index = 0; index < 3; index += 1) await fetch(`${originOf(sim)}/__sim/proxy`).then((response) => response.arrayBuffer());
    expect(await statuses(2, '/countries/1')).toEqual([200, 429]);
  });
});

describe('per credential and hour', () => {
  it('counts each Authorization value apart, no header as one more, and hashes them', async () => {
    await start({ perMinute: null, perHourPerCredential: 2 });
    expect(await statuses(3, '/partners/1')).toEqual([200, 200, 429]);
    expect((await call(sim, 'GET', '/partners/1')).headers.get('retry-after')).toBe('3600');
    expect(await statuses(3, '/countries/1', null)).toEqual([200, 200, 429]);
    expect(await statuses(1, '/partners/1', 'Bearer other-token')).toEqual([401]);
    now += 3_600_000;
    expect(await statuses(1, '/partners/1')).toEqual([200]);
    const stats = sim.proxyStats();
    expect(stats?.refused).toEqual({ total: 3, perMinute: 0, perHour: 3 });
    expect(stats?.credentials).toEqual([
      { id: 'c1', scheme: 'Bearer', accepted: 3, refused: 2, busiestHour: 2 },
      { id: 'c2', scheme: 'none', accepted: 2, refused: 1, busiestHour: 2 },
      { id: 'c3', scheme: 'Bearer', accepted: 1, refused: 0, busiestHour: 1 },
    ]);
    const text = JSON.stringify(stats);
    for (const secret of ['demo-token', 'other-token', BEARER]) expect(text).not.toContain(secret);
  });

  it('both limits: the minute one refuses first when both are full', async () => {
    await start({ perMinute: 2, perHourPerCredential: 3 });
    expect(await statuses(3, '/partners/1')).toEqual([200, 200, 429]);
    now += 60_000;
    expect(await statuses(2, '/partners/1')).toEqual([200, 429]);
    expect(sim.proxyStats()?.refused).toEqual({ total: 2, perMinute: 1, perHour: 1 });
  });
});

describe('counts over the admin API', () => {
  it('GET /__sim/proxy: fixed 60 s windows since the start; DELETE empties them', async () => {
    await start({ perMinute: 2, perHourPerCredential: 1000 });
    await statuses(3, '/countries/1');
    now += 30_000;
    await statuses(1, '/countries/1');
    now += 31_000;
    await statuses(1, '/countries/1');
    const body = (await (await fetch(`${originOf(sim)}/__sim/proxy`)).json()) as { proxy: unknown };
    expect(body.proxy).toEqual({
      limits: { perMinute: 2, perHourPerCredential: 1000 },
      accepted: 3,
      refused: { total: 2, perMinute: 2, perHour: 0 },
      busiestMinute: 2,
      busiestMinuteOffered: 4,
      windows: [
        { startMs: 0, accepted: 2, refused: 2 },
        { startMs: 60_000, accepted: 1, refused: 0 },
      ],
      credentials: [{ id: 'c1', scheme: 'none', accepted: 3, refused: 2, busiestHour: 3 }],
    });
    expect((await fetch(`${originOf(sim)}/__sim/proxy`, { method: 'DELETE' })).status).toBe(200);
    expect(sim.proxyStats()).toMatchObject({ accepted: 0, windows: [], credentials: [] });
    expect(await statuses(2, '/countries/1')).toEqual([200, 200]);
  });

  it('without a proxy limit there are no counts and nothing is refused', async () => {
    sim = await startSimulator({ admin: true });
    expect(sim.proxyStats()).toBeNull();
    expect(await (await fetch(`${originOf(sim)}/__sim/proxy`)).json()).toEqual({ proxy: null });
    expect(new Set(await statuses(150, '/countries/1'))).toEqual(new Set([200]));
  });

  it('rejects an invalid limit at start', async () => {
    sim = await startSimulator();
    expect(() => createSimulator({ proxyLimit: { perMinute: 0, perHourPerCredential: null } })).toThrow(/proxyLimit/);
    expect(() => createSimulator({ proxyLimit: { perMinute: null, perHourPerCredential: null } })).toThrow(/proxyLimit/);
    expect(() => createSimulator({ proxyLimit: { perMinute: 1.5, perHourPerCredential: 10 } })).toThrow(/proxyLimit/);
  });
});

describe('parseProxyLimit (the CLI form)', () => {
  it('reads N/min and N/h, alone or together', () => {
    expect(parseProxyLimit('100/min,1000/h')).toEqual({ perMinute: 100, perHourPerCredential: 1000 });
    expect(parseProxyLimit('5/min')).toEqual({ perMinute: 5, perHourPerCredential: null });
    expect(parseProxyLimit('7/h')).toEqual({ perMinute: null, perHourPerCredential: 7 });
    for (const bad of ['', '0/min', '10/s', '10', 'ten/min', '10/min,']) expect(() => parseProxyLimit(bad)).toThrow(RangeError);
  });
});
