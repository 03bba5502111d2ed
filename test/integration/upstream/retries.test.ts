import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src/upstream/types.js';
import { useHarnessPerFile, type Harness } from '../../support/upstream-harness.js';

let h: Harness;
useHarnessPerFile(
  {
    config: {
      upstream: {
        timeouts: { connectMs: 1000, readMs: 250 },
        retries: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 2000 },
        breaker: { failureThreshold: 1000, openMs: 10 },
      },
    },
  },
  (started) => (h = started),
);

describe('GET retries', () => {
  it('retries a flaky GET until it succeeds: exactly 3 upstream GETs, 3 onCall records', async () => {
    h.simulator.addFault('partners', { kind: 'html-error', count: 2 });
    const calls: CallRecord[] = [];
    const partners = await h.client.list('partners', { limit: '2' }, h.ctx({ onCall: (call) => calls.push(call) }));
    expect(partners).toHaveLength(2);
    expect(h.records('partners').map((r) => r.status)).toEqual([502, 502, 200]);
    expect(calls.map((c) => [c.attempt, c.status])).toEqual([
      [1, 502],
      [2, 502],
      [3, 200],
    ]);
  });

  it('gives up after the configured attempts and says how many', async () => {
    h.simulator.addFault('partners', { kind: 'reset', count: 5 });
    const error = await h.failure(h.client.get('partners', '1', h.ctx()));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.upstream?.attempts).toBe(3);
    expect(h.records('partners')).toHaveLength(3);
  });

  it('retries a timeout', async () => {
    h.simulator.addFault('partners', { kind: 'timeout', count: 1 });
    expect(await h.client.get('partners', '1', h.ctx())).toMatchObject({ id: 1 });
    expect(h.records('partners').map((r) => r.status)).toEqual([0, 200]);
  });

  it('does not retry a 500, a 4xx or a malformed body', async () => {
    h.simulator.addFault('partners', { kind: 'status-500', count: 1 });
    expect((await h.failure(h.client.get('partners', '1', h.ctx()))).code).toBe('UPSTREAM_ERROR');
    h.simulator.addFault('partners', { kind: 'malformed-json', count: 1 });
    expect((await h.failure(h.client.get('partners', '1', h.ctx()))).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect((await h.failure(h.client.list('partners', { limit: 'x' }, h.ctx()))).code).toBe('BAD_USER_INPUT');
    expect(h.records('partners')).toHaveLength(3);
  });

  it('honours Retry-After: the second GET waits at least the header', async () => {
    h.simulator.addFault('partners', { kind: 'status-429', count: 1, retryAfterSeconds: 1 });
    const started = performance.now();
    await h.client.list('partners', { limit: '1' }, h.ctx());
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.records('partners').map((r) => r.status)).toEqual([429, 200]);
  });

  it('does not wait for a Retry-After over the maximum: the 429 comes back at once', async () => {
    h.simulator.addFault('partners', { kind: 'status-429', count: 1, retryAfterSeconds: 30 });
    const error = await h.failure(h.client.list('partners', {}, h.ctx()));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.upstream).toMatchObject({ status: 429, retryAfterMs: 30_000, attempts: 1 });
    expect(h.records('partners')).toHaveLength(1);
  });

  it('does not retry past the operation deadline', async () => {
    h.simulator.addFault('partners', { kind: 'status-429', count: 1, retryAfterSeconds: 1 });
    const started = performance.now();
    const error = await h.failure(h.client.list('partners', {}, h.ctx({ deadline: Date.now() + 500 })));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(performance.now() - started).toBeLessThan(500);
    expect(h.records('partners')).toHaveLength(1);
  });

  it('ends an in-flight GET at the deadline, well before the read timeout', async () => {
    h.simulator.setLatency('partners', { kind: 'fixed', ms: 2000 });
    try {
      const started = performance.now();
      const error = await h.failure(h.client.get('partners', '1', h.ctx({ deadline: Date.now() + 100 })));
      expect(error.code).toBe('UPSTREAM_TIMEOUT');
      expect(performance.now() - started).toBeLessThan(400);
      expect(h.records('partners')).toHaveLength(1);
    } finally {
      h.simulator.setLatency('partners', null);
    }
  });
});

describe('writes are never retried', () => {
  const writes = {
    POST: (ctx = h.ctx()) => h.client.create('partners', { name: 'Once Only' }, ctx),
    PUT: (ctx = h.ctx()) => h.client.update('partners', '3', { name: 'Once Only' }, ctx),
    DELETE: (ctx = h.ctx()) => h.client.remove('partners', '4', ctx),
  } as const;

  it.each(['POST', 'PUT', 'DELETE'] as const)('a %s whose response times out reaches the upstream exactly once', async (method) => {
    h.simulator.addFault('partners', { kind: 'timeout', count: 3 });
    const error = await h.failure(writes[method]());
    expect(error.code).toBe('UPSTREAM_WRITE_OUTCOME_UNKNOWN');
    expect(error.upstream).toMatchObject({ method, attempts: 1 });
    expect(h.records('partners').map((r) => [r.method, r.status])).toEqual([[method, 0]]);
  });

  it.each(['POST', 'PUT', 'DELETE'] as const)('a %s reset after the write is applied is sent once', async (method) => {
    h.simulator.addFault('partners', { kind: 'reset', resetWhen: 'after', count: 3 });
    const error = await h.failure(writes[method]());
    expect(error.code).toBe('UPSTREAM_WRITE_OUTCOME_UNKNOWN');
    expect(h.records('partners').map((r) => r.method)).toEqual([method]);
  });

  it.each(['POST', 'PUT', 'DELETE'] as const)('a %s answered 502 or 429 is sent once', async (method) => {
    h.simulator.addFault('partners', { kind: 'html-error', count: 1 });
    h.simulator.addFault('partners', { kind: 'status-429', count: 1, retryAfterSeconds: 0 });
    expect((await h.failure(writes[method]())).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect((await h.failure(writes[method]())).code).toBe('UPSTREAM_RATE_LIMITED');
    expect(h.records('partners').map((r) => [r.method, r.status])).toEqual([
      [method, 502],
      [method, 429],
    ]);
  });
});
