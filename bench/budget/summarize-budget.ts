/** One contender's run to its figures: answered operations, errors, latency, upstream calls, 429s, staleness, read-your-writes. */
import type { ProxyStats } from '../../src/simulator/types.js';
import type { ContenderId } from './budget-contenders.js';
import type { DashboardRun } from './run-dashboard.js';
import type { EndpointCalls } from './summarize-calls.js';

export interface ContenderResult {
  readonly id: ContenderId;
  readonly notes: readonly string[];
  readonly boundSeconds: number;
  readonly run: DashboardRun;
  readonly smoke: readonly { readonly op: string; readonly code: string | null }[];
  readonly proxy: ProxyStats;
  /** Upstream calls by endpoint and kind (the simulator's request records). */
  readonly calls: readonly EndpointCalls[];
  /** The record cache's hits and misses over all its processes (their `/metrics`); null for peers. */
  readonly cache: { readonly hits: number; readonly misses: number } | null;
  /** CPU time (user + system) its processes spent during the run, all replicas together; null when unreadable. */
  readonly serverCpuMs: number | null;
}

export interface CredentialFigures {
  readonly id: string;
  readonly scheme: string;
  readonly accepted: number;
  readonly refused: number;
  /** Calls let through in the busiest 3600 s window (the whole run when it is shorter). */
  readonly busiestHour: number;
  /** accepted per hour at the run's rate. */
  readonly perHourAtRunRate: number;
}

export interface ContenderFigures {
  readonly id: ContenderId;
  readonly notes: readonly string[];
  readonly minutes: number;
  readonly total: number;
  readonly ok: number;
  readonly okPerMinute: number;
  readonly okShare: number;
  /** Reads of cached endpoints the cache answered (hits ÷ hits and misses), null when not known. */
  readonly hitRatio: number | null;
  /** Server CPU per operation sent (all its processes), null when unreadable. */
  readonly cpuMsPerOp: number | null;
  readonly errorsByCode: Readonly<Record<string, number>>;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly busiestMinuteSent: number;
  readonly busiestMinutePassed: number;
  readonly proxy429: number;
  readonly credentials: readonly CredentialFigures[];
  readonly staleness: {
    readonly edits: number;
    readonly shown: number;
    readonly neverShown: number;
    readonly unread: number;
    readonly p50Ms: number | null;
    readonly p99Ms: number | null;
    /** p99 of the edit to the first answer to a request sent after it (the workload's floor). */
    readonly firstReadP99Ms: number | null;
    readonly worstMs: number;
    readonly worstIsLowerBound: boolean;
    /** Longest an answer not flagged as stale showed an edit's old value (the cache's promise). */
    readonly worstServedMs: number;
    readonly flaggedStaleReads: number;
    readonly flaggedWorstMs: number;
    readonly boundMs: number;
  };
  readonly ryw: { readonly checks: number; readonly violations: number };
  readonly smokeFailures: readonly string[];
}

/** Nearest-rank percentile of an ascending list; null when empty. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? null;
}

export function summarizeBudget(result: ContenderResult): ContenderFigures {
  const { run, proxy } = result;
  const minutes = run.elapsedMs / 60_000;
  const ok = run.records.filter((r) => r.code === null).length;
  const errorsByCode: Record<string, number> = {};
  for (const r of run.records) if (r.code !== null) errorsByCode[r.code] = (errorsByCode[r.code] ?? 0) + 1;
  const latencies = run.records.map((r) => r.latencyMs).sort((a, b) => a - b);
  const stale = [...run.staleness.samplesMs].sort((a, b) => a - b);
  return {
    id: result.id,
    notes: result.notes,
    minutes,
    total: run.records.length,
    ok,
    okPerMinute: ok / minutes,
    okShare: run.records.length === 0 ? 0 : ok / run.records.length,
    hitRatio: result.cache === null || result.cache.hits + result.cache.misses === 0 ? null : result.cache.hits / (result.cache.hits + result.cache.misses),
    cpuMsPerOp: result.serverCpuMs === null || run.records.length === 0 ? null : result.serverCpuMs / run.records.length,
    errorsByCode,
    p50Ms: percentile(latencies, 0.5) ?? 0,
    p99Ms: percentile(latencies, 0.99) ?? 0,
    busiestMinuteSent: proxy.busiestMinuteOffered,
    busiestMinutePassed: proxy.busiestMinute,
    proxy429: proxy.refused.total,
    credentials: proxy.credentials.map((c) => ({ ...c, perHourAtRunRate: c.accepted / (minutes / 60) })),
    staleness: {
      edits: run.staleness.edits,
      shown: stale.length,
      neverShown: run.staleness.neverShown,
      unread: run.staleness.unread,
      p50Ms: percentile(stale, 0.5),
      p99Ms: percentile(stale, 0.99),
      firstReadP99Ms: percentile(
        [...run.staleness.firstReadMs].sort((a, b) => a - b),
        0.99,
      ),
      worstMs: run.staleness.worstMs,
      worstIsLowerBound: run.staleness.worstIsLowerBound,
      worstServedMs: run.staleness.worstServedMs,
      flaggedStaleReads: run.staleness.flaggedStaleReads,
      flaggedWorstMs: run.staleness.flaggedWorstMs,
      boundMs: result.boundSeconds * 1000,
    },
    ryw: run.ryw,
    smokeFailures: result.smoke.filter((s) => s.code !== null).map((s) => `${s.op}: ${s.code ?? ''}`),
  };
}
