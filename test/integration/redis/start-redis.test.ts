import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { useRedisPerFile } from '../../support/use-redis-per-file.js';

const redis = useRedisPerFile();

it('starts, is killed and restarts empty on the same port', async () => {
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
  client.on('error', () => undefined);
  await client.connect();
  await client.set('k', 'v');
  expect(await client.get('k')).toBe('v');
  await redis.kill();
  await expect(client.get('k')).rejects.toThrow();
  await redis.restart();
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  expect(await client.get('k')).toBeNull();
  client.disconnect();
});
