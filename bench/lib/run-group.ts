/**
 * One simulator (latency × variant) and every contender on it: start them (simulator on the load
 * core, each server on the server core), check every answer, then measure interleaved rounds where
 * the contenders' order rotates each round.
 */
import path from 'node:path';
import { BENCH_QUERIES, type BenchQuery, type QueryId } from './bench-queries.js';
import type { BenchGroup } from './bench-plan.js';
import type { BenchOptions } from './bench-options.js';
import { checkAnswer, type CheckResult } from './check-answer.js';
import type { Contender, ContenderName } from './contenders.js';
import { buildExpectedAnswers, type ExpectedAnswers } from './expected-answers.js';
import { findFreePort } from './free-port.js';
import { startManagedProcess, type ManagedProcess } from './managed-process.js';
import { measureCell, type Measurement } from './measure-cell.js';
import { runLoad } from './run-load.js';
import { createSimAdmin, type SimAdmin } from './sim-admin.js';
import { writeBenchConfig } from './write-bench-config.js';

export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

export interface RunContext {
  readonly repoRoot: string;
  readonly workDir: string;
  readonly distDir: string;
  readonly options: BenchOptions;
  readonly contenders: readonly Contender[];
  readonly log: (line: string) => void;
  /** The OTLP sink the tracing contenders export to. */
  readonly otlpSinkUrl: string;
}

export interface CheckRecord {
  readonly group: BenchGroup;
  readonly contender: ContenderName;
  readonly query: QueryId;
  readonly result: CheckResult;
}

export interface SampleRecord {
  readonly group: BenchGroup;
  readonly contender: ContenderName;
  readonly query: QueryId;
  readonly round: number;
  readonly measurement: Measurement;
}

export interface GroupOutcome {
  readonly checks: CheckRecord[];
  readonly samples: SampleRecord[];
}

const queryById = (id: QueryId): BenchQuery => {
  const query = BENCH_QUERIES.find((candidate) => candidate.id === id);
  if (query === undefined) throw new Error(`no query ${id}`);
  return query;
};

type Servers = Map<ContenderName, { process: ManagedProcess; port: number }>;

export async function runGroup(group: BenchGroup, ctx: RunContext): Promise<GroupOutcome> {
  const outcome: GroupOutcome = { checks: [], samples: [] };
  const simulator = await startSimulator(group, ctx);
  const servers: Servers = new Map();
  try {
    const simBaseUrl = `${simulator.origin}/bj_api_sync/v1`;
    const sim = createSimAdmin(simulator.origin);
    const configFile = writeBenchConfig({
      repoRoot: ctx.repoRoot,
      workDir: ctx.workDir,
      simBaseUrl,
      variant: group.variant,
      concurrency: ctx.options.bjetConcurrency,
      budget: 200,
    });
    const expected = await buildExpectedAnswers(simBaseUrl);
    for (const contender of ctx.contenders) {
      const port = await findFreePort();
      try {
        const process = await contender.start({ ...ctx, simBaseUrl, variant: group.variant, configFile, port, cpu: SERVER_CPU });
        servers.set(contender.name, { process, port });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        ctx.log(`  ${contender.name} did not start: ${detail.split('\n')[0] ?? ''}`);
        const result: CheckResult = { status: 'http-error', detail: `did not start: ${detail.slice(0, 300)}`, restCalls: null, body: '' };
        for (const id of [...group.checkOnly, ...group.queries]) outcome.checks.push({ group, contender: contender.name, query: id, result });
      }
    }
    outcome.checks.push(...(await checkAll(group, ctx, sim, servers, expected)));
    if (!ctx.options.quick) await measureRounds(group, ctx, sim, servers, outcome);
  } finally {
    for (const server of servers.values()) await server.process.stop();
    await simulator.process.stop();
  }
  return outcome;
}

async function checkAll(group: BenchGroup, ctx: RunContext, sim: SimAdmin, servers: Servers, expected: ExpectedAnswers): Promise<CheckRecord[]> {
  const checks: CheckRecord[] = [];
  for (const id of [...group.checkOnly, ...group.queries]) {
    const query = queryById(id);
    for (const contender of ctx.contenders) {
      const server = servers.get(contender.name);
      if (server === undefined) continue;
      const result = await checkAnswer(contender, query, contender.callFor(query, server.port), expected.get(id), sim);
      if (query.mutation) await sim.resetData();
      checks.push({ group, contender: contender.name, query: id, result });
    }
  }
  return checks;
}

