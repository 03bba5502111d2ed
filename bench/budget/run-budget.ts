/**
 * `npm run bench:budget` (and `-- --quick`): the dashboard workload behind the vendor's proxy limits,
 * against bjet-graphql (defaults and cache off), Hive Gateway's response cache and the Apollo-defaults
 * build, each on its own fresh simulator. Writes bench/BUDGET.md and bench/budget.svg. Exits 1 when
 * one of our own contenders fails an operation of the smoke pass (the quick mode's CI check).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../lib/free-port.js';
import type { ManagedProcess } from '../lib/managed-process.js';
import { ensureMeshInstalled } from '../lib/mesh-peer.js';
import { readCpuMs } from '../lib/proc-stats.js';
import { readMachineInfo } from '../lib/read-machine-info.js';
import {
  BUDGET_CONTENDER_LIST,
  ONE_REPLICA_CONTENDER,
  PUSH_CONTENDER,
  REPLICAS_CONTENDER,
  type BudgetContender,
  type StartContext,
} from './budget-contenders.js';
import { BUDGET_USAGE, parseBudgetOptions, type BudgetOptions } from './budget-options.js';
import { buildDashboardOperations, type DashboardOperation } from './dashboard-operations.js';
import { evaluateBudgetTargets } from './evaluate-budget-targets.js';
import { formatDetailTables, formatMainTable, formatTargets } from './format-budget-tables.js';
import { printBudgetChart } from './print-budget-chart.js';
import { printBudgetMd } from './print-budget-md.js';
import { pushVariant } from './push-variant.js';
import { runDashboard, runSmoke, workloadCeilingPerMinute } from './run-dashboard.js';
import { startBudgetSimulator } from './start-budget-simulator.js';
import { summarizeBudget, type ContenderResult } from './summarize-budget.js';
import { summarizeCalls } from './summarize-calls.js';
import { PROXY_PER_HOUR, PROXY_PER_MINUTE, writeBudgetConfig } from './write-budget-config.js';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && /"name":\s*"bjet-graphql"/.test(readFileSync(manifest, 'utf8'))) return dir;
  }
  throw new Error('bench:budget: cannot find the bjet-graphql checkout above bench/');
}

async function selectContenders(options: BudgetOptions, repoRoot: string, notes: string[]): Promise<BudgetContender[]> {
  const wanted: BudgetContender[] = BUDGET_CONTENDER_LIST.filter((c) => options.contenders.includes(c.id as BudgetOptions['contenders'][number]));
  if (options.replicas > 1) {
    const baseline = options.redisUrl === null ? [] : [ONE_REPLICA_CONTENDER];
    wanted.splice(wanted.findIndex((c) => c.id === 'bjet-graphql') + 1, 0, ...baseline, REPLICAS_CONTENDER);
  }
  if (options.push) {
    if (pushVariant === null) notes.push('--push: left out, this build has no simulator outbound side and webhook config yet (bench/budget/push-variant.ts).');
    else wanted.push(PUSH_CONTENDER);
  }
  if (!wanted.some((c) => c.id === 'mesh') || (await ensureMeshInstalled(repoRoot, log))) return wanted;
  notes.push('GraphQL Mesh was left out: its peer could not be installed (npm ci in bench/peers/mesh).');
  return wanted.filter((c) => c.id !== 'mesh');
}

interface RunContext {
  readonly repoRoot: string;
  readonly workDir: string;
  readonly distDir: string;
  readonly options: BudgetOptions;
  readonly operations: readonly DashboardOperation[];
  readonly meshTtlSeconds: number;
}

async function runContender(ctx: RunContext, contender: BudgetContender): Promise<ContenderResult> {
  const { options } = ctx;
  // The replicas side by side with one process: the replicas contender runs N, it and its
  // one-replica baseline share Redis (each under its own key prefix).
  const replicas = contender.id === 'bjet-graphql-replicas';
  const onRedis = replicas || contender.id === 'bjet-graphql-one-replica';
  const ports = await Promise.all(Array.from({ length: replicas ? options.replicas : 1 }, () => findFreePort()));
  const push = contender.id === 'bjet-graphql-push' ? pushVariant : null;
  const simArgs = push === null ? [] : push.simulatorArgs(`http://127.0.0.1:${ports[0] ?? 0}${push.webhookPath}`);
  const sim = await startBudgetSimulator(ctx.repoRoot, options.seed, simArgs);
  try {
    const startCtx: StartContext = {
      ...ctx,
      simBaseUrl: sim.baseUrl,
      ports,
      redisUrl: onRedis ? options.redisUrl : null,
      trustPayload: options.trustPayload,
      meshTtlSeconds: ctx.meshTtlSeconds,
    };
    const started = await contender.start(startCtx);
    try {
      const facts = {
        dialect: contender.dialect,
        seed: options.seed,
        partnerCount: sim.partnerCount,
        productCodes: sim.productCodes,
        operations: ctx.operations,
      };
      const smoke = await runSmoke(started.urls[0] ?? '', facts);
      log(`  smoke: ${smoke.map((s) => `${s.op} ${s.code ?? 'ok'}`).join(', ')}`);
      const cpuBefore = serverCpuMs(started.processes);
      const run = await runDashboard({
        ...facts,
        targets: started.urls,
        users: options.users,
        durationMs: options.durationS * 1000,
        editIntervalMs: options.editIntervalS * 1000,
        simOrigin: sim.origin,
      });
      const cpuAfter = serverCpuMs(started.processes);
      const proxy = (await sim.readProxy()) as unknown as ContenderResult['proxy'];
      const calls = summarizeCalls(await sim.readRecords());
      const cache = contender.id.startsWith('bjet') ? await readCacheCounts(started.urls) : null;
      const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      return { id: contender.id, notes: started.notes, boundSeconds: started.boundSeconds, run, smoke, proxy, calls, cache, serverCpuMs: cpu };
    } finally {
      for (const child of started.processes) await child.stop();
    }
  } finally {
    await sim.process.stop();
  }
}

/** CPU time of the contender's processes so far (all replicas), or null when /proc cannot tell. */
function serverCpuMs(processes: readonly ManagedProcess[]): number | null {
  try {
    return processes.reduce((sum, child) => sum + readCpuMs(child.pid), 0);
  } catch {
    return null;
  }
}

