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
 *
 * This class answers from what is held; the misses go upstream in upstream-reads.ts, the refreshes
 * run in background-refreshes.ts, and what changes do to the cache is in cache-changes.ts.
 */
import type { Logger } from 'pino';
import type { CredentialKeys } from '../upstream/credential-keys.js';
import type { CallContext, UpstreamClient, UpstreamRecord } from '../upstream/types.js';
import { BackgroundRefreshes } from './background-refreshes.js';
import { isList } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import { CacheChanges } from './cache-changes.js';
import { CachePartitions } from './cache-partitions.js';
import { DropLog } from './drop-log.js';
import { EndpointSweeps } from './endpoint-sweeps.js';
import { HINT_READ_AFTER_MS } from './hinted-records.js';
import { readIdListPage } from './read-id-list-page.js';
import { ListPatches } from './list-patches.js';
import { RecordBatchers } from './record-batchers.js';
import type { CacheEntry, CacheKey, CacheStore, RecordKey } from './types.js';
import { UpstreamReads } from './upstream-reads.js';

type Value = CacheEntry['value'];
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
  /** Endpoints read whole when their record reads cost as much (endpoint-sweeps.ts). */
  private readonly sweeps: EndpointSweeps;
  /** Our own writes that list pages fetched before them show (see `patchLists`). */
  private readonly patches: ListPatches;
  private readonly partitions: CachePartitions;
  /** The misses, sent upstream (upstream-reads.ts). */
  private readonly upstream: UpstreamReads;
  /** The refreshes stale reads started (background-refreshes.ts). */
  private readonly refreshes: BackgroundRefreshes;
  /** Drops, replacements and patches as records change (cache-changes.ts). */
  private readonly changes: CacheChanges;

  constructor(
    client: UpstreamClient,
    private readonly options: CachedReadsOptions,
  ) {
    const { store, now, logger, staleIfLimitedWaitMs } = options;
    // What was dropped since a read started: it must not store its answer for those (drop-log.ts).
    const drops = new DropLog();
    this.patches = new ListPatches(now);
    this.partitions = new CachePartitions(options.credentials, store, now);
    this.changes = new CacheChanges({
      store,
      now,
      drops,
      partitions: this.partitions,
      patches: this.patches,
      readDeadlineMs: options.refreshDeadlineMs,
      hintReadAfterMs: options.hintReadAfterMs ?? HINT_READ_AFTER_MS,
      read: (settings, key, ctx) => this.read(settings, key, undefined, ctx),
      logger,
    });
    this.sweeps = new EndpointSweeps({
      now,
      deadlineMs: options.refreshDeadlineMs,
      claim: store.claim?.bind(store),
      logger,
      readPage: (settings, partition, query, ctx) => this.upstream.readSweepPage(settings, partition, query, ctx),
    });
    const batchers = new RecordBatchers({ client, store, now, drops, sweeps: this.sweeps });
    this.upstream = new UpstreamReads({ client, store, now, staleIfLimitedWaitMs, drops, sweeps: this.sweeps, batchers, patches: this.patches });
    this.refreshes = new BackgroundRefreshes({
      now,
      deadlineMs: options.refreshDeadlineMs,
      sweeps: this.sweeps,
      batchers,
      fetch: (settings, key, query, ctx) => this.upstream.fetch(settings, key, query, ctx, undefined),
      logger,
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

  /** Forgets records (in every partition) and, unless told not to, the endpoint's list pages (cache-changes.ts). */
  drop(endpoint: string, ids: readonly string[], lists = true): Promise<void> {
    return this.changes.drop(endpoint, ids, lists);
  }

  /** Another replica dropped these in the shared store: only this process's reads that started before keep nothing. */
  droppedElsewhere(endpoint: string, ids: readonly string[], lists: boolean): void {
    this.changes.droppedElsewhere(endpoint, ids, lists);
  }

  /** Keeps what a write answered as a record's entry in one partition (after `drop`). */
  replace(settings: EndpointCacheSettings, key: RecordKey, record: UpstreamRecord, fetchedAt: number): Promise<void> {
    return this.changes.replace(settings, key, record, fetchedAt);
  }

  /** A write whose fields no filter reads: list pages fetched before it show the written record (cache-changes.ts). */
  patchLists(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number): void {
    this.changes.patchLists(settings, id, record, at);
  }

  /** A complete record Odoo pushed, trusted (pushed-records.ts); false, with nothing done, when what changed cannot be told. */
  keepPushed(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number): Promise<boolean> {
    return this.changes.keepPushed(settings, id, record, at);
  }

  /** A hint that a shared record changed (hinted-records.ts); false, with nothing done, when that cannot be told. */
  hinted(settings: EndpointCacheSettings, id: string): Promise<boolean> {
    return this.changes.hinted(settings, id);
  }

  /** Whether the service partitions hold this record exactly as given (cache-partitions.ts). */
  holds(endpoint: string, id: string, record: UpstreamRecord): boolean {
    return this.changes.holds(endpoint, id, record);
  }

  /** Waits for the background refreshes running now (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.refreshes.busy || this.sweeps.isBusy() || this.changes.busy) {
      await Promise.all([this.refreshes.settle(), this.sweeps.settle(), this.changes.settle()]);
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
}
