import { afterEach, describe, expect, it } from 'vitest';
import { OperationCancel } from '../../../src/upstream/operation-cancel.js';
import { expectNoSecretsIn, startHarness, type Harness } from '../../support/upstream-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  if (h === undefined) return;
  expectNoSecretsIn(h);
  await h.close();
  h = undefined;
});

describe('concurrency cap', () => {
  it('never has more than 8 requests in flight under 200 concurrent loads', async () => {
    h = await startHarness({ simulator: { latency: { kind: 'random', minMs: 5, maxMs: 25 } } });
    const harness = h;
    // 200 different records: identical GETs in flight would share one call (share-in-flight.ts).
    const ids = Array.from({ length: 200 }, (_, i) => String(i + 1));
    const results = await Promise.all(ids.map((id) => harness.client.get('partners', id, harness.ctx())));
    expect(results.every((r) => r !== null)).toBe(true);
    expect(harness.records('partners')).toHaveLength(200);
    expect(harness.simulator.peakInFlight).toBe(8);
  });

  it('fails a queued request at its deadline without sending it', async () => {
    h = await startHarness({ config: { upstream: { concurrency: 1 } }, simulator: { latency: { kind: 'fixed', ms: 400 } } });
    const slow = h.client.get('partners', '1', h.ctx());
    const queued = await h.failure(h.client.get('partners', '2', h.ctx({ deadline: Date.now() + 100 })));
    expect(queued.code).toBe('UPSTREAM_TIMEOUT');
    expect(queued.message).toContain('waiting for a free connection slot');
    await slow;
    expect(h.records('partners').map((r) => r.path.split('/').pop())).toEqual(['1']);
  });

  describe('a queued GET and the operations sharing it (share-in-flight.ts)', () => {
    /** concurrency 1, and partners/1 holding the one slot for 200 ms while the others queue. */
    async function queuedBehindSlowCall() {
      const harness = await startHarness({ config: { upstream: { concurrency: 1 } }, simulator: { latency: { kind: 'fixed', ms: 200 } } });
      h = harness;
      return { harness, slow: harness.client.get('partners', '1', harness.ctx()) };
    }
    const ids = (harness: Harness) => harness.records('partners').map((r) => r.path.split('/').pop());

    it('is never sent once every operation in it is cancelled, and a later caller starts a new one', async () => {
      const { harness, slow } = await queuedBehindSlowCall();
      const [one, two] = [new OperationCancel(), new OperationCancel()];
      const queued = [harness.client.get('partners', '2', harness.ctx({ cancel: one })), harness.client.get('partners', '2', harness.ctx({ cancel: two }))];
      one.cancel();
      two.cancel();
      for (const call of queued) {
        const error = await harness.failure(call);
        expect(error.code).toBe('UPSTREAM_TIMEOUT');
        expect(error.message).toContain('cancelled while waiting for a free connection slot');
      }
      expect(await harness.client.get('partners', '2', harness.ctx())).toMatchObject({ id: 2 });
      await slow;
      expect(ids(harness)).toEqual(['1', '2']);
    });

    it('is sent, for all, while one operation in it is not cancelled', async () => {
      const { harness, slow } = await queuedBehindSlowCall();
      const [one, two] = [new OperationCancel(), new OperationCancel()];
      const queued = [harness.client.get('partners', '2', harness.ctx({ cancel: one })), harness.client.get('partners', '2', harness.ctx({ cancel: two }))];
      one.cancel();
      for (const call of queued) expect(await call).toMatchObject({ id: 2 });
      await slow;
      expect(ids(harness)).toEqual(['1', '2']);
    });

    it('is sent when a caller that cannot be cancelled is in it', async () => {
      const { harness, slow } = await queuedBehindSlowCall();
      const one = new OperationCancel();
      const queued = [harness.client.get('partners', '2', harness.ctx({ cancel: one })), harness.client.get('partners', '2', harness.ctx())];
      one.cancel();
      for (const call of queued) expect(await call).toMatchObject({ id: 2 });
      await slow;
      expect(ids(harness)).toEqual(['1', '2']);
    });
  });
});

