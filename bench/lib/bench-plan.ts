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
  /** Checked, then timed. */
  readonly queries: readonly QueryId[];
  /** Only checked for correctness (to keep the run short). */
  readonly checkOnly: readonly QueryId[];
  /** Closed-loop connections: more at higher latency, so that the server, not the wait, is the limit. */
  readonly connections: number;
}

const FULL: readonly BenchGroup[] = [
  { latencyMs: 0, variant: 'plain', queries: ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'M1'], checkOnly: ['C1'], connections: 16 },
  { latencyMs: 0, variant: 'idlist', queries: ['Q2', 'Q5'], checkOnly: ['Q3'], connections: 16 },
  { latencyMs: 5, variant: 'plain', queries: ['Q2'], checkOnly: [], connections: 32 },
  { latencyMs: 20, variant: 'plain', queries: ['Q2'], checkOnly: ['Q1'], connections: 96 },
  { latencyMs: 20, variant: 'idlist', queries: ['Q2'], checkOnly: [], connections: 96 },
];

const QUICK: readonly BenchGroup[] = [
  { latencyMs: 0, variant: 'plain', queries: [], checkOnly: ['C1', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'M1'], connections: 1 },
  { latencyMs: 0, variant: 'idlist', queries: [], checkOnly: ['Q2', 'Q3', 'Q5'], connections: 1 },
];

export function buildPlan(options: BenchOptions): BenchGroup[] {
  const only = options.queries;
  const keep = (ids: readonly QueryId[]): QueryId[] => ids.filter((id) => only === null || id === 'C1' || only.includes(id));
  return (options.quick ? QUICK : FULL)
    .map((group) => ({ ...group, queries: keep(group.queries), checkOnly: keep(group.checkOnly) }))
    .filter((group) => [...group.queries, ...group.checkOnly].some((id) => id !== 'C1'));
}
