/**
 * One measurement of one contender on one operation: a warm-up, a closed-loop run (req/s, REST calls
 * per operation, server CPU per request, peak RSS, which core saturated), then an evenly paced run
 * at half the closed-loop maximum (p50/p99 latency).
 */
import type { ManagedProcess } from './managed-process.js';
import { coreBusyBetween, readCoreTimes, readCpuMs, readPeakRssMb, resetPeakRss } from './proc-stats.js';
import { runLoad, type HttpCall } from './run-load.js';
import { runPaced } from './run-paced.js';
import type { SimAdmin } from './sim-admin.js';

export interface CellOptions {
  readonly server: ManagedProcess;
  readonly call: HttpCall;
  readonly expectBody: string;
  readonly sim: SimAdmin;
  readonly connections: number;
  readonly durationSec: number;
  readonly rateDurationSec: number;
}

export interface Measurement {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The paced sender could not keep its schedule: p50/p99 are the load core's, not the server's. */
  readonly senderLagged: boolean;
  readonly restPerOp: number;
  readonly cpuMsPerReq: number;
  readonly peakRssMb: number;
  /** Busy fraction of each core during the closed loop. */
  readonly coreBusy: readonly number[];
  /** Share of one core the server itself used during the closed loop. */
  readonly serverShare: number;
  /** The server did not saturate its core: the limit was elsewhere (load core, wait, other load). */
  readonly void: boolean;
  /** Failed or mismatching responses (closed loop + fixed rate). */
  readonly failed: number;
}

/**
 * Share of its core the server must use itself for the round to count. The core's own busy time is
 * not enough on a shared machine: another process on it would make a client-bound server look saturated.
 */
const SATURATED = 0.8;

/** Waits until the server's CPU time stops growing: requests cut off at the end of a run still finish. */
async function waitIdle(pid: number): Promise<void> {
  let last = readCpuMs(pid);
  for (let i = 0; i < 50; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = readCpuMs(pid);
    if (now - last <= 10) return;
    last = now;
  }
}

export async function measureCell(options: CellOptions): Promise<Measurement> {
  // Runs are bounded by time only (autocannon ignores the duration when given an amount).
  const load = { call: options.call, expectBody: options.expectBody };
  const pid = options.server.pid;
  // Warm-up; requests it cut off still run in the server, so wait for them before measuring.
  await runLoad({ ...load, connections: options.connections, durationSec: 0.5 });
  await waitIdle(pid);
  await options.sim.clearRecords();
  resetPeakRss(pid);
  const cpuBefore = readCpuMs(pid);
  const coresBefore = readCoreTimes();
  const closed = await runLoad({ ...load, connections: options.connections, durationSec: options.durationSec });
  const coreBusy = coreBusyBetween(coresBefore, readCoreTimes());
  const cpuMs = readCpuMs(pid) - cpuBefore;
  const peakRssMb = readPeakRssMb(pid);
  await waitIdle(pid);
  const restCalls = await options.sim.countRecords();
  await options.sim.clearRecords();
  const rate = Math.max(1, Math.floor(closed.rps / 2));
  const fixed = await runPaced(options.call, rate, options.rateDurationSec, options.expectBody);
  await waitIdle(pid);
  await options.sim.clearRecords();
  // In a closed loop every connection has one request in flight when the run stops; the server still
  // answers it (waitIdle above), so it counts as work done, like the completed ones.
  const served = Math.max(1, closed.ok + closed.failed + options.connections);
  const serverShare = cpuMs / (closed.durationSec * 1000);
  return {
    rps: closed.rps,
    p50Ms: fixed.p50Ms,
    p99Ms: fixed.p99Ms,
    senderLagged: fixed.senderLagged,
    restPerOp: restCalls / served,
    cpuMsPerReq: cpuMs / served,
    peakRssMb,
    coreBusy,
    serverShare,
    void: serverShare < SATURATED,
    failed: closed.failed + fixed.failed,
  };
}
