/**
 * An open-loop run at a fixed rate with evenly spaced sends, for p50/p99. autocannon's rate mode sends
 * each connection's quota at the start of every second (bursts of N requests at once), which measures
 * its own bursts; here request i is due at start + i / rate and its latency counts from that moment,
 * so a stalled server is charged for the wait it caused (no coordinated omission).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { HttpCall } from './run-load.js';

export interface PacedResult {
  readonly ok: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The sender itself fell behind its schedule (> 10 ms): the load core, not the server, set the latency. */
  readonly senderLagged: boolean;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function runPaced(call: HttpCall, ratePerSec: number, durationSec: number, expectBody: string): Promise<PacedResult> {
  const url = new URL(call.url);
  const pool = new Pool(url.origin, { connections: 1024, keepAliveTimeout: 10_000 });
  const latencies: number[] = [];
  let failed = 0;
  const send = async (due: number): Promise<void> => {
    try {
      const response = await pool.request({
        path: `${url.pathname}${url.search}`,
        method: call.method,
        headers: call.headers,
        ...(call.body === undefined ? {} : { body: call.body }),
      });
      const text = await response.body.text();
      if (response.statusCode === 200 && text === expectBody) latencies.push(performance.now() - due);
      else failed += 1;
    } catch {
      failed += 1;
    }
  };
  const total = Math.max(1, Math.round(ratePerSec * durationSec));
  const interval = 1000 / ratePerSec;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let maxLag = 0;
  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    // Timers fire at ~1 ms granularity: requests due within the next millisecond go together.
    if (wait >= 1) await sleep(wait);
    maxLag = Math.max(maxLag, performance.now() - due);
    pending.push(send(due));
  }
  await Promise.all(pending);
  await pool.close();
  const sorted = latencies.sort((a, b) => a - b);
  return { ok: sorted.length, failed, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), senderLagged: maxLag > 10 };
}