async function measureRounds(group: BenchGroup, ctx: RunContext, sim: SimAdmin, servers: Servers, outcome: GroupOutcome): Promise<void> {
  const timed = group.queries.map(queryById).filter((query) => !query.checkOnly);
  await warmUp(group, ctx, sim, servers, outcome, timed);
  for (let round = 0; round < ctx.options.rounds; round += 1) {
    // Rotating the order spreads the machine's drift over every contender alike.
    const order = ctx.contenders.map((_, i) => ctx.contenders[(i + round) % ctx.contenders.length]).filter((c) => c !== undefined);
    for (const query of timed) {
      for (const contender of order) {
        const timedCall = timedCallOf(group, contender, query, servers, outcome);
        if (timedCall === null) continue;
        const started = Date.now();
        const measurement = await measureCell({
          server: timedCall.server.process,
          call: timedCall.call,
          expectBody: timedCall.expectBody,
          sim,
          connections: group.connections,
          durationSec: ctx.options.durationSec,
          rateDurationSec: ctx.options.rateDurationSec,
        });
        // A mutation run grows the data by at most a few seconds of creates; back to the seeded set.
        if (query.mutation) await sim.resetData();
        outcome.samples.push({ group, contender: contender.name, query: query.id, round, measurement });
        ctx.log(
          `  round ${round + 1} ${query.id} ${contender.name}: ${measurement.rps.toFixed(0)} req/s, ${measurement.cpuMsPerReq.toFixed(3)} ms CPU/req, server ${(measurement.serverShare * 100).toFixed(0)}% of its core, cores ${measurement.coreBusy.map((b) => `${(b * 100).toFixed(0)}%`).join('/')}${measurement.void ? ' (void)' : ''} [${((Date.now() - started) / 1000).toFixed(1)} s]`,
        );
      }
    }
  }
}

/**
 * Seconds each server serves each timed operation before the rounds. Servers run for hours; their
 * first seconds measure V8 tiering up (optimizing hot code), not serving: with only the cells'
 * half-second warm-up, the same build measured from 0.14 to 0.6 ms of CPU per Q1 request.
 */
const WARM_UP_SEC = 2;

async function warmUp(group: BenchGroup, ctx: RunContext, sim: SimAdmin, servers: Servers, outcome: GroupOutcome, timed: readonly BenchQuery[]): Promise<void> {
  for (const contender of ctx.contenders) {
    for (const query of timed) {
      const timedCall = timedCallOf(group, contender, query, servers, outcome);
      if (timedCall === null) continue;
      await runLoad({ call: timedCall.call, expectBody: timedCall.expectBody, connections: group.connections, durationSec: WARM_UP_SEC });
      if (query.mutation) await sim.resetData();
    }
  }
}

/**
 * What loading a contender with a query needs: its running server, the call, and the body it
 * answered when checked. Null when it is not timed (not started, no equivalent, wrong answer).
 */
function timedCallOf(group: BenchGroup, contender: Contender, query: BenchQuery, servers: Servers, outcome: GroupOutcome) {
  const server = servers.get(contender.name);
  const check = outcome.checks.find((c) => c.contender === contender.name && c.query === query.id);
  const call = server === undefined ? null : contender.callFor(query, server.port);
  if (server === undefined || call === null || check?.result.status !== 'ok') return null;
  if (contender.timed !== undefined && !contender.timed.includes(query.id)) return null;
  const on = contender.timedOn;
  if (on !== undefined && (on.latencyMs !== group.latencyMs || on.variant !== group.variant)) return null;
  return { server, call, expectBody: check.result.body };
}

async function startSimulator(group: BenchGroup, ctx: RunContext): Promise<{ process: ManagedProcess; origin: string }> {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [path.join(ctx.repoRoot, 'bin/bjet-graphql.js'), 'simulate', '--port', String(port), '--admin', '--size', String(ctx.options.simSize)];
  if (group.latencyMs > 0) args.push('--latency', String(group.latencyMs));
  if (group.variant === 'idlist') args.push('--in-filter');
  const process = await startManagedProcess({
    name: 'simulator',
    command: globalThis.process.execPath,
    args,
    cpu: LOAD_CPU,
    cwd: ctx.repoRoot,
    readyUrl: `${origin}/__sim/records`,
  });
  return { process, origin };
}
