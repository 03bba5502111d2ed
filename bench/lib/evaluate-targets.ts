/** The targets, each judged from the same run's figures (met, missed, or not measured). */
import type { QueryId } from './bench-queries.js';
import type { ContenderName } from './contenders.js';
import type { CheckRecord } from './run-group.js';
import { cellKey, type CellSummary } from './summarize-samples.js';

export interface TargetResult {
  readonly target: string;
  readonly verdict: 'met' | 'missed' | 'not measured';
  readonly evidence: string;
}

export type Lookup = (latencyMs: number, variant: 'plain' | 'idlist', query: QueryId, contender: ContenderName) => CellSummary | undefined;

const judge = (target: string, ok: boolean | null, evidence: string): TargetResult => ({
  target,
  verdict: ok === null ? 'not measured' : ok ? 'met' : 'missed',
  evidence,
});

/** bjet-graphql makes as many REST calls as the floor, once checked and under load, for each operation. */
function restCallTarget(checks: readonly CheckRecord[], summaries: readonly CellSummary[]): TargetResult {
  const misses: string[] = [];
  let compared = 0;
  for (const check of checks.filter((c) => c.contender === 'bjet-graphql' && c.result.restCalls !== null)) {
    const floor = checks.find((c) => c.contender === 'direct-rest' && c.query === check.query && c.group === check.group);
    if (floor?.result.restCalls === null || floor === undefined) continue;
    compared += 1;
    if ((check.result.restCalls ?? 0) > (floor.result.restCalls ?? 0))
      misses.push(`${check.query}/${check.group.variant}: ${check.result.restCalls} vs ${floor.result.restCalls}`);
  }
  for (const cell of summaries.filter((s) => s.contender === 'bjet-graphql')) {
    const floor = summaries.find(
      (s) => s.contender === 'direct-rest' && s.query === cell.query && s.latencyMs === cell.latencyMs && s.variant === cell.variant,
    );
    if (floor !== undefined && cell.restPerOp.median > floor.restPerOp.median * 1.05 + 0.05) {
      misses.push(`${cell.query}/${cell.variant}/${cell.latencyMs} ms under load: ${cell.restPerOp.median.toFixed(2)} vs ${floor.restPerOp.median.toFixed(2)}`);
    }
  }
  const evidence =
    misses.length === 0
      ? `at or below the floor in all ${compared} checked operations and under load (below it when identical GETs in flight are shared)`
      : misses.join('; ');
  return judge('REST calls per operation at the minimum (at most the floor’s count)', compared === 0 ? null : misses.length === 0, evidence);
}

function ratioTarget(find: Lookup, query: QueryId, other: ContenderName, min: number, latencyMs = 0, variant: 'plain' | 'idlist' = 'plain'): TargetResult {
  const bjet = find(latencyMs, variant, query, 'bjet-graphql');
  const peer = find(latencyMs, variant, query, other);
  const label = `${query} req/s ≥ ${min}× ${other} (${latencyMs} ms, ${variant})`;
  if (bjet === undefined || peer === undefined) return judge(label, null, 'one side was not timed');
  const ratio = bjet.rps.median / peer.rps.median;
  return judge(label, ratio >= min, `${ratio.toFixed(2)}× (${bjet.rps.median.toFixed(0)} vs ${peer.rps.median.toFixed(0)} req/s)`);
}

function cpuTarget(find: Lookup, query: QueryId, maxMs: number): TargetResult {
  const bjet = find(0, 'plain', query, 'bjet-graphql');
  const label = `${query} server CPU ≤ ${maxMs} ms per request`;
  return bjet === undefined ? judge(label, null, 'not timed') : judge(label, bjet.cpuMsPerReq.median <= maxMs, `${bjet.cpuMsPerReq.median.toFixed(3)} ms`);
}

/**
 * CPU per request with every read a cache hit, below the figure of the round before the cache (its
 * build's CPU per request, every read a REST call). Only a cell with no REST call at all counts as
 * fully cached; the same build with the cache off, measured in the same rounds, gives the ratio.
 */
export function cachedCpuTarget(find: Lookup, query: QueryId, belowMs: number): TargetResult {
  const cached = find(0, 'plain', query, 'bjet-graphql-cached');
  const uncached = find(0, 'plain', query, 'bjet-graphql-no-cache');
  const label = `${query} server CPU fully cached < ${belowMs} ms per request`;
  if (cached === undefined) return judge(label, null, 'bjet-graphql-cached not timed');
  const cpu = cached.cpuMsPerReq.median;
  const ratio =
    uncached === undefined
      ? 'the no-cache build not timed'
      : `${(cpu / uncached.cpuMsPerReq.median).toFixed(2)}× the no-cache build's ${uncached.cpuMsPerReq.median.toFixed(3)} ms`;
  if (cached.restPerOp.max > 0) return judge(label, false, `not fully cached: REST/op up to ${cached.restPerOp.max.toFixed(2)} (${cpu.toFixed(3)} ms)`);
  return judge(label, cpu < belowMs, `${cpu.toFixed(3)} ms at REST/op 0.00; ${ratio}`);
}

/** The floor's own p50 (two sequential levels of calls) is the reference, measured in the same rounds. */
function latencyTarget(find: Lookup): TargetResult[] {
  return (['plain', 'idlist'] as const).map((variant) => {
    const bjet = find(20, variant, 'Q2', 'bjet-graphql');
    const floor = find(20, variant, 'Q2', 'direct-rest');
    const label = `Q2 p50 at 20 ms upstream, half load, within 3 ms of the floor (${variant})`;
    if (bjet === undefined || floor === undefined) return judge(label, null, 'not timed');
    const gap = bjet.p50Ms.median - floor.p50Ms.median;
    return judge(label, gap <= 3, `p50 ${bjet.p50Ms.median.toFixed(0)} ms vs the floor's ${floor.p50Ms.median.toFixed(0)} ms (2 × 20 ms = 40)`);
  });
}

export function evaluateTargets(checks: readonly CheckRecord[], summaries: readonly CellSummary[]): TargetResult[] {
  const byKey = new Map(summaries.map((s) => [cellKey(s.latencyMs, s.variant, s.query, s.contender), s]));
  const find: Lookup = (latencyMs, variant, query, contender) => byKey.get(cellKey(latencyMs, variant, query, contender));
  const bjetCells = summaries.filter((s) => s.contender === 'bjet-graphql');
  const peakRss = Math.max(...bjetCells.map((s) => s.peakRssMb.max));
  return [
    restCallTarget(checks, summaries),
    ratioTarget(find, 'Q2', 'mesh', 10),
    ratioTarget(find, 'Q2', 'apollo-defaults', 1.8),
    ratioTarget(find, 'Q2', 'mesh', 10, 0, 'idlist'),
    ratioTarget(find, 'Q2', 'apollo-defaults', 1.8, 0, 'idlist'),
    ratioTarget(find, 'Q1', 'direct-rest', 0.3),
    cpuTarget(find, 'Q1', 0.2),
    cpuTarget(find, 'Q2', 0.5),
    cachedCpuTarget(find, 'Q1', 0.148),
    cachedCpuTarget(find, 'Q2', 0.233),
    ...latencyTarget(find),
    judge('peak RSS under load ≤ 200 MB', bjetCells.length === 0 ? null : peakRss <= 200, `${peakRss.toFixed(0)} MB at most`),
  ];
}
