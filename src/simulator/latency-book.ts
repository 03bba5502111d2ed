/** Injected latency per endpoint; an endpoint's own setting wins over `'*'`. */
import type { Prng } from './prng.js';
import type { LatencySpec } from './types.js';

export interface LatencyBook {
  set(endpoint: string, latency: LatencySpec | null): void;
  /** Milliseconds to wait before handling a request to this endpoint (0 for none). */
  delayFor(endpoint: string): number;
}

export function createLatencyBook(prng: Prng, initial: LatencySpec | undefined): LatencyBook {
  const specs = new Map<string, LatencySpec>();
  if (initial !== undefined) specs.set('*', checked(initial));
  return {
    set(endpoint, latency) {
      if (latency === null) specs.delete(endpoint);
      else specs.set(endpoint, checked(latency));
    },
    delayFor(endpoint) {
      const spec = specs.get(endpoint) ?? specs.get('*');
      if (spec === undefined) return 0;
      return spec.kind === 'fixed' ? spec.ms : spec.minMs + prng.next() * (spec.maxMs - spec.minMs);
    },
  };
}

function checked(spec: LatencySpec): LatencySpec {
  const values = spec.kind === 'fixed' ? [spec.ms] : [spec.minMs, spec.maxMs];
  if (values.some((value) => !(Number.isFinite(value) && value >= 0))) throw new RangeError('latency must be a non-negative number of milliseconds');
  if (spec.kind === 'random' && spec.maxMs < spec.minMs) throw new RangeError('latency maxMs must not be below minMs');
  return spec;
}
