/**
 * The tracing contenders beside bjet-graphql with tracing off: CPU per request and req/s as ratios
 * to the untraced server (same simulator, same rounds), and what each exported to the OTLP sink.
 */
import { TRACING_CONTENDERS, type ContenderName } from './contenders.js';
import type { OtlpSink } from './start-otlp-sink.js';
import type { CellSummary } from './summarize-samples.js';

export interface TracingSummary {
  readonly lines: readonly string[];
  /** Contenders that sampled every operation yet exported no span (a broken exporter). */
  readonly silent: readonly ContenderName[];
}

const ratio = (on: number, off: number): string => (Number.isFinite(on / off) ? `${(on / off).toFixed(2)}×` : '-');

function figureLines(summaries: readonly CellSummary[], name: ContenderName): string[] {
  const lines: string[] = [];
  for (const cell of summaries.filter((s) => s.contender === name)) {
    const off = summaries.find((s) => s.contender === 'bjet-graphql' && s.latencyMs === cell.latencyMs && s.variant === cell.variant && s.query === cell.query);
    if (off === undefined) continue;
    lines.push(
      `${name} ${cell.query} (${cell.latencyMs} ms, ${cell.variant}): CPU ${cell.cpuMsPerReq.median.toFixed(3)} ms/req vs ${off.cpuMsPerReq.median.toFixed(3)} with tracing off (${ratio(cell.cpuMsPerReq.median, off.cpuMsPerReq.median)}); ${cell.rps.median.toFixed(0)} vs ${off.rps.median.toFixed(0)} req/s (${ratio(cell.rps.median, off.rps.median)})`,
    );
  }
  return lines;
}

export function formatTracingSummary(summaries: readonly CellSummary[], names: readonly ContenderName[], sink: OtlpSink): TracingSummary {
  const lines: string[] = [];
  const silent: ContenderName[] = [];
  for (const name of TRACING_CONTENDERS.filter((n) => names.includes(n))) {
    const tally = sink.tally(name);
    lines.push(...figureLines(summaries, name));
    lines.push(`${name} exported ${tally.spans} spans in ${tally.exports} OTLP/HTTP requests (${(tally.bytes / 1024).toFixed(0)} KiB) to the bench's sink`);
    if (name === 'bjet-graphql-trace-1.0' && tally.spans === 0) silent.push(name);
  }
  return { lines, silent };
}
