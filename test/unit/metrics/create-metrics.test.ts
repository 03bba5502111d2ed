import { describe, expect, it } from 'vitest';
import { createMetrics, statusClass } from '../../../src/metrics/create-metrics.js';
import { readMetric } from '../../support/read-metric.js';

describe('createMetrics', () => {
  it('keeps label values bounded: a result that is no error code is counted as OTHER', async () => {
    const metrics = createMetrics();
    metrics.operation('query', 'ok', 0.01);
    metrics.operation('query', 'partner 42 not found', 0.01);
    metrics.operation('query', 'UPSTREAM_TIMEOUT', 0.01);
    const text = await metrics.registry.metrics();
    expect(readMetric(text, 'bjet_graphql_operations_total', { type: 'query', result: 'OTHER' })).toBe(1);
    expect(readMetric(text, 'bjet_graphql_operations_total', { type: 'query', result: 'UPSTREAM_TIMEOUT' })).toBe(1);
    expect(text).not.toContain('partner');
  });

  it('gives every server a registry of its own', async () => {
    const [a, b] = [createMetrics(), createMetrics()];
    a.sharedCall();
    expect(readMetric(await a.registry.metrics(), 'bjet_upstream_shared_calls_total')).toBe(1);
    expect(readMetric(await b.registry.metrics(), 'bjet_upstream_shared_calls_total')).toBe(0);
  });

  it('reads the upstream state at scrape time', async () => {
    const metrics = createMetrics();
    let state: 'closed' | 'open' | 'half-open' = 'closed';
    metrics.watchUpstream(() => ({ breakers: [{ endpoint: 'partners', methods: 'reads', state }], inFlight: 3, queued: 2 }));
    metrics.watchSubscriptions(() => 4);
    state = 'open';
    const text = await metrics.registry.metrics();
    expect(readMetric(text, 'bjet_upstream_breaker_state', { endpoint: 'partners', methods: 'reads', state: 'open' })).toBe(1);
    expect(readMetric(text, 'bjet_upstream_breaker_state', { endpoint: 'partners', methods: 'reads', state: 'closed' })).toBe(0);
    expect(readMetric(text, 'bjet_subscriptions_open')).toBe(4);
    expect(readMetric(text, 'bjet_upstream_in_flight')).toBe(3);
    expect(readMetric(text, 'bjet_upstream_queued')).toBe(2);
  });

  it('names status classes', () => {
    expect([statusClass(200), statusClass(404), statusClass(503), statusClass(null)]).toEqual(['2xx', '4xx', '5xx', 'none']);
  });
});
