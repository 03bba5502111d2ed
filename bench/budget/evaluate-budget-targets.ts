/** The budget's targets, for bjet-graphql with its defaults: printed met/missed, never asserted in a test. */
import type { ContenderFigures } from './summarize-budget.js';
import { PROXY_PER_MINUTE } from './write-budget-config.js';

export interface BudgetTarget {
  readonly target: string;
  readonly verdict: 'met' | 'missed' | 'n/a';
  readonly evidence: string;
}

const ms = (value: number | null): string => (value === null ? 'none' : `${value.toFixed(1)} ms`);
const check = (target: string, pass: boolean | null, evidence: string): BudgetTarget => ({
  target,
  verdict: pass === null ? 'n/a' : pass ? 'met' : 'missed',
  evidence,
});

/** `ceilingPerMinute`: the most operations a minute the workload's users can send (run-dashboard.ts). */
export function evaluateBudgetTargets(all: readonly ContenderFigures[], ceilingPerMinute: number): BudgetTarget[] {
  const ours = all.find((f) => f.id === 'bjet-graphql');
  if (ours === undefined) return [];
  const off = all.find((f) => f.id === 'bjet-graphql-no-cache');
  const mesh = all.find((f) => f.id === 'mesh');
  const s = ours.staleness;
  const targets = [
    check('≥ 99 % of operations answered without error', ours.okShare >= 0.99, `${(ours.okShare * 100).toFixed(2)} % (${ours.ok} of ${ours.total})`),
    check('p50 ≤ 5 ms', ours.p50Ms <= 5, ms(ours.p50Ms)),
    check('p99 ≤ 300 ms', ours.p99Ms <= 300, ms(ours.p99Ms)),
    check('0 proxy 429s', ours.proxy429 === 0, String(ours.proxy429)),
    check(
      `≤ ${PROXY_PER_MINUTE} upstream calls in any 60 s window`,
      ours.busiestMinuteSent <= PROXY_PER_MINUTE,
      `${ours.busiestMinuteSent} sent in the busiest 60 s`,
    ),
    check(
      'worst staleness ≤ TTL + stale window + 1 s (answers not flagged as stale)',
      s.shown + s.neverShown === 0 ? null : s.worstServedMs <= s.boundMs + 1000,
      `${ms(s.worstServedMs)} against ${ms(s.boundMs + 1000)}; ${s.flaggedStaleReads} answers flagged stale (oldest ${ms(s.flaggedWorstMs)})`,
    ),
    check(
      '0 read-your-writes violations',
      ours.ryw.checks === 0 ? null : ours.ryw.violations === 0,
      `${ours.ryw.violations} of ${ours.ryw.checks} reads after a write`,
    ),
  ];
  if (off !== undefined) {
    const ratio = off.okPerMinute === 0 ? Infinity : ours.okPerMinute / off.okPerMinute;
    const needed = 20 * off.okPerMinute;
    const reach =
      needed > ceilingPerMinute
        ? `; 20× would be ${needed.toFixed(0)} a minute, beyond the ${ceilingPerMinute.toFixed(0)} these users can send at all (${((ours.okPerMinute / ceilingPerMinute) * 100).toFixed(0)} % of it answered)`
        : '';
    targets.push(
      check(
        '≥ 20× the operations answered by the cache-off build',
        ratio >= 20,
        `${ratio.toFixed(2)}× (${ours.okPerMinute.toFixed(0)} vs ${off.okPerMinute.toFixed(0)} a minute)${reach}`,
      ),
    );
  }
  if (mesh !== undefined) {
    targets.push(
      check(
        "ahead of Hive Gateway's response cache on answered operations",
        ours.okPerMinute > mesh.okPerMinute,
        `${ours.okPerMinute.toFixed(0)} vs ${mesh.okPerMinute.toFixed(0)} a minute`,
      ),
    );
    const worse = (f: ContenderFigures): number => (f.staleness.neverShown > 0 ? Infinity : (f.staleness.p99Ms ?? Infinity));
    targets.push(
      check(
        "ahead of Hive Gateway's response cache on staleness (p99, an edit never shown counts as worst)",
        s.shown === 0 ? null : worse(ours) <= worse(mesh),
        `${ms(s.p99Ms)} vs ${ms(mesh.staleness.p99Ms)}${mesh.staleness.neverShown > 0 ? ` (${mesh.staleness.neverShown} never shown)` : ''}`,
      ),
    );
  }
  return targets;
}
