/** Markdown tables of the checks and of the figures (printed as they are, and written to RESULTS.md). */
import { BENCH_QUERIES } from './bench-queries.js';
import type { ContenderName } from './contenders.js';
import type { CheckRecord } from './run-group.js';
import { cellKey, type CellSummary, type Stat } from './summarize-samples.js';

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

const groupLabel = (latencyMs: number, variant: string): string =>
  `upstream latency ${latencyMs} ms, ${variant === 'idlist' ? 'with the id-list key' : 'no id-list key'}`;

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const withRange = (stat: Stat, digits: number): string =>
  stat.min === stat.max ? fixed(stat.median, digits) : `${fixed(stat.median, digits)} (${fixed(stat.min, digits)}–${fixed(stat.max, digits)})`;

export function formatCheckTable(checks: readonly CheckRecord[], contenders: readonly ContenderName[]): string {
  const keys = [...new Set(checks.map((c) => `${c.group.latencyMs}|${c.group.variant}|${c.query}`))];
  const rows = keys.map((key) => {
    const [latency, variant, query] = key.split('|');
    const cells = contenders.map((name) => {
      const check = checks.find((c) => `${c.group.latencyMs}|${c.group.variant}|${c.query}` === key && c.contender === name);
      if (check === undefined) return '';
      const calls = check.result.restCalls === null ? '' : `, ${check.result.restCalls} REST`;
      return check.result.status === 'ok' ? `ok${calls}` : `**${check.result.status}**${calls}`;
    });
    return [query ?? '', `${latency} ms ${variant}`, ...cells];
  });
  return table(['query', 'simulator', ...contenders], rows);
}

export function formatCheckDetails(checks: readonly CheckRecord[]): string {
  const problems = checks.filter((c) => c.result.status !== 'ok');
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const check of problems) {
    const line = `- ${check.contender} ${check.query} (${check.group.variant}): ${check.result.status}: ${check.result.detail.split('\n')[0] ?? ''}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return lines.join('\n');
}

export function formatFigureTables(summaries: readonly CellSummary[], contenders: readonly ContenderName[]): string {
  const byKey = new Map(summaries.map((s) => [cellKey(s.latencyMs, s.variant, s.query, s.contender), s]));
  const groups = [...new Set(summaries.map((s) => `${s.latencyMs}|${s.variant}`))];
  const sections = groups.map((group) => {
    const [latency = '0', variant = 'plain'] = group.split('|');
    const rows: string[][] = [];
    for (const query of BENCH_QUERIES) {
      const bjet = byKey.get(`${group}|${query.id}|bjet-graphql`);
      for (const name of contenders) {
        const cell = byKey.get(`${group}|${query.id}|${name}`);
        if (cell === undefined) continue;
        const ratio = bjet === undefined || name === 'bjet-graphql' ? '' : `${fixed(bjet.rps.median / cell.rps.median, 2)}×`;
        rows.push([
          query.id,
          name,
          `${withRange(cell.rps, 0)}${cell.allVoid ? ' †' : cell.voidRounds > 0 ? ` (${cell.voidRounds} void)` : ''}`,
          ratio,
          `${fixed(cell.p50Ms.median, 0)}${cell.laggedRounds > 0 ? ' ‡' : ''}`,
          `${fixed(cell.p99Ms.median, 0)}${cell.laggedRounds > 0 ? ' ‡' : ''}`,
          fixed(cell.restPerOp.median, 2),
          withRange(cell.cpuMsPerReq, 3),
          fixed(cell.peakRssMb.max, 0),
          fixed(cell.serverShare.median * 100, 0),
          cell.failed === 0 ? '' : String(cell.failed),
        ]);
      }
    }
    const head = [
      'query',
      'contender',
      'req/s median (range)',
      'bjet ÷ this',
      'p50 ms',
      'p99 ms',
      'REST/op',
      'CPU ms/req',
      'peak RSS MB',
      'server core %',
      'failed',
    ];
    return `#### ${groupLabel(Number(latency), variant)}\n\n${table(head, rows)}`;
  });
  return sections.join('\n\n');
}
