/**
 * Three real `bjet-graphql serve` replicas (the built CLI), one real Redis, the simulator: the cache,
 * the change fan-out and the vendor's limits are shared; Redis killed under load costs no crash and
 * no error, and sharing comes back after its restart.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/types.js';
import { until } from '../support/redis-link.js';
import { startSimulator } from '../support/simulator.js';
import { spawnServe, type ServeProcess } from '../support/spawn-serve.js';
import { postGraphQL, REPO_ROOT, SCHEMA_DIR, type GraphQLResponse } from '../support/start-stack.js';
import { useRedisPerFile } from '../support/use-redis-per-file.js';
import { connect } from '../support/ws-client.js';

const PARTNER = 'query P($id: ID!) { partner(id: $id) { id name } }';
const COUNTRY = 'query C($id: ID!) { country(id: $id) { id name } }';
const RENAME = 'mutation R($id: ID!, $name: String!) { updatePartner(id: $id, input: { name: $name }) { id name } }';
const USER_A = { authorization: 'Bearer token-user-a' };
const USER_B = { authorization: 'Bearer token-user-b' };

const redis = useRedisPerFile();
let simulator: Simulator;
let dir: string;
const replicas: ServeProcess[] = [];

async function writeConfig(name: string, extra: { upstream?: string; server?: string; baseUrl?: string }): Promise<string> {
  const demo = await readFile(path.join(REPO_ROOT, 'bjet-graphql.config.yaml'), 'utf8');
  const text = demo
    .replace(/baseUrl: .*/, `baseUrl: ${extra.baseUrl ?? simulator.baseUrl}`)
    .replace(
      '  concurrency: 8\n',
      `  concurrency: 8\n  credentialKeySecret: replica-test-secret\n  cache: { store: redis, sweepMaxRecords: 0 }\n${extra.upstream ?? ''}`,
    )
    .replace(/auth: \{ type: bearer, token: "\$\{BJET_DEMO_TOKEN:-demo-token\}" \}/, 'auth: { type: forward }')
    .replace('server:\n  port: 4000\n', `server:\n  port: 4000\n  replicas: 3\n${extra.server ?? ''}`)
    .replace(/^schemaDir: .*$/m, `schemaDir: ${JSON.stringify(SCHEMA_DIR)}`);
  const file = path.join(dir, name);
  await writeFile(file, `${text}\nredis:\n  url: ${redis.url}\n  keyPrefix: "${name}:"\n`);
  return file;
}

async function startReplicas(file: string): Promise<ServeProcess[]> {
  const started = await Promise.all([0, 1, 2].map(() => spawnServe(file)));
  replicas.push(...started);
  // Its log, not /readyz: the readiness probe is an upstream call, which the rate limit would count.
  await until(() => started.every((replica) => replica.output().includes('redis connected')));
  return started;
}

async function readyz(replica: ServeProcess): Promise<{ status: number; redis: unknown }> {
  const response = await fetch(`${replica.origin}/readyz`);
  const body = (await response.json()) as { redis?: { status?: unknown } };
  return { status: response.status, redis: body.redis?.status };
}

const gql = (replica: ServeProcess, query: string, variables: Record<string, unknown>, headers: Record<string, string> = USER_A): Promise<GraphQLResponse> =>
  postGraphQL(replica.url, { query, variables }, headers);
const cost = (response: GraphQLResponse): Record<string, number> => (response.body.extensions as { cost: Record<string, number> }).cost;
const nameOf = (response: GraphQLResponse): unknown => (response.body.data?.['partner'] as { name?: unknown } | null)?.name;

