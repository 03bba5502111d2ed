/**
 * Graceful shutdown (docs/resilience.md): in flight answered in full with `Connection: close`,
 * WebSockets closed with 1001, and the built `serve` under load stopping on SIGTERM with exit 0
 * and no reset for any request sent before the signal.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Simulator } from '../../../src/simulator/types.js';
import { spawnCli, waitForOutput, type RunningCli } from '../../support/spawn-cli.js';
import { startSimulator } from '../../support/simulator.js';
import { REPO_ROOT, SCHEMA_DIR, startStack, type Stack } from '../../support/start-stack.js';

let stack: Stack | undefined;
let simulator: Simulator | undefined;
let serve: RunningCli | undefined;
let tempDir: string | undefined;
const pools: Pool[] = [];
afterEach(async () => {
  if (serve !== undefined && serve.child.exitCode === null) serve.child.kill('SIGKILL');
  serve = undefined;
  await Promise.all(pools.splice(0).map((pool) => pool.destroy()));
  await stack?.close();
  stack = undefined;
  await simulator?.close();
  simulator = undefined;
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

const QUERY = JSON.stringify({ query: '{ countries(limit: 2) { items { id name } } }' });

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: { data?: { countries?: { items?: unknown[] } }; errors?: unknown[] };
}

async function ask(pool: Pool): Promise<Answer> {
  const response = await pool.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: QUERY });
  const connection = response.headers['connection'];
  return {
    status: response.statusCode,
    connection: typeof connection === 'string' ? connection : undefined,
    body: (await response.body.json()) as Answer['body'],
  };
}

const expectFull = (answer: Answer) => {
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data?.countries?.items).toHaveLength(2);
};

describe('BjetServer.shutdown', () => {
  it('answers a request in flight in full with Connection: close, and closes WebSockets with 1001', async () => {
    stack = await startStack({ simulator: { latency: { kind: 'fixed', ms: 300 } } });
    // The subscriptions' WebSocket server on /graphql (graphql-transport-ws).
    const socket = new WebSocket(stack.url.replace('http:', 'ws:'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closedWith = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const pool = new Pool(new URL(stack.url).origin, { connections: 1 });
    pools.push(pool);
    const inFlight = ask(pool);
    while (stack.calls().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const outcome = await stack.server.shutdown(5_000);
    const answer = await inFlight;
    expectFull(answer);
    expect(answer.connection).toBe('close');
    expect(await closedWith).toBe(1001);
    expect(outcome).toBe('drained');
    await stack.simulator.close();
    stack = undefined;
  });
});

describe('BjetServer.shutdown past its grace period', () => {
  it('cuts what is still in flight when the grace period ends, and says so', async () => {
    stack = await startStack({ simulator: { latency: { kind: 'fixed', ms: 3_000 } } });
    const pool = new Pool(new URL(stack.url).origin, { connections: 1 });
    pools.push(pool);
    const inFlight = ask(pool).then(
      () => 'answered',
      () => 'cut',
    );
    while (stack.calls().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    expect(await stack.server.shutdown(300)).toBe('forced');
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect(await inFlight).toBe('cut');
    // The upstream call was aborted too, not waited for: the simulator saw its socket close before
    // it answered (status 0), while an answered call would read 200.
    const upstreamInFlight = () => {
      stack?.simulator.resetPeak();
      return stack?.simulator.peakInFlight ?? 0;
    };
    while (upstreamInFlight() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stack.calls().map((call) => call.status)).toEqual([0]);
    await stack.simulator.close();
    stack = undefined;
  });
});

describe('bjet-graphql serve on SIGTERM', () => {
  it('answers every request sent before the signal, none reset, and exits 0', async () => {
    simulator = await startSimulator({ latency: { kind: 'fixed', ms: 150 } });
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'bjet-shutdown-'));
    const demoConfig = await readFile(path.join(REPO_ROOT, 'bjet-graphql.config.yaml'), 'utf8');
    const config = demoConfig
      .replace(/baseUrl: .*/, `baseUrl: ${simulator.baseUrl}`)
      .replace(/^schemaDir: .*$/m, `schemaDir: ${JSON.stringify(SCHEMA_DIR)}`)
      .replace(/^server:\n/m, 'server:\n  shutdownGraceMs: 8000\n')
      // Every request must reach the upstream (none answered from the cache), so some are in flight at the signal.
      .replace(/^upstream:\n/m, 'upstream:\n  cache: false\n');
    const file = path.join(tempDir, 'config.yaml');
    await writeFile(file, config);
    serve = spawnCli(['serve', '--config', file, '--port', '0', '--host', '127.0.0.1'], { BJET_DEMO_TOKEN: 'demo-token' });
    const [, url] = await waitForOutput(serve, /serving \d+ endpoints at (http:\/\/127\.0\.0\.1:\d+\/graphql)/);
    const pool = new Pool(new URL(url ?? '').origin, { connections: 8 });
    // Its 8 keep-alive connections are idle when the signal comes: the requests sent on them just
    // before it are on the wire to sockets the server sees as idle.
    const idlePool = new Pool(new URL(url ?? '').origin, { connections: 8 });
    pools.push(pool, idlePool);
    for (const answer of await Promise.all(Array.from({ length: 8 }, () => ask(idlePool)))) expectFull(answer);

    let signalled = false;
    let inFlightAtSignal = 0;
    let inFlight = 0;
    const answers: Answer[] = [];
    const failures: unknown[] = [];
    const worker = async (): Promise<void> => {
      while (!signalled) {
        inFlight += 1;
        try {
          answers.push(await ask(pool));
        } catch (error) {
          failures.push(error);
        } finally {
          inFlight -= 1;
        }
      }
    };
    // One worker per connection: a request undici queued for a busy connection has not been sent.
    const workers = Array.from({ length: 8 }, worker);
    while (answers.length < 48) await new Promise((resolve) => setTimeout(resolve, 10));
    signalled = true;
    inFlightAtSignal = inFlight;
    const sentBeforeSignal = answers.length + inFlightAtSignal;
    const late = Array.from({ length: 8 }, () => ask(idlePool));
    await new Promise((resolve) => setImmediate(resolve));
    serve.child.kill('SIGTERM');
    await Promise.all(workers);
    for (const answer of await Promise.all(late)) expectFull(answer);

    expect(failures.map(String)).toEqual([]);
    expect(inFlightAtSignal).toBeGreaterThan(0);
    expect(answers).toHaveLength(sentBeforeSignal);
    for (const answer of answers) expectFull(answer);
    expect(answers.slice(-inFlightAtSignal).filter((answer) => answer.connection === 'close').length).toBeGreaterThan(0);
    expect(await serve.exited).toBe(0);
    expect(serve.output()).toContain('"outcome":"drained"');
  });
});
