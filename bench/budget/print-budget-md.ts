/** bench/BUDGET.md: how the run was made, the figures, the targets, and what each contender was configured with. */
import type { MachineInfo } from '../lib/read-machine-info.js';
import type { BudgetOptions } from './budget-options.js';
import type { ContenderFigures } from './summarize-budget.js';
import { PROXY_PER_HOUR, PROXY_PER_MINUTE } from './write-budget-config.js';

export interface BudgetReport {
  readonly machine: MachineInfo;
  readonly command: string;
  readonly options: BudgetOptions;
  readonly minutes: number;
  readonly figures: readonly ContenderFigures[];
  readonly mainTable: string;
  readonly detailTables: string;
  readonly targetTable: string;
  readonly notes: readonly string[];
}

export function printBudgetMd(report: BudgetReport): string {
  const { machine, options } = report;
  const contenders = report.figures.map((f) => `- **${f.id}**: ${f.notes.join('; ')}`);
  return [
    "# Serving within the upstream's budget (`npm run bench:budget`)",
    '',
    `${machine.date} · \`${report.command}\` · ${report.minutes.toFixed(1)} min · Node ${machine.node} · ${machine.cpuModel}, nproc ${machine.nproc}, ${machine.memoryGiB.toFixed(1)} GiB · ${machine.kernel}`,
    '',
    '![budget chart](budget.svg)',
    '',
    '## The workload',
    '',
    `${options.users} dashboard users, each with its own think time (1–3 s, drawn once per user), for ${options.durationS} s per contender, real time (no time scaling: the`,
    `limits are the vendor's own, ${PROXY_PER_MINUTE} requests a minute per client IP and ${PROXY_PER_HOUR} an hour per credential, counted by \`bjet-graphql simulate --proxy-limit\``,
    'over sliding windows). A run shorter than an hour cannot fill the hourly window unless a credential sends more than 1000 calls in it; the',
    '"per h at run rate" column says what an hour at the same rate would send. The operations are the documents of `examples/operations/`',
    '(company page with countries 25 %, partner by id drawn Zipf-like over all ids 35 %, sale orders by state with customer and lines 15 %,',
    `product by code, Zipf-like, 23 %, partner update 2 %, each update read back by its user), and one change made inside Odoo every ${options.editIntervalS} s`,
    '(`POST /__sim/odoo/partners/<id>`, a new name for one of the first ten companies). Staleness is the time from an edit to the first',
    'answer that shows it; an edit still not shown at the end counts with its last stale read as a lower bound (≥). Every contender gets a',
    'fresh simulator (same seed) and the same users.',
    '',
    '## Figures',
    '',
    report.mainTable,
    '',
    report.targetTable,
    '',
    report.detailTables,
    '',
    '## Contenders as configured',
    '',
    ...contenders,
    '',
    ...(report.notes.length > 0 ? ['## Notes', '', ...report.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}
