import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/errors/codes.js';
import type { FaultKind } from '../../../src/simulator/types.js';
import { startHarness, useHarnessPerFile, type Harness } from '../../support/upstream-harness.js';

let h: Harness;
useHarnessPerFile(
  {
    simulator: {
      methods: { uom: ['GET'] },
      forbidden: ['product-categories'],
      auth: { 'product-tags': { type: 'basic', login: 'demo', password: 'demo-password' } },
    },
    config: {
      upstream: {
        timeouts: { connectMs: 1000, readMs: 300 },
        retries: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
        // Every fault here would count towards opening it; the breaker has its own test.
        breaker: { failureThreshold: 1000, openMs: 10 },
      },
      endpoints: { 'sale-orders': { auth: { type: 'forward' } }, uom: { auth: null } },
    },
  },
  (started) => (h = started),
  ['user-secret-1'],
);

describe('every simulator fault maps to its code', () => {
  const table: readonly [FaultKind, ErrorCode, ErrorCode][] = [
    ['status-500', 'UPSTREAM_ERROR', 'UPSTREAM_ERROR'],
    ['timeout', 'UPSTREAM_TIMEOUT', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN'],
    ['reset', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN'],
    ['malformed-json', 'UPSTREAM_BAD_RESPONSE', 'UPSTREAM_WRITE_OUTCOME_UNKNOWN'],
    ['html-error', 'UPSTREAM_BAD_RESPONSE', 'UPSTREAM_BAD_RESPONSE'],
    ['status-429', 'UPSTREAM_RATE_LIMITED', 'UPSTREAM_RATE_LIMITED'],
  ];
  it.each(table)('%s → GET %s, POST %s', async (kind, getCode, postCode) => {
    h.simulator.addFault('partners', { kind, count: 2 });
    const read = await h.failure(h.client.list('partners', { limit: '1' }, h.ctx()));
    expect(read.code).toBe(getCode);
    const write = await h.failure(h.client.create('partners', { name: 'Fault Test' }, h.ctx()));
    expect(write.code).toBe(postCode);
    expect(write.upstream).toMatchObject({ endpoint: 'partners', method: 'POST', path: '/partners', attempts: 1 });
    expect(h.records('partners').map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('carries the status and the mapping line of a 500', async () => {
    h.simulator.addFault('partners', { kind: 'status-500', count: 1 });
    const error = await h.failure(h.client.get('partners', '1', h.ctx()));
    expect(error.toExtensions()).toEqual({
      code: 'UPSTREAM_ERROR',
      upstream: { status: 500, endpoint: 'partners', method: 'GET', path: '/partners/{id}', statusCode: 'INTERNAL_ERROR', attempts: 1 },
    });
  });

  it('reports retryAfterMs of a 429', async () => {
    h.simulator.addFault('partners', { kind: 'status-429', count: 1, retryAfterSeconds: 7 });
    const error = await h.failure(h.client.list('partners', {}, h.ctx()));
    expect(error.upstream?.retryAfterMs).toBe(7000);
    expect(error.upstream?.status).toBe(429);
  });
});

describe('every status the simulator answers maps to its code', () => {
  it('400 with a mapping-line body → BAD_USER_INPUT with lineId', async () => {
    const error = await h.failure(h.client.create('partners', { is_company: true }, h.ctx()));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.upstream).toMatchObject({ status: 400, lineId: 'name', statusCode: 'MISSING_REQUIRED_FIELD' });
    expect(error.message).toContain('Missing required field: name');
  });

  it('400 {message} for a bulk body → BAD_USER_INPUT', async () => {
    const error = await h.failure(h.client.request({ method: 'POST', endpoint: 'partners', body: [{ name: 'x' }] }, h.ctx()));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.upstream?.lineId).toBeUndefined();
  });

  it('401 → UNAUTHENTICATED (missing credentials; forward auth with a wrong or no credential)', async () => {
    const missing = await h.failure(h.client.list('product-tags', {}, h.ctx()));
    expect(missing.code).toBe('UNAUTHENTICATED');
    expect(await h.client.list('products', { limit: '1' }, h.ctx())).toHaveLength(1);
    const wrongForward = await h.failure(h.client.list('sale-orders', {}, h.ctx({ authorization: 'Bearer user-secret-1' })));
    expect(wrongForward.code).toBe('UNAUTHENTICATED');
    const noForward = await h.failure(h.client.list('sale-orders', {}, h.ctx()));
    expect(noForward.code).toBe('UNAUTHENTICATED');
    expect(noForward.upstream?.status).toBe(401);
  });

  it('forward auth sends the caller credential unchanged', async () => {
    const orders = await h.client.list('sale-orders', { limit: '2' }, h.ctx({ authorization: 'Bearer demo-token' }));
    expect(orders).toHaveLength(2);
  });

  it('404 → null for get, NOT_FOUND for a write', async () => {
    expect(await h.client.get('partners', '99999999', h.ctx())).toBeNull();
    const error = await h.failure(h.client.update('partners', '99999999', { name: 'x' }, h.ctx()));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.upstream).toMatchObject({ status: 404, method: 'PUT', path: '/partners/{id}' });
  });

  it('403 (no access rights on the model) → FORBIDDEN', async () => {
    const error = await h.failure(h.client.list('product-categories', {}, h.ctx()));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.upstream).toMatchObject({ status: 403, endpoint: 'product-categories', method: 'GET', path: '/product-categories' });
  });

  it('405 → METHOD_NOT_ALLOWED', async () => {
    const error = await h.failure(h.client.create('uom', { name: 'x' }, h.ctx()));
    expect(error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refused connection → UPSTREAM_UNAVAILABLE, with no request recorded', async () => {
    const { createUpstreamClient } = await import('../../../src/upstream/create-upstream-client.js');
    const { buildTestConfig } = await import('../../support/upstream-test-config.js');
    const dead = createUpstreamClient(
      buildTestConfig('http://127.0.0.1:1/bj_api_sync/v1', { upstream: { retries: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } } }),
    );
    const error = await h.failure(dead.list('partners', {}, h.ctx()));
    await dead.close();
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    const write = await h.failure(createUpstreamClient(buildTestConfig('http://127.0.0.1:1/v1')).create('partners', { name: 'x' }, h.ctx()));
    expect(write.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('body handling', () => {
  it('reads the {data: [...]} envelope like a bare array', async () => {
    const enveloped = await startHarness({ simulator: { switches: { listEnvelope: 'data' } } });
    try {
      const bare = await h.client.list('countries', { limit: '3' }, h.ctx());
      const data = await enveloped.client.list('countries', { limit: '3' }, enveloped.ctx());
      expect(data).toEqual(bare);
      expect(data).toHaveLength(3);
    } finally {
      await enveloped.close();
    }
  });

  it('refuses a body over the size cap', async () => {
    const small = await startHarness({ config: { upstream: { maxResponseBytes: 200 } } });
    try {
      const error = await small.failure(small.client.list('countries', { limit: '50' }, small.ctx()));
      expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
      expect(error.message).toContain('larger than 200 bytes');
    } finally {
      await small.close();
    }
  });

  it('sends the request id on every call', async () => {
    await h.client.get('partners', '1', h.ctx({ requestId: 'corr-42' }));
    expect(h.records('partners').map((r) => r.requestId)).toEqual(['corr-42']);
  });
});
