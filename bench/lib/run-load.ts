/** One closed-loop autocannon run inside the bench process (as fast as answered). */
import autocannon from 'autocannon';

export interface HttpCall {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface LoadOptions {
  readonly call: HttpCall;
  readonly connections: number;
  readonly durationSec: number;
  /** The exact body checked before timing: any other body counts as failed. */
  readonly expectBody?: string;
}

export interface LoadResult {
  /** 2xx responses with the expected body. */
  readonly ok: number;
  /** Errors, timeouts, non-2xx and mismatching bodies. */
  readonly failed: number;
  readonly durationSec: number;
  /** Requests sent (answered or cut off at the end): the work the server was given. */
  readonly sent: number;
  /** ok / duration. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.call.url,
    method: options.call.method,
    headers: { ...options.call.headers },
    ...(options.call.body === undefined ? {} : { body: options.call.body }),
    connections: options.connections,
    duration: options.durationSec,
    ...(options.expectBody === undefined ? {} : { expectBody: options.expectBody }),
    timeout: 10,
  });
  const failed = result.errors + result.non2xx + result.mismatches;
  // Timeouts are also counted in errors by autocannon; mismatches are 2xx answers.
  const ok = Math.max(0, result['2xx'] - result.mismatches);
  const durationSec = result.duration > 0 ? result.duration : options.durationSec;
  return {
    ok,
    failed,
    durationSec,
    sent: result.requests.sent,
    rps: ok / durationSec,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
