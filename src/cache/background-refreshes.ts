/**
 * The refresh a stale read starts, in the background, once per key however many readers ask: the
 * reader has its answer already, so the refresh has its own deadline and the background priority,
 * and a failure only logs (the stale entry serves until its window ends). A record whose endpoint
 * is swept is refreshed by the sweep (endpoint-sweeps.ts); one read per id goes through the
 * background batcher, which is its single flight (record-batchers.ts).
 */
import type { Logger } from 'pino';
import type { CallContext } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import { storeKeyOf } from './create-memory-store.js';
import { detachedContext } from './detached-context.js';
import type { EndpointSweeps } from './endpoint-sweeps.js';
import type { RecordBatchers } from './record-batchers.js';
import type { CacheKey, RecordKey } from './types.js';

type Query = Readonly<Record<string, string>> | undefined;
export interface BackgroundRefreshesDeps {
  readonly now: () => number;
  /** Deadline of a refresh, from its start. */
  readonly deadlineMs: number;
  readonly sweeps: EndpointSweeps;
  readonly batchers: RecordBatchers;
  /** Reads the key from the upstream and keeps the answer, as a miss does. */
  fetch(settings: EndpointCacheSettings, key: CacheKey, query: Query, ctx: CallContext): Promise<unknown>;
  readonly logger: Logger | undefined;
}

export class BackgroundRefreshes {
  /** Refreshes of list pages (and records read by GET) running, by store key (single flight). */
  private readonly refreshing = new Map<string, Promise<void>>();
  /** Refreshes of records through a batcher not settled yet. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: BackgroundRefreshesDeps) {}

  get busy(): boolean {
    return this.refreshing.size > 0 || this.pending.size > 0;
  }

  /** Waits for the refreshes running now (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.refreshing.values(), ...this.pending]);
  }

  /** Starts the refresh of a stale entry just served, unless one runs already. */
  start(settings: EndpointCacheSettings, key: CacheKey, query: Query, ctx: CallContext): void {
    const background = detachedContext(ctx, this.deps.now() + this.deps.deadlineMs, 'background');
    // A sweep running, or renewed by this stale read, refreshes the record with every other.
    if (key.kind === 'record' && (this.deps.sweeps.isRunning(key.endpoint, key.partition) || this.deps.sweeps.renew(settings, key.partition, background)))
      return;
    if (key.kind === 'record' && settings.idListFilter !== null) this.batched(settings, key, background);
    else this.singleFlight(settings, key, query, background);
  }

  /** The batcher is the single flight: an id queued or out is joined. */
  private batched(settings: EndpointCacheSettings, key: RecordKey, background: CallContext): void {
    const running = this.deps.batchers
      .of(settings, key.partition, 'background')
      .load(key.id, background)
      .then(
        () => undefined,
        (error: unknown) => this.failed(key, error),
      );
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
  }

  private singleFlight(settings: EndpointCacheSettings, key: CacheKey, query: Query, background: CallContext): void {
    const storeKey = storeKeyOf(key);
    if (this.refreshing.has(storeKey)) return;
    const running = this.deps.fetch(settings, key, query, background).then(
      () => undefined,
      (error: unknown) => this.failed(key, error),
    );
    this.refreshing.set(storeKey, running);
    void running.finally(() => this.refreshing.delete(storeKey));
  }

  private failed(key: CacheKey, error: unknown): void {
    this.deps.logger?.debug({ endpoint: key.endpoint, kind: key.kind, err: error }, 'cache refresh failed; the stale entry stays until its window ends');
  }
}
