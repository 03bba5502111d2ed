/**
 * Rounds into one figure per contender, operation and simulator: the median with its range, over the
 * valid rounds (server core saturated); when every round was void, over all of them, flagged.
 */
import type { QueryId } from './bench-queries.js';
import type { ContenderName } from './contenders.js';
import type { Measurement } from './measure-cell.js';
import type { SampleRecord } from './run-group.js';
import type { Variant } from './write-bench-config.js';

export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface CellSummary {
  readonly latencyMs: number;
  readonly variant: Variant;
  readonly query: QueryId;
  readonly contender: ContenderName;
  readonly rounds: number;
  readonly voidRounds: number;
  /** Every round was void: the figures are bounds set by the load core, not the server's maximum. */
  readonly allVoid: boolean;
  readonly failed: number;
  /** Rounds whose paced sender fell behind (their p50/p99 say little about the server). */
  readonly laggedRounds: number;
  readonly rps: Stat;
  readonly p50Ms: Stat;
  readonly p99Ms: Stat;
  readonly restPerOp: Stat;
  readonly cpuMsPerReq: Stat;
  readonly peakRssMb: Stat;
  readonly serverShare: Stat;
}

export function statOf(values: readonly number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

export const cellKey = (latencyMs: number, variant: Variant, query: QueryId, contender: ContenderName): string =>
  `${latencyMs}|${variant}|${query}|${contender}`;

export function summarizeSamples(samples: readonly SampleRecord[]): CellSummary[] {
  const byCell = new Map<string, SampleRecord[]>();
  for (const sample of samples) {
    const key = cellKey(sample.group.latencyMs, sample.group.variant, sample.query, sample.contender);
    byCell.set(key, [...(byCell.get(key) ?? []), sample]);
  }
  return [...byCell.values()].map((cell) => {
    const first = cell[0];
    if (first === undefined) throw new Error('empty cell');
    const valid = cell.filter((sample) => !sample.measurement.void);
    const used = (valid.length > 0 ? valid : cell).map((sample) => sample.measurement);
    const stat = (pick: (m: Measurement) => number): Stat => statOf(used.map(pick));
    return {
      latencyMs: first.group.latencyMs,
      variant: first.group.variant,
      query: first.query,
      contender: first.contender,
      rounds: cell.length,
      voidRounds: cell.length - valid.length,
      allVoid: valid.length === 0,
      failed: cell.reduce((sum, sample) => sum + sample.measurement.failed, 0),
      laggedRounds: used.filter((m) => m.senderLagged).length,
      rps: stat((m) => m.rps),
      p50Ms: stat((m) => m.p50Ms),
      p99Ms: stat((m) => m.p99Ms),
      restPerOp: stat((m) => m.restPerOp),
      cpuMsPerReq: stat((m) => m.cpuMsPerReq),
      peakRssMb: stat((m) => m.peakRssMb),
      serverShare: stat((m) => m.serverShare),
    };
  });
}
