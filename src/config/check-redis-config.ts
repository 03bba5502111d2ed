/** Issues of the replica settings that span sections (see redis-config-schema.ts). */
import type { ConfigFile } from './config-file-schema.js';
import type { ConfigIssue } from './types.js';

export function checkRedisConfig(file: ConfigFile): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const cache = file.upstream.cache;
  if (cache !== undefined && cache !== false && cache.store === 'redis' && file.redis === undefined) {
    issues.push({ path: 'upstream.cache.store', message: '`redis` needs a `redis:` section with its `url`' });
  }
  if (file.redis !== undefined && file.upstream.credentialKeySecret === undefined) {
    issues.push({
      path: 'upstream.credentialKeySecret',
      message: 'required with `redis:`: every replica must name credentials with the same secret, or they share neither cache partitions nor hourly budgets',
    });
  }
  return issues;
}
