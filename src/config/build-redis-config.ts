/** Defaults of the `redis:` section (see redis-config-schema.ts). */
import type { RedisFile } from './redis-config-schema.js';
import type { RedisConfig } from './types.js';

export function buildRedisConfig(file: RedisFile | undefined): RedisConfig | null {
  if (file === undefined) return null;
  return {
    url: file.url,
    keyPrefix: file.keyPrefix ?? 'bjet:',
    commandTimeoutMs: file.commandTimeoutMs ?? 250,
    connectTimeoutMs: file.connectTimeoutMs ?? 2000,
    localMaxEntries: file.localMaxEntries ?? 2000,
    localMaxBytes: file.localMaxBytes ?? 16 * 1024 * 1024,
  };
}
