/**
 * `npm run bench:redis`: the figures docs/deployment.md quotes, against a real redis-server on
 * this machine: change fan-out latency (publish on one bus, heard on two others: p50/p99/max),
 * the shared limiter's acquire and a Redis-tier cache read (p50/p99), and Redis memory per 10,000
 * cached partner records (the simulator's dataset, as the upstream would answer them).
 */
import { performance } from 'node:perf_hooks';
import { buildDataset } from '../src/simulator/data/build-dataset.js';
import type { CacheEntry, CacheKey } from '../src/cache/types.js';
import type { ChangeEvent } from '../src/changes/types.js';
import { createRedisCacheStore } from '../src/redis/create-redis-cache-store.js';
import { createRedisChangeBus } from '../src/redis/create-redis-change-bus.js';
import { createRedisRateLimiter } from '../src/redis/create-redis-rate-limiter.js';
import { openLink } from '../test/support/redis-link.js';
import { startRedis } from '../test/support/start-redis.js';

const EVENTS = 2000;
const CALLS = 5000;
const RECORDS = 10_000;

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (n=${sorted.length})`;
}

async function busLatency(url: string): Promise<string> {
  const links = await Promise.all([0, 1, 2].map(() => openLink(url, { keyPrefix: 'bench:' })));
  const buses = links.map((link) => createRedisChangeBus({ link }));
  await Promise.all(buses.map((bus) => bus.subscribed()));
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  for (const bus of buses.slice(1)) bus.subscribe((event) => samples.push(performance.now() - (sentAt.get(event.id) ?? 0)));
  for (let i = 0; i < EVENTS; i += 1) {
    const event: ChangeEvent = {
      kind: 'updated',
      endpoint: 'partners',
      id: String(i),
      record: { id: i, name: `P${i}` },
      writeDate: null,
      source: 'webhook',
      at: Date.now(),
    };
    sentAt.set(event.id, performance.now());
    buses[0]?.publish(event);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  while (samples.length < 2 * EVENTS) await new Promise((resolve) => setTimeout(resolve, 10));
  for (const bus of buses) await bus.close();
  for (const link of links) await link.close();
  return `change fan-out (publish to heard, 2 other replicas): ${percentiles(samples)}`;
}

async function timed(label: string, run: () => Promise<unknown>): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return `${label}: ${percentiles(samples)}`;
}

function partnerEntries(): { key: CacheKey; entry: CacheEntry }[] {
  const table = buildDataset(42, Math.ceil(RECORDS / 300)).get('res.partner');
  const rows = (table?.rows ?? []).slice(0, RECORDS);
  const now = Date.now();
  return rows.map((row) => {
    const value = { id: row.id, ...row.values };
    const bytes = JSON.stringify(value).length;
    const entry: CacheEntry = {
      value,
      fetchedAt: now,
      freshUntil: now + 60_000,
      staleUntil: now + 120_000,
      staleIfErrorUntil: now + 3_600_000,
      version: now,
      bytes,
    };
    return { key: { kind: 'record', endpoint: 'partners', partition: 'service', id: String(row.id) }, entry };
  });
}

async function main(): Promise<void> {
  const redis = await startRedis();
  try {
    const lines = [await busLatency(redis.url)];
    const link = await openLink(redis.url, { keyPrefix: 'bench:', localMaxEntries: 1 });
    const limiter = createRedisRateLimiter({ link, perMinute: 1_000_000, perHourPerCredential: 1_000_000, replicas: 3 });
    lines.push(await timed('shared limiter acquire', () => limiter.acquire({ credential: 'service', deadline: Date.now() + 1000, priority: 'foreground' })));
    const store = createRedisCacheStore({ link, localMaxEntries: 1, localMaxBytes: 1, now: Date.now });
    const entries = partnerEntries();
    const before = Number(/used_memory:(\d+)/.exec(await link.client.info('memory'))?.[1]);
    for (const { key, entry } of entries) await store.set(key, entry);
    const after = Number(/used_memory:(\d+)/.exec(await link.client.info('memory'))?.[1]);
    const json = entries.reduce((sum, { entry }) => sum + entry.bytes, 0);
    lines.push(
      `memory: ${entries.length} partner records use ${((after - before) / 1024 / 1024).toFixed(1)} MiB in Redis (${json} bytes of record JSON, ${Math.round(json / entries.length)} per record)`,
    );
    const hgets = async (): Promise<number> => Number(/cmdstat_hget:calls=(\d+)/.exec(await link.client.info('commandstats'))?.[1] ?? 0);
    const hgetsBefore = await hgets();
    const keys = entries.map(({ key }) => key);
    let next = 0;
    let hits = 0;
    lines.push(
      await timed('cache read from Redis (local tier bypassed)', async () => {
        const key = keys[(next += 1) % keys.length];
        if (key !== undefined && (await store.get(key)) !== undefined) hits += 1;
      }),
    );
    lines.push(`  (${hits} of ${CALLS} reads found their record; Redis counted ${(await hgets()) - hgetsBefore} HGETs)`);
    await store.close();
    await limiter.close();
    await link.close();
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await redis.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
