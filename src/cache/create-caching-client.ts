/**
 * The record cache as a decorator of the upstream client: GET by id and GET list read through
 * `CachedReads`; every write drops what it may have changed (the record in every partition and the
 * endpoint's list pages) before it answers, so the next read by anyone sees it, and publishes the
 * change on the bus. Every change on the bus (a webhook's, another replica's) drops the same way.
 */
import type { Logger } from 'pino';
import type { ChangeBus, ChangeEvent, ChangeKind } from '../changes/types.js';
import type { Config } from '../config/types.js';
import { isRecord } from '../upstream/check-shape.js';
import type { CredentialKeys } from '../upstream/credential-keys.js';
import type { CallContext, UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import { buildListQueryKey } from './build-cache-entry.js';
import { buildCacheSettings, type EndpointCacheSettings } from './build-cache-settings.js';
import { CachedReads } from './cached-reads.js';
import type { CacheStore } from './types.js';

export interface CachingClientOptions {
  readonly config: Config;
  readonly store: CacheStore;
  readonly bus: ChangeBus;
  readonly credentials: CredentialKeys;
  readonly now?: () => number;
  readonly logger?: Logger;
}

export interface CachingClient extends UpstreamClient {
  /** Waits for the background refreshes running now. */
  settle(): Promise<void>;
  /** Stops listening to the bus and waits for the refreshes, leaving the client underneath open. */
  detach(): Promise<void>;
}

const UNCACHED: EndpointCacheSettings = {
  cached: false,
  personal: false,
  idKey: 'id',
  ttlMs: 0,
  staleWhileRevalidateMs: 0,
  staleIfErrorMs: 0,
  maxEntries: 0,
};

export function createCachingClient(client: UpstreamClient, options: CachingClientOptions): CachingClient {
  const now = options.now ?? Date.now;
  const settings = buildCacheSettings(options.config);
  const settingsOf = (endpoint: string): EndpointCacheSettings => settings.get(endpoint) ?? UNCACHED;
  const reads = new CachedReads(client, {
    store: options.store,
    now,
    credentials: options.credentials,
    refreshDeadlineMs: options.config.server.operationDeadlineMs,
    logger: options.logger?.child({ component: 'cache' }),
  });
  const published = new WeakSet<ChangeEvent>();
  const unsubscribe = options.bus.subscribe((event) => {
    if (!published.has(event)) void reads.drop(event.endpoint, [event.id]);
  });
  /** Drops, then publishes (on success): the writer's next read, and anyone's, goes upstream. */
  const write = async <T>(endpoint: string, kind: ChangeKind, id: string | undefined, send: () => Promise<T>): Promise<T> => {
    let answer: T;
    try {
      answer = await send();
    } catch (error) {
      // It may have been applied all the same (a timeout, a reset): forget what it may have changed.
      await reads.drop(endpoint, id === undefined ? [] : [id]);
      throw error;
    }
    const record = kind !== 'deleted' && isRecord(answer) ? answer : null;
    const answeredId = record === null ? null : idOf(record, settingsOf(endpoint).idKey);
    const ids = [id, answeredId].filter((value): value is string => value !== undefined && value !== null);
    await reads.drop(endpoint, ids);
    const eventId = answeredId ?? id;
    if (eventId !== undefined) {
      const event: ChangeEvent = { kind, endpoint, id: eventId, record, writeDate: writeDateOf(record), source: 'mutation', at: now() };
      published.add(event);
      options.bus.publish(event);
    }
    return answer;
  };
  const noteUncached = (s: EndpointCacheSettings, ctx: CallContext): void => ctx.onServed?.(0, s.personal);
  return {
    request(request, ctx) {
      if (request.method === 'GET') return client.request(request, ctx);
      const kind: ChangeKind = request.method === 'POST' ? 'created' : request.method === 'PUT' ? 'updated' : 'deleted';
      return write(request.endpoint, kind, request.id, () => client.request(request, ctx));
    },
    async get(endpoint, id, ctx) {
      const s = settingsOf(endpoint);
      if (!s.cached) {
        noteUncached(s, ctx);
        return client.get(endpoint, id, ctx);
      }
      const value = await reads.read(s, { kind: 'record', endpoint, partition: reads.partitionOf(s, ctx), id }, undefined, ctx);
      return Array.isArray(value) ? null : (value as UpstreamRecord | null);
    },
    async list(endpoint, query, ctx) {
      const s = settingsOf(endpoint);
      if (!s.cached) {
        noteUncached(s, ctx);
        return client.list(endpoint, query, ctx);
      }
      const key = { kind: 'list', endpoint, partition: reads.partitionOf(s, ctx), query: buildListQueryKey(query) } as const;
      const value = await reads.read(s, key, query, ctx);
      return Array.isArray(value) ? value : [];
    },
    create: (endpoint, body, ctx) => write(endpoint, 'created', undefined, () => client.create(endpoint, body, ctx)),
    update: (endpoint, id, body, ctx) => write(endpoint, 'updated', id, () => client.update(endpoint, id, body, ctx)),
    remove: (endpoint, id, ctx) => write(endpoint, 'deleted', id, () => client.remove(endpoint, id, ctx)),
    settle: () => reads.settle(),
    async detach() {
      unsubscribe();
      await reads.settle();
    },
    async close() {
      unsubscribe();
      await reads.settle();
      await client.close();
    },
  };
}

function idOf(record: UpstreamRecord, idKey: string): string | null {
  const value = record[idKey];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function writeDateOf(record: UpstreamRecord | null): string | null {
  const value = record?.['write_date'];
  return typeof value === 'string' ? value : null;
}
