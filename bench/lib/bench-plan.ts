/**
 * Which operations run against which simulator (latency × id-list variant). Bounded so that a full
 * run stays well under 20 minutes on two cores: every operation at 0 ms, the relation-heavy ones with
 * the id-list key, and Q1/Q2 where upstream latency is the story (5 and 20 ms).
 */
import type { QueryId } from './bench-queries.js';
import type { BenchOptions } from './bench-options.js';
import type { Variant } from './write-bench-config.js';

export interface BenchGroup {
  readonly latencyMs: number;
  readonly variant: Variant;
  readonly queries: readonly QueryId[];
  /** Closed-loop connections: more at higher latency, so that the server, not the wait, is the limit. */
  readonly connections: number;
}

const FULL: readonly BenchGroup[] = [
  { latencyMs: 0, variant: 'plain', queries: ['C1', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'M1'], connections: 16 },
  { latencyMs: 0, variant: 'idlist', queries: ['Q2', 'Q3', 'Q5'], connections: 16 },
  { latencyMs: 5, variant: 'plain', queries: ['Q2'], connections: 32 },
  { latencyMs: 20, variant: 'plain', queries: ['Q1', 'Q2'], connections: 96 },
  { latencyMs: 20, variant: 'idlist', queries: ['Q2'], connections: 96 },
];

const QUICK: readonly BenchGroup[] = [
  { latencyMs: 0, variant: 'plain', queries: ['C1', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'M1'], connections: 1 },
  { latencyMs: 0, variant: 'idlist', queries: ['Q2', 'Q3', 'Q5'], connections: 1 },
];

export function buildPlan(options: BenchOptions): BenchGroup[] {
  const only = options.queries;
  return (options.quick ? QUICK : FULL)
    .map((group) => ({ ...group, queries: group.queries.filter((id) => only === null || id === 'C1' || only.includes(id)) }))
    .filter((group) => group.queries.some((id) => id !== 'C1'));
}
