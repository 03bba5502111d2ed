/**
 * Reads through the cache: a fresh entry answers at once; a stale one (within stale-while-revalidate)
 * answers at once and starts one background refresh per key however many readers ask; anything
 * else goes to the upstream client underneath, exactly as an uncached read would (its loaders,
 * in-flight sharing and budget), and the answer is kept. A failing upstream is answered by an entry
 * within its stale-if-error window, flagged as such.
 */
import type { Logger } from 'pino';
import { SERVICE_KEY, type CredentialKeys } from '../upstream/credential-keys.js';
import type { CallContext, UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import { buildCacheEntry, isList, sizeOf, staleMayCover } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import { storeKeyOf } from './create-memory-store.js';
import type { CacheEntry, CacheKey, CacheStore } from './types.js';

type Value = CacheEntry['value'];

export interface CachedReadsOptions {
  readonly store: CacheStore;
  readonly now: () => number;
  readonly credentials: CredentialKeys;
  /** Deadline of a background refresh, from its start. */
  readonly refreshDeadlineMs: number;
  readonly logger: Logger | undefined;
}

export class CachedReads {
  /** Background refreshes running, by store key (single flight). */
  private readonly refreshing = new Map<string, Promise<void>>();
  /** Bumped by every drop of an endpoint: a read that started before it must not store its answer. */
  private readonly epochs = new Map<string, number>();
  /** An operation's partitions, worked out once (its calls all carry the same context). */
  private readonly partitions = new WeakMap<CallContext, { service: string; personal: string | undefined }>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly options: CachedReadsOptions,
  ) {}

  /**
   * The credential's partition, plus the forwarded headers (e.g. `accept-language`) when there are
   * any: the in-flight sharing treats them as part of the request, and so does the cache.
   */
  partitionOf(settings: EndpointCacheSettings, ctx: CallContext): string {
    let known = this.partitions.get(ctx);
    if (known === undefined) {
      known = { service: SERVICE_KEY + headersSuffix(ctx.forwardedHeaders), personal: undefined };
      this.partitions.set(ctx, known);
    }
    if (!settings.personal) return known.service;
    known.personal ??= this.options.credentials.ofUser(ctx) + headersSuffix(ctx.forwardedHeaders);
    return known.personal;
  }

  async read(settings: EndpointCacheSettings, key: CacheKey, query: Readonly<Record<string, string>> | undefined, ctx: CallContext): Promise<Value> {
    const store = this.options.store;
    const entry = ctx.cache === 'no-cache' ? undefined : store.getSync !== undefined ? store.getSync(key) : await store.get(key);
    if (entry !== undefined) {
      const now = this.options.now();
      if (now < entry.freshUntil) {
        ctx.onCacheHit?.('fresh', entry.fetchedAt);
        ctx.onServed?.(entry.freshUntil, settings.personal);
        return entry.value;
      }
      if (now < entry.staleUntil) {
        ctx.onCacheHit?.('stale', entry.fetchedAt);
        ctx.onServed?.(entry.freshUntil, settings.personal);
        this.refresh(settings, key, query, ctx);
        return entry.value;
      }
    }
    return this.fetch(settings, key, query, ctx, entry);
  }

  /** Forgets what the upstream said about a record (in every partition) and the endpoint's list pages. */
  async drop(endpoint: string, ids: readonly string[]): Promise<void> {
    this.epochs.set(endpoint, (this.epochs.get(endpoint) ?? 0) + 1);
    const store = this.options.store;
    await Promise.all([...ids.map((id) => store.deleteRecord(endpoint, id)), store.deleteLists(endpoint)]);
  }

  /** Waits for the background refreshes running now (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.refreshing.size > 0) await Promise.all([...this.refreshing.values()]);
  }

  private async fetch(
    settings: EndpointCacheSettings,
    key: CacheKey,
    query: Readonly<Record<string, string>> | undefined,
    ctx: CallContext,
    previous: CacheEntry | undefined,
  ): Promise<Value> {
    const started = this.options.now();
    const epoch = this.epochs.get(key.endpoint);
    let value: Value;
    try {
      value = key.kind === 'record' ? await this.client.get(key.endpoint, key.id, ctx) : await this.client.list(key.endpoint, query ?? {}, ctx);
    } catch (error) {
      if (previous === undefined || ctx.cache === 'no-cache' || !staleMayCover(error)) throw error;
      if (!(this.options.now() < previous.staleIfErrorUntil)) throw error;
      ctx.onCacheHit?.('stale-if-error', previous.fetchedAt);
      ctx.onServed?.(previous.freshUntil, settings.personal);
      return previous.value;
    }
    const freshUntil = started + settings.ttlMs;
    ctx.onServed?.(freshUntil, settings.personal);
    if (this.epochs.get(key.endpoint) === epoch) await this.keep(settings, key, value, started);
    return value;
  }

  /** A list page also answers later by-id reads of the records on it. */
  private async keep(settings: EndpointCacheSettings, key: CacheKey, value: Value, fetchedAt: number): Promise<void> {
    const store = this.options.store;
    if (!isList(value)) {
      await store.set(key, buildCacheEntry(value, sizeOf(value), fetchedAt, settings));
      return;
    }
    let bytes = 2;
    const sets: Promise<void>[] = [];
    for (const record of value) {
      const size = sizeOf(record);
      bytes += size + 1;
      const id = identifierOf(record, settings.idKey);
      if (id === null) continue;
      const recordKey: CacheKey = { kind: 'record', endpoint: key.endpoint, partition: key.partition, id };
      sets.push(store.set(recordKey, buildCacheEntry(record, size, fetchedAt, settings)));
    }
    sets.push(store.set(key, buildCacheEntry(value, bytes, fetchedAt, settings)));
    await Promise.all(sets);
  }

  private refresh(settings: EndpointCacheSettings, key: CacheKey, query: Readonly<Record<string, string>> | undefined, ctx: CallContext): void {
    const storeKey = storeKeyOf(key);
    if (this.refreshing.has(storeKey)) return;
    const background: CallContext = {
      requestId: ctx.requestId,
      deadline: this.options.now() + this.options.refreshDeadlineMs,
      authorization: ctx.authorization,
      forwardedHeaders: ctx.forwardedHeaders ?? {},
      priority: 'background',
    };
    const running = this.fetch(settings, key, query, background, undefined).then(
      () => undefined,
      (error: unknown) => {
        this.options.logger?.debug({ endpoint: key.endpoint, kind: key.kind, err: error }, 'cache refresh failed; the stale entry stays until its window ends');
      },
    );
    this.refreshing.set(storeKey, running);
    void running.finally(() => this.refreshing.delete(storeKey));
  }
}

function headersSuffix(headers: Readonly<Record<string, string>> | undefined): string {
  if (headers === undefined) return '';
  const names = Object.keys(headers);
  if (names.length === 0) return '';
  names.sort();
  return names.map((name) => `;${name}=${encodeURIComponent(headers[name] ?? '')}`).join('');
}

export function identifierOf(record: UpstreamRecord, idKey: string): string | null {
  const value = record[idKey];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
