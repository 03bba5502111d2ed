/** Defaults of the `redis:` section (see redis-config-schema.ts); TLS files are relative to `baseDir`. */
import path from 'node:path';
import type { RedisFile } from './redis-config-schema.js';
import type { RedisConfig, RedisTlsConfig } from './types.js';

export function buildRedisConfig(file: RedisFile | undefined, baseDir: string): RedisConfig | null {
  if (file === undefined) return null;
  return {
    url: file.url,
    keyPrefix: file.keyPrefix ?? 'bjet:',
    commandTimeoutMs: file.commandTimeoutMs ?? 250,
    connectTimeoutMs: file.connectTimeoutMs ?? 2000,
    localMaxEntries: file.localMaxEntries ?? 2000,
    localMaxBytes: file.localMaxBytes ?? 16 * 1024 * 1024,
    tls: file.tls === undefined ? null : buildTls(file.tls, baseDir),
  };
}

function buildTls(tls: NonNullable<RedisFile['tls']>, baseDir: string): RedisTlsConfig {
  const resolved = (file: string | undefined): string | null => (file === undefined ? null : path.resolve(baseDir, file));
  return { caFile: resolved(tls.caFile), certFile: resolved(tls.certFile), keyFile: resolved(tls.keyFile) };
}
