/**
 * The dashboard workload against one contender: N users, each with its own think time (1–3 s),
 * drawing operations by weight; after each write, the user reads it back (read-your-writes); and
 * changes made inside Odoo at a fixed rate through the simulator's admin route (staleness).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createChooser, type Chooser } from './create-chooser.js';
import { createStalenessTracker, type StalenessSummary, type StalenessTracker } from './create-staleness-tracker.js';
import { readAfterWrite, type DashboardOperation, type Dialect, type OperationName } from './dashboard-operations.js';
import { sendGraphql, type GraphqlOutcome } from './send-graphql.js';

export interface DashboardRunOptions {
  /** GraphQL URLs; users are spread over them (replicas). */
  readonly targets: readonly string[];
  readonly dialect: Dialect;
  readonly users: number;
  readonly durationMs: number;
  readonly editIntervalMs: number;
  readonly seed: number;
  readonly simOrigin: string;
  readonly partnerCount: number;
  readonly productCodes: readonly string[];
  readonly operations: readonly DashboardOperation[];
}

export interface OperationRecord {
  readonly op: OperationName;
  /** ms since the start of the run. */
  readonly startedAt: number;
  readonly latencyMs: number;
  readonly code: string | null;
}

export interface DashboardRun {
  readonly records: readonly OperationRecord[];
  readonly ryw: { readonly checks: number; readonly violations: number };
  readonly staleness: StalenessSummary;
  readonly editFailures: number;
  readonly elapsedMs: number;
}

/** Companies on the first page of the dashboard's list (ids 1, 5, 9, ...: one partner in four is a company). */
const EDITED_IDS = Array.from({ length: 10 }, (_, k) => 1 + 4 * k);

interface RunState {
  readonly options: DashboardRunOptions;
  readonly start: number;
  readonly end: number;
  readonly records: OperationRecord[];
  readonly tracker: StalenessTracker;
  readonly ryw: { checks: number; violations: number };
}

export async function runDashboard(options: DashboardRunOptions): Promise<DashboardRun> {
  const start = performance.now();
  const state: RunState = {
    options,
    start,
    end: start + options.durationMs,
    records: [],
    tracker: createStalenessTracker(),
    ryw: { checks: 0, violations: 0 },
  };
  const users = Array.from({ length: options.users }, (_, user) => runUser(state, user));
  const editFailures = await runEditor(state);
  await Promise.all(users);
  return { records: state.records, ryw: state.ryw, staleness: state.tracker.summary(), editFailures, elapsedMs: performance.now() - start };
}

/** A user's think time between two operations (its first draw): 1–3 s. */
export function thinkTimeOf(chooser: Chooser): number {
  return 1000 + chooser.next() * 2000;
}

/**
 * The most operations a minute these users can send, however fast the answers: each sends one per
 * think time (a read-back after a write comes on top). A contender's answered operations can only
 * approach it.
 */
export function workloadCeilingPerMinute(users: number, seed: number): number {
  let total = 0;
  for (let user = 0; user < users; user += 1) total += 60_000 / thinkTimeOf(createChooser({ seed, user, partnerCount: 1, productCodes: ['x'] }));
  return total;
}

function drawOperation(operations: readonly DashboardOperation[], chooser: Chooser): DashboardOperation {
  const total = operations.reduce((sum, op) => sum + op.weight, 0);
  let target = chooser.next() * total;
  for (const op of operations) {
    if ((target -= op.weight) < 0) return op;
  }
  return operations[operations.length - 1] as DashboardOperation;
}

function record(state: RunState, op: OperationName, outcome: GraphqlOutcome): void {
  state.records.push({ op, startedAt: outcome.sentAt - state.start, latencyMs: outcome.receivedAt - outcome.sentAt, code: outcome.code });
}

async function runUser(state: RunState, user: number): Promise<void> {
  const { options } = state;
  const chooser = createChooser({ seed: options.seed, user, partnerCount: options.partnerCount, productCodes: options.productCodes });
  const url = options.targets[user % options.targets.length] ?? '';
  const thinkMs = thinkTimeOf(chooser);
  await sleep(chooser.next() * thinkMs);
  while (performance.now() < state.end) {
    const op = drawOperation(options.operations, chooser);
    const request = op.request(options.dialect, chooser);
    const outcome = await sendGraphql(url, request);
    record(state, op.name, outcome);
    if (outcome.data !== null) state.tracker.observe(op.partners(options.dialect, outcome.data), outcome.sentAt, outcome.receivedAt, outcome.flaggedStale);
    const written = request.write !== undefined && outcome.data !== null && op.partners(options.dialect, outcome.data)[0]?.city === request.write.city;
    if (written && request.write !== undefined) await checkReadBack(state, url, request.write);
    await sleep(thinkMs);
  }
}

/** A read after the user's own successful write that does not show it is a violation; a failed read is only an error. */
async function checkReadBack(state: RunState, url: string, write: { readonly id: number; readonly city: string }): Promise<void> {
  const outcome = await sendGraphql(url, readAfterWrite(state.options.dialect, write.id));
  record(state, 'read-after-write', outcome);
  if (outcome.data === null) return;
  state.ryw.checks += 1;
  const partner = outcome.data.partner;
  const city = partner !== null && typeof partner === 'object' ? (partner as Record<string, unknown>).city : undefined;
  if (city !== write.city) state.ryw.violations += 1;
}

/** Edits the name of one of the first companies every interval; resolves to the number of failed edits. */
async function runEditor(state: RunState): Promise<number> {
  let failures = 0;
  for (let n = 1; performance.now() + state.options.editIntervalMs < state.end; n += 1) {
    await sleep(state.options.editIntervalMs);
    const id = EDITED_IDS[(n - 1) % EDITED_IDS.length] ?? 1;
    const marker = `#e${n}`;
    const response = await fetch(`${state.options.simOrigin}/__sim/odoo/partners/${id}`, {
      method: 'POST',
      body: JSON.stringify({ set: { name: `Edited Company ${id} ${marker}` } }),
    });
    await response.arrayBuffer();
    if (response.ok) state.tracker.edited(id, marker, performance.now());
    else failures += 1;
  }
  return failures;
}

/** Every operation once, then the read after the write: which of them answered without error. */
export async function runSmoke(
  url: string,
  options: Pick<DashboardRunOptions, 'dialect' | 'seed' | 'partnerCount' | 'productCodes' | 'operations'>,
): Promise<{ readonly op: OperationName; readonly code: string | null }[]> {
  const chooser = createChooser({ seed: options.seed, user: 10_000, partnerCount: options.partnerCount, productCodes: options.productCodes });
  const results: { op: OperationName; code: string | null }[] = [];
  for (const op of options.operations) {
    const request = op.request(options.dialect, chooser);
    const outcome = await sendGraphql(url, request);
    results.push({ op: op.name, code: outcome.code });
    if (request.write !== undefined) {
      const back = await sendGraphql(url, readAfterWrite(options.dialect, request.write.id));
      const partner = back.data?.partner;
      const city = partner !== null && typeof partner === 'object' ? (partner as Record<string, unknown>).city : undefined;
      results.push({ op: 'read-after-write', code: back.code ?? (city === request.write.city ? null : 'READ_YOUR_WRITES_VIOLATION') });
    }
  }
  return results;
}
