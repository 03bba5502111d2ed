/** A CacheEntry read back from Redis (JSON written by this code, still checked: it crossed a wire). */
import type { CacheEntry } from '../cache/types.js';

const TIMES = ['fetchedAt', 'freshUntil', 'staleUntil', 'staleIfErrorUntil', 'version', 'bytes'] as const;

export function parseCacheEntry(json: string): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || !('value' in value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const name of TIMES) if (typeof record[name] !== 'number') return undefined;
  const inner = record['value'];
  if (inner !== null && typeof inner !== 'object') return undefined;
  return value as CacheEntry;
}
