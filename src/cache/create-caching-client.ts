/**
 * The record cache as a decorator of the upstream client: GET by id and GET list read through
 * `CachedReads`; every write drops what it may have changed (the record in every partition and the
 * endpoint's list pages) before it answers, so the next read by anyone sees it, and publishes the
 * change on the bus. Every change on the bus (a webhook's, another replica's) drops the same way.
 * Why a decorator, and why drops rather than replacements: docs/decisions/0008-record-cache-as-client-decorator.md.
 */
import type { Logger } from 'pino';
import type { ChangeBus, ChangeEvent, ChangeKind } from '../changes/types.js';
import type { Config } from '../config/types.js';
import type { CredentialKeys } from '../upstream/credential-keys.js';
import type { CallContext, UpstreamClient, UpstreamRecord, UpstreamRequest, UpstreamResponse } from '../upstream/types.js';
import { buildListQueryKey, isList } from './build-cache-entry.js';
import { buildCacheSettings, type EndpointCacheSettings } from './build-cache-settings.js';
import { CachedReads } from './cached-reads.js';
import { writeThrough, writtenKeys } from './cached-writes.js';
import { applyHeardChange } from './heard-changes.js';
import type { CacheStore } from './types.js';

export interface CachingClientOptions {
  readonly config: Config;
  readonly store: CacheStore;
  readonly bus: ChangeBus;
  readonly credentials: CredentialKeys;
  readonly now?: () => number;
  readonly logger?: Logger;
  /** How long after a hint pushed by Odoo its record is read again (default HINT_READ_AFTER_MS). */
  readonly hintReadAfterMs?: number;
}

export interface CachingClient extends UpstreamClient {
  /** Waits for the background refreshes running now. */
  settle(): Promise<void>;
  /** Stops listening to the bus, leaving the client underneath open. */
  detach(): Promise<void>;
}

const UNCACHED: EndpointCacheSettings = {
  endpoint: '',
  idListFilter: null,
  filters: new Set(),
  maxBatch: 1,
  cached: false,
  personal: false,
  idKey: 'id',
  ttlMs: 0,
  staleWhileRevalidateMs: 0,
  staleIfErrorMs: 0,
  maxEntries: 0,
  sweepMaxRecords: 0,
};

/**
 * How long a read whose stale-if-error answer is at hand waits for a rate-limit token before
 * serving that answer: long enough for a token that is about to come, short enough not to show.
 */
const STALE_IF_LIMITED_WAIT_MS = 250;

export function createCachingClient(client: UpstreamClient, options: CachingClientOptions): CachingClient {
  return new CachingUpstreamClient(client, options);
}

