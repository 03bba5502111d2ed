/**
 * Start-up time of the built CLI: spawn to the first printed line with an `http://` URL (the CLI
 * prints it once the server listens), for `serve` (over a simulator started once beforehand) and
 * `demo`, from the bundle and from tsc's output (BJET_GRAPHQL_NO_BUNDLE=1, the way it started before
 * the bundle), and `serve` from the bundle with tracing on (the OTEL_* variables, to a loopback sink,
 * at sample ratio 1 and 0.1: the SDK's load is part of the start). Runs are interleaved so that a
 * noisy machine spreads its noise over every variant.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { startOtlpSink } from './start-otlp-sink.js';

export interface StartupVariant {
  readonly command: 'serve' | 'demo';
  readonly from: 'bundle' | 'tsc output';
  /** The sample ratio with tracing on; absent = off. */
  readonly tracing?: number;
}

export interface StartupFigure extends StartupVariant {
  /** Spawn to URL, in the order measured. */
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface StartupResult {
  readonly figures: readonly StartupFigure[];
  /** The 1-minute load average before each round. */
  readonly load: readonly number[];
}

const URL_TIMEOUT_MS = 30_000;

interface Spawned {
  /** Resolves with the ms from spawn to the first line holding http://, and that line. */
  readonly url: Promise<{ ms: number; line: string }>;
  stop(): Promise<void>;
}

function spawnUntilUrl(bin: string, args: readonly string[], env: Readonly<Record<string, string>>): Spawned {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let output = '';
  const url = new Promise<{ ms: number; line: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within ${URL_TIMEOUT_MS} ms: ${output}`)), URL_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((text) => text.includes('http://'));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, line });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`exited before printing a URL: ${output}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function timeOnce(bin: string, variant: StartupVariant, simulatorUrl: string, otlpUrl: string): Promise<number> {
  const env: Record<string, string> = { PORT: '0', BJET_BASE_URL: simulatorUrl, ...(variant.from === 'tsc output' ? { BJET_GRAPHQL_NO_BUNDLE: '1' } : {}) };
  if (variant.tracing !== undefined) Object.assign(env, { OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl, OTEL_TRACES_SAMPLER_ARG: String(variant.tracing) });
  const args = variant.command === 'serve' ? ['serve', '--config', path.join(path.dirname(bin), '../bjet-graphql.config.yaml'), '--port', '0'] : ['demo'];
  const run = spawnUntilUrl(bin, args, env);
  try {
    return (await run.url).ms;
  } finally {
    await run.stop();
  }
}

function figureOf(variant: StartupVariant, samplesMs: readonly number[]): StartupFigure {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { ...variant, samplesMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, minMs: sorted[0] ?? 0, maxMs: sorted.at(-1) ?? 0 };
}

export const STARTUP_VARIANTS: readonly StartupVariant[] = [
  { command: 'serve', from: 'bundle' },
  { command: 'serve', from: 'tsc output' },
  { command: 'demo', from: 'bundle' },
  { command: 'demo', from: 'tsc output' },
  { command: 'serve', from: 'bundle', tracing: 1 },
  { command: 'serve', from: 'bundle', tracing: 0.1 },
];

export async function measureStartup(repoRoot: string, runs: number, variants = STARTUP_VARIANTS): Promise<StartupResult> {
  const bin = path.join(repoRoot, 'bin/bjet-graphql.js');
  const simulator = spawnUntilUrl(bin, ['simulate', '--port', '0'], {});
  const sink = await startOtlpSink();
  try {
    const simulatorUrl = /http:\/\/\S+/.exec((await simulator.url).line)?.[0] ?? '';
    const samples = variants.map(() => [] as number[]);
    const load: number[] = [];
    for (let round = 0; round < runs; round += 1) {
      load.push(loadavg()[0] ?? 0);
      for (const [index, variant] of variants.entries()) samples[index]?.push(await timeOnce(bin, variant, simulatorUrl, sink.url));
    }
    return { figures: variants.map((variant, index) => figureOf(variant, samples[index] ?? [])), load };
  } finally {
    await Promise.all([simulator.stop(), sink.close()]);
  }
}

export function formatStartupTable(result: StartupResult): string {
  const rows = result.figures.map(
    (f) =>
      `| \`${f.command}\` | ${f.from} | ${f.tracing === undefined ? 'off' : `on, ratio ${f.tracing.toFixed(1)}`} | ${f.medianMs.toFixed(0)} | ${f.minMs.toFixed(0)} to ${f.maxMs.toFixed(0)} | ${f.samplesMs.length} |`,
  );
  const load = `${Math.min(...result.load).toFixed(2)} to ${Math.max(...result.load).toFixed(2)}`;
  return [
    '| command | from | tracing | median ms (spawn to URL) | range ms | runs |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `1-minute load average during the runs: ${load}.`,
  ].join('\n');
}
