import { describe, expect, it } from 'vitest';
import { OperationCancel } from '../../../src/upstream/operation-cancel.js';
import { useHarnessPerFile, type Harness } from '../../support/upstream-harness.js';

let h: Harness;
useHarnessPerFile(
  {
    // Long enough that every call below is started while the first is still in flight.
    simulator: { latency: { kind: 'fixed', ms: 60 } },
    config: {
      upstream: { retries: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 } },
      endpoints: { 'sale-orders': { auth: { type: 'forward' } } },
    },
  },
  (started) => (h = started),
  ['user-secret-1'],
);

/** `n` copies of a call started together, each with its own context counting sends and shares. */
async function together<T>(n: number, call: (ctx: ReturnType<Harness['ctx']>) => Promise<T>) {
  let sent = 0;
  let shared = 0;
  const results = await Promise.all(Array.from({ length: n }, () => call(h.ctx({ onCall: () => (sent += 1), onShared: () => (shared += 1) }))));
  return { results, sent, shared };
}

describe('identical GETs in flight share one upstream call', () => {
  it('30 identical list calls: one GET upstream, 29 shared, the same records for all', async () => {
    const { results, sent, shared } = await together(30, (ctx) => h.client.list('partners', { limit: '5' }, ctx));
    expect(h.records('partners')).toHaveLength(1);
    expect([sent, shared]).toEqual([1, 29]);
    expect(results[0]).toHaveLength(5);
    for (const result of results) expect(result).toEqual(results[0]);
  });

  it('different queries or ids are not shared', async () => {
    await Promise.all([
      h.client.list('partners', { limit: '5' }, h.ctx()),
      h.client.list('partners', { limit: '5', offset: '5' }, h.ctx()),
      h.client.get('partners', '1', h.ctx()),
      h.client.get('partners', '2', h.ctx()),
      h.client.get('partners', '2', h.ctx()),
    ]);
    expect(h.records('partners')).toHaveLength(4);
  });

  it('an answer is not kept: the same GET after the first has ended goes upstream again', async () => {
    await h.client.get('partners', '3', h.ctx());
    await h.client.get('partners', '3', h.ctx());
    expect(h.records('partners')).toHaveLength(2);
  });

  it('callers with different forwarded credentials never share an answer', async () => {
    const [good, bad, good2] = await Promise.allSettled([
      h.client.list('sale-orders', { limit: '2' }, h.ctx({ authorization: 'Bearer demo-token' })),
      h.client.list('sale-orders', { limit: '2' }, h.ctx({ authorization: 'Bearer user-secret-1' })),
      h.client.list('sale-orders', { limit: '2' }, h.ctx({ authorization: 'Bearer demo-token' })),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(good2.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    // The two callers with the same credential shared; the other one had its own call.
    expect(
      h
        .records('sale-orders')
        .map((r) => r.status)
        .sort(),
    ).toEqual([200, 401]);
  });

  it('a shared failure reaches every caller, sent once (a 404 is null for all)', async () => {
    const missing = await together(5, (ctx) => h.client.get('partners', '99999999', ctx));
    expect(missing.results).toEqual([null, null, null, null, null]);
    expect(h.records('partners')).toHaveLength(1);

    h.simulator.addFault('countries', { kind: 'status-500', count: 1 });
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => h.client.list('countries', { limit: '3' }, h.ctx())));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- re-rejects with the client's own reason
    for (const outcome of outcomes) if (outcome.status === 'rejected') await h.failure(Promise.reject(outcome.reason));
    expect(h.errors.slice(-4).map((e) => e.code)).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_ERROR', 'UPSTREAM_ERROR', 'UPSTREAM_ERROR']);
    expect(h.records('countries')).toHaveLength(1);
  });

  it('writes are never shared: 3 identical PUTs are 3 requests', async () => {
    const { sent, shared } = await together(3, (ctx) => h.client.update('partners', '4', { comment: 'same' }, ctx));
    expect([sent, shared]).toEqual([3, 0]);
    expect(h.records('partners').filter((r) => r.method === 'PUT')).toHaveLength(3);
  });
});

describe('cancellation and shared GETs (the server cancels an operation when its client goes away)', () => {
  /** Resolves once the simulator has received `n` requests for the endpoint: the call is in flight. */
  async function inFlight(endpoint: string, n = 1): Promise<void> {
    while (h.records(endpoint).length < n) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  it('a cancelled caller does not fail the others: the call goes on, and the cancelled one gets the answer too', async () => {
    const leaving = new OperationCancel();
    const staying = new OperationCancel();
    const first = h.client.get('partners', '5', h.ctx({ cancel: leaving }));
    const second = h.client.get('partners', '5', h.ctx({ cancel: staying }));
    await inFlight('partners');
    leaving.cancel();
    expect(await second).toMatchObject({ id: 5 });
    expect(await first).toMatchObject({ id: 5 });
    expect(h.records('partners')).toHaveLength(1);
  });

  it('a call on the wire when every caller is cancelled finishes (its callers get the answer) and is forgotten: the next caller starts a new one', async () => {
    const one = new OperationCancel();
    const two = new OperationCancel();
    const calls = [h.client.get('partners', '6', h.ctx({ cancel: one })), h.client.get('partners', '6', h.ctx({ cancel: two }))];
    await inFlight('partners');
    one.cancel();
    two.cancel();
    const next = h.client.get('partners', '6', h.ctx());
    for (const call of calls) expect(await call).toMatchObject({ id: 6 });
    expect(await next).toMatchObject({ id: 6 });
    expect(h.records('partners')).toHaveLength(2);
  });

  it('a caller already cancelled sends nothing, and joins nothing', async () => {
    const gone = new OperationCancel();
    gone.cancel();
    const pending = h.client.get('partners', '8', h.ctx());
    const error = await h.failure(h.client.get('partners', '8', h.ctx({ cancel: gone })));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.message).toContain('the operation was cancelled (its client went away) before the request was sent');
    expect(await pending).toMatchObject({ id: 8 });
    expect(h.records('partners')).toHaveLength(1);
  });

  it('writes ignore cancellation: a PUT of a cancelled operation is still sent and answered', async () => {
    const leaving = new OperationCancel();
    const put = h.client.update('partners', '4', { comment: 'kept' }, h.ctx({ cancel: leaving }));
    await inFlight('partners');
    leaving.cancel();
    await expect(put).resolves.toBeDefined();
    leaving.cancel();
    const after = h.client.update('partners', '4', { comment: 'after' }, h.ctx({ cancel: leaving }));
    await expect(after).resolves.toBeDefined();
    expect(h.records('partners').map((r) => r.method)).toEqual(['PUT', 'PUT']);
  });
});
