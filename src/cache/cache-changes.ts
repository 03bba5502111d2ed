/**
 * What the cache does when records change: our own writes, another replica's, and Odoo's pushes
 * (a trusted record, a hint). What may have changed is dropped, and reads that started before keep
 * nothing for it (drop-log.ts); a record at hand replaces the versions held, and the list pages
 * show it in place (list-patches.ts) rather than all being read again.
 */
import type { Logger } from 'pino';
import type { CallContext, UpstreamRecord } from '../upstream/types.js';
import { buildCacheEntry, isList, sizeOf } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { CachePartitions } from './cache-partitions.js';
import type { DropLog } from './drop-log.js';
import { HintedRecords } from './hinted-records.js';
import type { ListPatches } from './list-patches.js';
import { keepPushedRecord } from './pushed-records.js';
import type { CacheEntry, CacheStore, RecordKey } from './types.js';

export interface CacheChangesDeps {
  readonly store: CacheStore;
  readonly now: () => number;
  readonly drops: DropLog;
  readonly partitions: CachePartitions;
  readonly patches: ListPatches;
  /** Deadline of the read again of a hinted record, from its start. */
  readonly readDeadlineMs: number;
  /** How long after a hint its record is read again (hinted-records.ts). */
  readonly hintReadAfterMs: number;
  /** Reads through the cache (`CachedReads.read`). */
  read(settings: EndpointCacheSettings, key: RecordKey, ctx: CallContext): Promise<CacheEntry['value']>;
  readonly logger: Logger | undefined;
}

export class CacheChanges {
  /** Hinted changes whose record is read again before the pages are touched. */
  private readonly hints: HintedRecords;

  constructor(private readonly deps: CacheChangesDeps) {
    this.hints = new HintedRecords({
      heldVersions: (endpoint, id) => deps.partitions.heldVersions(endpoint, id),
      drop: (endpoint, ids, lists) => this.drop(endpoint, ids, lists),
      readAgain: (settings, id, partition) => this.readAgain(settings, id, partition),
      patch: (settings, id, record, moved) => deps.patches.add(settings, id, record, deps.now(), moved),
      readAfterMs: deps.hintReadAfterMs,
      logger: deps.logger,
    });
  }

  /** Forgets what the upstream said about records (in every partition) and, unless told not to, the endpoint's list pages. */
  async drop(endpoint: string, ids: readonly string[], lists = true): Promise<void> {
    this.deps.drops.drop(endpoint, ids, lists);
    const store = this.deps.store;
    await Promise.all([...ids.map((id) => store.deleteRecord(endpoint, id)), ...(lists ? [store.deleteLists(endpoint)] : [])]);
  }

  /**
   * Another replica dropped these in the shared store (and in every local tier): only reads of
   * this process that started before must not keep what they got for them.
   */
  droppedElsewhere(endpoint: string, ids: readonly string[], lists: boolean): void {
    this.deps.drops.drop(endpoint, ids, lists);
  }

  /** Keeps what a write answered as a record's entry in one partition (after `drop`). */
  async replace(settings: EndpointCacheSettings, key: RecordKey, record: UpstreamRecord, fetchedAt: number): Promise<void> {
    await this.deps.store.set(key, buildCacheEntry(record, sizeOf(record), fetchedAt, settings));
  }

  /**
   * A write whose fields no filter reads, answered with the record: the endpoint's list pages
   * fetched before it show the written record in its place and are refreshed in the background
   * (its order or an Odoo-side domain may have moved it), instead of all being read again.
   */
  patchLists(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number): void {
    this.deps.patches.add(settings, id, record, at);
  }

  /** A complete record Odoo pushed, trusted (pushed-records.ts); false, with nothing done, when what changed cannot be told. */
  keepPushed(settings: EndpointCacheSettings, id: string, record: UpstreamRecord, at: number): Promise<boolean> {
    const { partitions, store, drops, patches } = this.deps;
    const replace = (key: RecordKey, kept: UpstreamRecord, fetchedAt: number): Promise<void> => this.replace(settings, key, kept, fetchedAt);
    return keepPushedRecord({ partitions, store, drops, patches, replace }, settings, id, record, at);
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
    return this.deps.partitions.hold(endpoint, id, record);
  }

  get busy(): boolean {
    return this.hints.busy;
  }

  /** Waits for the reads again of hinted records running now (tests, shutdown). */
  settle(): Promise<void> {
    return this.hints.settle();
  }

  /** A hinted record, read past the cache in a service partition it is held in (and kept). */
  private async readAgain(settings: EndpointCacheSettings, id: string, partition: string): Promise<UpstreamRecord | null> {
    const ctx: CallContext = {
      requestId: 'webhook-hint',
      deadline: this.deps.now() + this.deps.readDeadlineMs,
      forwardedHeaders: this.deps.partitions.headersOf(partition) ?? {},
      priority: 'foreground',
      cache: 'no-cache',
    };
    const value = await this.deps.read(settings, { kind: 'record', endpoint: settings.endpoint, partition, id }, ctx);
    return value === null || isList(value) ? null : value;
  }
}
