/**
 * Counts the REST calls of one GraphQL operation and enforces its budget at run time (the static
 * estimate refuses most over-wide operations before any call; this catches what it cannot see,
 * such as x2many lists longer than assumed, and retries). A call that shared another's GET still
 * claims its place in the budget: the budget bounds what an operation may ask for, whoever sends it.
 */
import { BjetError } from '../errors/bjet-error.js';
import type { CacheHitKind } from '../upstream/types.js';

export interface CostMeter {
  readonly budget: number;
  /** Client calls started (each may send several HTTP requests when a GET is retried). */
  readonly started: number;
  /** HTTP requests actually sent, as reported by the client's `onCall`. */
  readonly sent: number;
  /** Calls that joined an identical GET already in flight instead of sending (upstream/share-in-flight.ts). */
  readonly shared: number;
  /** Reads the record cache answered (nothing sent), stale ones included. */
  readonly cacheHits: number;
  /** Of those, answers past their freshness: served during a refresh, or instead of a failure. */
  readonly staleHits: number;
  /** Epoch ms the oldest answer served instead of an upstream failure was fetched, or null. */
  readonly staleIfErrorSince: number | null;
  /** Least `freshUntil` of the answers served (Infinity when none), and whether one was personal. */
  readonly freshUntil: number;
  readonly personal: boolean;
  /** Claims one call; throws UPSTREAM_BUDGET_EXCEEDED when the budget is spent. */
  reserve(): void;
  /** The client's `onCall` hook. */
  recordSent(): void;
  /** The client's `onShared` hook. */
  recordShared(): void;
  /** The client's `onCacheHit` hook: a hit that sent nothing gives its claimed call back. */
  recordCacheHit(kind: CacheHitKind, fetchedAt: number): void;
  /** The client's `onServed` hook. */
  recordServed(freshUntil: number, personal: boolean): void;
}

export function createCostMeter(budget: number): CostMeter {
  let started = 0;
  let sent = 0;
  let shared = 0;
  let cacheHits = 0;
  let staleHits = 0;
  let staleIfErrorSince: number | null = null;
  let freshUntil = Number.POSITIVE_INFINITY;
  let personal = false;
  return {
    budget,
    get started() {
      return started;
    },
    get sent() {
      return sent;
    },
    get shared() {
      return shared;
    },
    get cacheHits() {
      return cacheHits;
    },
    get staleHits() {
      return staleHits;
    },
    get staleIfErrorSince() {
      return staleIfErrorSince;
    },
    get freshUntil() {
      return freshUntil;
    },
    get personal() {
      return personal;
    },
    reserve() {
      if (Math.max(started, sent) >= budget) {
        throw new BjetError('UPSTREAM_BUDGET_EXCEEDED', `This operation needs more than ${budget} REST calls, its budget.`, {
          details: { budget },
        });
      }
      started += 1;
    },
    recordSent() {
      sent += 1;
    },
    recordShared() {
      shared += 1;
    },
    recordCacheHit(kind, fetchedAt) {
      cacheHits += 1;
      if (kind === 'fresh') {
        started -= 1;
        return;
      }
      staleHits += 1;
      if (kind === 'stale') started -= 1;
      else if (staleIfErrorSince === null || fetchedAt < staleIfErrorSince) staleIfErrorSince = fetchedAt;
    },
    recordServed(until, isPersonal) {
      if (until < freshUntil) freshUntil = until;
      if (isPersonal) personal = true;
    },
  };
}
