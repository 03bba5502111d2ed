/**
 * One measurement of one contender on one operation: a warm-up, a closed-loop run (req/s, REST calls
 * per operation, server CPU per request, peak RSS, which core saturated), then a fixed-rate run at
 * half the closed-loop maximum (p50/p99 latency).
 */
import type { ManagedProcess } from './managed-process.js';
import { coreBusyBetween, readCoreTimes, readCpuMs, readPeakRssMb, resetPeakRss } from './proc-stats.js';
import { runLoad, type HttpCall } from './run-load.js';
import type { SimAdmin } from './sim-admin.js';

export interface CellOptions {
  readonly server: ManagedProcess;
  readonly call: HttpCall;
  readonly expectBody: string;
  readonly sim: SimAdmin;
  readonly connections: number;
  readonly durationSec: number;
  readonly rateDurationSec: number;
  /** Bounds a run that grows the upstream's data. */
  readonly amount?: number;
  /** Index of the server's core in /proc/stat. */
  readonly serverCore: number;
}

export interface Measurement {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly restPerOp: number;
  readonly cpuMsPerReq: number;
  readonly peakRssMb: number;
  /** Busy fraction of each core during the closed loop. */
  readonly coreBusy: readonly number[];
  /** The server's core was not the saturated one: the figure is a bound, not a maximum. */
  readonly void: boolean;
  /** Failed or mismatching responses (closed loop + fixed rate). */
  readonly failed: number;
}

/** Busy fraction at which the server's core counts as saturated. */
const SATURATED = 0.85;

export async function measureCell(options: CellOptions): Promise<Measurement> {
  const load = {
    call: options.call,
    expectBody: options.expectBody,
    ...(options.amount === undefined ? {} : { amount: options.amount }),
  };
  await runLoad({ ...load, connections: options.connections, durationSec: 0.5 });
  await options.sim.clearRecords();
  const pid = options.server.pid;
  resetPeakRss(pid);
  const cpuBefore = readCpuMs(pid);
  const coresBefore = readCoreTimes();
  const closed = await runLoad({ ...load, connections: options.connections, durationSec: options.durationSec });
  const coreBusy = coreBusyBetween(coresBefore, readCoreTimes());
  const cpuMs = readCpuMs(pid) - cpuBefore;
  const peakRssMb = readPeakRssMb(pid);
  const restCalls = await options.sim.countRecords();
  await options.sim.clearRecords();
  const rate = Math.max(1, Math.floor(closed.rps / 2));
  const fixed = await runLoad({
    ...load,
    connections: Math.min(options.connections, rate),
    durationSec: options.rateDurationSec,
    overallRate: rate,
  });
  await options.sim.clearRecords();
  const served = Math.max(1, closed.sent);
  const serverBusy = coreBusy[options.serverCore] ?? 0;
  return {
    rps: closed.rps,
    p50Ms: fixed.p50Ms,
    p99Ms: fixed.p99Ms,
    restPerOp: restCalls / served,
    cpuMsPerReq: cpuMs / served,
    peakRssMb,
    coreBusy,
    void: serverBusy < SATURATED,
    failed: closed.failed + fixed.failed,
  };
}
