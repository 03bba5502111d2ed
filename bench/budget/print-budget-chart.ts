/** A hand-written SVG of the budget: answered operations a minute, upstream calls in the busiest 60 s (limit line), staleness p99. */
import type { ContenderFigures } from './summarize-budget.js';
import { PROXY_PER_MINUTE } from './write-budget-config.js';

const COLORS: Readonly<Record<string, string>> = {
  'bjet-graphql': '#2563eb',
  'bjet-graphql-no-cache': '#93c5fd',
  'bjet-graphql-push': '#1e3a8a',
  mesh: '#db2777',
  'apollo-defaults': '#f59e0b',
};
const WIDTH = 960;
const BAR_X = 200;
const BAR_MAX = WIDTH - BAR_X - 140;
const BAR_H = 14;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Panel {
  readonly title: string;
  readonly value: (f: ContenderFigures) => number;
  readonly label: (f: ContenderFigures) => string;
  readonly limit?: number;
}

const PANELS: readonly Panel[] = [
  {
    title: 'operations answered without error, per minute',
    value: (f) => f.okPerMinute,
    label: (f) => `${f.okPerMinute.toFixed(0)} /min (${(f.okShare * 100).toFixed(1)} %)`,
  },
  {
    title: `upstream calls sent in the busiest 60 s (the proxy allows ${PROXY_PER_MINUTE})`,
    value: (f) => f.busiestMinuteSent,
    label: (f) => `${f.busiestMinuteSent} sent, ${f.proxy429} refused (429) in all`,
    limit: PROXY_PER_MINUTE,
  },
  {
    title: 'staleness p99 of changes made inside Odoo (never shown: drawn at the worst lower bound)',
    value: (f) => (f.staleness.neverShown > 0 ? f.staleness.worstMs : (f.staleness.p99Ms ?? 0)) / 1000,
    label: (f) =>
      f.staleness.neverShown > 0
        ? `${f.staleness.neverShown} never shown (≥ ${(f.staleness.worstMs / 1000).toFixed(1)} s)`
        : `${((f.staleness.p99Ms ?? 0) / 1000).toFixed(1)} s (bound ${(f.staleness.boundMs / 1000 + 1).toFixed(0)} s)`,
  },
];

function drawPanel(panel: Panel, figures: readonly ContenderFigures[], top: number): { svg: string[]; height: number } {
  const scale = Math.max(panel.limit ?? 0, ...figures.map(panel.value), 1e-9);
  const svg = [`<text x="10" y="${top + 16}" font-size="13" font-weight="bold">${escape(panel.title)}</text>`];
  let y = top + 26;
  for (const f of figures) {
    const width = (panel.value(f) / scale) * BAR_MAX;
    svg.push(
      `<text x="${BAR_X - 6}" y="${y + 11}" font-size="11" text-anchor="end">${escape(f.id)}</text>`,
      `<rect x="${BAR_X}" y="${y}" width="${width.toFixed(1)}" height="${BAR_H}" fill="${COLORS[f.id] ?? '#6b7280'}"/>`,
      `<text x="${(BAR_X + width + 6).toFixed(1)}" y="${y + 11}" font-size="11">${escape(panel.label(f))}</text>`,
    );
    y += BAR_H + 4;
  }
  if (panel.limit !== undefined) {
    const x = (BAR_X + (panel.limit / scale) * BAR_MAX).toFixed(1);
    svg.push(`<line x1="${x}" x2="${x}" y1="${top + 22}" y2="${y}" stroke="#dc2626" stroke-dasharray="4 3"/>`);
  }
  return { svg, height: y - top + 10 };
}

export function printBudgetChart(figures: readonly ContenderFigures[], subtitle: string): string {
  const body: string[] = [];
  let top = 46;
  for (const panel of PANELS) {
    const drawn = drawPanel(panel, figures, top);
    body.push(...drawn.svg);
    top += drawn.height;
  }
  const height = top + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="16" font-weight="bold">npm run bench:budget: the dashboard behind the vendor's proxy (${PROXY_PER_MINUTE}/min per IP, 1000/h per credential)</text>`,
    `<text x="10" y="38" font-size="11" fill="#444">${escape(subtitle)}</text>`,
    ...body,
    `</svg>`,
    '',
  ].join('\n');
}
