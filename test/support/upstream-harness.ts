/**
 * A simulator plus an upstream client wired to it, with the client's log captured, for the
 * upstream integration tests. `secretsSeen` checks a known token and password never leak.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { BjetError } from '../../src/errors/bjet-error.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { createUpstreamClient } from '../../src/upstream/create-upstream-client.js';
import type { CallContext, UpstreamClient } from '../../src/upstream/types.js';
import type { RequestRecord, Simulator, SimulatorOptions } from '../../src/simulator/types.js';
import { startSimulator } from './simulator.js';
import { buildTestConfig, TEST_LOGIN, TEST_PASSWORD, TEST_TOKEN, type TestConfigOverrides } from './upstream-test-config.js';

/** Every form in which a configured credential could leak. */
export const KNOWN_SECRETS = [TEST_TOKEN, TEST_PASSWORD, Buffer.from(`${TEST_LOGIN}:${TEST_PASSWORD}`).toString('base64')];

export interface HarnessOptions {
  readonly simulator?: SimulatorOptions;
  readonly config?: TestConfigOverrides;
  readonly random?: () => number;
}

export interface Harness {
  readonly simulator: Simulator;
  readonly client: UpstreamClient;
  /** Log lines written so far (the client logs at debug). */
  readonly logLines: () => string[];
  /** Every BjetError caught through `failure`. */
  readonly errors: BjetError[];
  ctx(overrides?: Partial<CallContext>): CallContext;
  /** Requests the simulator saw for an endpoint. */
  records(endpoint: string): RequestRecord[];
  /** Awaits a call that must fail with a BjetError, and keeps the error for the secret check. */
  failure(call: Promise<unknown>): Promise<BjetError>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const simulator = await startSimulator(options.simulator);
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const config = buildTestConfig(simulator.baseUrl, options.config);
  const client = createUpstreamClient(config, { logger, ...(options.random === undefined ? {} : { random: options.random }) });
  const errors: BjetError[] = [];
  let seq = 0;
  return {
    simulator,
    client,
    errors,
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
    ctx: (overrides = {}) => ({ requestId: `test-${(seq += 1)}`, deadline: Date.now() + 10_000, ...overrides }),
    records: (endpoint) => simulator.records.filter((record) => record.endpoint === endpoint),
    async failure(call) {
      try {
        await call;
      } catch (error) {
        if (!(error instanceof BjetError)) throw error;
        errors.push(error);
        return error;
      }
      throw new Error('expected the call to fail');
    },
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

/** No secret in any error message, extension, or log line the harness saw. */
export function expectNoSecretsIn(harness: Harness, extraSecrets: readonly string[] = []): void {
  const texts = [...harness.errors.flatMap((error) => [error.message, JSON.stringify(error.toExtensions()), String(error)]), ...harness.logLines()];
  expect(texts.length).toBeGreaterThan(0);
  for (const secret of [...KNOWN_SECRETS, ...extraSecrets]) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

/**
 * One harness for a whole test file: started before the first test, checked for leaked secrets and
 * closed after the last, with the simulator's faults and records cleared before each test.
 * `assign` receives it (the file keeps its own `let h: Harness`).
 */
export function useHarnessPerFile(options: HarnessOptions, assign: (harness: Harness) => void, extraSecrets: readonly string[] = []): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
    assign(harness);
  });
  afterAll(async () => {
    if (harness === undefined) return;
    expectNoSecretsIn(harness, extraSecrets);
    await harness.close();
  });
  beforeEach(() => {
    harness?.simulator.clearFaults();
    harness?.simulator.clearRecords();
  });
}
