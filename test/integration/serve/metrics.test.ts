/** GET /metrics after a known workload: exact counts of operations, REST calls, retries, waits and refusals. */
import { afterEach, describe, expect, it } from 'vitest';
import { readMetric, seriesOf } from '../../support/read-metric.js';
import { startStack, type Stack } from '../../support/start-stack.js';
import { withBudget, withoutIdListFilter } from './stack-options.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

const metricsUrl = (s: Stack): string => s.url.replace(/\/graphql$/, '/metrics');

describe('/metrics', () => {
  it('counts a known workload exactly', async () => {
    stack = await startStack({
      config: (config) => withBudget({ ...config, upstream: { ...config.upstream, concurrency: 1 } }, 3),
    });
    expect((await stack.gql('{ partners(limit: 2) { items { name } } }')).body.errors).toBeUndefined();
    // Two root fields resolve in the same tick; with one connection slot the second call waits for it.
    expect((await stack.gql('{ partners(limit: 1) { items { name } } products(limit: 1) { items { name } } }')).body.errors).toBeUndefined();
    stack.simulator.addFault('products', { kind: 'reset', count: 1 });
    expect((await stack.gql('{ product(id: "ACC_0002") { name } }')).body.errors).toBeUndefined();
    const wide =
      '{ a: partners(limit: 1) { items { name } } b: products(limit: 1) { items { name } } c: partners(limit: 1) { items { id } } d: products(limit: 1) { items { id } } }';
    expect((await stack.gql(wide)).body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_BUDGET_EXCEEDED');
    expect((await stack.gql('{ nope }')).body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const aliases = `{ countries(limit: 1) { items { ${Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ')} } } }`;
    expect((await stack.gql(aliases)).body.errors?.[0]?.extensions?.['code']).toBe('OPERATION_TOO_MANY_ALIASES');
    expect(stack.calls().map((call) => `${call.method} ${call.endpoint} ${call.status}`)).toEqual([
      'GET partners 200',
      'GET partners 200',
      'GET products 200',
      'GET products 0',
      'GET products 200',
    ]);

    const text = await scrape(metricsUrl(stack));
    expect(readMetric(text, 'bjet_graphql_operations_total', { type: 'query', result: 'ok' })).toBe(3);
    expect(readMetric(text, 'bjet_graphql_operations_total', { type: 'query', result: 'UPSTREAM_BUDGET_EXCEEDED' })).toBe(1);
    expect(readMetric(text, 'bjet_graphql_operations_total', { type: 'unknown', result: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(readMetric(text, 'bjet_operation_limit_refusals_total', { rule: 'aliases' })).toBe(1);
    expect(seriesOf(text, 'bjet_operation_limit_refusals_total')).toHaveLength(1);
    expect(seriesOf(text, 'bjet_graphql_operations_total')).toHaveLength(4);
    expect(readMetric(text, 'bjet_graphql_operation_duration_seconds_count', { type: 'query' })).toBe(4);
    expect(readMetric(text, 'bjet_upstream_requests_total', { endpoint: 'partners', method: 'GET', status_class: '2xx' })).toBe(2);
    expect(readMetric(text, 'bjet_upstream_requests_total', { endpoint: 'products', method: 'GET', status_class: '2xx' })).toBe(2);
    expect(readMetric(text, 'bjet_upstream_requests_total', { endpoint: 'products', method: 'GET', status_class: 'none' })).toBe(1);
    expect(seriesOf(text, 'bjet_upstream_requests_total')).toHaveLength(3);
    expect(readMetric(text, 'bjet_upstream_request_duration_seconds_count', { endpoint: 'products', method: 'GET' })).toBe(3);
    expect(readMetric(text, 'bjet_upstream_retries_total', { endpoint: 'products', method: 'GET' })).toBe(1);
    expect(seriesOf(text, 'bjet_upstream_retries_total')).toHaveLength(1);
    expect(readMetric(text, 'bjet_upstream_wait_seconds_count', { resource: 'slot' })).toBe(1);
    expect(readMetric(text, 'bjet_upstream_wait_seconds_count', { resource: 'token' })).toBeNull();
    expect(readMetric(text, 'bjet_upstream_shared_calls_total')).toBe(0);
    expect(readMetric(text, 'bjet_budget_refusals_total', { phase: 'estimate' })).toBe(1);
    expect(readMetric(text, 'bjet_budget_refusals_total', { phase: 'run' })).toBeNull();
    expect(readMetric(text, 'bjet_upstream_breaker_state', { endpoint: 'products', methods: 'reads', state: 'closed' })).toBe(1);
    expect(readMetric(text, 'bjet_upstream_breaker_state', { endpoint: 'products', methods: 'reads', state: 'open' })).toBe(0);
    expect(readMetric(text, 'bjet_subscriptions_open')).toBe(0);
    expect(readMetric(text, 'bjet_upstream_in_flight')).toBe(0);
    expect(readMetric(text, 'bjet_upstream_queued')).toBe(0);
    // prom-client's process defaults, and nothing a client chose in any label.
    expect(readMetric(text, 'process_cpu_user_seconds_total')).not.toBeNull();
    expect(text).not.toContain('ACC_0002');
    // A scrape is no GraphQL operation and calls nothing upstream.
    expect(readMetric(await scrape(metricsUrl(stack)), 'bjet_graphql_operations_total', { type: 'query', result: 'ok' })).toBe(3);
    expect(stack.calls()).toHaveLength(5);
  });

  it('counts a budget refusal at run time by its phase', async () => {
    const options = withoutIdListFilter('sale-order-lines');
    stack = await startStack({ ...options, config: (config) => withBudget(options.config?.(config) ?? config, 6) });
    const response = await stack.gql('{ saleOrders(limit: 3) { items { id orderLine { discount } } } }');
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_BUDGET_EXCEEDED');
    const text = await scrape(metricsUrl(stack));
    expect(readMetric(text, 'bjet_budget_refusals_total', { phase: 'run' })).toBe(1);
    expect(readMetric(text, 'bjet_budget_refusals_total', { phase: 'estimate' })).toBeNull();
    expect(readMetric(text, 'bjet_upstream_requests_total', { endpoint: 'sale-order-lines', method: 'GET', status_class: '2xx' })).toBe(5);
    expect(readMetric(text, 'bjet_upstream_requests_total', { endpoint: 'sale-orders', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(stack.calls()).toHaveLength(6);
  });

  it('shows an open breaker, and /readyz reports it', async () => {
    stack = await startStack({
      config: (config) => ({ ...config, upstream: { ...config.upstream, breaker: { failureThreshold: 2, openMs: 600_000 } } }),
    });
    const origin = new URL(stack.url).origin;
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    // Two resets open the breaker of the partners reads; the retry after them is refused without a call.
    stack.simulator.addFault('partners', { kind: 'reset', count: 2 });
    expect((await stack.gql('{ partners(limit: 1) { items { id } } }')).body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    const refused = await stack.gql('{ partners(limit: 1) { items { name } } }');
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    const text = await scrape(metricsUrl(stack));
    expect(readMetric(text, 'bjet_upstream_breaker_state', { endpoint: 'partners', methods: 'reads', state: 'open' })).toBe(1);
    expect(readMetric(text, 'bjet_upstream_breaker_state', { endpoint: 'partners', methods: 'reads', state: 'closed' })).toBe(0);
    expect(readMetric(text, 'bjet_upstream_requests_total', { endpoint: 'partners', method: 'GET', status_class: 'none' })).toBe(2);
    expect(readMetric(text, 'bjet_graphql_operations_total', { type: 'query', result: 'UPSTREAM_UNAVAILABLE' })).toBe(2);
    const unready = await fetch(`${origin}/readyz`);
    expect(unready.status).toBe(503);
    expect(await unready.json()).toMatchObject({ status: 'unready', breakers: { 'reads partners': 'open' } });
  });

  it('is off with server.metrics false, and on its own port with server.metricsPort', async () => {
    stack = await startStack({ config: (config) => ({ ...config, server: { ...config.server, metrics: false } }) });
    expect(stack.server.metrics).toBeNull();
    expect(stack.server.metricsUrl()).toBeNull();
    expect((await fetch(metricsUrl(stack))).status).toBe(404);
    await stack.close();
    stack = await startStack({ config: (config) => ({ ...config, server: { ...config.server, metricsPort: 0 } }) });
    await stack.gql('{ partners(limit: 1) { items { name } } }');
    expect((await fetch(metricsUrl(stack))).status).toBe(404);
    const own = stack.server.metricsUrl();
    expect(own).not.toBeNull();
    expect(own).not.toBe(metricsUrl(stack));
    expect(readMetric(await scrape(own ?? ''), 'bjet_graphql_operations_total', { type: 'query', result: 'ok' })).toBe(1);
  });
});
