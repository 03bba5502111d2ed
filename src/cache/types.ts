/**
 * Contract of the record cache (the cache issue) and of the stores behind it (in-process LRU, or
 * a local LRU in front of Redis for replicas). The cache keeps what the upstream answered to GETs:
 * records by identifier and list pages by their query string, per credential partition, for a
 * bounded time. Values never contain a credential; keys never contain one either (a partition is
 * a keyed hash of the credential, see `partitionOf`).
 */
import type { UpstreamRecord } from '../upstream/types.js';

/**
 * Whose answer an entry is. Service credentials (none, basic, bearer from the config) share one
 * partition per endpoint (`service`); with `forward` auth every user has their own, the HMAC of
 * their `Authorization` header (`u:<hex>`), never the header itself.
 */
export type Partition = string;

/** What an entry answers. */
export type CacheKey =
  /** GET `/<endpoint>/{id}`. */
  | { readonly kind: 'record'; readonly endpoint: string; readonly partition: Partition; readonly id: string }
  /** GET `/<endpoint>?<query>`: the query string sorted by key (limit, offset and filters). */
  | { readonly kind: 'list'; readonly endpoint: string; readonly partition: Partition; readonly query: string };

/** The key of one record's entry. */
export type RecordKey = Extract<CacheKey, { kind: 'record' }>;

/** An entry as a store keeps it. */
export interface CacheEntry {
  /** A record, `null` for an unknown id (404, kept at most the TTL), or a list page. */
  readonly value: UpstreamRecord | null | readonly UpstreamRecord[];
  /** Epoch ms the upstream answered (the age of the entry counts from here). */
  readonly fetchedAt: number;
  /** Fresh until (epoch ms): `fetchedAt + ttl`. */
  readonly freshUntil: number;
  /** Served stale (with a background refresh) until: `freshUntil + staleWhileRevalidate`. */
  readonly staleUntil: number;
  /** Served on upstream failure until: `freshUntil + staleIfError`. */
  readonly staleIfErrorUntil: number;
  /** Monotonic per key across replicas: a set with a lower version never replaces a higher one. */
  readonly version: number;
  /** Approximate size in bytes (the JSON length), for the byte bound. */
  readonly bytes: number;
}

/**
 * Where entries live. All methods may be asynchronous (Redis); the in-process store answers
 * synchronously through the same promise-returning interface.
 */
export interface CacheStore {
  get(key: CacheKey): Promise<CacheEntry | undefined>;
  /**
   * Optional: the same answer without a promise, for stores that hold entries in this process (the
   * memory store, a local tier in front of Redis); a cache hit then costs no microtask.
   */
  getSync?(key: CacheKey): CacheEntry | undefined;
  /** Stores unless an entry with a higher `version` is there (atomic set-if-newer). */
  set(key: CacheKey, entry: CacheEntry): Promise<void>;
  /** Drops one record entry in every partition (`partition` undefined) or in one. */
  deleteRecord(endpoint: string, id: string, partition?: Partition): Promise<void>;
  /** Drops every list page of an endpoint, in every partition. */
  deleteLists(endpoint: string): Promise<void>;
  /**
   * True when other replicas share the entries (Redis): a replica's write drops and keeps there,
   * and its deletes reach every replica's local tier, so the others need not delete again.
   */
  readonly shared?: boolean;
  /**
   * Optional: claims a piece of work shared by the replicas (a sweep) for `ms`; false when another
   * replica holds it. A store that cannot tell says true (the work is then done twice at worst).
   */
  claim?(name: string, ms: number): Promise<boolean>;
  close(): Promise<void>;
}