class CachingUpstreamClient implements CachingClient {
  private readonly settings: ReadonlyMap<string, EndpointCacheSettings>;
  private readonly reads: CachedReads;
  private readonly now: () => number;
  /** Our own events: already dropped before they were published. */
  private readonly published = new WeakSet<ChangeEvent>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly client: UpstreamClient,
    private readonly options: CachingClientOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.settings = buildCacheSettings(options.config);
    this.reads = new CachedReads(client, {
      store: options.store,
      now: this.now,
      credentials: options.credentials,
      refreshDeadlineMs: options.config.server.operationDeadlineMs,
      staleIfLimitedWaitMs: STALE_IF_LIMITED_WAIT_MS,
      ...(options.hintReadAfterMs === undefined ? {} : { hintReadAfterMs: options.hintReadAfterMs }),
      logger: options.logger?.child({ component: 'cache' }),
    });
    this.unsubscribe = options.bus.subscribe((event) => {
      if (this.published.has(event)) return;
      this.heard(event).catch((err: unknown) => {
        options.logger?.warn({ err, endpoint: event.endpoint }, 'cache: dropping a changed record failed; it expires with its TTL');
      });
    });
  }

  request(request: UpstreamRequest, ctx: CallContext): Promise<UpstreamResponse> {
    if (request.method === 'GET') return this.client.request(request, ctx);
    const kind: ChangeKind = request.method === 'POST' ? 'created' : request.method === 'PUT' ? 'updated' : 'deleted';
    return this.write(request.endpoint, kind, request.id, ctx, writtenKeys(request.body), () => this.client.request(request, ctx));
  }

  async get(endpoint: string, id: string, ctx: CallContext): Promise<UpstreamRecord | null> {
    const settings = this.settingsOf(endpoint);
    if (!settings.cached) {
      ctx.onServed?.(0, settings.personal);
      return this.client.get(endpoint, id, ctx);
    }
    const value = await this.reads.read(settings, { kind: 'record', endpoint, partition: this.reads.partitionOf(settings, ctx), id }, undefined, ctx);
    return isList(value) ? null : value;
  }

  async list(endpoint: string, query: Readonly<Record<string, string>>, ctx: CallContext): Promise<readonly UpstreamRecord[]> {
    const settings = this.settingsOf(endpoint);
    if (!settings.cached) {
      ctx.onServed?.(0, settings.personal);
      return this.client.list(endpoint, query, ctx);
    }
    const partition = this.reads.partitionOf(settings, ctx);
    const ids = idListOf(settings, query);
    if (ids !== null) return this.reads.readRecords(settings, partition, ids, ctx);
    const value = await this.reads.read(settings, { kind: 'list', endpoint, partition, query: buildListQueryKey(query) }, query, ctx);
    return isList(value) ? value : [];
  }

  create(endpoint: string, body: UpstreamRecord, ctx: CallContext): Promise<UpstreamRecord> {
    return this.write(endpoint, 'created', undefined, ctx, null, () => this.client.create(endpoint, body, ctx));
  }

  update(endpoint: string, id: string, body: UpstreamRecord, ctx: CallContext): Promise<unknown> {
    return this.write(endpoint, 'updated', id, ctx, Object.keys(body), () => this.client.update(endpoint, id, body, ctx));
  }

  remove(endpoint: string, id: string, ctx: CallContext): Promise<unknown> {
    return this.write(endpoint, 'deleted', id, ctx, null, () => this.client.remove(endpoint, id, ctx));
  }

  settle(): Promise<void> {
    return this.reads.settle();
  }

  // Neither waits for background refreshes: a hung upstream must not hold a shutdown for a whole
  // deadline; a refresh cut short only logs.
  async detach(): Promise<void> {
    this.unsubscribe();
  }

  async close(options?: { readonly force?: boolean }): Promise<void> {
    this.unsubscribe();
    await this.client.close(options);
  }

  /** A change another replica or the webhook told us of (heard-changes.ts). */
  private heard(event: ChangeEvent): Promise<void> {
    return applyHeardChange(this.reads, this.settingsOf(event.endpoint), this.options.store.shared === true, event);
  }

  private settingsOf(endpoint: string): EndpointCacheSettings {
    return this.settings.get(endpoint) ?? UNCACHED;
  }

  /** A write through the cache (cached-writes.ts). */
  private write<T>(
    endpoint: string,
    kind: ChangeKind,
    id: string | undefined,
    ctx: CallContext,
    keys: readonly string[] | null,
    send: () => Promise<T>,
  ): Promise<T> {
    const deps = { reads: this.reads, settings: this.settingsOf(endpoint), now: this.now, publish: (event: ChangeEvent) => this.publish(event) };
    return writeThrough(deps, { endpoint, kind, id, ctx, keys, send });
  }

  private publish(event: ChangeEvent): void {
    this.published.add(event);
    this.options.bus.publish(event);
  }
}

/** The ids of an id-list page the loaders asked for (the filter and its limit, nothing else), or null. */
function idListOf(settings: EndpointCacheSettings, query: Readonly<Record<string, string>>): string[] | null {
  const filter = settings.idListFilter;
  if (filter === null) return null;
  const value = query[filter];
  if (value === undefined) return null;
  for (const key of Object.keys(query)) if (key !== filter && key !== 'limit') return null;
  const ids = value.split(',').filter((id) => id !== '');
  if (ids.length === 0 || (query['limit'] !== undefined && Number(query['limit']) < ids.length)) return null;
  return ids;
}
