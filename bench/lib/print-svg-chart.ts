/**
 * A hand-written SVG of the figures: one panel per simulator (latency × variant), one group of bars
 * per operation, one bar per contender (median req/s, with the range as a whisker), linear scale per panel.
 */
import { BENCH_QUERIES } from './bench-queries.js';
import type { ContenderName } from './contenders.js';
import type { CellSummary } from './summarize-samples.js';

const COLORS: Readonly<Record<ContenderName, string>> = {
  'bjet-graphql': '#2563eb',
  'bjet-graphql-cached': '#1e3a8a',
  'bjet-graphql-no-cache': '#a5b4fc',
  'bjet-graphql-trace-1.0': '#60a5fa',
  'bjet-graphql-trace-0.1': '#93c5fd',
  'apollo-defaults': '#f59e0b',
  mesh: '#db2777',
  'direct-rest': '#6b7280',
};

const WIDTH = 960;
const LABEL_X = 60;
const BAR_X = 190;
const BAR_MAX = WIDTH - BAR_X - 120;
const BAR_H = 13;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(cells: readonly CellSummary[], contenders: readonly ContenderName[], title: string, top: number): { svg: string[]; height: number } {
  const scale = Math.max(...cells.map((cell) => cell.rps.max), 1);
  const svg = [`<text x="10" y="${top + 16}" font-size="14" font-weight="bold">${escape(title)}</text>`];
  let y = top + 28;
  for (const query of BENCH_QUERIES) {
    const bars = contenders.map((name) => cells.find((cell) => cell.query === query.id && cell.contender === name)).filter((c) => c !== undefined);
    if (bars.length === 0) continue;
    svg.push(`<text x="${LABEL_X - 50}" y="${y + 11}" font-size="12" font-weight="bold">${query.id}</text>`);
    for (const cell of bars) {
      const width = (cell.rps.median / scale) * BAR_MAX;
      const [low, high] = [(cell.rps.min / scale) * BAR_MAX, (cell.rps.max / scale) * BAR_MAX];
      svg.push(
        `<text x="${BAR_X - 6}" y="${y + 10}" font-size="11" text-anchor="end">${cell.contender}</text>`,
        `<rect x="${BAR_X}" y="${y}" width="${width.toFixed(1)}" height="${BAR_H}" fill="${COLORS[cell.contender]}"${cell.allVoid ? ' fill-opacity="0.45"' : ''}/>`,
        `<line x1="${(BAR_X + low).toFixed(1)}" x2="${(BAR_X + high).toFixed(1)}" y1="${y + BAR_H / 2}" y2="${y + BAR_H / 2}" stroke="#111" stroke-width="1"/>`,
        `<text x="${(BAR_X + Math.max(width, high) + 6).toFixed(1)}" y="${y + 10}" font-size="11">${cell.rps.median.toFixed(0)} req/s${cell.allVoid ? ' †' : ''}</text>`,
      );
      y += BAR_H + 3;
    }
    y += 8;
  }
  return { svg, height: y - top + 6 };
}

export function printSvgChart(summaries: readonly CellSummary[], contenders: readonly ContenderName[], subtitle: string): string {
  const groups = [...new Set(summaries.map((s) => `${s.latencyMs}|${s.variant}`))];
  const body: string[] = [];
  let top = 46;
  for (const group of groups) {
    const [latency = '0', variant = 'plain'] = group.split('|');
    const cells = summaries.filter((s) => `${s.latencyMs}|${s.variant}` === group);
    const title = `upstream latency ${latency} ms, ${variant === 'idlist' ? 'with the id-list key' : 'no id-list key'}`;
    const drawn = panel(cells, contenders, title, top);
    body.push(...drawn.svg);
    top += drawn.height;
  }
  const height = top + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="16" font-weight="bold">bjet-graphql benchmark: requests per second (closed loop), median of rounds; whisker = range</text>`,
    `<text x="10" y="38" font-size="11" fill="#444">${escape(subtitle)}</text>`,
    ...body,
    `<text x="10" y="${height - 8}" font-size="10" fill="#444">† every round void: the server core was not the saturated one (the load core or the wait was the limit)</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
