/** Fault rules per endpoint (`'*'` for all): for the next N matching requests, or at a seeded rate. */
import type { HttpMethod } from '../model/source-model.js';
import type { Prng } from './prng.js';
import type { FaultSpec } from './types.js';

interface FaultRule {
  readonly endpoint: string;
  readonly spec: FaultSpec;
  remaining: number | null;
}

export interface FaultBook {
  add(endpoint: string, spec: FaultSpec): void;
  clear(): void;
  /** The fault for this request, if any; consumes one of a counted rule. */
  take(endpoint: string, method: string): FaultSpec | null;
}

export function createFaultBook(prng: Prng): FaultBook {
  let rules: FaultRule[] = [];
  const matches = (rule: FaultRule, endpoint: string, method: string): boolean =>
    (rule.endpoint === '*' || rule.endpoint === endpoint) && (rule.spec.methods === undefined || rule.spec.methods.includes(method as HttpMethod));
  return {
    add(endpoint, spec) {
      assertValidFault(spec);
      rules.push({ endpoint, spec, remaining: spec.count ?? null });
    },
    clear() {
      rules = [];
    },
    take(endpoint, method) {
      for (const rule of rules) {
        if (!matches(rule, endpoint, method)) continue;
        if (rule.spec.rate !== undefined && !prng.chance(rule.spec.rate)) continue;
        if (rule.remaining !== null) {
          rule.remaining -= 1;
          if (rule.remaining <= 0) rules = rules.filter((other) => other !== rule);
        }
        return rule.spec;
      }
      return null;
    },
  };
}

function assertValidFault(spec: FaultSpec): void {
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0)) {
    throw new RangeError('fault count must be a positive integer');
  }
  if (spec.rate !== undefined && !(spec.rate >= 0 && spec.rate <= 1)) {
    throw new RangeError('fault rate must be between 0 and 1');
  }
}
