/**
 * `npm run bench` (and `npm run bench -- --quick`): bjet-graphql side by side with Apollo defaults,
 * GraphQL Mesh and the direct REST floor, on the same simulator and the same operations, in one run.
 * Prints the checks, the targets and the figures; writes bench/RESULTS.md and bench/results.svg.
 * Exits 1 when a contender answers an operation it supports wrongly (the quick mode's CI check).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions, type BenchOptions } from './lib/bench-options.js';
import { buildPlan } from './lib/bench-plan.js';
import { CONTENDERS, type Contender } from './lib/contenders.js';
import { evaluateTargets } from './lib/evaluate-targets.js';
import { formatStartupTable, measureStartup } from './lib/measure-startup.js';
import { formatCheckDetails, formatCheckTable, formatFigureTables } from './lib/format-tables.js';
import { formatTracingSummary } from './lib/format-tracing-summary.js';
import { pinSelf, TASKSET_AVAILABLE } from './lib/managed-process.js';
import { ensureMeshInstalled } from './lib/mesh-peer.js';
import { printResultsMd } from './lib/print-results-md.js';
import { printSvgChart } from './lib/print-svg-chart.js';
import { readMachineInfo } from './lib/read-machine-info.js';
import { startOtlpSink } from './lib/start-otlp-sink.js';
import { LOAD_CPU, runGroup, type CheckRecord, type SampleRecord } from './lib/run-group.js';
import { summarizeSamples } from './lib/summarize-samples.js';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** Spawns per start-up variant in the full run (about 20 s in all). */
const STARTUP_RUNS = 5;

/** The checkout's root: the nearest directory above this file whose package.json is bjet-graphql's. */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && /"name":\s*"bjet-graphql"/.test(readFileSync(manifest, 'utf8'))) return dir;
  }
  throw new Error('bench: cannot find the bjet-graphql checkout above bench/');
}

async function selectContenders(options: BenchOptions, repoRoot: string, notes: string[]): Promise<Contender[]> {
  const wanted = CONTENDERS.filter((c) => options.contenders === null || options.contenders.includes(c.name));
  if (!wanted.some((c) => c.name === 'mesh') || (await ensureMeshInstalled(repoRoot, log))) return wanted;
  notes.push('GraphQL Mesh was left out: its peer could not be installed (npm ci in bench/peers/mesh).');
  return wanted.filter((c) => c.name !== 'mesh');
}

/**
 * A wrong answer from our own side fails the run (bjet-graphql, the Apollo-defaults build and the
 * floor); a peer's wrong answer is a finding to report, and C1 (Odoo's `false`) is one for Mesh.
 */
function failures(checks: readonly CheckRecord[]): CheckRecord[] {
  return checks.filter((c) => c.contender !== 'mesh' && c.result.status !== 'ok' && c.result.status !== 'unsupported');
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseBenchOptions(process.argv.slice(2));
  const distDir = path.dirname(fileURLToPath(import.meta.url));
  const repoRoot = findRepoRoot(distDir);
  const workDir = path.join(repoRoot, 'bench/.work');
  if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) throw new Error('bench: the CLI is not built (npm run build)');
  const notes: string[] = [];
  if (!TASKSET_AVAILABLE) notes.push('taskset is missing: nothing was pinned, and core saturation says little.');
  pinSelf(LOAD_CPU);
  const contenders = await selectContenders(options, repoRoot, notes);
  const checks: CheckRecord[] = [];
  const samples: SampleRecord[] = [];
  const sink = await startOtlpSink();
  try {
    for (const group of buildPlan(options)) {
      log(
        `simulator: ${group.latencyMs} ms, ${group.variant}; checked ${[...group.checkOnly, ...group.queries].join(' ')}; timed ${group.queries.join(' ') || 'none'}`,
      );
      const outcome = await runGroup(group, { repoRoot, workDir, distDir, options, contenders, log, otlpSinkUrl: sink.url });
      checks.push(...outcome.checks);
      samples.push(...outcome.samples);
    }
  } finally {
    await sink.close();
  }
  const names = contenders.map((c) => c.name);
  const summaries = summarizeSamples(samples);
  const tracing = formatTracingSummary(summaries, names, sink);
  for (const line of tracing.lines) log(line);
  notes.push(...tracing.lines.map((line) => `tracing: ${line}.`));
  const checkTable = formatCheckTable(checks, names);
  const checkDetails = formatCheckDetails(checks);
  log(`\n${checkTable}\n\n${checkDetails}`);
  const targets = evaluateTargets(checks, summaries);
  const figureTables = formatFigureTables(summaries, names);
  if (!options.quick) {
    log(`\n${figureTables}\n`);
    for (const t of targets) log(`${t.verdict.padEnd(12)} ${t.target}: ${t.evidence}`);
  }
  // Start-up is bjet-graphql's alone (issue 5): measured in the full run, after the load is over.
  const startupTable = options.quick || !names.includes('bjet-graphql') ? null : formatStartupTable(await measureStartup(repoRoot, STARTUP_RUNS));
  if (startupTable !== null) log(`\n${startupTable}`);
  const machine = readMachineInfo();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const minutes = (Date.now() - started) / 60_000;
  const outDir = options.quick || options.noWrite ? workDir : path.join(repoRoot, 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    path.join(outDir, 'RESULTS.md'),
    printResultsMd({ machine, command, options, minutes, checkTable, checkDetails, targets, figureTables, notes, startupTable }),
  );
  if (summaries.length > 0) {
    writeFileSync(
      path.join(outDir, 'results.svg'),
      printSvgChart(summaries, names, `${machine.date} · nproc ${machine.nproc} · Node ${machine.node} · ${command}`),
    );
  }
  const failed = failures(checks);
  for (const name of tracing.silent) log(`${name} sampled every operation but exported no span`);
  log(
    `\n${failed.length === 0 ? 'our contenders answered everything correctly' : `${failed.length} wrong answer(s) from our contenders`}; ${minutes.toFixed(1)} min; report in ${path.relative(repoRoot, outDir) || '.'}/RESULTS.md`,
  );
  return failed.length === 0 && tracing.silent.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
