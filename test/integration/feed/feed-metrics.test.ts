/** /metrics for the mechanisms around the upstream: webhook deliveries by outcome, cache hits by kind. */
import { afterEach, describe, expect, it } from 'vitest';
import { createClock, startCachedStack } from '../../support/cached-stack.js';
import { startFeedStack } from '../../support/feed-stack.js';
import { readMetric, seriesOf } from '../../support/read-metric.js';
import type { Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const scrape = async (s: Stack): Promise<string> => (await fetch(s.url.replace(/\/graphql$/, '/metrics'))).text();

describe('/metrics of the feed and the cache', () => {
  it('counts webhook deliveries by endpoint, event and outcome, with unknown names folded', async () => {
    const feed = await startFeedStack();
    stack = feed;
    expect((await feed.deliver('/partners/created', [{ id: 8, name: 'P8', write_date: '2026-01-01 10:00:00' }])).status).toBe(202);
    expect((await feed.deliver('/partners', { id: 9, name: 'P9', write_date: '2026-01-01 10:00:00' })).status).toBe(202);
    expect((await feed.deliver('/no-such-endpoint/created', { id: 1 })).status).toBe(404);
    await feed.idle();
    const text = await scrape(feed);
    expect(readMetric(text, 'bjet_webhook_deliveries_total', { endpoint: 'partners', event: 'created', outcome: 'applied' })).toBe(1);
    expect(readMetric(text, 'bjet_webhook_deliveries_total', { endpoint: 'partners', event: 'updated', outcome: 'applied' })).toBe(1);
    expect(readMetric(text, 'bjet_webhook_deliveries_total', { endpoint: 'unknown', event: 'created', outcome: 'refused' })).toBe(1);
    expect(seriesOf(text, 'bjet_webhook_deliveries_total')).toHaveLength(3);
    expect(text).not.toContain('no-such-endpoint');
  });

  it('counts cache hits by endpoint and kind, and misses by endpoint', async () => {
    const clock = createClock();
    stack = await startCachedStack(clock);
    const query = '{ countries(limit: 2) { items { id } } }';
    for (let i = 0; i < 3; i += 1) expect((await stack.gql(query)).body.errors).toBeUndefined();
    const text = await scrape(stack);
    expect(readMetric(text, 'bjet_cache_hits_total', { endpoint: 'countries', kind: 'fresh' })).toBe(2);
    expect(readMetric(text, 'bjet_cache_misses_total', { endpoint: 'countries' })).toBe(1);
    expect(readMetric(text, 'bjet_upstream_requests_total', { endpoint: 'countries', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(stack.calls().filter((call) => call.endpoint === 'countries' && call.query['limit'] === '3')).toHaveLength(1);
  });
});