describe('rate limit', () => {
  it('holds 600/min (10/s, burst 10) over a measured window', async () => {
    h = await startHarness({ config: { upstream: { rateLimit: { perMinute: 600, perHourPerCredential: null, minuteBurst: 10 } } } });
    const harness = h;
    const started = performance.now();
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        harness.client.list(
          'countries',
          { limit: '1', offset: String(i) },
          harness.ctx({ onCall: (c) => sentAt.push(performance.now() - c.durationMs - started) }),
        ),
      ),
    );
    sentAt.sort((a, b) => a - b);
    // The k-th request (0-based) may start no earlier than (k - burst + 1) × 100 ms; 5 ms of clock slack.
    sentAt.forEach((t, k) => expect(t).toBeGreaterThanOrEqual(Math.max(0, (k - 9) * 100) - 5));
    expect(harness.records('countries')).toHaveLength(25);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1500 - 5);
    expect(elapsed).toBeLessThan(3000);
  });

  it('refuses with UPSTREAM_RATE_LIMITED, unsent, when no token comes before the deadline', async () => {
    h = await startHarness({ config: { upstream: { rateLimit: { perMinute: 60, perHourPerCredential: null, minuteBurst: 1 } } } });
    await h.client.list('countries', { limit: '1' }, h.ctx());
    const error = await h.failure(h.client.list('countries', { limit: '1' }, h.ctx({ deadline: Date.now() + 200 })));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.upstream?.retryAfterMs).toBeGreaterThan(700);
    expect(error.upstream?.status).toBeUndefined();
    expect(h.records('countries')).toHaveLength(1);
  });

  it('a call waiting for a token whose operation is cancelled is never sent, and gives its token back', async () => {
    h = await startHarness({ config: { upstream: { rateLimit: { perMinute: 60, perHourPerCredential: null, minuteBurst: 1 } } } });
    const started = performance.now();
    await h.client.list('countries', { limit: '1' }, h.ctx());
    const cancel = new OperationCancel();
    const waiting = h.failure(h.client.list('countries', { limit: '2' }, h.ctx({ cancel })));
    setTimeout(() => cancel.cancel(), 100);
    const cancelled = await waiting;
    expect(cancelled.code).toBe('UPSTREAM_TIMEOUT');
    expect(cancelled.message).toContain('cancelled while waiting for the rate limit');
    // 1 token a second: the next call gets the token the cancelled one gave back, at about 1 s, not 2.
    await h.client.list('countries', { limit: '3' }, h.ctx());
    expect(performance.now() - started).toBeLessThan(1700);
    expect(h.records('countries').map((r) => r.query['limit'])).toEqual(['1', '3']);
  });
});

describe('circuit breaker', () => {
  it('opens one scope after consecutive failures, fails it fast without a request, and closes after recovery', async () => {
    h = await startHarness({
      config: { upstream: { breaker: { failureThreshold: 3, openMs: 300 }, retries: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } } },
    });
    h.simulator.addFault('partners', { kind: 'html-error', count: 3 });
    for (let i = 0; i < 3; i += 1) expect((await h.failure(h.client.get('partners', '1', h.ctx()))).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(h.simulator.records).toHaveLength(3);

    const started = performance.now();
    const fast = await h.failure(h.client.list('partners', {}, h.ctx()));
    expect(fast.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(fast.message).toContain('circuit breaker is open');
    expect(performance.now() - started).toBeLessThan(50);
    expect(h.simulator.records).toHaveLength(3);
    // Other scopes: another endpoint's reads, and this endpoint's writes.
    expect(await h.client.list('countries', { limit: '2' }, h.ctx())).toHaveLength(2);
    expect(await h.client.create('partners', { name: 'Breaker Test' }, h.ctx())).toMatchObject({ name: 'Breaker Test' });
    expect(h.simulator.records).toHaveLength(5);

    await new Promise((resolve) => setTimeout(resolve, 320));
    expect(await h.client.get('partners', '1', h.ctx())).toMatchObject({ id: 1 });
    expect(h.simulator.records).toHaveLength(6);
    const log = h.logLines().join('\n');
    expect(log).toContain('"breaker":"open","from":"closed","endpoint":"partners","methods":"reads"');
    expect(log).toContain('"breaker":"half-open"');
    expect(log).toContain('"breaker":"closed"');
  });

  it('never counts a 500 with a BJET error body, but counts a 5xx without one', async () => {
    h = await startHarness({
      config: { upstream: { breaker: { failureThreshold: 2, openMs: 10_000 }, retries: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } } },
    });
    h.simulator.addFault('partners', { kind: 'status-500', count: 4 });
    for (let i = 0; i < 4; i += 1) expect((await h.failure(h.client.get('partners', '1', h.ctx()))).code).toBe('UPSTREAM_ERROR');
    expect(await h.client.get('partners', '1', h.ctx())).toMatchObject({ id: 1 });
    h.simulator.addFault('partners', { kind: 'timeout', count: 2 });
    for (let i = 0; i < 2; i += 1) {
      expect((await h.failure(h.client.get('partners', '1', h.ctx({ deadline: Date.now() + 150 })))).code).toBe('UPSTREAM_TIMEOUT');
    }
    expect((await h.failure(h.client.get('partners', '1', h.ctx()))).message).toContain('circuit breaker is open');
    expect(h.records('partners')).toHaveLength(7);
  });

  it('re-opens when the half-open probe fails, and 4xx never open it', async () => {
    h = await startHarness({
      config: { upstream: { breaker: { failureThreshold: 2, openMs: 200 }, retries: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } } },
    });
    for (let i = 0; i < 4; i += 1) expect(await h.client.get('partners', '99999999', h.ctx())).toBeNull();
    h.simulator.addFault('partners', { kind: 'reset', count: 3 });
    await h.failure(h.client.get('partners', '1', h.ctx()));
    await h.failure(h.client.get('partners', '1', h.ctx()));
    await new Promise((resolve) => setTimeout(resolve, 220));
    expect((await h.failure(h.client.get('partners', '1', h.ctx()))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(h.records('partners')).toHaveLength(7);
    expect((await h.failure(h.client.get('partners', '1', h.ctx()))).message).toContain('circuit breaker is open');
    expect(h.records('partners')).toHaveLength(7);
  });
});
