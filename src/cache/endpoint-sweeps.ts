/**
 * Sweeps: an endpoint of a few hundred records whose records are read one by one (and by id-list)
 * costs a call for every miss and every refresh, while reading it whole costs a handful of pages.
 * So once an endpoint's record reads in one partition have cost as many calls within a TTL as a
 * sweep would (the pages the last sweep took), the endpoint is read page by page and every record
 * it returned is kept, fresh. The next sweep comes the same way, when the records' own reads have
 * cost as much again, and never sooner than a TTL: an endpoint nobody reads is never swept, and a
 * sweep never costs more than the calls it replaces. Once swept, a stale record read a TTL later
 * renews the sweep instead of starting its own refresh, when at least as many records as the sweep
 * took pages were read since (one record read now and then keeps its own refreshes). The first
 * sweep, which also finds out the endpoint's size, comes after FIRST_SWEEP_AFTER_CALLS: a cold
 * cache warms up in seconds, and an endpoint too big to sweep costs at most
 * `sweepMaxRecords / pageSize` calls an hour to find out.
 *
 * A sweep is not speculative work: it starts only on calls already spent, or in place of the
 * refreshes that reads are about to start, so it asks for tokens as an operation's read does. An endpoint found to hold more than `sweepMaxRecords` is not swept
 * again for an hour. Personal (forward-auth) partitions are never swept: one user's reads would
 * pay for every record they may never ask for. Replicas sharing a store claim each sweep there, so
 * one of them sweeps an endpoint per TTL for all.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { CallContext } from '../upstream/types.js';
import type { EndpointCacheSettings } from './build-cache-settings.js';
import { detachedContext } from './detached-context.js';

/** Reads and keeps one page of the endpoint in the partition; resolves with its length. */
export type ReadPage = (settings: EndpointCacheSettings, partition: string, query: Readonly<Record<string, string>>, ctx: CallContext) => Promise<number>;

export interface EndpointSweepsOptions {
  readonly now: () => number;
  readonly readPage: ReadPage;
  /** Deadline of a sweep's page, from the page's start. */
  readonly deadlineMs: number;
  /** Claims the sweep among replicas sharing the store (`CacheStore.claim`): one of them sweeps. */
  readonly claim: ((name: string, ms: number) => Promise<boolean>) | undefined;
  readonly logger: Logger | undefined;
}

interface SweepState {
  /** When the record calls of the current window were sent (epoch ms), oldest first. */
  readonly calls: number[];
  startedAt: number;
  /** Pages the last complete sweep took, or null before one. */
  pages: number | null;
  notBefore: number;
  running: Promise<void> | null;
  /** The records read since the last sweep started (counted once the endpoint has been swept). */
  readonly read: Set<string>;
}

/** Record calls within a TTL before the first sweep of an endpoint in a partition. */
const FIRST_SWEEP_AFTER_CALLS = 2;

/** How long an endpoint found too big for a sweep is left to its per-id reads. */
const TOO_BIG_BACKOFF_MS = 60 * 60 * 1000;

/** Partitions tracked at most per endpoint (forwarded headers make new ones); idle ones are forgotten past it. */
const MAX_STATES = 256;

export class EndpointSweeps {
  /** By endpoint, then partition: a record read looks its state up without building a key. */
  private readonly states = new Map<string, Map<string, SweepState>>();

  constructor(private readonly options: EndpointSweepsOptions) {}

  /** A record read of `settings.endpoint` in `partition` goes upstream: may start a sweep. */
  noteRecordCall(settings: EndpointCacheSettings, partition: string, ctx: CallContext): void {
    if (settings.personal || settings.sweepMaxRecords === 0) return;
    const now = this.options.now();
    const state = this.stateOf(settings.endpoint, partition);
    const { calls } = state;
    calls.push(now);
    while (calls.length > 0 && (calls[0] ?? now) <= now - settings.ttlMs) calls.shift();
    if (state.running !== null || now < state.notBefore || now - state.startedAt < settings.ttlMs) return;
    const cost = state.pages ?? FIRST_SWEEP_AFTER_CALLS;
    if (calls.length < cost) return;
    this.start(settings, partition, ctx, state, now);
  }

