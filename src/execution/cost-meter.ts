/**
 * Counts the REST calls of one GraphQL operation and enforces its budget at run time (the static
 * estimate refuses most over-wide operations before any call; this catches what it cannot see,
 * such as x2many lists longer than assumed, and retries). A call that shared another's GET still
 * claims its place in the budget: the budget bounds what an operation may ask for, whoever sends it.
 */
import { BjetError } from '../errors/bjet-error.js';

export interface CostMeter {
  readonly budget: number;
  /** Client calls started (each may send several HTTP requests when a GET is retried). */
  readonly started: number;
  /** HTTP requests actually sent, as reported by the client's `onCall`. */
  readonly sent: number;
  /** Calls that joined an identical GET already in flight instead of sending (upstream/share-in-flight.ts). */
  readonly shared: number;
  /** Claims one call; throws UPSTREAM_BUDGET_EXCEEDED when the budget is spent. */
  reserve(): void;
  /** The client's `onCall` hook. */
  recordSent(): void;
  /** The client's `onShared` hook. */
  recordShared(): void;
}

export function createCostMeter(budget: number): CostMeter {
  let started = 0;
  let sent = 0;
  let shared = 0;
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
  };
}
