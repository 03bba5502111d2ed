/**
 * Reads through the cache: a fresh entry answers at once; a stale one (within stale-while-revalidate)
 * answers at once and starts one background refresh per key however many readers ask; anything
 * else goes to the upstream client underneath, exactly as an uncached read would (its loaders,
 * in-flight sharing and budget), and the answer is kept. A failing upstream is answered by an entry
 * within its stale-if-error window, flagged as such; so is a rate limit with no token within
 * `staleIfLimitedWaitMs` while such an entry is at hand (waiting longer makes the answer later, not
 * fresher).
 *
 * On an endpoint with an id-list filter, records are read per id whichever form the loaders asked
 * in (one id, or an id-list page): hits answer at once, and the misses of every operation merge
 * into one call at a time (record-batcher.ts); refreshes of stale records likewise.
 */
import type { Logger } from 'pino';
import type { CredentialKeys } from '../upstream/credential-keys.js';
import type { CallContext, UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import { BackgroundRefreshes } from './background-refreshes.js';
import { buildCacheEntry, isList, sizeOf } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import { CachePartitions } from './cache-partitions.js';
import { DropLog } from './drop-log.js';
import { EndpointSweeps } from './endpoint-sweeps.js';
import { HINT_READ_AFTER_MS, HintedRecords } from './hinted-records.js';
import { keepPushedRecord } from './pushed-records.js';
import { readIdListPage } from './read-id-list-page.js';
import { ListPatches } from './list-patches.js';
import { RecordBatchers } from './record-batchers.js';
import type { CacheEntry, CacheKey, CacheStore } from './types.js';
import { UpstreamReads } from './upstream-reads.js';

type Value = CacheEntry['value'];
type RecordKey = Extract<CacheKey, { kind: 'record' }>;

export interface CachedReadsOptions {
  readonly store: CacheStore;
  readonly now: () => number;
  readonly credentials: CredentialKeys;
  /** Deadline of a background refresh, from its start. */
  readonly refreshDeadlineMs: number;
  /** How long a read with a stale-if-error answer at hand waits for a rate-limit token. */
  readonly staleIfLimitedWaitMs: number;
  /** How long after a hint its record is read again (hinted-records.ts; tests shorten it). */
  readonly hintReadAfterMs?: number;
  readonly logger: Logger | undefined;
}

/** What the cache holds for a key now: an answer to serve, or the entry a miss may fall back on. */
type Lookup = { readonly hit: 'fresh' | 'stale'; readonly entry: CacheEntry } | { readonly hit: null; readonly entry: CacheEntry | undefined };

export class CachedReads {
  /** What was dropped since a read started: it must not store its answer for those (drop-log.ts). */
  private readonly drops = new DropLog();
  /** Endpoints read whole when their record reads cost as much (endpoint-sweeps.ts). */
  private readonly sweeps: EndpointSweeps;
  /** Record batchers by priority, endpoint and partition (record-batchers.ts). */
  private readonly batchers: RecordBatchers;
  /** Our own writes that list pages fetched before them show (see `patchLists`). */
  private readonly patches: ListPatches;
  /** The misses, sent upstream (upstream-reads.ts). */
  private readonly upstream: UpstreamReads;
  /** The refreshes stale reads started (background-refreshes.ts). */
  private readonly refreshes: BackgroundRefreshes;
  private readonly partitions: CachePartitions;
  /** Hinted changes whose record is read again before the pages are touched. */
  private readonly hints: HintedRecords;

  constructor(
    client: UpstreamClient,
    private readonly options: CachedReadsOptions,
  ) {
    this.patches = new ListPatches(options.now);
    this.partitions = new CachePartitions(options.credentials, options.store, options.now);
    this.hints = new HintedRecords({
      heldVersions: (endpoint, id) => this.partitions.heldVersions(endpoint, id),
      drop: (endpoint, ids, lists) => this.drop(endpoint, ids, lists),
      readAgain: (settings, id, partition) => this.readAgain(settings, id, partition),
      patch: (settings, id, record, moved) => this.patches.add(settings, id, record, options.now(), moved),
      readAfterMs: options.hintReadAfterMs ?? HINT_READ_AFTER_MS,
      logger: options.logger,
    });
    this.sweeps = new EndpointSweeps({
      now: options.now,
      deadlineMs: options.refreshDeadlineMs,
      claim: options.store.claim?.bind(options.store),
      logger: options.logger,
      readPage: (settings, partition, query, ctx) => this.upstream.readSweepPage(settings, partition, query, ctx),
    });
    this.batchers = new RecordBatchers({ client, store: options.store, now: options.now, drops: this.drops, sweeps: this.sweeps });
    this.upstream = new UpstreamReads({
      client,
      store: options.store,
      now: options.now,
      staleIfLimitedWaitMs: options.staleIfLimitedWaitMs,
      drops: this.drops,
      sweeps: this.sweeps,
      batchers: this.batchers,
      patches: this.patches,
    });
    this.refreshes = new BackgroundRefreshes({
      now: options.now,
      deadlineMs: options.refreshDeadlineMs,
      sweeps: this.sweeps,
      batchers: this.batchers,
      fetch: (settings, key, query, ctx) => this.upstream.fetch(settings, key, query, ctx, undefined),
      logger: options.logger,
    });
  }

  /** The read's partition (cache-partitions.ts). */
  partitionOf(settings: EndpointCacheSettings, ctx: CallContext): string {
    return this.partitions.of(settings, ctx);
  }

  async read(settings: EndpointCacheSettings, key: CacheKey, query: Readonly<Record<string, string>> | undefined, ctx: CallContext): Promise<Value> {
    if (key.kind === 'record') this.sweeps.noteRecordRead(settings, key.partition, key.id);
    const found = await this.lookup(key, ctx);
    // A page a pushed record may have entered or left (a filter key it names changed) is read again.
    const outdated = found.hit !== null && key.kind === 'list' && this.patches.outdates(settings, query ?? {}, found.entry.fetchedAt);
    if (found.hit !== null && !outdated) return this.serve(settings, key, query, ctx, found.hit, found.entry);
    ctx.onCacheMiss?.(settings.endpoint);
    if (key.kind === 'record' && settings.idListFilter !== null) return this.upstream.fetchBatched(settings, key, ctx, found.entry);
    return this.upstream.fetch(settings, key, query, ctx, found.entry);
  }

  /** An id-list page the loaders asked for, read per id (read-id-list-page.ts). */
  readRecords(settings: EndpointCacheSettings, partition: string, ids: readonly string[], ctx: CallContext): Promise<UpstreamRecord[]> {
    return readIdListPage((key, inner) => this.read(settings, key, undefined, inner), settings, partition, ids, ctx);
  }

  /** Forgets what the upstream said about records (in every partition) and, unless told not to, the endpoint's list pages. */
  async drop(endpoint: string, ids: readonly string[], lists = true): Promise<void> {
    this.drops.drop(endpoint, ids, lists);
    const store = this.options.store;
    await Promise.all([...ids.map((id) => store.deleteRecord(endpoint, id)), ...(lists ? [store.deleteLists(endpoint)] : [])]);
  }

  /**
   * Another replica dropped these in the shared store (and in every local tier): only reads of
   * this process that started before must not keep what they got for them.
   */
  droppedElsewhere(endpoint: string, ids: readonly string[], lists: boolean): void {
    this.drops.drop(endpoint, ids, lists);
  }

  /** Keeps what a write answered as a record's entry in one partition (after `drop`). */
  async replace(settings: EndpointCacheSettings, key: RecordKey, record: UpstreamRecord, fetchedAt: number): Promise<void> {
    await this.options.store.set(key, buildCacheEntry(record, sizeOf(record), fetchedAt, settings));
  }

  /**
   * A write whose fields no filter reads, answered with the record: the endpoint's list pages
   * fetched before it show the written record in its place and are refreshed in the background
   * (its order or an Odoo-side domain may have moved it), instead of all being read again.
   */
  patchLists(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number): void {
    this.patches.add(settings, id, record, at);
  }

  /** A complete record Odoo pushed, trusted (pushed-records.ts); false, with nothing done, when what changed cannot be told. */
  keepPushed(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number): Promise<boolean> {
    return keepPushedRecord(
      {
        partitions: this.partitions,
        store: this.options.store,
        drops: this.drops,
        patches: this.patches,
        replace: (key, kept, fetchedAt) => this.replace(settings, key, kept, fetchedAt),
      },
      settings,
      id,
      record,
      at,
    );
  }

  /**
   * A hint that a shared record changed: its entries go, and it is read again before the pages are
   * patched or dropped (hinted-records.ts). False, with nothing done, when that cannot be told.
   */
  hinted(settings: EndpointCacheSettings, id: string): Promise<boolean> {
    return this.hints.hinted(settings, id);
  }

  /** Whether the service partitions hold this record exactly as given (cache-partitions.ts). */
  holds(endpoint: string, id: string, record: UpstreamRecord): boolean {
    return this.partitions.hold(endpoint, id, record);
  }

  /** Waits for the background refreshes running now (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.refreshes.busy || this.sweeps.isBusy() || this.hints.busy) {
      await Promise.all([this.refreshes.settle(), this.sweeps.settle(), this.hints.settle()]);
    }
  }

  private async lookup(key: CacheKey, ctx: CallContext): Promise<Lookup> {
    if (ctx.cache === 'no-cache') return { hit: null, entry: undefined };
    const store = this.options.store;
    const entry = store.getSync !== undefined ? store.getSync(key) : await store.get(key);
    if (entry === undefined) return { hit: null, entry };
    const now = this.options.now();
    if (now < entry.freshUntil) return { hit: 'fresh', entry };
    if (now < entry.staleUntil) return { hit: 'stale', entry };
    return { hit: null, entry };
  }

  private serve(
    settings: EndpointCacheSettings,
    key: CacheKey,
    query: Readonly<Record<string, string>> | undefined,
    ctx: CallContext,
    hit: 'fresh' | 'stale',
    entry: CacheEntry,
  ): Value {
    const patched = isList(entry.value) ? this.patches.apply(settings, entry.value, entry.fetchedAt) : null;
    const served = patched === null ? hit : 'stale';
    ctx.onCacheHit?.(served, entry.fetchedAt, settings.endpoint);
    ctx.onServed?.(entry.freshUntil, settings.personal);
    if (served === 'stale') this.refreshes.start(settings, key, query, ctx);
    return patched ?? entry.value;
  }

  /** A hinted record, read past the cache in a service partition it is held in (and kept). */
  private async readAgain(settings: EndpointCacheSettings, id: string, partition: string): Promise<UpstreamRecord | null> {
    const ctx: CallContext = {
      requestId: 'webhook-hint',
      deadline: this.options.now() + this.options.refreshDeadlineMs,
      forwardedHeaders: this.partitions.headersOf(partition) ?? {},
      priority: 'foreground',
      cache: 'no-cache',
    };
    const value = await this.read(settings, { kind: 'record', endpoint: settings.endpoint, partition, id }, undefined, ctx);
    return value === null || isList(value) ? null : value;
  }
}
