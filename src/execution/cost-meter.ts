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

/**
 * One per operation, so a class: its fields and methods live on one shape and one prototype,
 * where an object literal of getters and closures cost a visible share of a cached operation.
 */
class OperationCostMeter implements CostMeter {
  started = 0;
  sent = 0;
  shared = 0;
  cacheHits = 0;
  staleHits = 0;
  staleIfErrorSince: number | null = null;
  freshUntil = Number.POSITIVE_INFINITY;
  personal = false;

  constructor(readonly budget: number) {}

  reserve(): void {
    if (Math.max(this.started, this.sent) >= this.budget) {
      throw new BjetError('UPSTREAM_BUDGET_EXCEEDED', `This operation needs more than ${this.budget} REST calls, its budget.`, {
        details: { budget: this.budget },
      });
    }
    this.started += 1;
  }

  recordSent(): void {
    this.sent += 1;
  }

  recordShared(): void {
    this.shared += 1;
  }

  recordCacheHit(kind: CacheHitKind, fetchedAt: number): void {
    this.cacheHits += 1;
    if (kind === 'fresh') {
      this.started -= 1;
      return;
    }
    this.staleHits += 1;
    if (kind === 'stale') this.started -= 1;
    else if (this.staleIfErrorSince === null || fetchedAt < this.staleIfErrorSince) this.staleIfErrorSince = fetchedAt;
  }

  recordServed(until: number, isPersonal: boolean): void {
    if (until < this.freshUntil) this.freshUntil = until;
    if (isPersonal) this.personal = true;
  }
}

/** The meter, read-only to its readers: only its methods change it. */
export function createCostMeter(budget: number): CostMeter {
  return new OperationCostMeter(budget);
}