/** The cache's hits and misses over every replica, from their `/metrics` (null when one has none). */
async function readCacheCounts(urls: readonly string[]): Promise<{ readonly hits: number; readonly misses: number } | null> {
  let hits = 0;
  let misses = 0;
  for (const url of urls) {
    const response = await fetch(url.replace(/\/graphql$/, '/metrics')).catch(() => null);
    if (response === null || !response.ok) return null;
    const text = await response.text();
    hits += sumSeries(text, 'bjet_cache_hits_total');
    misses += sumSeries(text, 'bjet_cache_misses_total');
  }
  return { hits, misses };
}

function sumSeries(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) total += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  return total;
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseBudgetOptions(process.argv.slice(2));
  if (options.help) {
    log(BUDGET_USAGE);
    return 0;
  }
  const distDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const repoRoot = findRepoRoot(distDir);
  const workDir = path.join(repoRoot, 'bench/.work/budget');
  if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) throw new Error('bench:budget: the CLI is not built (npm run build)');
  mkdirSync(workDir, { recursive: true });
  const notes: string[] = [];
  if (options.quick) notes.push('--quick: a correctness pass, not a measurement (a few users for a few seconds).');
  const contenders = await selectContenders(options, repoRoot, notes);
  // Mesh's TTL follows bjet-graphql's staleness bound, so that both are held to the same freshness.
  const probe = writeBudgetConfig({
    repoRoot,
    workDir,
    simBaseUrl: 'http://127.0.0.1:1/bj_api_sync/v1',
    name: 'probe',
    cache: 'default',
    redisUrl: null,
    webhooks: null,
  });
  const meshTtlSeconds = probe.boundSeconds ?? 30;
  if (probe.boundSeconds === null) notes.push("This build of bjet-graphql has no cache config: Mesh's response cache TTL is 30 s.");
  const ctx: RunContext = {
    repoRoot,
    workDir,
    distDir,
    options,
    operations: buildDashboardOperations(path.join(repoRoot, 'examples/operations')),
    meshTtlSeconds,
  };
  log(`real time, no scaling: the simulator's proxy allows ${PROXY_PER_MINUTE}/min per client IP and ${PROXY_PER_HOUR}/h per credential`);
  const results: ContenderResult[] = [];
  for (const contender of contenders) {
    log(`${contender.id}: ${options.users} users for ${options.durationS} s`);
    results.push(await runContender(ctx, contender));
  }
  const figures = results.map(summarizeBudget);
  const mainTable = formatMainTable(figures);
  const detailTables = formatDetailTables(figures, results);
  const targetTable = formatTargets(evaluateBudgetTargets(figures, workloadCeilingPerMinute(options.users, options.seed)));
  log(`\n${mainTable}\n\n${targetTable}\n\n${detailTables}\n`);
  const machine = readMachineInfo();
  const command = `npm run bench:budget${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const minutes = (Date.now() - started) / 60_000;
  const outDir = options.quick || options.noWrite ? workDir : path.join(repoRoot, 'bench');
  writeFileSync(path.join(outDir, 'BUDGET.md'), printBudgetMd({ machine, command, options, minutes, figures, mainTable, detailTables, targetTable, notes }));
  writeFileSync(path.join(outDir, 'budget.svg'), printBudgetChart(figures, `${machine.date} · nproc ${machine.nproc} · Node ${machine.node} · ${command}`));
  const failed = figures.filter((f) => f.id !== 'mesh' && f.smokeFailures.length > 0);
  for (const f of figures) if (f.smokeFailures.length > 0) log(`${f.id} failed in the smoke pass: ${f.smokeFailures.join(', ')}`);
  log(
    `${failed.length === 0 ? 'our contenders answered every operation' : `${failed.length} of our contenders failed an operation`}; ${minutes.toFixed(1)} min; report in ${path.relative(repoRoot, outDir)}/BUDGET.md`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