  /** A record of a swept endpoint was read: it counts towards the next sweep's renewal. */
  noteRecordRead(settings: EndpointCacheSettings, partition: string, id: string): void {
    if (settings.sweepMaxRecords === 0) return;
    const state = this.states.get(settings.endpoint)?.get(partition);
    if (state !== undefined && state.pages !== null && state.read.size < settings.sweepMaxRecords) state.read.add(id);
  }

  /**
   * A stale record of the endpoint is read: instead of its own refresh, the sweep is renewed when
   * the endpoint was swept a TTL ago or more and at least as many records as the sweep took pages
   * were read since (a stale read would otherwise start a call of its own). True when it was.
   */
  renew(settings: EndpointCacheSettings, partition: string, ctx: CallContext): boolean {
    const state = this.states.get(settings.endpoint)?.get(partition);
    if (state === undefined || state.pages === null || state.running !== null) return false;
    const now = this.options.now();
    if (now < state.notBefore || now - state.startedAt < settings.ttlMs || state.read.size < state.pages) return false;
    this.start(settings, partition, ctx, state, now);
    return true;
  }

  private start(settings: EndpointCacheSettings, partition: string, ctx: CallContext, state: SweepState, now: number): void {
    state.calls.length = 0;
    state.read.clear();
    state.startedAt = now;
    state.running = this.sweep(settings, partition, ctx, state).finally(() => {
      state.running = null;
    });
  }

  /** Whether a sweep of the endpoint runs in the partition now (it refreshes every record). */
  isRunning(endpoint: string, partition: string): boolean {
    return this.states.get(endpoint)?.get(partition)?.running != null;
  }

  /** Whether any sweep runs now. */
  isBusy(): boolean {
    for (const partitions of this.states.values()) for (const state of partitions.values()) if (state.running !== null) return true;
    return false;
  }

  /** Waits for the sweeps running now (tests, shutdown). */
  async settle(): Promise<void> {
    const running = [...this.states.values()].flatMap((partitions) => [...partitions.values()].map((state) => state.running));
    await Promise.all(running.filter((sweep) => sweep !== null));
  }

  private async sweep(settings: EndpointCacheSettings, partition: string, trigger: CallContext, state: SweepState): Promise<void> {
    const pageSize = settings.maxBatch;
    let pages = 0;
    try {
      // Another replica sweeping the same records into the shared store does it for this one too.
      const name = `sweep:${settings.endpoint}:${createHash('sha256').update(partition).digest('base64url').slice(0, 22)}`;
      if (this.options.claim !== undefined && !(await this.options.claim(name, settings.ttlMs))) return;
      for (let offset = 0; offset < settings.sweepMaxRecords; offset += pageSize) {
        const ctx = detachedContext(trigger, this.options.now() + this.options.deadlineMs, 'foreground');
        const length = await this.options.readPage(settings, partition, { limit: String(pageSize), offset: String(offset) }, ctx);
        pages += 1;
        if (length < pageSize) {
          state.pages = pages;
          return;
        }
      }
      state.pages = null;
      state.notBefore = this.options.now() + TOO_BIG_BACKOFF_MS;
      this.options.logger?.info(
        { endpoint: settings.endpoint, records: settings.sweepMaxRecords },
        'cache: endpoint holds more records than sweepMaxRecords; not swept',
      );
    } catch (error) {
      this.options.logger?.debug({ endpoint: settings.endpoint, err: error, pages }, 'cache sweep cut short; its records are read by id meanwhile');
    }
  }

  private stateOf(endpoint: string, partition: string): SweepState {
    let partitions = this.states.get(endpoint);
    if (partitions === undefined) {
      partitions = new Map();
      this.states.set(endpoint, partitions);
    }
    let state = partitions.get(partition);
    if (state === undefined) {
      if (partitions.size >= MAX_STATES) for (const [known, old] of partitions) if (old.running === null) partitions.delete(known);
      state = { calls: [], startedAt: -Infinity, pages: null, notBefore: 0, running: null, read: new Set() };
      partitions.set(partition, state);
    }
    return state;
  }
}
