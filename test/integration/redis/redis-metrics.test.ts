/**
 * GET /metrics of a server with Redis (the cache's store and the limits shared) after a known
 * workload: the local tier's evictions and tally, a command timeout and its fallback, an outage
 * and its recovery, exact counts. The server's clock is the test's, so the second for which Redis
 * is skipped after a failed command ends only when the test moves it.
 */
import { describe, expect, it } from 'vitest';
import { createClock } from '../../support/cached-stack.js';
import { readMetric, seriesOf } from '../../support/read-metric.js';
import { testRedisConfig, until } from '../../support/redis-link.js';
import { useStackPerFile } from '../../support/use-stack-per-file.js';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';
import { withCache } from '../../support/with-cache.js';

const PASSWORD = 's3cret-pass';
const redis = useRedisPerFile({ password: PASSWORD });
const clock = createClock();
const stack = useStackPerFile({
  cache: true,
  now: clock.now,
  config: (demo) => {
    // No sweeps: the local tier's two entries are the test's to count.
    const config = withCache(demo, { ttlSeconds: 10, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0, sweepMaxRecords: 0 });
    return {
      ...config,
      upstream: { ...config.upstream, cache: config.upstream.cache === null ? null : { ...config.upstream.cache, store: 'redis' } },
      redis: testRedisConfig(redis.url, { localMaxEntries: 2 }),
    };
  },
});

const PARTNER = 'query P($id: ID!) { partner(id: $id) { id name } }';
const RENAME = 'mutation R($id: ID!, $name: String!) { updatePartner(id: $id, input: { name: $name }) { id name } }';

async function scrape(): Promise<string> {
  const text = await (await fetch(stack.url.replace(/\/graphql$/, '/metrics'))).text();
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain('redis://');
  return text;
}

async function read(id: string): Promise<void> {
  expect((await stack.gql(PARTNER, { id })).body.errors).toBeUndefined();
}

const shared = async (): Promise<number | null> => readMetric(await scrape(), 'bjet_redis_shared_state');
const failures = (text: string, component: string, kind: string): number | null => readMetric(text, 'bjet_redis_command_failures_total', { component, kind });
const fallbacks = (text: string, cause: string): number | null => readMetric(text, 'bjet_redis_fallbacks_total', { cause });

describe('/metrics with Redis', () => {
  it('counts the local tier, a slow command, an outage and the recovery exactly', async () => {
    await until(async () => (await shared()) === 1);
    for (const id of ['1', '2', '3']) await read(id);
    clock.advance(11_000);
    // Partner 3 is past its last useful moment: dropped from the local tier when read.
    await read('3');
    let text = await scrape();
    expect(readMetric(text, 'bjet_cache_evictions_total', { endpoint: 'partners', reason: 'entries' })).toBe(1);
    expect(readMetric(text, 'bjet_cache_evictions_total', { endpoint: 'partners', reason: 'expired' })).toBe(1);
    expect(seriesOf(text, 'bjet_cache_evictions_total')).toHaveLength(2);
    expect(readMetric(text, 'bjet_cache_entries', { endpoint: 'partners' })).toBe(2);
    expect(seriesOf(text, 'bjet_redis_command_failures_total').length).toBe(9);
    expect(text.match(/^bjet_redis_command_failures_total\{.*\} 0$/gm)).toHaveLength(9);
    expect([fallbacks(text, 'disconnected'), fallbacks(text, 'command-failed')]).toEqual([0, 0]);

    // Redis busy for longer than the command timeout: the cache's read times out, and the replica
    // goes on locally (the limiter does not even ask) until its clock moves on.
    const sleeping = redis.admin.call('DEBUG', 'SLEEP', '0.6');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await read('4');
    text = await scrape();
    expect(failures(text, 'cache', 'timeout')).toBe(1);
    expect(failures(text, 'rate-limit', 'timeout')).toBe(0);
    expect(fallbacks(text, 'command-failed')).toBe(1);
    expect(readMetric(text, 'bjet_redis_shared_state')).toBe(0);
    await sleeping;
    clock.advance(1_001);
    expect(await shared()).toBe(1);

    // An outage: local state, a change that reaches no other replica, then Redis back.
    await redis.kill();
    await until(async () => (await shared()) === 0);
    expect((await stack.gql(RENAME, { id: '5', name: 'Renamed while away' })).body.errors).toBeUndefined();
    text = await scrape();
    expect(fallbacks(text, 'disconnected')).toBe(1);
    expect(failures(text, 'changes', 'unavailable')).toBe(1);
    await redis.restart();
    await until(async () => (await shared()) === 1);
    text = await scrape();
    expect(fallbacks(text, 'disconnected')).toBe(1);
    expect(fallbacks(text, 'command-failed')).toBe(1);
    expect(failures(text, 'cache', 'timeout')).toBe(1);
  });
});
