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
  const push = all.find((f) => f.id === 'bjet-graphql-push');
  if (push !== undefined) {
    const p = push.staleness;
    targets.push(
      check(
        'with push: staleness p99 ≤ 1 s (edit to the first answer that shows it)',
        p.shown === 0 ? null : p.neverShown === 0 && (p.p99Ms ?? Infinity) <= 1000,
        `${ms(p.p99Ms)} (${p.shown} of ${p.edits} edits shown, ${p.neverShown} never); the first read after an edit came ${ms(p.firstReadP99Ms)} after it at p99`,
      ),
    );
  }
  const replicas = all.find((f) => f.id === 'bjet-graphql-replicas');
  // Against one replica on the same Redis when it ran (what N replicas cost beyond one), else one process.
  const oneReplica = all.find((f) => f.id === 'bjet-graphql-one-replica');
  if (replicas !== undefined) targets.push(...replicaTargets(oneReplica ?? ours, replicas, oneReplica === undefined ? 'one process' : 'one replica'));
  return targets;
}

/** The replicas beside one, same workload, same run: within 10 % on answers and latency, 5 points on hits. */
function replicaTargets(one: ContenderFigures, many: ContenderFigures, oneName: string): BudgetTarget[] {
  const within = (a: number, b: number, share: number): boolean => Math.abs(a - b) <= share * b;
  const pct = (a: number, b: number): string => `${(((a - b) / b) * 100).toFixed(1)} %`;
  const hits = (f: ContenderFigures): string => (f.hitRatio === null ? 'unknown' : `${(f.hitRatio * 100).toFixed(1)} %`);
  return [
    check(
      `replicas: answered operations within 10 % of ${oneName}`,
      within(many.okPerMinute, one.okPerMinute, 0.1),
      `${many.okPerMinute.toFixed(0)} vs ${one.okPerMinute.toFixed(0)} a minute (${pct(many.okPerMinute, one.okPerMinute)})`,
    ),
    check(
      `replicas: p50 and p99 within 10 % of ${oneName}`,
      within(many.p50Ms, one.p50Ms, 0.1) && within(many.p99Ms, one.p99Ms, 0.1),
      `p50 ${ms(many.p50Ms)} vs ${ms(one.p50Ms)}, p99 ${ms(many.p99Ms)} vs ${ms(one.p99Ms)}`,
    ),
    check(
      `replicas: ≤ ${PROXY_PER_MINUTE} upstream calls in any 60 s window, all together`,
      many.busiestMinuteSent <= PROXY_PER_MINUTE,
      `${many.busiestMinuteSent} sent in the busiest 60 s`,
    ),
    check(
      `replicas: cache hit ratio within 5 points of ${oneName}`,
      many.hitRatio === null || one.hitRatio === null ? null : Math.abs(many.hitRatio - one.hitRatio) <= 0.05,
      `${hits(many)} vs ${hits(one)}`,
    ),
  ];
}
