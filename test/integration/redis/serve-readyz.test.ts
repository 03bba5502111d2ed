/** A server configured with Redis reports it in /readyz and stays ready (and serving) without it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/start-stack.js';
import { testRedisConfig, until } from '../../support/redis-link.js';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';

// A password in the URL, so a leak of the URL would show.
const redis = useRedisPerFile({ password: 's3cret-pass' });
let stack: Stack;
let origin: string;
beforeAll(async () => {
  stack = await startStack({ config: (config) => ({ ...config, redis: testRedisConfig(redis.url), server: { ...config.server, replicas: 3 } }) });
  origin = new URL(stack.url).origin;
}, 300_000);
afterAll(async () => {
  await stack?.close();
});

async function readyz(): Promise<{ status: number; body: { status?: string; redis?: { status?: string } }; text: string }> {
  const response = await fetch(`${origin}/readyz`);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { status?: string; redis?: { status?: string } }, text };
}

describe('/readyz with Redis', () => {
  it('says Redis is connected, then down (still ready and serving), then back', async () => {
    await until(async () => (await readyz()).body.redis?.status === 'connected');
    expect((await readyz()).status).toBe(200);
    await redis.kill();
    await until(async () => (await readyz()).body.redis?.status === 'down');
    const down = await readyz();
    expect(down.status).toBe(200);
    expect(down.text).not.toContain('s3cret-pass');
    const answer = await stack.gql('{ countries(limit: 1) { items { id } } }');
    expect(answer.body.errors).toBeUndefined();
    await redis.restart();
    await until(async () => (await readyz()).body.redis?.status === 'connected');
  });
});
