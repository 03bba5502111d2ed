/** The budget's figures as Markdown tables (printed and written to bench/BUDGET.md). */
import type { OperationName } from './dashboard-operations.js';
import type { BudgetTarget } from './evaluate-budget-targets.js';
import { percentile, type ContenderFigures, type ContenderResult } from './summarize-budget.js';

const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const ms = (value: number | null): string => (value === null ? '–' : value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`);

export function formatMainTable(figures: readonly ContenderFigures[]): string {
  return table(
    [
      'contender',
      'answered / min',
      'share',
      'p50',
      'p99',
      'server CPU / op',
      'busiest 60 s: sent (passed)',
      'proxy 429s',
      'busiest credential: calls (per h at run rate)',
      'staleness p50 / p99',
      'worst unflagged stale answer (bound + 1 s)',
      'flagged stale answers (oldest)',
      'read-your-writes violations',
      'cache hits',
    ],
    figures.map((f) => {
      const top = [...f.credentials].sort((a, b) => b.accepted - a.accepted)[0];
      const s = f.staleness;
      return [
        f.id,
        f.okPerMinute.toFixed(0),
        `${(f.okShare * 100).toFixed(1)} %`,
        ms(f.p50Ms),
        ms(f.p99Ms),
        f.cpuMsPerOp === null ? '–' : `${f.cpuMsPerOp.toFixed(2)} ms`,
        `${f.busiestMinuteSent} (${f.busiestMinutePassed})`,
        f.proxy429,
        top === undefined ? '–' : `${top.busiestHour} (${top.perHourAtRunRate.toFixed(0)})`,
        `${ms(s.p50Ms)} / ${ms(s.p99Ms)}`,
        `${ms(s.worstServedMs)} (${ms(s.boundMs + 1000)})`,
        s.flaggedStaleReads === 0 ? '0' : `${s.flaggedStaleReads} (${ms(s.flaggedWorstMs)})`,
        `${f.ryw.violations} of ${f.ryw.checks}`,
        f.hitRatio === null ? '–' : `${(f.hitRatio * 100).toFixed(1)} %`,
      ];
    }),
  );
}

export function formatDetailTables(figures: readonly ContenderFigures[], results: readonly ContenderResult[]): string {
  const errors = figures.flatMap((f) =>
    Object.entries(f.errorsByCode)
      .sort(([, a], [, b]) => b - a)
      .map(([code, count]) => [f.id, code, count]),
  );
  const credentials = figures.flatMap((f) =>
    f.credentials.map((c) => [f.id, `${c.id} (${c.scheme})`, c.accepted, c.refused, c.busiestHour, c.perHourAtRunRate.toFixed(0)]),
  );
  const staleness = figures.map((f) => [f.id, f.staleness.edits, f.staleness.shown, f.staleness.neverShown, f.staleness.unread]);
  return [
    '**Errors by code**',
    '',
    errors.length === 0 ? 'none' : table(['contender', 'code', 'operations'], errors),
    '',
    '**Upstream calls per credential** (the proxy counts per `Authorization` value; it keeps only a keyed hash)',
    '',
    table(['contender', 'credential', 'passed', 'refused (429)', 'busiest 3600 s', "per hour at the run's rate"], credentials),
    '',
    '**Changes made inside Odoo**',
    '',
    table(['contender', 'edits', 'shown', 'never shown (read, still old)', 'never read'], staleness),
    '',
    '**Per operation**',
    '',
    formatOperationTable(results),
    '',
    '**Upstream calls by endpoint** (what the budget went on: list pages, id-list reads, reads by id, writes; refused by the proxy)',
    '',
    table(
      ['contender', 'endpoint', 'pages', 'id-lists', 'by id', 'writes', 'refused (429)'],
      results.flatMap((r) => r.calls.map((c) => [r.id, c.endpoint, c.pages, c.idLists, c.byId, c.writes, c.refused])),
    ),
  ].join('\n');
}

function formatOperationTable(results: readonly ContenderResult[]): string {
  const names = [...new Set(results.flatMap((r) => r.run.records.map((record) => record.op)))] as OperationName[];
  const rows = results.flatMap((r) =>
    names.map((op) => {
      const records = r.run.records.filter((record) => record.op === op);
      const latencies = records.map((record) => record.latencyMs).sort((a, b) => a - b);
      return [
        r.id,
        op,
        records.length,
        records.filter((record) => record.code === null).length,
        ms(percentile(latencies, 0.5)),
        ms(percentile(latencies, 0.99)),
      ];
    }),
  );
  return table(['contender', 'operation', 'sent', 'answered without error', 'p50', 'p99'], rows);
}

export function formatTargets(targets: readonly BudgetTarget[]): string {
  return table(
    ['target (bjet-graphql, defaults)', 'verdict', 'evidence'],
    targets.map((t) => [t.target, t.verdict, t.evidence]),
  );
}