beforeAll(async () => {
  simulator = await startSimulator({ visibility: { partners: { tokens: ['token-user-a', 'token-user-b'], restricted: { '7': ['token-user-a'] } } } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'bjet-replicas-'));
}, 300_000);
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  await simulator?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('three replicas sharing one Redis', () => {
  let one: ServeProcess;
  let two: ServeProcess;
  let three: ServeProcess;
  beforeAll(async () => {
    const file = await writeConfig('shared', {});
    await writeFile(file, `${await readFile(file, 'utf8')}webhooks:\n  auth: { type: bearer, token: hook-token }\n`);
    [one, two, three] = (await startReplicas(file)) as [ServeProcess, ServeProcess, ServeProcess];
  }, 120_000);

  it('answers a record read through replica 1 from the cache on replica 2 (0 REST calls)', async () => {
    simulator.clearRecords();
    expect(cost(await gql(one, PARTNER, { id: '1' }))).toMatchObject({ restCalls: 1 });
    const second = await gql(two, PARTNER, { id: '1' });
    expect(second.body.data?.['partner']).toMatchObject({ id: '1' });
    expect(cost(second)).toMatchObject({ restCalls: 0, cacheHits: 1 });
    expect(simulator.records).toHaveLength(1);
  });

  it('keeps forward-auth partitions apart in Redis', async () => {
    simulator.clearRecords();
    expect((await gql(one, PARTNER, { id: '7' }, USER_A)).body.data?.['partner']).toMatchObject({ id: '7' });
    const b = await gql(two, PARTNER, { id: '7' }, USER_B);
    expect(b.body.data).toEqual({ partner: null });
    expect(cost(b)).toMatchObject({ restCalls: 1, cacheHits: 0 });
    expect(cost(await gql(three, PARTNER, { id: '7' }, USER_B))).toMatchObject({ restCalls: 0, cacheHits: 1 });
    expect(simulator.records).toHaveLength(2);
    const admin = new Redis(redis.url);
    const keys = await admin.keys('shared:*');
    const values = await Promise.all(keys.filter((key) => key.includes(':r:')).map((key) => admin.hget(key, 'd')));
    admin.disconnect();
    expect(keys.filter((key) => key.startsWith('shared:r:{partners:7}:')).length).toBe(2);
    expect(`${keys.join('\n')}\n${values.join('\n')}`).not.toMatch(/token-user|Bearer/);
  });

  it('lets a mutation on replica 2 invalidate replicas 1 and 3, which then read the record it kept', async () => {
    await gql(one, PARTNER, { id: '2' });
    await gql(three, PARTNER, { id: '2' });
    simulator.clearRecords();
    const renamed = await gql(two, RENAME, { id: '2', name: 'Renamed on two' });
    expect(renamed.body.errors).toBeUndefined();
    await until(async () => nameOf(await gql(one, PARTNER, { id: '2' })) === 'Renamed on two');
    await until(async () => nameOf(await gql(three, PARTNER, { id: '2' })) === 'Renamed on two');
    // The write only: replicas 1 and 3 read what replica 2 kept in Redis, they do not delete it again.
    expect(simulator.records.map((record) => `${record.method} ${record.path.replace(/^.*\/v1/, '')}`)).toEqual(['PUT /partners/2']);
  });

  it('lets a write on replica 2 that no filter reads patch the pages of replicas 1 and 3, and keeps the record it answered', async () => {
    const CITIES = '{ partners(limit: 10) { items { id city } } }';
    const MOVE = 'mutation M($id: ID!, $city: String) { updatePartner(id: $id, input: { city: $city }) { id city } }';
    const cityOf = (response: GraphQLResponse): unknown =>
      (response.body.data?.['partners'] as { items: { id: string; city: unknown }[] } | undefined)?.items.find((item) => item.id === '3')?.city;
    await gql(one, CITIES, {});
    await gql(three, CITIES, {});
    expect((await gql(two, MOVE, { id: '3', city: 'Moved on two' })).body.errors).toBeUndefined();
    await until(async () => cityOf(await gql(one, CITIES, {})) === 'Moved on two');
    await until(async () => cityOf(await gql(three, CITIES, {})) === 'Moved on two');
    simulator.clearRecords();
    const record = await gql(one, 'query P($id: ID!) { partner(id: $id) { id city } }', { id: '3' });
    expect(record.body.data).toEqual({ partner: { id: '3', city: 'Moved on two' } });
    expect(cost(record)).toMatchObject({ restCalls: 0, cacheHits: 1 });
  });

  it('lets a webhook delivered to replica 2 invalidate replicas 1 and 3 and reach a subscriber on replica 3', async () => {
    await gql(one, PARTNER, { id: '5' });
    await gql(three, PARTNER, { id: '5' });
    simulator.editInOdoo('partners', '5', { set: { name: 'Edited in Odoo' } });
    const ws = connect(three.url, { authorization: USER_A.authorization });
    const subscription = ws.subscribe('subscription { partnerChanged(id: "5") { event id } }');
    const deliver = (): Promise<Response> =>
      fetch(`${two.origin}/hooks/bjet/partners/updated`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer hook-token' },
        body: JSON.stringify({ id: 5, name: 'Edited in Odoo' }),
      });
    // The subscription is set up asynchronously in another process: deliver until it hears one.
    await until(async () => (await deliver()).status === 202 && subscription.results.length > 0);
    expect(subscription.results[0]).toEqual({ data: { partnerChanged: { event: 'UPDATED', id: '5' } } });
    await until(async () => nameOf(await gql(one, PARTNER, { id: '5' })) === 'Edited in Odoo');
    await until(async () => nameOf(await gql(three, PARTNER, { id: '5' })) === 'Edited in Odoo');
    subscription.unsubscribe();
    await ws.close();
  });

  it('keeps answering, without errors or a crash, while Redis is killed under load, and shares again after', async () => {
    const load = async (): Promise<GraphQLResponse[]> => {
      const answers: GraphQLResponse[] = [];
      for (let round = 0; round < 20; round += 1) {
        answers.push(...(await Promise.all([one, two, three].map((replica, index) => gql(replica, PARTNER, { id: String(10 + ((round + index) % 15)) })))));
      }
      return answers;
    };
    const running = load();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await redis.kill();
    const answers = await running;
    expect(answers.filter((answer) => answer.status !== 200 || answer.body.errors !== undefined)).toEqual([]);
    expect([one, two, three].map((replica) => replica.child.exitCode)).toEqual([null, null, null]);
    expect((await readyz(two)).status).toBe(200);
    await redis.restart();
    await Promise.all([one, two, three].map((replica) => until(async () => (await readyz(replica)).redis === 'connected')));
    simulator.clearRecords();
    expect(cost(await gql(three, PARTNER, { id: '40' }))).toMatchObject({ restCalls: 1 });
    expect(cost(await gql(one, PARTNER, { id: '40' }))).toMatchObject({ restCalls: 0, cacheHits: 1 });
    expect(simulator.records).toHaveLength(1);
    // Logs are written to stdout in chunks: wait for the recovery's line.
    const logs = (): string => [one, two, three].map((replica) => replica.output()).join('');
    await until(() => logs().includes('redis is back'));
    expect(logs()).toContain('redis connection lost');
    expect(logs()).not.toContain(redis.url);
  });
});

