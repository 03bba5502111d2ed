/**
 * Where the cache keeps an entry in Redis. Every part a client could influence (identifier,
 * partition, query string) is percent-encoded, so no value can forge another key; a record's keys
 * share one hash tag (`{endpoint:id}`) and an endpoint's lists another, so each script touches a
 * single slot. Partitions are keyed hashes, never credentials.
 */
import type { CacheKey } from '../cache/types.js';

export interface RecordKeys {
  readonly entry: string;
  readonly index: string;
  readonly tombstone: string;
  /** `entry` without its partition: the delete script appends each partition of the index. */
  readonly entryHead: string;
  readonly partition: string;
}

export interface ListKeys {
  readonly meta: string;
  /** A list key is head + generation + tail. */
  readonly head: string;
  readonly tail: string;
}

const enc = encodeURIComponent;

export function recordKeys(prefix: string, endpoint: string, id: string, partition: string): RecordKeys {
  const tag = `{${enc(endpoint)}:${enc(id)}}`;
  const entryHead = `${prefix}r:${tag}:`;
  return { entry: entryHead + enc(partition), index: `${prefix}ri:${tag}`, tombstone: `${prefix}rt:${tag}`, entryHead, partition: enc(partition) };
}

export function listKeys(prefix: string, endpoint: string, partition: string, query: string): ListKeys {
  const tag = `{${enc(endpoint)}}`;
  return { meta: `${prefix}lm:${tag}`, head: `${prefix}l:${tag}:`, tail: `:${enc(partition)}:${enc(query)}` };
}

/** The key of an entry in the local tier (not Redis): a list's carries the local generation. */
export function localKey(key: CacheKey, generation: number): string {
  return key.kind === 'record'
    ? `r\u0000${key.endpoint}\u0000${key.id}\u0000${key.partition}`
    : `l\u0000${key.endpoint}\u0000${generation}\u0000${key.partition}\u0000${key.query}`;
}

/** Prefix of the local keys of one record in every partition. */
export function localRecordPrefix(endpoint: string, id: string): string {
  return `r\u0000${endpoint}\u0000${id}\u0000`;
}
