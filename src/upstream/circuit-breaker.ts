/**
 * The circuit breaker of one scope (an endpoint's reads or writes, breaker-scopes.ts). Closed:
 * everything passes; `failureThreshold` consecutive failures that mean the upstream is down
 * (answer-health.ts, map-transport-error.ts; never a 4xx or a BJET error body, which prove it
 * alive) open it. Open:
 * everything fails fast until `openMs` has passed; then one request (the probe) passes half-open,
 * and its outcome closes or re-opens the breaker. Pure: the clock is an argument.
 */
import type { BreakerConfig } from '../config/types.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** A state change, for the caller to log; null when the state did not change. */
export type BreakerTransition = { readonly from: BreakerState; readonly to: BreakerState } | null;

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(private readonly config: BreakerConfig) {}

  get state(): BreakerState {
    return this.current;
  }

  /** True when a request would be refused now, without claiming the probe. */
  isOpen(now: number): boolean {
    if (this.current === 'closed') return false;
    if (this.current === 'open') return now - this.openedAt < this.config.openMs;
    return this.probing;
  }

  /** Lets a request through (claiming the half-open probe if it is the one), or refuses it. */
  tryPass(now: number): { readonly pass: boolean; readonly transition: BreakerTransition } {
    if (this.current === 'closed') return { pass: true, transition: null };
    if (this.current === 'open') {
      if (now - this.openedAt < this.config.openMs) return { pass: false, transition: null };
      this.current = 'half-open';
      this.probing = true;
      return { pass: true, transition: { from: 'open', to: 'half-open' } };
    }
    if (this.probing) return { pass: false, transition: null };
    this.probing = true;
    return { pass: true, transition: null };
  }

  /** The upstream answered (2xx or 4xx): it is alive. */
  onSuccess(): BreakerTransition {
    this.failures = 0;
    this.probing = false;
    return this.moveTo('closed');
  }

  /** A 5xx, timeout or reset. */
  onFailure(now: number): BreakerTransition {
    this.probing = false;
    this.failures += 1;
    if (this.current === 'half-open' || (this.current === 'closed' && this.failures >= this.config.failureThreshold)) {
      this.openedAt = now;
      return this.moveTo('open');
    }
    return null;
  }

  /** The request ended without telling us anything (aborted by its caller): free the probe. */
  onNeutral(): void {
    this.probing = false;
  }

  private moveTo(to: BreakerState): BreakerTransition {
    const from = this.current;
    if (from === to) return null;
    this.current = to;
    return { from, to };
  }
}