describe('the vendor limits held by three replicas together', () => {
  it('spends the per-minute bucket of all three with a call through one: no 429, the others refused with a code', async () => {
    const proxied = await startSimulator({ proxyLimit: { perMinute: 12, perHourPerCredential: null } });
    try {
      const file = await writeConfig('limits', {
        upstream: '  rateLimit: { perMinute: 12, minuteBurst: 1 }\n',
        server: '  operationDeadlineMs: 3000\n',
        baseUrl: proxied.baseUrl,
      });
      const limited = await startReplicas(file);
      // Burst 1, then a token every 61 / 11 s (5.5 s, longer than the deadline). Shared, the call
      // through replica 1 spends it for replicas 2 and 3; each on its own (12 / 3 = 4 a minute,
      // burst 1) would answer all three.
      const answers: GraphQLResponse[] = [];
      for (const [index, replica] of limited.entries()) answers.push(await gql(replica, COUNTRY, { id: String(index + 1) }, {}));
      const codes = answers.map((answer) => (answer.body.errors?.[0]?.extensions?.['code'] as string | undefined) ?? 'ok');
      expect(codes).toEqual(['ok', 'UPSTREAM_RATE_LIMITED', 'UPSTREAM_RATE_LIMITED']);
      expect(proxied.records).toHaveLength(1);
      expect(proxied.proxyStats()).toMatchObject({ accepted: 1, refused: { total: 0 }, busiestMinute: 1 });
    } finally {
      await proxied.close();
    }
  }, 60_000);
});
