/** Redis links for tests: the product's own connection code, with a test's prefix and timeouts. */
import type { RedisConfig } from '../../src/config/types.js';
import { createRedisLink, type RedisLink, type RedisLinkOptions } from '../../src/redis/create-redis-link.js';

export function testRedisConfig(url: string, overrides: Partial<RedisConfig> = {}): RedisConfig {
  return { url, keyPrefix: 'test:', commandTimeoutMs: 250, connectTimeoutMs: 1000, localMaxEntries: 100, localMaxBytes: 1024 * 1024, tls: null, ...overrides };
}

export async function openLink(url: string, overrides: Partial<RedisConfig> = {}, options: RedisLinkOptions = {}): Promise<RedisLink> {
  const link = createRedisLink(testRedisConfig(url, overrides), options);
  await until(() => link.isReady());
  return link;
}

/** Polls a condition every 5 ms (a test's own timeout bounds it). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}
