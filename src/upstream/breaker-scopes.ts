/**
 * One circuit breaker per scope: an endpoint and a method class (reads: GET; writes: POST, PUT,
 * DELETE). A failing endpoint, or failing writes to one, open only their own scope: every other
 * endpoint's calls, and the same endpoint's reads, go on. The scopes are bounded by the configured
 * endpoints (the client refuses any other name), so the map never grows past twice their number.
 */
import type { BreakerConfig } from '../config/types.js';
import type { HttpMethod } from '../model/source-model.js';
import { CircuitBreaker } from './circuit-breaker.js';

export type MethodClass = 'reads' | 'writes';

export interface BreakerScope {
  readonly endpoint: string;
  readonly methods: MethodClass;
}

export function methodClassOf(method: HttpMethod): MethodClass {
  return method === 'GET' ? 'reads' : 'writes';
}

export class BreakerScopes {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly config: BreakerConfig) {}

  /** Every scope used so far and its breaker's state (for metrics and /readyz). */
  states(): { readonly scope: BreakerScope; readonly state: CircuitBreaker['state'] }[] {
    return [...this.breakers].map(([key, breaker]) => {
      const [methods, ...rest] = key.split(' ');
      return { scope: { endpoint: rest.join(' '), methods: methods === 'writes' ? 'writes' : 'reads' }, state: breaker.state };
    });
  }

  /** The breaker of this call's scope (made closed on first use). */
  of(scope: BreakerScope): CircuitBreaker {
    const key = `${scope.methods} ${scope.endpoint}`;
    let breaker = this.breakers.get(key);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(this.config);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }
}
