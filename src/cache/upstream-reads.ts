/**
 * The reads the cache cannot answer, sent to the upstream client underneath exactly as an uncached
 * read would be (alone, or through the record batcher on an endpoint with an id-list filter), and
 * the answer kept but for what was dropped since the read started (drop-log.ts). A failure the
 * upstream may recover from is answered by the entry held within its stale-if-error window,
 * flagged as such; so is a rate limit with no token within `staleIfLimitedWaitMs` while such an
 * entry is at hand. Sweep pages go the same way (endpoint-sweeps.ts).
 */
import type { CallContext, UpstreamClient } from '../upstream/types.js';
import { isList, staleMayCover } from './build-cache-entry.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import type { DropLog } from './drop-log.js';
import type { EndpointSweeps } from './endpoint-sweeps.js';
import { keepAnswer, withFallbackWait } from './keep-answer.js';
import type { ListPatches } from './list-patches.js';
import type { RecordBatchers } from './record-batchers.js';
import type { CacheEntry, CacheKey, CacheStore, RecordKey } from './types.js';

type Value = CacheEntry['value'];
export interface UpstreamReadsDeps {
  readonly client: UpstreamClient;
  readonly store: CacheStore;
  readonly now: () => number;
  /** How long a read with a stale-if-error answer at hand waits for a rate-limit token. */
  readonly staleIfLimitedWaitMs: number;
  readonly drops: DropLog;
  readonly sweeps: EndpointSweeps;
  readonly batchers: RecordBatchers;
  readonly patches: ListPatches;
}

export class UpstreamReads {
  constructor(private readonly deps: UpstreamReadsDeps) {}

  /** Reads the key by itself (a GET by id, or a list page); `previous` is the entry a failure may fall back on. */
  async fetch(
    settings: EndpointCacheSettings,
    key: CacheKey,
    query: Readonly<Record<string, string>> | undefined,
    ctx: CallContext,
    previous: CacheEntry | undefined,
  ): Promise<Value> {
    const { client, store, now, drops, sweeps } = this.deps;
    const started = now();
    const mark = drops.mark(key.endpoint);
    if (key.kind === 'record') sweeps.noteRecordCall(settings, key.partition, ctx);
    let value: Value;
    try {
      const call = withFallbackWait(ctx, previous, now(), this.deps.staleIfLimitedWaitMs);
      value = key.kind === 'record' ? await client.get(key.endpoint, key.id, call) : await client.list(key.endpoint, query ?? {}, call);
    } catch (error) {
      return this.staleOrThrow(settings, ctx, previous, error);
    }
    ctx.onServed?.(started + settings.ttlMs, settings.personal);
    await keepAnswer(store, drops, settings, key, value, started, mark);
    return value;
  }

  /** Reads the record with the misses of every other operation (record-batchers.ts). */
  async fetchBatched(settings: EndpointCacheSettings, key: RecordKey, ctx: CallContext, previous: CacheEntry | undefined): Promise<Value> {
    let answer;
    try {
      answer = await this.deps.batchers
        .of(settings, key.partition, ctx.priority ?? 'foreground')
        .load(key.id, withFallbackWait(ctx, previous, this.deps.now(), this.deps.staleIfLimitedWaitMs));
    } catch (error) {
      return this.staleOrThrow(settings, ctx, previous, error);
    }
    ctx.onServed?.(answer.startedAt + settings.ttlMs, settings.personal);
    return answer.record;
  }

  /** One page of a sweep: its records are kept (not the page, which no operation asked for). */
  async readSweepPage(settings: EndpointCacheSettings, partition: string, query: Readonly<Record<string, string>>, ctx: CallContext): Promise<number> {
    const { client, store, now, drops } = this.deps;
    const started = now();
    const mark = drops.mark(settings.endpoint);
    const page = await client.list(settings.endpoint, query, ctx);
    await keepAnswer(store, drops, settings, { kind: 'list', endpoint: settings.endpoint, partition, query: '' }, page, started, mark, false);
    return page.length;
  }

  private staleOrThrow(settings: EndpointCacheSettings, ctx: CallContext, previous: CacheEntry | undefined, error: unknown): Value {
    if (previous === undefined || ctx.cache === 'no-cache' || !staleMayCover(error)) throw error;
    if (!(this.deps.now() < previous.staleIfErrorUntil)) throw error;
    ctx.onCacheHit?.('stale-if-error', previous.fetchedAt, settings.endpoint);
    ctx.onServed?.(previous.freshUntil, settings.personal);
    // Stale, but never older than the writes and pushes known since.
    const patches = this.deps.patches;
    return isList(previous.value) ? (patches.apply(settings, previous.value, previous.fetchedAt) ?? previous.value) : previous.value;
  }
}
